/* SPDX-License-Identifier: GPL-2.0-only */
/* launch's own GDT: null, 64-bit code, data, 32-bit code. Selectors usable from assembly. */
#ifndef PARAPET_LAUNCH_GDT_H
#define PARAPET_LAUNCH_GDT_H

#define LAUNCH_CS 0x08
#define LAUNCH_DS 0x10
#define LAUNCH_CS32 0x18 /* 32-bit code: the way down to the SL's entry state */

#ifndef __ASSEMBLY__
#include <parapet/types.h>

/* Operand of LGDT (APM Vol. 2, 4.6.2): 16-bit limit, then base. */
struct gdt_ptr {
	u16 limit;
	u64 base;
} PP_PACKED;
_Static_assert(sizeof(struct gdt_ptr) == 10, "GDTR image");

extern const u64 launch_gdt[4];
extern const struct gdt_ptr launch_gdt_ptr;
#endif

#endif
