/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VT-d second-level paging entries as a pt_format (Intel VT-d spec §9.8
 * "Second-Level Paging Entries", §3.7 "Second-Level Translation"). Pure
 * encoding, no hardware access; host-tested (tests/unit/test_vtd_fmt.c).
 * Entries are built only from the engine's own validated arguments:
 * nothing here parses untrusted bytes.
 */
#ifndef PARAPET_HV_VTD_FMT_H
#define PARAPET_HV_VTD_FMT_H

#include "hypervisor/lib/pt/pt.h"

/*
 * Entry bits, table entries and leaves share the layout (§9.8, one naming
 * scheme):
 *   0      R     read; an entry with R, W (and X) all 0 is not present
 *   1      W     write
 *   2      X     execute (only with ECAP.SLEE / for requests with PASID):
 *                left 0, see pt_fmt_vtd below
 *   5:3    EMT   leaf memory type: ignored unless the context asks for it
 *                (legacy mode never does): left 0
 *   6      IPAT  ignore PAT: left 0
 *   7      PS    page size: at level 1 (2 MiB) and 2 (1 GiB) a leaf
 *   8      A     accessed (only with ECAP.SLADS): left 0
 *   11     SNP   snoop: left 0 (legacy-mode DMA is snooped as the device
 *                asked; ECAP.SC says whether SNP would be honoured)
 *   51:12  ADDR  next table or page; bits above the unit's host address
 *                width are reserved (fault reason 0xC if set)
 * The effective permission is the AND of R/W at every level of the walk,
 * so table entries set R and W and the leaf decides.
 */
#define VTD_SL_R (1ull << 0)
#define VTD_SL_W (1ull << 1)
#define VTD_SL_X (1ull << 2)
#define VTD_SL_EMT_MASK (7ull << 3)
#define VTD_SL_IPAT (1ull << 6)
#define VTD_SL_PS (1ull << 7)
#define VTD_SL_A (1ull << 8)
#define VTD_SL_SNP (1ull << 11)
#define VTD_SL_ADDR_4K 0x000ffffffffff000ull
#define VTD_SL_ADDR_2M 0x000fffffffe00000ull
#define VTD_SL_ADDR_1G 0x000fffffc0000000ull
#define VTD_SL_OUT_BITS 52u

_Static_assert(PT_ENTRIES * sizeof(u64) == PP_PAGE_SIZE, "a VT-d table is 512 8-byte entries");
_Static_assert(VTD_SL_ADDR_4K == (((1ull << VTD_SL_OUT_BITS) - 1) & ~(PP_PAGE_SIZE - 1)),
	       "address field is bits 51:12");
_Static_assert((VTD_SL_ADDR_4K & (VTD_SL_SNP | VTD_SL_PS | VTD_SL_R | VTD_SL_W)) == 0,
	       "the flags are below the address");

/* The context entry's AW field (§9.3) for a tree of `depth` levels:
 * 1 = 39-bit (3 levels), 2 = 48-bit (4), 3 = 57-bit (5). */
static inline u32 vtd_aw_for_depth(u32 depth)
{
	return depth - 2;
}

/*
 * Leaves: 4 KiB, 2 MiB, 1 GiB (PS at engine levels 1, 2; a unit without
 * CAP.SLLPS 2M/1G is given a narrower leaf mask at pt_init, vtd.h).
 * Perms: PT_PERM_R and PT_PERM_W in any non-empty combination (write-only
 * included). PT_PERM_X is refused: Parapet uses legacy-mode context
 * entries, whose requests carry no PASID and so no execute request (§3.6);
 * an X bit would be reserved on units without ECAP.SLEE. SNP stays 0.
 */
extern const struct pt_format pt_fmt_vtd;

#endif
