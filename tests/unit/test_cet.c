// SPDX-License-Identifier: GPL-2.0-only
/*
 * CET (hypervisor/arch/x86_64/cet.h): the architectural numbers, the CPUID
 * decision, IA32_S_CET and CR4 values, supervisor shadow-stack tokens, the
 * interrupt SSP table and shadow-stack PTEs. QEMU 7.2 has no CET, so these
 * host tests are what checks this code before hardware does.
 */
#include "hypervisor/arch/x86_64/cet.h"
#include "hypervisor/arch/x86_64/regs.h"
#include "unit.h"

static const struct cet_features none = {false, false}, ss = {true, false}, ibt = {false, true},
				 both = {true, true};

TEST(cet_architectural_numbers)
{
	/* Intel SDM vol. 4 table 2-2; vol. 3A §2.5; vol. 2A CPUID leaf 07H. */
	CHECK_EQ(MSR_S_CET, 0x6a2);
	CHECK_EQ(MSR_PL0_SSP, 0x6a4);
	CHECK_EQ(MSR_INTERRUPT_SSP_TABLE, 0x6a8);
	CHECK_EQ(CR4_CET, 1u << 23);
	CHECK_EQ(S_CET_SH_STK_EN, 1u << 0);
	CHECK_EQ(S_CET_ENDBR_EN, 1u << 2);
	CHECK_EQ(S_CET_NO_TRACK_EN, 1u << 4);
	CHECK_EQ(CPUID_7_ECX_CET_SS, 1u << 7);
	CHECK_EQ(CPUID_7_EDX_CET_IBT, 1u << 20);
}

TEST(cet_cpuid_decision)
{
	struct cet_features f = cet_features_from_cpuid(7, CPUID_7_ECX_CET_SS, CPUID_7_EDX_CET_IBT);
	CHECK(f.shstk && f.ibt);
	f = cet_features_from_cpuid(0x20, CPUID_7_ECX_CET_SS, 0);
	CHECK(f.shstk && !f.ibt); /* what AMD Zen 3 and later report */
	f = cet_features_from_cpuid(7, 0, CPUID_7_EDX_CET_IBT);
	CHECK(!f.shstk && f.ibt);
	/* Only bit 7 of ECX and bit 20 of EDX count. */
	f = cet_features_from_cpuid(7, ~CPUID_7_ECX_CET_SS, ~CPUID_7_EDX_CET_IBT);
	CHECK(!f.shstk && !f.ibt);
	/* Leaf 7 above the maximum basic leaf is garbage (QEMU qemu64: max 0xd, bits 0). */
	f = cet_features_from_cpuid(6, ~0u, ~0u);
	CHECK(!f.shstk && !f.ibt);
	f = cet_features_from_cpuid(0xd, 0, 0);
	CHECK(!f.shstk && !f.ibt);
}

TEST(cet_features_cover)
{
	CHECK(cet_features_cover(both, both));
	CHECK(cet_features_cover(both, ss));
	CHECK(cet_features_cover(ss, ss));
	CHECK(cet_features_cover(none, none));
	CHECK(cet_features_cover(ibt, none));
	CHECK(!cet_features_cover(ss, both));
	CHECK(!cet_features_cover(ibt, ss));
	CHECK(!cet_features_cover(none, ibt));
}

TEST(cet_s_cet_value)
{
	CHECK_EQ(cet_s_cet_value(none), 0);
	CHECK_EQ(cet_s_cet_value(ss), S_CET_SH_STK_EN);
	CHECK_EQ(cet_s_cet_value(ibt), S_CET_ENDBR_EN);
	CHECK_EQ(cet_s_cet_value(both), S_CET_SH_STK_EN | S_CET_ENDBR_EN);
	/* Never WRSS, the legacy bitmap, notrack or suppression: only bits 0 and 2. */
	CHECK_EQ(cet_s_cet_value(both) & ~(u64)(S_CET_SH_STK_EN | S_CET_ENDBR_EN), 0);
	/* AMD defines bits 0-1 only: a shadow-stack-only value stays inside them. */
	CHECK_EQ(cet_s_cet_value(ss) & ~3ull, 0);
}

