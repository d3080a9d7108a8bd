// SPDX-License-Identifier: GPL-2.0-only
/* AMD-Vi interrupt remapping (spec #48882 §2.2.5.1, §2.2.2.1): exact bits
 * of the basic-format IRTE, the DTE's interrupt word, the MSI for an
 * index; refusals that leave the output untouched. */
#include "hypervisor/drivers/iommu/amdvi_dte.h"
#include "hypervisor/drivers/iommu/amdvi_irte.h"
#include "unit.h"

TEST(amdvi_irte_remapped_bits)
{
	struct pp_err err;
	u32 e = 0;
	/* RemapEn, fixed (000b), physical, destination 3, vector 0x51:
	 * 0x51 << 16 | 3 << 8 | 1. */
	REQUIRE(amdvi_irte_remapped(&e, 0x51, 3, &err) == PP_OK);
	CHECK_EQ(e, 0x00510301u);
	struct amdvi_irte_info i;
	amdvi_irte_decode(e, &i);
	CHECK(i.remap_en && !i.sup_iopf && !i.rq_eoi && !i.dm && !i.guest_mode);
	CHECK_EQ(i.int_type, AMDVI_IRTE_INT_TYPE_FIXED);
	CHECK_EQ(i.dest, 3);
	CHECK_EQ(i.vector, 0x51);
	CHECK(!i.reserved_set);
	REQUIRE(amdvi_irte_remapped(&e, 0xff, 0xff, &err) == PP_OK);
	CHECK_EQ(e, 0x00ffff01u);
	CHECK_EQ(amdvi_irte_blocked(), 0);
	amdvi_irte_decode(amdvi_irte_blocked(), &i);
	CHECK(!i.remap_en);
	amdvi_irte_decode(0xff000080u, &i);
	CHECK(i.reserved_set && i.guest_mode);
}

TEST(amdvi_irte_refusals)
{
	struct pp_err err;
	u32 e = 0xa5a5a5a5u;
	CHECK_EQ(amdvi_irte_remapped(&e, 0x0f, 0, &err), PP_EINVAL);
	CHECK_EQ(amdvi_irte_remapped(&e, 0x100, 0, &err), PP_EINVAL);
	CHECK_EQ(amdvi_irte_remapped(&e, 0x50, 256, &err), PP_EINVAL);
	CHECK_EQ(e, 0xa5a5a5a5u);
}

TEST(amdvi_irte_dte_word2)
{
	struct pp_err err;
	u64 w = 0x5a5a;
	/* IV (128), IntTabLen 8 in 132:129, root 0x123440 in 179:134 (its bits
	 * 51:6 in place), IntCtl 10b in 189:188. */
	REQUIRE(amdvi_irte_dte_word2(&w, 0x123440ull, 8, &err) == PP_OK);
	CHECK_EQ(w, 0x1ull | (8ull << 1) | 0x123440ull | (2ull << 60));
	struct amdvi_dte d = {{AMDVI_DTE_V_MASK | AMDVI_DTE_TV_MASK, 0, w, 0}};
	struct amdvi_dte_info info;
	amdvi_dte_decode(&d, &info);
	CHECK(info.iv && !info.ig);
	CHECK_EQ(info.int_tab_len, 8);
	CHECK_EQ(info.int_ctl, AMDVI_INTCTL_REMAP);
	CHECK_EQ(info.irt_hpa, 0x123440ull);
	CHECK(!info.init_pass && !info.eint_pass && !info.nmi_pass && !info.lint0_pass &&
	      !info.lint1_pass);
	w = 0x5a5a;
	CHECK_EQ(amdvi_irte_dte_word2(&w, 0, 8, &err), PP_EINVAL);
	CHECK_EQ(amdvi_irte_dte_word2(&w, 0x1020, 8, &err), PP_EINVAL);
	CHECK_EQ(amdvi_irte_dte_word2(&w, 1ull << 52, 8, &err), PP_EINVAL);
	CHECK_EQ(amdvi_irte_dte_word2(&w, 0x1000, 0, &err), PP_EINVAL);
	CHECK_EQ(amdvi_irte_dte_word2(&w, 0x1000, 12, &err), PP_EINVAL);
	CHECK_EQ(w, 0x5a5a);
}

TEST(amdvi_irte_msi_for_index)
{
	struct pp_err err;
	u64 a = 1;
	u32 d = 1;
	REQUIRE(amdvi_irte_msi(0, &a, &d, &err) == PP_OK);
	CHECK_EQ(a, 0xfee00000ull);
	CHECK_EQ(d, 0);
	REQUIRE(amdvi_irte_msi(255, &a, &d, &err) == PP_OK);
	CHECK_EQ(d, 255);
	CHECK_EQ(d & 0x700u, 0); /* message type fixed */
	a = 7;
	d = 7;
	CHECK_EQ(amdvi_irte_msi(256, &a, &d, &err), PP_EINVAL);
	CHECK(a == 7 && d == 7);
}

/* A Linux partition's direct table: entry v is vector v at the owner's
 * APIC ID for v >= first, blocked below; refusals write nothing. */
TEST(amdvi_irt_direct_entries)
{
	static u32 t[AMDVI_IRT_ENTRIES];
	struct pp_err err;
	struct amdvi_irte_info d;
	for (u32 i = 0; i < AMDVI_IRT_ENTRIES; i++)
		t[i] = 0xdeadbeefu;
	REQUIRE(amdvi_irt_direct(t, 0x20, 3, &err) == PP_OK);
	for (u32 v = 0; v < 0x20; v++)
		CHECK_EQ(t[v], 0);
	for (u32 v = 0x20; v < AMDVI_IRT_ENTRIES; v++) {
		amdvi_irte_decode(t[v], &d);
		CHECK(d.remap_en && !d.dm && !d.guest_mode && !d.rq_eoi && !d.reserved_set);
		CHECK_EQ(d.int_type, AMDVI_IRTE_INT_TYPE_FIXED);
		CHECK_EQ(d.vector, v);
		CHECK_EQ(d.dest, 3);
	}
	CHECK_EQ(t[0x20], 0x00200301u);
	CHECK_EQ(t[0xff], 0x00ff0301u);
	/* the message a guest sends for vector v indexes entry v */
	u64 addr;
	u32 data;
	REQUIRE(amdvi_irte_msi(0x41, &addr, &data, &err) == PP_OK);
	CHECK_EQ(data & AMDVI_MSI_DATA_INDEX_MASK, 0x41);
	/* refusals */
	for (u32 i = 0; i < AMDVI_IRT_ENTRIES; i++)
		t[i] = 0x5a5a5a5au;
	CHECK_EQ(amdvi_irt_direct(t, 0x0f, 3, &err), PP_EINVAL);
	CHECK_MSG(&err, "first vector 0xf");
	CHECK_EQ(amdvi_irt_direct(t, 0x100, 3, &err), PP_EINVAL);
	CHECK_EQ(amdvi_irt_direct(t, 0x20, 256, &err), PP_EINVAL);
	CHECK_MSG(&err, "8-bit destination");
	for (u32 i = 0; i < AMDVI_IRT_ENTRIES; i++)
		CHECK_EQ(t[i], 0x5a5a5a5au);
}
