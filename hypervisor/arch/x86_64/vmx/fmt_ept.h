/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Intel extended page tables (EPT) as a pt_format for the shared radix
 * engine (hypervisor/lib/pt/pt.h, docs/page-tables.md). Entry formats: SDM
 * vol. 3C §29.3.2 "EPT Translation Mechanism", Tables 29-1..29-6 (PML5E,
 * PML4E, PDPTE mapping 1 GiB or referencing a PD, PDE mapping 2 MiB or
 * referencing a PT, PTE); the EPT pointer: §25.6.11 "Extended-Page-Table
 * Pointer (EPTP)"; capabilities: IA32_VMX_EPT_VPID_CAP, Appendix A.10.
 *
 * Hardware-only, untested on hardware: QEMU TCG has no VMX and nothing
 * here is in the hypervisor image (docs/vmx.md). Host-tested only
 * (tests/unit/test_vmx_ept.c).
 */
#ifndef PARAPET_HV_VMX_FMT_EPT_H
#define PARAPET_HV_VMX_FMT_EPT_H

#include <parapet/err.h>
#include "hypervisor/lib/pt/pt.h"

/* ---- Entry bits (Tables 29-1..29-6) ---- */
#define EPT_R (1ull << 0) /* read */
#define EPT_W (1ull << 1) /* write */
#define EPT_X (1ull << 2) /* execute (supervisor-mode execute under mode-based control) */
#define EPT_RWX (EPT_R | EPT_W | EPT_X)
/* Leaves only: EPT memory type in bits 5:3 (§29.3.7), ignore-PAT bit 6. */
#define EPT_MT_SHIFT 3u
#define EPT_MT_MASK (7ull << EPT_MT_SHIFT)
#define EPT_MT_UC 0ull /* §29.3.7: 0 = UC, 1 = WC, 4 = WT, 5 = WP, 6 = WB */
#define EPT_MT_WB 6ull
#define EPT_IPAT (1ull << 6)
/* Bit 7 of a PDPTE or PDE: 1 maps a 1 GiB or 2 MiB page (Tables 29-3, 29-5);
 * reserved (0) in PML5Es and PML4Es. */
#define EPT_PS (1ull << 7)
/* Accessed (bit 8) and dirty (bit 9, leaves), written only when the EPTP
 * enables them (§29.3.5); Parapet leaves them off. */
#define EPT_A (1ull << 8)
#define EPT_D (1ull << 9)
/* Physical address bits 51:12 (table or 4 KiB page), 51:21 (2 MiB), 51:30
 * (1 GiB); bits above MAXPHYADDR are reserved (the caller's out_bits). */
#define EPT_ADDR_4K 0x000ffffffffff000ull
#define EPT_ADDR_2M 0x000fffffffe00000ull
#define EPT_ADDR_1G 0x000fffffc0000000ull
#define EPT_OUT_BITS 52u
/* Table entries allow everything; the leaf decides. Bits 7:3 of a table
 * entry are reserved (0). */
#define EPT_TABLE_BITS EPT_RWX
/* Every leaf Parapet builds: write-back, the guest's PAT applies. */
#define EPT_LEAF_MT (EPT_MT_WB << EPT_MT_SHIFT)

_Static_assert(EPT_LEAF_MT == 0x30ull, "§29.3.7: WB (6) in bits 5:3");
_Static_assert((EPT_RWX | EPT_MT_MASK | EPT_IPAT | EPT_PS) == 0xffull,
	       "Tables 29-3/29-5: bits 7:0 are R, W, X, memory type, ignore PAT, page size");
_Static_assert(EPT_ADDR_4K == (((1ull << EPT_OUT_BITS) - 1) & ~(PP_PAGE_SIZE - 1)),
	       "address field is bits 51:12");
_Static_assert((EPT_ADDR_4K & (EPT_RWX | EPT_MT_MASK | EPT_IPAT | EPT_PS | EPT_A | EPT_D)) == 0,
	       "address and attribute bits do not overlap");
_Static_assert(PT_ENTRIES * sizeof(u64) == PP_PAGE_SIZE, "an EPT table is one 4 KiB page");

/* ---- IA32_VMX_EPT_VPID_CAP (MSR 0x48c; Appendix A.10) ---- */
#define EPT_CAP_EXEC_ONLY (1ull << 0) /* execute-only translations allowed */
#define EPT_CAP_PWL4 (1ull << 6)      /* page-walk length 4 */
#define EPT_CAP_PWL5 (1ull << 7)      /* page-walk length 5 */
#define EPT_CAP_UC (1ull << 8)	      /* EPTP memory type UC allowed */
#define EPT_CAP_WB (1ull << 14)	      /* EPTP memory type WB allowed */
#define EPT_CAP_2M (1ull << 16)	      /* PDEs may map 2 MiB pages */
#define EPT_CAP_1G (1ull << 17)	      /* PDPTEs may map 1 GiB pages */
#define EPT_CAP_AD (1ull << 21)	      /* accessed and dirty flags */

/* ---- The EPT pointer (§25.6.11) ---- */
#define EPTP_MT_MASK 0x7ull /* bits 2:0: memory type of the paging structures */
#define EPTP_MT_WB 6ull
#define EPTP_PWL_SHIFT 3u /* bits 5:3: page-walk length - 1 */
#define EPTP_PWL_MASK (7ull << EPTP_PWL_SHIFT)
#define EPTP_AD (1ull << 6)   /* bit 6: accessed and dirty flags (left 0) */
#define EPTP_ADDR EPT_ADDR_4K /* bits N-1:12: the root table */
_Static_assert((EPTP_MT_MASK | EPTP_PWL_MASK | EPTP_AD) == 0x7full,
	       "§25.6.11: EPTP bits 6:0 are type, walk length - 1, A/D");

/* Readable leaves only (any R/W/X with R set). */
extern const struct pt_format pt_fmt_ept;
/* As pt_fmt_ept plus execute-only leaves (X without R or W); only for a CPU
 * with IA32_VMX_EPT_VPID_CAP bit 0 (§29.3.3.1: otherwise an EPT
 * misconfiguration). Write without read is refused by both (a
 * misconfiguration on every CPU). */
extern const struct pt_format pt_fmt_ept_xo;

/* The format and pt_init leaf mask a CPU's IA32_VMX_EPT_VPID_CAP allows. */
const struct pt_format *ept_format(u64 ept_vpid_cap);
u32 ept_leaf_mask(u64 ept_vpid_cap);

/* The EPTP for a tree of depth 4 or 5 rooted at root: WB, walk length - 1,
 * A/D off. PP_ENOTSUP when the CPU lacks WB or that walk length,
 * PP_EINVAL for another depth or a misaligned or too-wide root. */
int ept_eptp(hpa_t root, u32 depth, u64 ept_vpid_cap, u64 *eptp, struct pp_err *err);

#endif
