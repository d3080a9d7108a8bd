// SPDX-License-Identifier: GPL-2.0-only
/* The AMD NPT entry format for the page-table engine (fmt_npt.h). */
#include "fmt_npt.h"

static bool npt_present(u64 e)
{
	return (e & NPT_P) != 0;
}

/* PS marks a leaf in a PDE (level 1) or PDPE (level 2); it is reserved in
 * PML4 and PML5 entries, which the engine never makes leaves. */
static bool npt_is_leaf(u64 e, u32 level)
{
	return (level == 1 || level == 2) && (e & NPT_PS);
}

static u64 npt_addr(u64 e, u32 level)
{
	if (npt_is_leaf(e, level))
		return e & (level == 1 ? NPT_ADDR_2M : NPT_ADDR_1G);
	return e & NPT_ADDR_4K;
}

static u32 npt_perms(u64 e, u32 level)
{
	(void)level;
	return PT_PERM_R | ((e & NPT_RW) ? PT_PERM_W : 0) | ((e & NPT_NX) ? 0 : PT_PERM_X);
}

static u64 npt_make_table(u64 table_hpa, u32 level)
{
	(void)level;
	return (table_hpa & NPT_ADDR_4K) | NPT_TABLE_BITS;
}

static u64 npt_make_page(u64 out, u32 level, u32 perms)
{
	u64 e = (out & NPT_ADDR_4K) | NPT_P | NPT_US;
	if (perms & PT_PERM_W)
		e |= NPT_RW;
	if (!(perms & PT_PERM_X))
		e |= NPT_NX;
	if (level > 0)
		e |= NPT_PS;
	return e;
}

const struct pt_format pt_fmt_npt = {
    .name = "npt",
    .leaf_levels = PT_LEAF_4K | PT_LEAF_2M | PT_LEAF_1G,
    .perm_mask = PT_PERM_RWX,
    .perm_required = PT_PERM_R,
    .out_bits = NPT_OUT_BITS,
    .present = npt_present,
    .is_leaf = npt_is_leaf,
    .addr = npt_addr,
    .perms = npt_perms,
    .make_table = npt_make_table,
    .make_page = npt_make_page,
};
