// SPDX-License-Identifier: GPL-2.0-only
/* The AMD-Vi host I/O page-table entry format for the page-table engine
 * (amdvi_fmt.h). Pure; host-tested (tests/unit/test_amdvi_fmt.c). */
#include "amdvi_fmt.h"

static bool amdvi_present(u64 e)
{
	return (e & AMDVI_PTE_PR) != 0;
}

/* §2.2.3: a PDE whose Next Level is 0 maps a page of its level's size.
 * Level 0 entries are always pages (the engine never asks). */
static bool amdvi_is_leaf(u64 e, u32 level)
{
	return level > 0 && amdvi_pte_next_level(e) == AMDVI_PTE_NEXT_PAGE;
}

static u64 amdvi_addr(u64 e, u32 level)
{
	if (amdvi_is_leaf(e, level))
		return e & (level == 1 ? AMDVI_PTE_ADDR_2M : AMDVI_PTE_ADDR_1G);
	return e & AMDVI_PTE_ADDR_4K;
}

static u32 amdvi_perms(u64 e, u32 level)
{
	(void)level;
	return ((e & AMDVI_PTE_IR) ? PT_PERM_R : 0) | ((e & AMDVI_PTE_IW) ? PT_PERM_W : 0);
}

/* An entry of engine level `level` (> 0) points to a table whose entries
 * are engine level - 1, spec level `level`: Next Level = level. */
static u64 amdvi_make_table(u64 table_hpa, u32 level)
{
	return (table_hpa & AMDVI_PTE_ADDR_4K) | ((u64)level << AMDVI_PTE_NEXT_SHIFT) |
	       AMDVI_PTE_IR | AMDVI_PTE_IW | AMDVI_PTE_PR;
}

/* Next Level 0 at every level; FC so the transaction is snooped whatever
 * the device asked (the hypervisor never flushes caches for DMA). */
static u64 amdvi_make_page(u64 out, u32 level, u32 perms)
{
	(void)level;
	u64 e = (out & AMDVI_PTE_ADDR_4K) | AMDVI_PTE_FC | AMDVI_PTE_PR;
	if (perms & PT_PERM_R)
		e |= AMDVI_PTE_IR;
	if (perms & PT_PERM_W)
		e |= AMDVI_PTE_IW;
	return e;
}

/* A present leaf with neither IR nor IW would block like no mapping at
 * all while looking mapped: refused, unmapped memory is the deny. */
static bool amdvi_perms_ok(u32 perms)
{
	return (perms & (PT_PERM_R | PT_PERM_W)) != 0;
}

const struct pt_format pt_fmt_amdvi = {
    .name = "amdvi",
    .leaf_levels = PT_LEAF_4K | PT_LEAF_2M | PT_LEAF_1G,
    .perm_mask = PT_PERM_R | PT_PERM_W,
    .perm_required = 0,
    .out_bits = AMDVI_OUT_BITS,
    .perms_ok = amdvi_perms_ok,
    .present = amdvi_present,
    .is_leaf = amdvi_is_leaf,
    .addr = amdvi_addr,
    .perms = amdvi_perms,
    .make_table = amdvi_make_table,
    .make_page = amdvi_make_page,
};
