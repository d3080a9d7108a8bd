/* SPDX-License-Identifier: GPL-2.0-only */
/* Glue between entry.S, the linker script and launch_main(). */
#ifndef PARAPET_LAUNCH_LAUNCH_H
#define PARAPET_LAUNCH_LAUNCH_H

#include <parapet/types.h>

/* The hypervisor is loaded inside this physical window (1 MiB .. 4 GiB). */
#define LAUNCH_LOAD_WIN_LO 0x100000ull
#define LAUNCH_LOAD_WIN_HI 0x100000000ull

/* Linker-script symbols: the whole launch image including .bss. */
extern u8 __launch_start[], __launch_end[];

/* Called by entry.S with launch's own stack. */
PP_NORETURN void launch_main(u32 magic, u64 mbi_pa, u32 boot_services_alive);

/* entry.S: cli, CR3 = cr3, launch GDT and segments reloaded; returns. */
void launch_switch_cpu(u64 cr3);

/* entry.S: cli, CR3 = cr3, launch GDT, jump to entry with RDI = handoff. */
PP_NORETURN void launch_enter_hv(u64 entry, u64 handoff, u64 cr3);

#endif