TEST(cet_cr4_value)
{
	struct pp_err e = {0, ""};
	const u64 cr0 = CR0_PG | CR0_WP | CR0_PE, cr4 = CR4_PAE | CR4_PGE;
	u64 out = 0;

	REQUIRE(cet_cr4_value(cr0, cr4, both, &out, &e) == PP_OK);
	CHECK_EQ(out, cr4 | CR4_CET);
	REQUIRE(cet_cr4_value(cr0, cr4, ibt, &out, &e) == PP_OK);
	CHECK_EQ(out, cr4 | CR4_CET);
	/* Nothing to enable: CR4 stays as it is, even without WP. */
	REQUIRE(cet_cr4_value(CR0_PE, cr4, none, &out, &e) == PP_OK);
	CHECK_EQ(out, cr4);
	/* CR4.CET with CR0.WP clear is a #GP: refused, out untouched. */
	out = 0x1234;
	CHECK(cet_cr4_value(cr0 & ~(u64)CR0_WP, cr4, ss, &out, &e) == PP_EINVAL);
	CHECK_MSG(&e, "CR0.WP");
	CHECK_EQ(out, 0x1234);
}

TEST(cet_token_place)
{
	struct pp_err e = {0, ""};
	u64 addr = 0, value = 0;

	REQUIRE(cet_token_place(0x200000, 0x1000, &addr, &value, &e) == PP_OK);
	CHECK_EQ(addr, 0x200ff8); /* the top 8 bytes of the stack */
	CHECK_EQ(value, 0x200ff8);
	CHECK_EQ(value & CET_TOKEN_BUSY, 0);
	CHECK_EQ(value & CET_TOKEN_RSVD, 0);
	REQUIRE(cet_token_place(0x7fff0000, 0x3000, &addr, &value, &e) == PP_OK);
	CHECK_EQ(addr, 0x7fff2ff8);
	/* A stack ending at 2^64 wraps; one page lower it does not. */
	REQUIRE(cet_token_place(0xfffffffffffff000ull, 0x1000, &addr, &value, &e) == PP_ERANGE);
	REQUIRE(cet_token_place(0xffffffffffffe000ull, 0x1000, &addr, &value, &e) == PP_OK);
	CHECK_EQ(addr, 0xffffffffffffeff8ull);

	addr = value = 7;
	CHECK(cet_token_place(0x200000, 0, &addr, &value, &e) == PP_EINVAL);
	CHECK_MSG(&e, "not whole pages");
	CHECK(cet_token_place(0x200000, 0x800, &addr, &value, &e) == PP_EINVAL);
	CHECK(cet_token_place(0x200008, 0x1000, &addr, &value, &e) == PP_EINVAL);
	CHECK_MSG(&e, "not page aligned");
	CHECK(cet_token_place(0, 0x1000, &addr, &value, &e) == PP_ERANGE);
	CHECK_EQ(addr, 7); /* nothing written on failure */
	CHECK_EQ(value, 7);
}

TEST(cet_token_valid)
{
	const u64 a = 0x200ff8;
	CHECK(cet_token_valid(a, a, false));
	CHECK(!cet_token_valid(a, a, true));
	/* After SETSSBSY: the same address with bit 0 set. */
	CHECK(cet_token_valid(a, a | CET_TOKEN_BUSY, true));
	CHECK(!cet_token_valid(a, a | CET_TOKEN_BUSY, false));
	/* Another stack's token, reserved bits, misaligned addresses. */
	CHECK(!cet_token_valid(a, a - 8, false));
	CHECK(!cet_token_valid(a, a | 2, false));
	CHECK(!cet_token_valid(a, a | 4, false));
	CHECK(!cet_token_valid(a + 4, a + 4, false));
	CHECK(!cet_token_valid(a, 0, false));
}

