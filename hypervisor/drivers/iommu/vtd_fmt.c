// SPDX-License-Identifier: GPL-2.0-only
/* The VT-d second-level paging entry format for the page-table engine
 * (vtd_fmt.h). Pure; host-tested (tests/unit/test_vtd_fmt.c). */
#include "vtd_fmt.h"

/* §9.8: R, W and X all 0 is "not present". X is never set here. */
static bool vtd_present(u64 e)
{
	return (e & (VTD_SL_R | VTD_SL_W | VTD_SL_X)) != 0;
}

/* PS marks a page at levels 1 and 2 (reserved in level-3/4 entries, which
 * the engine never makes leaves: leaf_levels). Level 0 is always a page. */
static bool vtd_is_leaf(u64 e, u32 level)
{
	return level > 0 && (e & VTD_SL_PS) != 0;
}

static u64 vtd_addr(u64 e, u32 level)
{
	if (vtd_is_leaf(e, level))
		return e & (level == 1 ? VTD_SL_ADDR_2M : VTD_SL_ADDR_1G);
	return e & VTD_SL_ADDR_4K;
}

static u32 vtd_perms(u64 e, u32 level)
{
	(void)level;
	return ((e & VTD_SL_R) ? PT_PERM_R : 0) | ((e & VTD_SL_W) ? PT_PERM_W : 0);
}

/* Table entries grant R and W: the leaf decides. */
static u64 vtd_make_table(u64 table_hpa, u32 level)
{
	(void)level;
	return (table_hpa & VTD_SL_ADDR_4K) | VTD_SL_R | VTD_SL_W;
}

/* PS above level 0; EMT, IPAT, SNP, X left 0. */
static u64 vtd_make_page(u64 out, u32 level, u32 perms)
{
	u64 e = out & VTD_SL_ADDR_4K;
	if (level > 0)
		e |= VTD_SL_PS;
	if (perms & PT_PERM_R)
		e |= VTD_SL_R;
	if (perms & PT_PERM_W)
		e |= VTD_SL_W;
	return e;
}

/* A leaf with neither R nor W would be a non-present entry: refused,
 * unmapped memory is the deny. */
static bool vtd_perms_ok(u32 perms)
{
	return (perms & (PT_PERM_R | PT_PERM_W)) != 0;
}

const struct pt_format pt_fmt_vtd = {
    .name = "vtd",
    .leaf_levels = PT_LEAF_4K | PT_LEAF_2M | PT_LEAF_1G,
    .perm_mask = PT_PERM_R | PT_PERM_W,
    .perm_required = 0,
    .out_bits = VTD_SL_OUT_BITS,
    .perms_ok = vtd_perms_ok,
    .present = vtd_present,
    .is_leaf = vtd_is_leaf,
    .addr = vtd_addr,
    .perms = vtd_perms,
    .make_table = vtd_make_table,
    .make_page = vtd_make_page,
};
