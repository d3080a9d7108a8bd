// SPDX-License-Identifier: GPL-2.0-only
/* Decisions before GETSEC[SENTER] (launch/drtm/txt_presenter.c). */
#include "launch/drtm/txt_presenter.h"
#include "launch/drtm/txt_regs.h"
#include "unit.h"

TEST(txt_presenter_getsec_caps)
{
	struct pp_err e;
	CHECK_EQ(txt_check_getsec_caps(GETSEC_CAP_CHIPSET | GETSEC_CAP_SENTER, &e), PP_OK);
	CHECK_EQ(txt_check_getsec_caps(0x1fd, &e), PP_OK); /* a typical value: all leaves */
	CHECK_EQ(txt_check_getsec_caps(GETSEC_CAP_SENTER, &e), PP_ENOTSUP);
	CHECK_MSG(&e, "no TXT-capable chipset (bit 0)");
	CHECK_EQ(txt_check_getsec_caps(0x1ed, &e), PP_ENOTSUP);
	CHECK_MSG(&e, "SENTER not available (bit 4)");
	CHECK_EQ(txt_check_getsec_caps(0, &e), PP_ENOTSUP);
}

TEST(txt_presenter_reset_sts)
{
	struct pp_err e;
	CHECK(txt_check_reset_sts(0, &e) == PP_OK);
	CHECK(txt_check_reset_sts(0x40, &e) == PP_OK); /* other ESTS bits: not this rule */
	CHECK(txt_check_reset_sts(TXT_ESTS_TXT_RESET, &e) == PP_EDEVICE);
	CHECK_MSG(&e, "TXT_RESET.STS set");
}

TEST(txt_presenter_feature_control)
{
	struct pp_err e;
	const u64 good = FEAT_CTL_LOCK | FEAT_CTL_VMX_IN_SMX | FEAT_CTL_VMX_OUTSIDE_SMX |
			 FEAT_CTL_SENTER_LOCAL_MASK | FEAT_CTL_SENTER_GLOBAL;
	CHECK_EQ(good, 0xff07);
	CHECK(txt_check_feature_control(good, &e) == PP_OK);
	/* the local function enables are not needed with EDX = 0 */
	CHECK(txt_check_feature_control(good & ~FEAT_CTL_SENTER_LOCAL_MASK, &e) == PP_OK);
	CHECK(txt_check_feature_control(good & ~FEAT_CTL_LOCK, &e) == PP_ENOTSUP);
	CHECK_MSG(&e, "not locked (bit 0)");
	CHECK(txt_check_feature_control(good & ~FEAT_CTL_SENTER_GLOBAL, &e) == PP_ENOTSUP);
	CHECK_MSG(&e, "SENTER global enable (bit 15)");
	CHECK(txt_check_feature_control(good & ~FEAT_CTL_VMX_IN_SMX, &e) == PP_ENOTSUP);
	CHECK_MSG(&e, "VMX inside SMX (bit 1)");
	CHECK(txt_check_feature_control(0, &e) == PP_ENOTSUP);
}

TEST(txt_presenter_mc_banks)
{
	struct pp_err e;
	struct txt_mc_plan p = {99, 99};
	const u64 cap = 0x0c09; /* 9 banks, MCG_CTL_P, CMCI */
	u64 st[9] = {0};
	REQUIRE(txt_mc_plan(cap, 0, st, 9, &p, &e) == PP_OK);
	CHECK_EQ(p.banks, 9);
	CHECK_EQ(p.clear, 0);
	CHECK(txt_mc_check_clear(cap, 0, st, 9, &e) == PP_OK);
	/* corrected errors in banks 2 and 7: plan to clear exactly those */
	st[2] = MCI_STATUS_VAL | (1ull << 60) | 0x0005;
	st[7] = MCI_STATUS_VAL | (1ull << 62) | 0x0150; /* OVER: still corrected */
	st[4] = 0x0005;					/* not valid: ignored */
	REQUIRE(txt_mc_plan(cap, 0, st, 9, &p, &e) == PP_OK);
	CHECK_EQ(p.clear, (1ull << 2) | (1ull << 7));
	/* not cleared yet: refused */
	CHECK(txt_mc_check_clear(cap, 0, st, 9, &e) == PP_EDEVICE);
	CHECK_MSG(&e, "bank 2 still valid after clearing");
	st[2] = 0;
	st[7] = 0;
	CHECK(txt_mc_check_clear(cap, 0, st, 9, &e) == PP_OK);
	/* uncorrected error, processor context corrupt: refused */
	st[5] = MCI_STATUS_VAL | MCI_STATUS_UC | 0x0400;
	CHECK(txt_mc_plan(cap, 0, st, 9, &p, &e) == PP_EDEVICE);
	CHECK_MSG(&e, "bank 5 holds an uncorrected error");
	st[5] = MCI_STATUS_VAL | MCI_STATUS_PCC;
	CHECK(txt_mc_plan(cap, 0, st, 9, &p, &e) == PP_EDEVICE);
	st[5] = 0;
	/* machine check in progress */
	CHECK(txt_mc_plan(cap, MCG_STATUS_MCIP, st, 9, &p, &e) == PP_EDEVICE);
	CHECK_MSG(&e, "MCIP");
	CHECK(txt_mc_check_clear(cap, MCG_STATUS_MCIP | 1, st, 9, &e) == PP_EDEVICE);
	/* the caller must read every bank MCG_CAP reports */
	CHECK(txt_mc_plan(cap, 0, st, 8, &p, &e) == PP_EINVAL);
	CHECK_MSG(&e, "8 machine-check banks given, MCG_CAP says 9");
	CHECK(txt_mc_plan(cap, 0, NULL, 9, &p, &e) == PP_EINVAL);
	CHECK_EQ(p.banks, 9); /* untouched by refusals */
	/* no banks at all: nothing to clear */
	CHECK(txt_mc_plan(0, 0, NULL, 0, &p, &e) == PP_OK);
	CHECK_EQ(p.clear, 0);
	/* more banks than the plan can name */
	static u64 many[70];
	CHECK(txt_mc_plan(70, 0, many, 70, &p, &e) == PP_ERANGE);
}

TEST(txt_presenter_locality0)
{
	struct pp_err e;
	CHECK(txt_check_locality0_released(0x80, &e) == PP_OK);
	CHECK(txt_check_locality0_released(0x81, &e) == PP_OK); /* tpmEstablishment: fine */
	CHECK(txt_check_locality0_released(0xa0, &e) == PP_EINVAL);
	CHECK_MSG(&e, "locality 0 still active (TPM_ACCESS_0 0xa0)");
	CHECK(txt_check_locality0_released(0xa1, &e) == PP_EINVAL);
	CHECK(txt_check_locality0_released(0x00, &e) == PP_EDEVICE);
	CHECK_MSG(&e, "tpmRegValidSts clear");
	CHECK(txt_check_locality0_released(0xff, &e) == PP_EDEVICE);
	CHECK_MSG(&e, "reads 0xff");
}
