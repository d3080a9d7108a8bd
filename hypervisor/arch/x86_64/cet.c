// SPDX-License-Identifier: GPL-2.0-only
/*
 * CET layouts and decisions (cet.h): pure functions, host-tested
 * (tests/unit/test_cet.c). Linked into the hypervisor by CET=1 builds only.
 */
#include "cet.h"
#include "regs.h"

struct cet_features cet_features_from_cpuid(u32 max_basic_leaf, u32 leaf7_ecx, u32 leaf7_edx)
{
	struct cet_features f = {false, false};
	if (max_basic_leaf < 7)
		return f;
	f.shstk = (leaf7_ecx & CPUID_7_ECX_CET_SS) != 0;
	f.ibt = (leaf7_edx & CPUID_7_EDX_CET_IBT) != 0;
	return f;
}

bool cet_features_cover(struct cet_features f, struct cet_features need)
{
	return (f.shstk || !need.shstk) && (f.ibt || !need.ibt);
}

u64 cet_s_cet_value(struct cet_features f)
{
	u64 v = 0;
	if (f.shstk)
		v |= S_CET_SH_STK_EN;
	if (f.ibt)
		v |= S_CET_ENDBR_EN;
	return v;
}

int cet_cr4_value(u64 cr0, u64 cr4, struct cet_features f, u64 *out, struct pp_err *err)
{
	if (!f.shstk && !f.ibt) {
		*out = cr4;
		return PP_OK;
	}
	if (!(cr0 & CR0_WP))
		return pp_fail(err, PP_EINVAL, "cet: CR4.CET needs CR0.WP (cr0 0x%llx)",
			       (unsigned long long)cr0);
	*out = cr4 | CR4_CET;
	return PP_OK;
}

int cet_token_place(u64 base, u64 size, u64 *addr, u64 *value, struct pp_err *err)
{
	u64 end;
	if (!size || !PP_IS_ALIGNED(size, PP_PAGE_SIZE))
		return pp_fail(err, PP_EINVAL, "cet: shadow stack size 0x%llx is not whole pages",
			       (unsigned long long)size);
	if (!PP_IS_ALIGNED(base, PP_PAGE_SIZE))
		return pp_fail(err, PP_EINVAL, "cet: shadow stack base 0x%llx is not page aligned",
			       (unsigned long long)base);
	if (!pp_add_ok(base, size, &end) || !base)
		return pp_fail(err, PP_ERANGE, "cet: shadow stack 0x%llx + 0x%llx wraps or is at 0",
			       (unsigned long long)base, (unsigned long long)size);
	*addr = end - CET_TOKEN_SIZE;
	*value = *addr; /* busy clear, reserved bits 2:1 zero: the address is 8-aligned */
	return PP_OK;
}

bool cet_token_valid(u64 addr, u64 value, bool busy)
{
	if (!PP_IS_ALIGNED(addr, CET_TOKEN_SIZE))
		return false;
	return value == (addr | (busy ? CET_TOKEN_BUSY : 0));
}

int cet_ssp_table_set(struct cet_ssp_table *t, u32 ist, u64 token_addr, struct pp_err *err)
{
	if (ist < 1 || ist >= CET_SSP_TABLE_ENTRIES)
		return pp_fail(err, PP_EINVAL, "cet: IST %u has no SSP table entry (1..7)", ist);
	if (!token_addr || !PP_IS_ALIGNED(token_addr, CET_TOKEN_SIZE))
		return pp_fail(err, PP_EINVAL, "cet: SSP 0x%llx for IST %u is not 8-byte aligned",
			       (unsigned long long)token_addr, ist);
	t->ssp[ist] = token_addr;
	return PP_OK;
}

u64 cet_shstk_pte(u64 pte)
{
	return (pte & ~CET_SHSTK_PTE_CLEAR) | CET_SHSTK_PTE_SET;
}

bool cet_pte_is_shstk(u64 pte)
{
	return (pte & (PTE_P | PTE_W | PTE_D)) == (PTE_P | PTE_D);
}
