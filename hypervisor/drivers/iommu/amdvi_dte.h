/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The AMD-Vi device table entry (AMD I/O Virtualization Technology (IOMMU)
 * Specification #48882, rev 3.x, §2.2.2.1 "Device Table Entry Format", its
 * figure and field table): 256 bits, four little-endian u64 words, one per
 * requester ID in the device table. Pure builders and a decoder; no
 * hardware access; host-tested (tests/unit/test_amdvi_dte.c). Not used at
 * boot yet (issue 11). The builders take hypervisor-chosen values only and
 * check them; a refused argument leaves the entry untouched.
 *
 * Naming: AMDVI_DTE_<FIELD>_W is the word (0..3) holding the field,
 * AMDVI_DTE_<FIELD>_SHIFT its lowest bit within that word and
 * AMDVI_DTE_<FIELD>_MASK its bits within that word (already shifted).
 * The comment gives the bits in the 256-bit entry as the spec numbers them.
 */
#ifndef PARAPET_HV_AMDVI_DTE_H
#define PARAPET_HV_AMDVI_DTE_H

#include <parapet/err.h>
#include <parapet/types.h>

/* Word 0: bits 63:0. */
#define AMDVI_DTE_V_W 0u /* 0: entry valid */
#define AMDVI_DTE_V_SHIFT 0u
#define AMDVI_DTE_V_MASK (1ull << 0)
#define AMDVI_DTE_TV_W 0u /* 1: translation information valid */
#define AMDVI_DTE_TV_SHIFT 1u
#define AMDVI_DTE_TV_MASK (1ull << 1)
/* 8:2 left zero (reserved in early rev 3; later revisions define Host
 * Access/Dirty control in 8:7, which Parapet does not use). */
#define AMDVI_DTE_MODE_W 0u /* 11:9: paging mode, 0 = no translation, 1..6 = levels */
#define AMDVI_DTE_MODE_SHIFT 9u
#define AMDVI_DTE_MODE_MASK (7ull << 9)
#define AMDVI_DTE_PTROOT_W 0u /* 51:12: host page table root pointer */
#define AMDVI_DTE_PTROOT_SHIFT 12u
#define AMDVI_DTE_PTROOT_MASK 0x000ffffffffff000ull
#define AMDVI_DTE_PPR_W 0u /* 52: peripheral page request enable */
#define AMDVI_DTE_PPR_SHIFT 52u
#define AMDVI_DTE_PPR_MASK (1ull << 52)
#define AMDVI_DTE_GPRP_W 0u /* 53: guest PPR response with PASID */
#define AMDVI_DTE_GPRP_SHIFT 53u
#define AMDVI_DTE_GPRP_MASK (1ull << 53)
#define AMDVI_DTE_GIOV_W 0u /* 54: guest I/O protection valid */
#define AMDVI_DTE_GIOV_SHIFT 54u
#define AMDVI_DTE_GIOV_MASK (1ull << 54)
#define AMDVI_DTE_GV_W 0u /* 55: guest translation valid */
#define AMDVI_DTE_GV_SHIFT 55u
#define AMDVI_DTE_GV_MASK (1ull << 55)
#define AMDVI_DTE_GLX_W 0u /* 57:56: guest levels translated */
#define AMDVI_DTE_GLX_SHIFT 56u
#define AMDVI_DTE_GLX_MASK (3ull << 56)
#define AMDVI_DTE_GCR3A_W 0u /* 60:58: guest CR3 table root pointer [14:12] */
#define AMDVI_DTE_GCR3A_SHIFT 58u
#define AMDVI_DTE_GCR3A_MASK (7ull << 58)
#define AMDVI_DTE_IR_W 0u /* 61: DMA read permission (ANDed with the page tables') */
#define AMDVI_DTE_IR_SHIFT 61u
#define AMDVI_DTE_IR_MASK (1ull << 61)
#define AMDVI_DTE_IW_W 0u /* 62: DMA write permission */
#define AMDVI_DTE_IW_SHIFT 62u
#define AMDVI_DTE_IW_MASK (1ull << 62)
/* 63 reserved. */

