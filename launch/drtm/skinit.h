/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * AMD SKINIT Secure Loader Block (SLB): layout, validation and an image
 * builder. Pure data: nothing here executes SKINIT. HARDWARE-ONLY path
 * (QEMU raises #UD on SKINIT); the emulated DRTM reuses the same SLB.
 *
 * AMD64 APM vol. 2, section 15.27 "Security" (SKINIT instruction,
 * "Secure Loader Block"): the SLB is a 64 KiB region, 64 KiB aligned,
 * below 4 GiB. Word 0 (u16) is the entry point offset, word 1 (u16) the
 * length of the part the CPU measures, starting at offset 0 (so the header
 * itself is measured). SKINIT sets PCR17 = H(0 || H(SLB[0:len])),
 * EAX = SLB base, ESP = SLB base + 64 KiB, and blocks DMA to the 64 KiB.
 */
#ifndef PARAPET_LAUNCH_DRTM_SKINIT_H
#define PARAPET_LAUNCH_DRTM_SKINIT_H

#include <parapet/err.h>
#include <parapet/types.h>

#define SLB_SIZE 0x10000u	      /* the whole protected block: 64 KiB */
#define SLB_ALIGN 0x10000u	      /* base alignment */
#define SLB_BASE_LIMIT 0x100000000ull /* base + 64 KiB must be <= 4 GiB */
#define SLB_HDR_SIZE 4u

/* APM vol. 2 section 15.27 (SLB format): two little-endian 16-bit words. */
struct slb_header {
	u16 entry_offset; /* offset of the first instruction, from the SLB base */
	u16 measured_len; /* bytes measured by SKINIT, from offset 0 */
} PP_PACKED;
_Static_assert(sizeof(struct slb_header) == SLB_HDR_SIZE, "SLB header size");
_Static_assert(__builtin_offsetof(struct slb_header, entry_offset) == 0, "SLB entry");
_Static_assert(__builtin_offsetof(struct slb_header, measured_len) == 2, "SLB length");

/* What slb_check() extracted from a valid SLB. */
struct slb_info {
	u16 entry_offset;
	u16 measured_len;
	u64 base;      /* physical base (EAX at SKINIT) */
	u64 stack_top; /* base + 64 KiB (ESP at SKINIT) */
};

/*
 * Validate an SLB at physical address `base` whose bytes (len of them, the
 * image as it will sit in memory, at most 64 KiB) are at `bytes`:
 *  - base 64 KiB aligned and base + 64 KiB <= 4 GiB;
 *  - 4 <= len <= 64 KiB;
 *  - measured length >= 4 (the header is measured) and <= len;
 *  - entry offset >= 4 and < measured length (the entry is measured code).
 */
int slb_check(u64 base, const u8 *bytes, u64 len, struct slb_info *out, struct pp_err *err);

/*
 * SLB image layout produced by slb_build():
 *   [0, 4)                          header
 *   [4, 4 + code_len)               code (measured); entry = 4 + code_entry
 *   [data_off, data_off + data_len) unmeasured data (loader parameters,
 *                                   event-log buffer, ...), data_off =
 *                                   measured_len rounded up to 16
 *   [64 KiB - stack_reserve, 64 KiB) stack (ESP starts at the top)
 * Everything else is zero.
 */
struct slb_layout {
	u16 entry_offset;
	u16 measured_len;
	u32 data_off;
	u32 data_len;
	u32 stack_reserve;
};

/*
 * Lay out an SLB into out[SLB_SIZE]. The measured part must fit in 64 KiB
 * minus one byte (the length field is 16 bits), the data must end below the
 * stack reserve. Fails with a precise message and leaves out untouched
 * otherwise.
 */
int slb_build(u8 *out, const u8 *code, u32 code_len, u32 code_entry, const u8 *data, u32 data_len,
	      u32 stack_reserve, struct slb_layout *layout, struct pp_err *err);

#endif
