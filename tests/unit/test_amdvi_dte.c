// SPDX-License-Identifier: GPL-2.0-only
/* The AMD-Vi device table entry (spec #48882 §2.2.2.1): exact bit
 * patterns of the default-deny and translated entries, refusals that
 * leave the entry untouched, and the decoder on hand-built entries. */
#include "hypervisor/drivers/iommu/amdvi_dte.h"
#include "unit.h"

static void fill(struct amdvi_dte *d)
{
	for (u32 i = 0; i < 4; i++)
		d->q[i] = 0xa5a5a5a5a5a5a5a5ull;
}

static bool untouched(const struct amdvi_dte *d)
{
	for (u32 i = 0; i < 4; i++)
		if (d->q[i] != 0xa5a5a5a5a5a5a5a5ull)
			return false;
	return true;
}

TEST(amdvi_dte_field_positions)
{
	/* Bit n of the 256-bit entry is bit n % 64 of word n / 64. */
	CHECK_EQ(AMDVI_DTE_MODE_MASK, 0xe00ull);
	CHECK_EQ(AMDVI_DTE_IR_MASK | AMDVI_DTE_IW_MASK, 0x6000000000000000ull);
	CHECK_EQ(AMDVI_DTE_DOMAIN_W * 64 + AMDVI_DTE_DOMAIN_SHIFT, 64);
	CHECK_EQ(AMDVI_DTE_EX_W * 64 + AMDVI_DTE_EX_SHIFT, 103);
	CHECK_EQ(AMDVI_DTE_SYSMGT_W * 64 + AMDVI_DTE_SYSMGT_SHIFT, 104);
	CHECK_EQ(AMDVI_DTE_GCR3C_W * 64 + AMDVI_DTE_GCR3C_SHIFT, 107);
	CHECK_EQ(AMDVI_DTE_IV_W * 64 + AMDVI_DTE_IV_SHIFT, 128);
	CHECK_EQ(AMDVI_DTE_INTTABLEN_W * 64 + AMDVI_DTE_INTTABLEN_SHIFT, 129);
	CHECK_EQ(AMDVI_DTE_INTROOT_W * 64 + AMDVI_DTE_INTROOT_SHIFT, 134);
	CHECK_EQ(AMDVI_DTE_INITPASS_W * 64 + AMDVI_DTE_INITPASS_SHIFT, 184);
	CHECK_EQ(AMDVI_DTE_INTCTL_W * 64 + AMDVI_DTE_INTCTL_SHIFT, 188);
	CHECK_EQ(AMDVI_DTE_LINT1PASS_W * 64 + AMDVI_DTE_LINT1PASS_SHIFT, 191);
}

TEST(amdvi_dte_deny_bits)
{
	struct amdvi_dte d;
	struct pp_err err;
	fill(&d);
	REQUIRE(amdvi_dte_deny(&d, 0x1234, 0x12345680ull, &err) == PP_OK);
	CHECK_EQ(d.q[0], 0x3ull);	 /* V, TV, Mode 0, IR = IW = 0 */
	CHECK_EQ(d.q[1], 0x1234ull);	 /* domain; IoCtl, SysMgt abort; EX clear */
	CHECK_EQ(d.q[2], 0x12345681ull); /* IV, IntTabLen 0, root, IntCtl abort */
	CHECK_EQ(d.q[3], 0ull);
	CHECK(amdvi_dte_blocks_all(&d));
	struct amdvi_dte_info i;
	amdvi_dte_decode(&d, &i);
	CHECK(i.v && i.tv && i.iv && !i.ir && !i.iw);
	CHECK_EQ(i.mode, 0);
	CHECK_EQ(i.domain, 0x1234);
	CHECK_EQ(i.irt_hpa, 0x12345680ull);
	CHECK(!i.reserved_set);
}

