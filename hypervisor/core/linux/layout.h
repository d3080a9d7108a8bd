/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest-physical layout of a Linux partition (docs/linux-partition.md,
 * "Boot protocol"), from its RAM size and its checked bzImage. The RAM is
 * one range at gpa 0, at most 3 GiB (the 32-bit MMIO window above it stays
 * a hole; RAM above 4 GiB is planned):
 *
 *   0x01000          GDT: null, null, code64 0x10, data 0x18 (boot.rst,
 *                    "64-bit Boot Protocol": __BOOT_CS, __BOOT_DS)
 *   0x07000          zero page
 *   0x08000-0x09000  stack; RSP = 0x9000
 *   0x09000          PML4, then the PDPT, then one page directory per GiB
 *                    of RAM: an identity map of all RAM with 2 MiB pages
 *                    (it covers the zero page, the command line and the
 *                    kernel's [load, load + init_size), as boot.rst asks)
 *   0x20000          command line, at most cmdline_size + 1 bytes with its NUL
 *   0xE0000-0x100000 ACPI tables (RSDP at 0xE0000), e820 reserved
 *   load             the protected-mode code: the lowest kernel_alignment
 *                    multiple >= max(pref_address, 1 MiB); [load, load +
 *                    init_size) must fit below the event logs
 *   initrd           page aligned, as high as possible below the event logs
 *                    and below min(initrd_addr_max, 0x7fffffff), outside
 *                    [load, load + init_size) (above it, else below it)
 *   top - evlog      the event logs' copy, e820 reserved, page aligned
 *
 * e820 description: RAM [0, 0xA0000), ACPI [0xE0000, 1 MiB), RAM [1 MiB,
 * top - evlog), event log [top - evlog, top); [0xA0000, 0xE0000) is a hole
 * (the legacy VGA window). The entry state: RIP = load + 0x200, RSI = the
 * zero page, long mode on these tables, CS 0x10, DS/ES/SS 0x18, IF = 0.
 *
 * Everything is computed from untrusted sizes (the image's header, the
 * policy's RAM): overflow-checked, and what does not fit is refused with
 * the numbers (PP_ERANGE). lnx_layout_write_tables writes the GDT and the
 * page tables through a gpa -> host callback, inside [0, 1 MiB) only.
 */
#ifndef PARAPET_HV_LINUX_LAYOUT_H
#define PARAPET_HV_LINUX_LAYOUT_H

#include <parapet/err.h>
#include <parapet/types.h>
#include "hypervisor/core/linux/bzimage.h"
#include "hypervisor/core/linux/zeropage.h"

#define LNX_GDT_GPA 0x1000ull
#define LNX_GDT_LIMIT 0x1Fu /* four 8-byte descriptors */
#define LNX_ZP_GPA 0x7000ull
#define LNX_STACK_GPA 0x8000ull
#define LNX_STACK_TOP 0x9000ull
#define LNX_PML4_GPA 0x9000ull
#define LNX_PT_MAX_PDS 3u /* one per GiB of RAM, LNX_RAM_MAX */
#define LNX_CMDLINE_GPA 0x20000ull
#define LNX_LOW_RAM_END 0xA0000ull
#define LNX_ACPI_GPA 0xE0000ull
#define LNX_ACPI_SIZE 0x20000ull
#define LNX_RAM_MIN (16ull << 20)
#define LNX_RAM_MAX (3ull << 30)
#define LNX_INITRD_LIMIT 0x80000000ull /* boot.rst: below 0x7fffffff */
#define LNX_LARGE_PAGE (2ull << 20)
#define LNX_SEL_CS 0x10u
#define LNX_SEL_DS 0x18u

struct lnx_layout_req {
	u64 ram_size;	 /* RAM at gpa 0: a multiple of 2 MiB */
	u64 cmdline_len; /* without its NUL */
	u64 initrd_size; /* 0: no initrd */
	u64 evlog_size;	 /* the event logs' reserved copy; 0: none */
};

struct lnx_layout {
	u64 zero_page, cmdline, cmdline_max; /* cmdline_max counts the NUL */
	u64 gdt, stack_top, pml4;
	u32 pt_pages;		     /* PML4, PDPT, page directories: from pml4 on */
	u64 map_end;		     /* [0, map_end) identity-mapped */
	u64 kernel_load, kernel_end; /* [load, load + init_size) */
	u64 kernel_off, kernel_len;  /* the file bytes copied to kernel_load */
	u64 initrd, initrd_size;
	u64 acpi, acpi_size;
	u64 evlog, evlog_size;
	u64 rip, rsi, rsp, cr3;
	struct lnx_mem_range mem[4]; /* the e820 description (no MMIO) */
	u32 nmem;
};

/* Plan the layout of req for the image bz. PP_ERANGE with the numbers, or
 * PP_EINVAL (misaligned RAM size); *out only on success. */
int lnx_layout_plan(const struct lnx_bzimage *bz, const struct lnx_layout_req *req,
		    struct lnx_layout *out, struct pp_err *err);

/* Host pointer to [g, g + len) of the partition's RAM, or NULL. */
typedef u8 *(*lnx_gpa_ptr_fn)(void *ctx, u64 g, u64 len);

/* Write the GDT and the identity page tables of l (zeroing the stack) through
 * ptr. PP_ERANGE when ptr refuses a range, or l is not a plan's. */
int lnx_layout_write_tables(const struct lnx_layout *l, lnx_gpa_ptr_fn ptr, void *ctx,
			    struct pp_err *err);

#endif