/* Word 1: bits 127:64. */
#define AMDVI_DTE_DOMAIN_W 1u /* 79:64: domain ID (tags IOTLB and cache entries) */
#define AMDVI_DTE_DOMAIN_SHIFT 0u
#define AMDVI_DTE_DOMAIN_MASK 0xffffull
#define AMDVI_DTE_GCR3B_W 1u /* 95:80: guest CR3 table root pointer [30:15] */
#define AMDVI_DTE_GCR3B_SHIFT 16u
#define AMDVI_DTE_GCR3B_MASK (0xffffull << 16)
#define AMDVI_DTE_I_W 1u /* 96: IOTLB enable (ATS) */
#define AMDVI_DTE_I_SHIFT 32u
#define AMDVI_DTE_I_MASK (1ull << 32)
#define AMDVI_DTE_SE_W 1u /* 97: suppress page-fault events for this device */
#define AMDVI_DTE_SE_SHIFT 33u
#define AMDVI_DTE_SE_MASK (1ull << 33)
#define AMDVI_DTE_SA_W 1u /* 98: suppress all page-fault events */
#define AMDVI_DTE_SA_SHIFT 34u
#define AMDVI_DTE_SA_MASK (1ull << 34)
#define AMDVI_DTE_IOCTL_W 1u /* 100:99: port I/O control (00b: abort) */
#define AMDVI_DTE_IOCTL_SHIFT 35u
#define AMDVI_DTE_IOCTL_MASK (3ull << 35)
#define AMDVI_DTE_CACHE_W 1u /* 101: IOTLB cache hint */
#define AMDVI_DTE_CACHE_SHIFT 37u
#define AMDVI_DTE_CACHE_MASK (1ull << 37)
#define AMDVI_DTE_SD_W 1u /* 102: snoop disable */
#define AMDVI_DTE_SD_SHIFT 38u
#define AMDVI_DTE_SD_MASK (1ull << 38)
#define AMDVI_DTE_EX_W 1u /* 103: allow the exclusion range */
#define AMDVI_DTE_EX_SHIFT 39u
#define AMDVI_DTE_EX_MASK (1ull << 39)
#define AMDVI_DTE_SYSMGT_W 1u /* 105:104: system management message handling (00b: abort) */
#define AMDVI_DTE_SYSMGT_SHIFT 40u
#define AMDVI_DTE_SYSMGT_MASK (3ull << 40)
/* 106 reserved here (left zero). */
#define AMDVI_DTE_GCR3C_W 1u /* 127:107: guest CR3 table root pointer [51:31] */
#define AMDVI_DTE_GCR3C_SHIFT 43u
#define AMDVI_DTE_GCR3C_MASK (0x1fffffull << 43)

/* Word 2: bits 191:128, interrupt remapping. */
#define AMDVI_DTE_IV_W 2u /* 128: interrupt map valid */
#define AMDVI_DTE_IV_SHIFT 0u
#define AMDVI_DTE_IV_MASK (1ull << 0)
#define AMDVI_DTE_INTTABLEN_W 2u /* 132:129: table holds 2^IntTabLen entries */
#define AMDVI_DTE_INTTABLEN_SHIFT 1u
#define AMDVI_DTE_INTTABLEN_MASK (0xfull << 1)
#define AMDVI_DTE_IG_W 2u /* 133: ignore unmapped interrupts (no event) */
#define AMDVI_DTE_IG_SHIFT 5u
#define AMDVI_DTE_IG_MASK (1ull << 5)
#define AMDVI_DTE_INTROOT_W 2u /* 179:134: interrupt table root pointer [51:6] */
#define AMDVI_DTE_INTROOT_SHIFT 6u
#define AMDVI_DTE_INTROOT_MASK 0x000fffffffffffc0ull
/* 183:180 reserved. */
#define AMDVI_DTE_INITPASS_W 2u /* 184: pass INIT unmapped */
#define AMDVI_DTE_INITPASS_SHIFT 56u
#define AMDVI_DTE_INITPASS_MASK (1ull << 56)
#define AMDVI_DTE_EINTPASS_W 2u /* 185: pass ExtInt unmapped */
#define AMDVI_DTE_EINTPASS_SHIFT 57u
#define AMDVI_DTE_EINTPASS_MASK (1ull << 57)
#define AMDVI_DTE_NMIPASS_W 2u /* 186: pass NMI unmapped */
#define AMDVI_DTE_NMIPASS_SHIFT 58u
#define AMDVI_DTE_NMIPASS_MASK (1ull << 58)
/* 187 reserved. */
#define AMDVI_DTE_INTCTL_W 2u /* 189:188: fixed/arbitrated interrupts */
#define AMDVI_DTE_INTCTL_SHIFT 60u
#define AMDVI_DTE_INTCTL_MASK (3ull << 60)
#define AMDVI_DTE_LINT0PASS_W 2u /* 190: pass LINT0 unmapped */
#define AMDVI_DTE_LINT0PASS_SHIFT 62u
#define AMDVI_DTE_LINT0PASS_MASK (1ull << 62)
#define AMDVI_DTE_LINT1PASS_W 2u /* 191: pass LINT1 unmapped */
#define AMDVI_DTE_LINT1PASS_SHIFT 63u
#define AMDVI_DTE_LINT1PASS_MASK (1ull << 63)
/* Word 3: bits 255:192, reserved in the revision cited (later revisions
 * add attribute overrides there); always zero. */

