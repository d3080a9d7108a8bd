// SPDX-License-Identifier: GPL-2.0-only
/* The Intel EPT entry format for the page-table engine and the EPTP
 * (fmt_ept.h). Hardware-only; host-tested (tests/unit/test_vmx_ept.c). */
#include "fmt_ept.h"

/* §29.3.2: an entry is present when any of bits 2:0 is set. */
static bool ept_present(u64 e)
{
	return (e & EPT_RWX) != 0;
}

/* Bit 7 maps a page in a PDE (level 1) or PDPTE (level 2); it is reserved
 * in PML4Es and PML5Es, which the engine never makes leaves. */
static bool ept_is_leaf(u64 e, u32 level)
{
	return (level == 1 || level == 2) && (e & EPT_PS);
}

static u64 ept_addr(u64 e, u32 level)
{
	if (ept_is_leaf(e, level))
		return e & (level == 1 ? EPT_ADDR_2M : EPT_ADDR_1G);
	return e & EPT_ADDR_4K;
}

static u32 ept_perms(u64 e, u32 level)
{
	(void)level;
	return ((e & EPT_R) ? PT_PERM_R : 0) | ((e & EPT_W) ? PT_PERM_W : 0) |
	       ((e & EPT_X) ? PT_PERM_X : 0);
}

static u64 ept_make_table(u64 table_hpa, u32 level)
{
	(void)level;
	return (table_hpa & EPT_ADDR_4K) | EPT_TABLE_BITS;
}

static u64 ept_make_page(u64 out, u32 level, u32 perms)
{
	u64 e = (out & EPT_ADDR_4K) | EPT_LEAF_MT;
	if (perms & PT_PERM_R)
		e |= EPT_R;
	if (perms & PT_PERM_W)
		e |= EPT_W;
	if (perms & PT_PERM_X)
		e |= EPT_X;
	if (level > 0)
		e |= EPT_PS;
	return e;
}

/* §29.3.3.1: write without read is an EPT misconfiguration; so is no
 * access at all for a leaf the caller means to map. */
static bool ept_xo_perms_ok(u32 perms)
{
	return perms && !((perms & PT_PERM_W) && !(perms & PT_PERM_R));
}

const struct pt_format pt_fmt_ept = {
    .name = "ept",
    .leaf_levels = PT_LEAF_4K | PT_LEAF_2M | PT_LEAF_1G,
    .perm_mask = PT_PERM_RWX,
    .perm_required = PT_PERM_R,
    .out_bits = EPT_OUT_BITS,
    .perms_ok = NULL,
    .present = ept_present,
    .is_leaf = ept_is_leaf,
    .addr = ept_addr,
    .perms = ept_perms,
    .make_table = ept_make_table,
    .make_page = ept_make_page,
};

const struct pt_format pt_fmt_ept_xo = {
    .name = "ept-xo",
    .leaf_levels = PT_LEAF_4K | PT_LEAF_2M | PT_LEAF_1G,
    .perm_mask = PT_PERM_RWX,
    .perm_required = 0,
    .out_bits = EPT_OUT_BITS,
    .perms_ok = ept_xo_perms_ok,
    .present = ept_present,
    .is_leaf = ept_is_leaf,
    .addr = ept_addr,
    .perms = ept_perms,
    .make_table = ept_make_table,
    .make_page = ept_make_page,
};

const struct pt_format *ept_format(u64 ept_vpid_cap)
{
	return (ept_vpid_cap & EPT_CAP_EXEC_ONLY) ? &pt_fmt_ept_xo : &pt_fmt_ept;
}

u32 ept_leaf_mask(u64 ept_vpid_cap)
{
	u32 m = PT_LEAF_4K;
	if (ept_vpid_cap & EPT_CAP_2M) {
		m |= PT_LEAF_2M;
		/* the engine needs contiguous leaf levels (pt_init) */
		if (ept_vpid_cap & EPT_CAP_1G)
			m |= PT_LEAF_1G;
	}
	return m;
}

int ept_eptp(hpa_t root, u32 depth, u64 ept_vpid_cap, u64 *eptp, struct pp_err *err)
{
	if (depth != 4 && depth != 5)
		return pp_fail(err, PP_EINVAL, "ept: depth %u is not 4 or 5 (SDM 25.6.11)", depth);
	if (hpa_val(root) & ~EPTP_ADDR)
		return pp_fail(err, PP_EINVAL,
			       "ept: root 0x%llx is not a 4 KiB-aligned address below 2^52 "
			       "(SDM 25.6.11)",
			       (unsigned long long)hpa_val(root));
	if (!(ept_vpid_cap & EPT_CAP_WB))
		return pp_fail(err, PP_ENOTSUP,
			       "ept: write-back EPT structures not supported "
			       "(IA32_VMX_EPT_VPID_CAP bit 14 is 0; SDM A.10)");
	if (!(ept_vpid_cap & (depth == 4 ? EPT_CAP_PWL4 : EPT_CAP_PWL5)))
		return pp_fail(err, PP_ENOTSUP,
			       "ept: page-walk length %u not supported (IA32_VMX_EPT_VPID_CAP bit "
			       "%u is 0; SDM A.10)",
			       depth, depth == 4 ? 6u : 7u);
	*eptp = hpa_val(root) | EPTP_MT_WB | ((u64)(depth - 1) << EPTP_PWL_SHIFT);
	return PP_OK;
}
