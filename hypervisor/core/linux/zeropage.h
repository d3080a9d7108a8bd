/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The zero page (struct boot_params, Documentation/arch/x86/zero-page.rst)
 * a Linux partition starts with, and its e820 map (docs/linux-partition.md,
 * "Boot protocol").
 *
 * e820: from a partition description (ranges of RAM, of reserved memory
 * for the ACPI tables and the event logs, and MMIO holes) build the map:
 * sorted by address, no two ranges overlapping, every range 4 KiB aligned
 * and non-empty, inside 48 bits, RAM below 1 MiB present (Linux places
 * its real-mode trampoline there and panics without it,
 * arch/x86/realmode/init.c), at most 128 entries (the zero page's table).
 * RAM is type 1, ACPI and event-log ranges type 2 (reserved); MMIO ranges
 * give no entry (they stay holes) but are checked like the others.
 *
 * Zero page: zeroed, then the image's setup header [0x1F1, hdr_end)
 * copied from the checked bzImage (bzimage.h), then the loader's fields:
 * type_of_loader 0xFF, cmd_line_ptr, ramdisk_image and ramdisk_size (low
 * 32 bits in the header, high 32 in the ext_* fields), acpi_rsdp_addr,
 * e820_entries and e820_table. The header fields that are the loader's
 * and would otherwise carry the image's bytes (setup_data, hardware_subarch
 * and its data) are cleared: the image does not get to point the kernel at
 * guest memory. Of loadflags only LOADED_HIGH is kept: QUIET_FLAG,
 * KEEP_SEGMENTS and CAN_USE_HEAP are the loader's to set (boot.rst,
 * "loadflags"), KASLR_FLAG the kernel's own; heap_end_ptr and
 * ext_loader_ver/type, also the loader's, are cleared. The caller's inputs come from the hypervisor
 * (layout.c), but are still checked; on error nothing is written.
 */
#ifndef PARAPET_HV_LINUX_ZEROPAGE_H
#define PARAPET_HV_LINUX_ZEROPAGE_H

#include <parapet/err.h>
#include <parapet/types.h>
#include "hypervisor/core/linux/bzimage.h"

#define LNX_ZP_SIZE 4096u
#define LNX_MEM_MAX 32u		  /* ranges in a partition description */
#define LNX_LOW_LIMIT 0x100000ull /* 1 MiB */

enum lnx_mem_kind { LNX_MEM_RAM = 1, LNX_MEM_ACPI = 2, LNX_MEM_EVLOG = 3, LNX_MEM_MMIO = 4 };

struct lnx_mem_range {
	u64 gpa;
	u64 size;
	u32 kind; /* enum lnx_mem_kind */
};

/* An e820 entry in host form (written to the zero page with st_le*). */
struct lnx_e820 {
	u64 addr;
	u64 size;
	u32 type; /* LNX_E820_RAM or LNX_E820_RESERVED */
};

/* Build the e820 map of the n ranges in r into out[LNX_E820_MAX]; *nout
 * entries. PP_EINVAL (empty, misaligned, unknown kind), PP_ERANGE
 * (overflow, beyond 48 bits, too many), PP_EOVERLAP, PP_ENOENT (no RAM
 * below 1 MiB). */
int lnx_e820_build(const struct lnx_mem_range *r, u32 n, struct lnx_e820 *out, u32 *nout,
		   struct pp_err *err);

struct lnx_zp_args {
	u64 cmdline_gpa; /* the NUL-terminated command line */
	u64 initrd_gpa;	 /* 0 and size 0: no initrd */
	u64 initrd_size;
	u64 rsdp_gpa; /* 0: none (the kernel scans 0xE0000) */
	const struct lnx_e820 *e820;
	u32 n_e820;
};

/*
 * Build the zero page in zp[LNX_ZP_SIZE] from the image img[0, len) that
 * lnx_bzimage_parse accepted as *bz. PP_EINVAL (no command line, an e820
 * map that is empty, too long or not sorted and disjoint, an image shorter
 * than its header), PP_ERANGE (an initrd that wraps). zp is written only on
 * success.
 */
int lnx_zeropage_build(u8 *zp, const u8 *img, u64 len, const struct lnx_bzimage *bz,
		       const struct lnx_zp_args *a, struct pp_err *err);

#endif