TEST(amdvi_dte_translate_bits)
{
	struct amdvi_dte d;
	struct pp_err err;
	fill(&d);
	REQUIRE(amdvi_dte_translate(&d, 0xbeef, 0x000fffff12345000ull, 4, 0x40, &err) == PP_OK);
	CHECK_EQ(d.q[0], 0x600fffff12345803ull); /* IW, IR, root, Mode 4, TV, V */
	CHECK_EQ(d.q[1], 0xbeefull);
	CHECK_EQ(d.q[2], 0x41ull);
	CHECK_EQ(d.q[3], 0ull);
	CHECK(!amdvi_dte_blocks_all(&d));
	struct amdvi_dte_info i;
	amdvi_dte_decode(&d, &i);
	CHECK_EQ(i.mode, 4);
	CHECK_EQ(i.root_hpa, 0x000fffff12345000ull);
	CHECK(i.ir && i.iw);
	CHECK_EQ(i.domain, 0xbeef);
	REQUIRE(amdvi_dte_translate(&d, 1, 0x1000, 5, 0x40, &err) == PP_OK);
	CHECK_EQ(d.q[0], 0x6000000000001a03ull); /* Mode 5 = 0xa00 */
}

TEST(amdvi_dte_refusals_leave_entry)
{
	struct amdvi_dte d;
	struct pp_err err;
	fill(&d);
	CHECK_EQ(amdvi_dte_deny(&d, 1, 0, &err), PP_EINVAL);
	CHECK_MSG(&err, "interrupt table root 0x0 is zero");
	CHECK_EQ(amdvi_dte_deny(&d, 1, 0x1020, &err), PP_EINVAL);
	CHECK_EQ(amdvi_dte_deny(&d, 1, 1ull << 52, &err), PP_EINVAL);
	CHECK_EQ(amdvi_dte_translate(&d, 1, 0x1000, 0, 0x40, &err), PP_EINVAL);
	CHECK_MSG(&err, "amdvi dte: paging mode 0 is not 1..6");
	CHECK_EQ(amdvi_dte_translate(&d, 1, 0x1000, 7, 0x40, &err), PP_EINVAL);
	CHECK_EQ(amdvi_dte_translate(&d, 1, 0, 4, 0x40, &err), PP_EINVAL);
	CHECK_EQ(amdvi_dte_translate(&d, 1, 0x1800, 4, 0x40, &err), PP_EINVAL);
	CHECK_MSG(&err, "page table root 0x1800");
	CHECK_EQ(amdvi_dte_translate(&d, 1, 1ull << 52, 4, 0x40, &err), PP_EINVAL);
	CHECK_EQ(amdvi_dte_translate(&d, 1, 0x1000, 4, 0x41, &err), PP_EINVAL);
	CHECK(untouched(&d));
}

TEST(amdvi_dte_decode_every_field)
{
	struct amdvi_dte d = {{0}};
	struct amdvi_dte_info i;
	d.q[1] = ~0ull;
	d.q[2] = ~0ull;
	amdvi_dte_decode(&d, &i);
	CHECK(!i.v && !i.tv);
	CHECK_EQ(i.domain, 0xffff);
	CHECK(i.i && i.se && i.sa && i.sd && i.ex);
	CHECK_EQ(i.io_ctl, 3);
	CHECK_EQ(i.sys_mgt, 3);
	CHECK(i.iv && i.ig);
	CHECK_EQ(i.int_tab_len, 15);
	CHECK_EQ(i.irt_hpa, 0x000fffffffffffc0ull);
	CHECK(i.init_pass && i.eint_pass && i.nmi_pass && i.lint0_pass && i.lint1_pass);
	CHECK_EQ(i.int_ctl, 3);
	CHECK(i.reserved_set); /* GCR3 bits of word 1, reserved bits of word 2 */

	/* One pass-through bit is enough to stop blocking everything. */
	struct pp_err err;
	REQUIRE(amdvi_dte_deny(&d, 0, 0x40, &err) == PP_OK);
	CHECK(amdvi_dte_blocks_all(&d));
	d.q[AMDVI_DTE_NMIPASS_W] |= AMDVI_DTE_NMIPASS_MASK;
	CHECK(!amdvi_dte_blocks_all(&d));
	REQUIRE(amdvi_dte_deny(&d, 0, 0x40, &err) == PP_OK);
	d.q[AMDVI_DTE_EX_W] |= AMDVI_DTE_EX_MASK;
	CHECK(!amdvi_dte_blocks_all(&d));
	d.q[3] = 1;
	amdvi_dte_decode(&d, &i);
	CHECK(i.reserved_set);
}
