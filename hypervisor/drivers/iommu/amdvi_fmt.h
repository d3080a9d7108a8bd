/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * AMD-Vi host I/O page tables as a pt_format (AMD I/O Virtualization
 * Technology (IOMMU) Specification #48882, rev 3.x, §2.2.3 "I/O Page Tables
 * for Host Translations": the PDE and PTE figures and their field tables).
 * Pure encoding, no hardware access; host-tested (tests/unit/
 * test_amdvi_fmt.c). Not used at boot yet (issue 11). Entries are built
 * only from the engine's own validated arguments: nothing here parses
 * untrusted bytes.
 */
#ifndef PARAPET_HV_AMDVI_FMT_H
#define PARAPET_HV_AMDVI_FMT_H

#include "hypervisor/lib/pt/pt.h"

/*
 * Entry bits, PDE and PTE share the layout (§2.2.3, PDE and PTE field
 * tables; one naming scheme):
 *   0      PR          present
 *   5      A           accessed (set by the IOMMU; left 0)
 *   6      D           dirty, PTE only (set by the IOMMU; left 0)
 *   11:9   Next Level  PDE: level of the next table (1..6); 0 = this entry
 *                      maps a page (a "large page" at levels > 1);
 *                      7 = page of a non-default size (not used by Parapet)
 *   51:12  address     next table (PDE) or page (PTE)
 *   59     U           PTE: untranslated-access-only hint (left 0)
 *   60     FC          PTE: force coherent (set: DMA is snooped)
 *   61     IR          read permission
 *   62     IW          write permission
 * The effective permission is the AND of IR/IW at every level of the walk,
 * so table entries set both and the leaf decides.
 */
#define AMDVI_PTE_PR (1ull << 0)
#define AMDVI_PTE_A (1ull << 5)
#define AMDVI_PTE_D (1ull << 6)
#define AMDVI_PTE_NEXT_SHIFT 9u
#define AMDVI_PTE_NEXT_MASK (7ull << AMDVI_PTE_NEXT_SHIFT)
#define AMDVI_PTE_NEXT_PAGE 0u	/* Next Level 0: a page */
#define AMDVI_PTE_NEXT_SIZED 7u /* Next Level 7: page size encoded in the address; unsupported */
#define AMDVI_PTE_U (1ull << 59)
#define AMDVI_PTE_FC (1ull << 60)
#define AMDVI_PTE_IR (1ull << 61)
#define AMDVI_PTE_IW (1ull << 62)
#define AMDVI_PTE_ADDR_4K 0x000ffffffffff000ull
#define AMDVI_PTE_ADDR_2M 0x000fffffffe00000ull
#define AMDVI_PTE_ADDR_1G 0x000fffffc0000000ull
#define AMDVI_OUT_BITS 52u

_Static_assert(PT_ENTRIES * sizeof(u64) == PP_PAGE_SIZE, "an AMD-Vi table is 512 8-byte entries");
_Static_assert(AMDVI_PTE_ADDR_4K == (((1ull << AMDVI_OUT_BITS) - 1) & ~(PP_PAGE_SIZE - 1)),
	       "address field is bits 51:12");
_Static_assert((AMDVI_PTE_NEXT_MASK & AMDVI_PTE_ADDR_4K) == 0, "Next Level is below the address");

/* Next Level field of an entry. */
static inline u32 amdvi_pte_next_level(u64 e)
{
	return (u32)((e & AMDVI_PTE_NEXT_MASK) >> AMDVI_PTE_NEXT_SHIFT);
}

/* The DTE Mode (§2.2.2.1) for a tree of `depth` engine levels: the spec
 * numbers tables from 1 (the 4 KiB PTE table), so Mode == depth (4: 48-bit
 * DMA addresses, 5: 57-bit). */
static inline u32 amdvi_mode_for_depth(u32 depth)
{
	return depth;
}

/*
 * Leaves: 4 KiB, 2 MiB, 1 GiB (Next Level 0 at engine levels 0, 1, 2);
 * 512 GiB pages and Next Level 7 sizes are not produced. Perms: PT_PERM_R
 * (IR) and PT_PERM_W (IW) in any non-empty combination, write-only
 * included (a device that only writes); PT_PERM_X is refused: a DMA
 * request has no execute permission to grant.
 */
extern const struct pt_format pt_fmt_amdvi;

#endif