/* IntCtl encodings (§2.2.2.1). */
#define AMDVI_INTCTL_ABORT 0u
#define AMDVI_INTCTL_PASS 1u
#define AMDVI_INTCTL_REMAP 2u

#define AMDVI_MODE_OFF 0u /* translation disabled: IR/IW decide alone */
#define AMDVI_MODE_MAX 6u /* 6 levels; 7 is reserved */

/* Interrupt remapping table root alignment: bits 51:6. */
#define AMDVI_IRT_ALIGN 64u

struct amdvi_dte {
	u64 q[4]; /* q[i] holds bits 64i+63 .. 64i; stored little-endian */
};
_Static_assert(sizeof(struct amdvi_dte) == 32, "a DTE is 256 bits (§2.2.2.1)");
_Static_assert(__builtin_offsetof(struct amdvi_dte, q[0]) == 0, "bits 63:0 at byte 0");
_Static_assert(__builtin_offsetof(struct amdvi_dte, q[1]) == 8, "bits 127:64 at byte 8");
_Static_assert(__builtin_offsetof(struct amdvi_dte, q[2]) == 16, "bits 191:128 at byte 16");
_Static_assert(__builtin_offsetof(struct amdvi_dte, q[3]) == 24, "bits 255:192 at byte 24");
_Static_assert(AMDVI_DTE_PTROOT_MASK == 0x000ffffffffff000ull, "root pointer is bits 51:12");
_Static_assert((AMDVI_DTE_GCR3C_MASK >> AMDVI_DTE_GCR3C_SHIFT) == 0x1fffffull,
	       "GCR3 [51:31] is 21 bits at 127:107");
_Static_assert((AMDVI_DTE_INTROOT_MASK >> AMDVI_DTE_INTROOT_SHIFT) == (1ull << 46) - 1,
	       "interrupt table root is 46 bits at 179:134");

/*
 * Default deny: V, TV, Mode 0, IR = IW = 0 (every DMA request of the
 * device is target-aborted and logged as an IO_PAGE_FAULT); interrupts
 * blocked too: IV with IntTabLen 0 and root irt_hpa, which must be a
 * zeroed 64-byte-aligned block (its one entry has RemapEn clear, so every
 * remapped interrupt is aborted), IntCtl abort, no pass-through bits,
 * IoCtl and SysMgt abort, EX clear. Events are not suppressed.
 * Errors: PP_EINVAL (irt_hpa misaligned, zero or beyond 52 bits).
 */
int amdvi_dte_deny(struct amdvi_dte *d, u16 domain, u64 irt_hpa, struct pp_err *err);

/*
 * Translated: as amdvi_dte_deny for interrupts, plus Mode `mode` (1..6,
 * the number of levels of the host page table: 4 or 5 for the radix
 * engine, amdvi_mode_for_depth) rooted at root_hpa (4 KiB-aligned, below
 * 2^52, not 0), IR = IW = 1 so the page-table leaves decide, domain ID
 * `domain`. Errors: PP_EINVAL (mode, root or irt_hpa).
 */
int amdvi_dte_translate(struct amdvi_dte *d, u16 domain, u64 root_hpa, u32 mode, u64 irt_hpa,
			struct pp_err *err);

/* Every field the builders set, decoded (for logs and tests). */
struct amdvi_dte_info {
	bool v, tv, ir, iw, iv, ig, ex, se, sa, i, sd;
	bool init_pass, eint_pass, nmi_pass, lint0_pass, lint1_pass;
	u32 mode, int_tab_len, int_ctl, io_ctl, sys_mgt;
	u16 domain;
	u64 root_hpa, irt_hpa;
	bool reserved_set; /* a bit Parapet never sets (guest/PPR/reserved/word 3) is set */
};
void amdvi_dte_decode(const struct amdvi_dte *d, struct amdvi_dte_info *out);

/* True when the entry itself blocks every DMA request and every interrupt
 * that would bypass the remapping table: V and TV set, Mode 0, IR and IW
 * clear, IV set, IntCtl abort, no pass-through bits, EX clear. (What a
 * remapped interrupt does depends on the table's entries.) */
bool amdvi_dte_blocks_all(const struct amdvi_dte *d);

#endif
