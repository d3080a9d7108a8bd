/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Multiboot2 boot information (MBI) parser. Pure and host-testable: it reads
 * a byte buffer with ld_le* and bounds checks, and returns validated copies
 * and offsets (never pointers into the buffer). Layout per the Multiboot2
 * specification 1.0, section 3.6.
 */
#ifndef PARAPET_LAUNCH_MB2_H
#define PARAPET_LAUNCH_MB2_H

#include <parapet/err.h>
#include <parapet/types.h>
#include "mb2_abi.h"

#define MB2_MAX_MODULES 32u	 /* the hypervisor plus PP_HANDOFF_MAX_MODULES - 1 others */
#define MB2_MAX_MMAP 256u	 /* tag 6 entries */
#define MB2_MAX_TOTAL (1u << 20) /* a larger MBI is treated as corrupt */
#define MB2_MMAP_ENTRY_MIN 24u	 /* base u64, length u64, type u32, reserved u32 */
#define MB2_EFI_DESC_MIN 40u	 /* UEFI 2.x EFI_MEMORY_DESCRIPTOR */
#define MB2_EFI_DESC_MAX 4096u
#define MB2_RSDP_V1_LEN 20u
#define MB2_RSDP_V2_LEN 36u

struct mb2_module {
	u32 start, end;		      /* physical [start, end), start < end */
	u32 cmdline_off, cmdline_len; /* NUL-terminated string in the MBI */
};

struct mb2_mmap_entry {
	u64 base, length;
	u32 type; /* MB2_MMAP_* (raw, not normalised) */
};

struct mb2_info {
	u32 total_size;
	bool has_cmdline;
	u32 cmdline_off, cmdline_len;
	u32 mod_count;
	struct mb2_module mod[MB2_MAX_MODULES];
	bool has_mmap;
	u32 mmap_count;
	struct mb2_mmap_entry mmap[MB2_MAX_MMAP];
	bool has_efi64_st, has_efi64_ih;
	u64 efi64_st, efi64_ih;
	bool has_rsdp_v1, has_rsdp_v2;
	u8 rsdp_v1[MB2_RSDP_V1_LEN];
	u8 rsdp_v2[MB2_RSDP_V2_LEN];
	bool has_efi_mmap;
	u32 efi_mmap_off, efi_mmap_size; /* descriptors inside the MBI */
	u32 efi_desc_size, efi_desc_version;
	bool efi_bs_alive; /* tag 18 */
	bool has_load_base;
	u32 load_base;
};

/*
 * Validate an MBI of len readable bytes (len may exceed total_size). On
 * success *out holds the validated values; on failure returns a PP_E* code,
 * fills err with an "MBI: ..." message and leaves *out unspecified.
 */
int mb2_parse(const u8 *buf, size_t len, struct mb2_info *out, struct pp_err *err);

/*
 * Find the one module whose command line's first word is "hypervisor".
 * Returns its index, or a PP_E* code (none, or more than one). *args_off
 * and *args_len give the rest of its command line (leading blanks skipped).
 */
int mb2_find_hypervisor(const u8 *buf, const struct mb2_info *mi, u32 *args_off, u32 *args_len,
			struct pp_err *err);

/* True when [base, base+len) is covered by available (type 1) tag-6 entries. */
bool mb2_range_available(const struct mb2_info *mi, u64 base, u64 len);

#endif
