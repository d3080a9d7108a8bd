/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * AMD nested page tables (NPT) as a pt_format. Nested paging walks tables
 * in the long-mode page-table entry format (AMD64 APM vol. 2, 15.25
 * "Nested Paging"; entry fields 5.3 "Long-Mode Page Translation" and 5.4
 * "Page-Translation-Table Entry Fields"), 4 levels (nCR3 -> PML4) or 5 with
 * LA57 (PML5).
 */
#ifndef PARAPET_HV_PT_FMT_NPT_H
#define PARAPET_HV_PT_FMT_NPT_H

#include "pt.h"

/* Entry bits (APM vol. 2, 5.4.1 "Field Definitions"; one naming scheme). */
#define NPT_P (1ull << 0)   /* present */
#define NPT_RW (1ull << 1)  /* writable */
#define NPT_US (1ull << 2)  /* user; every nested walk access is a user access (15.25.5): set */
#define NPT_PWT (1ull << 3) /* write-through (left 0: write-back via PAT entry 0) */
#define NPT_PCD (1ull << 4) /* cache disable (left 0) */
#define NPT_A (1ull << 5)   /* accessed (set by the walker) */
#define NPT_D (1ull << 6)   /* dirty, leaves only (set by the walker) */
#define NPT_PS (1ull << 7)  /* page size: a 2 MiB PDE or 1 GiB PDPE leaf (5.3.4, 5.3.5) */
#define NPT_NX (1ull << 63) /* no-execute (needs EFER.NXE, which the hypervisor sets) */
/* Physical address bits 51:12 (table or 4 KiB page), 51:21 (2 MiB), 51:30
 * (1 GiB); bit 12 of a large-page entry is its PAT bit, not an address bit. */
#define NPT_ADDR_4K 0x000ffffffffff000ull
#define NPT_ADDR_2M 0x000fffffffe00000ull
#define NPT_ADDR_1G 0x000fffffc0000000ull
#define NPT_OUT_BITS 52u
/* Upper-level (table) entries allow everything; the leaf decides. */
#define NPT_TABLE_BITS (NPT_P | NPT_RW | NPT_US)

_Static_assert(sizeof(u64) == 8, "NPT entries are 8 bytes (5.4)");
_Static_assert(PT_ENTRIES * sizeof(u64) == PP_PAGE_SIZE, "an NPT table is one 4 KiB page");
_Static_assert(NPT_ADDR_4K == (((1ull << NPT_OUT_BITS) - 1) & ~(PP_PAGE_SIZE - 1)),
	       "address field is bits 51:12");

/* Leaves: 4 KiB, 2 MiB, 1 GiB (the caller drops 1 GiB through pt_init's
 * leaf_mask when CPUID Fn8000_0001 EDX[26] Page1GB is clear). Perms: R is
 * implied by P, so every leaf needs PT_PERM_R. */
extern const struct pt_format pt_fmt_npt;

#endif