TEST(cet_ssp_table_layout)
{
	struct cet_ssp_table t;
	struct pp_err e = {0, ""};
	u8 raw[sizeof(t)];

	CHECK_EQ(sizeof(t), 64);
	CHECK_EQ(CET_SSP_TABLE_ENTRIES, 8);
	memset(&t, 0, sizeof(t));
	REQUIRE(cet_ssp_table_set(&t, 1, 0x300ff8, &e) == PP_OK);
	REQUIRE(cet_ssp_table_set(&t, 7, 0x500ff8, &e) == PP_OK);
	memcpy(raw, &t, sizeof(raw));
	/* Entry 0 unused; entry n at byte 8n, little-endian (IST n's token). */
	for (unsigned i = 0; i < 8; i++)
		CHECK_EQ(raw[i], 0);
	CHECK_EQ(raw[8], 0xf8);
	CHECK_EQ(raw[9], 0x0f);
	CHECK_EQ(raw[10], 0x30);
	CHECK_EQ(raw[15], 0);
	CHECK_EQ(raw[56], 0xf8);
	CHECK_EQ(raw[58], 0x50);
	CHECK_EQ(t.ssp[0], 0);
	for (unsigned i = 2; i < 7; i++)
		CHECK_EQ(t.ssp[i], 0);
}

TEST(cet_ssp_table_rejects)
{
	struct cet_ssp_table t;
	struct pp_err e = {0, ""};

	memset(&t, 0, sizeof(t));
	CHECK(cet_ssp_table_set(&t, 0, 0x300ff8, &e) == PP_EINVAL);
	CHECK_MSG(&e, "IST 0");
	CHECK(cet_ssp_table_set(&t, 8, 0x300ff8, &e) == PP_EINVAL);
	CHECK(cet_ssp_table_set(&t, 1, 0x300ffc, &e) == PP_EINVAL);
	CHECK_MSG(&e, "8-byte aligned");
	CHECK(cet_ssp_table_set(&t, 1, 0, &e) == PP_EINVAL);
	for (unsigned i = 0; i < 8; i++)
		CHECK_EQ(t.ssp[i], 0); /* nothing written */
}

TEST(cet_shstk_pte)
{
	const u64 addr = 0x12345000ull;
	const u64 pte = addr | PTE_P | PTE_W | PTE_A | PTE_NX;
	u64 s = cet_shstk_pte(pte);

	CHECK(!cet_pte_is_shstk(pte));
	CHECK(cet_pte_is_shstk(s));
	CHECK_EQ(s & PTE_W, 0);	      /* R/W = 0 */
	CHECK_EQ(s & PTE_D, PTE_D);   /* Dirty = 1 */
	CHECK_EQ(s & PTE_U, 0);	      /* supervisor */
	CHECK_EQ(s & PTE_P, PTE_P);   /* still present */
	CHECK_EQ(s & PTE_NX, PTE_NX); /* still not executable */
	CHECK_EQ(s & PTE_ADDR_MASK, addr);
	CHECK_EQ(cet_shstk_pte(s), s); /* idempotent */
	/* Caching bits and a user bit: caching kept, user cleared. */
	s = cet_shstk_pte(addr | PTE_P | PTE_W | PTE_U | PTE_PCD | PTE_PWT);
	CHECK_EQ(s & (PTE_PCD | PTE_PWT), PTE_PCD | PTE_PWT);
	CHECK_EQ(s & PTE_U, 0);
	/* Read-only and clean, or not present: not a shadow-stack page. */
	CHECK(!cet_pte_is_shstk(addr | PTE_P));
	CHECK(!cet_pte_is_shstk(addr | PTE_D));
	CHECK(!cet_pte_is_shstk(addr | PTE_P | PTE_W | PTE_D));
}
