// SPDX-License-Identifier: GPL-2.0-only
/* MLE/SINIT capability choice and ACM version checks (launch/drtm/txt_caps.c). */
#include "launch/drtm/txt_caps.h"
#include "unit.h"

#define GS MLE_CAP_RLP_WAKE_GETSEC
#define MON MLE_CAP_RLP_WAKE_MONITOR
#define ECX MLE_CAP_ECX_PGTBL
#define TCG MLE_CAP_TCG_EVENT_LOG

TEST(txt_caps_choose_one_wakeup)
{
	u32 c = 0;
	struct pp_err e;
	/* both offer both: MONITOR, exactly one bit */
	REQUIRE(txt_caps_choose(GS | MON | TCG, GS | MON | TCG, &c, &e) == PP_OK);
	CHECK_EQ(c, MON | TCG);
	/* SINIT only GETSEC */
	REQUIRE(txt_caps_choose(GS | MON | TCG, GS | TCG, &c, &e) == PP_OK);
	CHECK_EQ(c, GS | TCG);
	/* MLE only GETSEC, SINIT both: GETSEC (MONITOR is not common) */
	REQUIRE(txt_caps_choose(GS | TCG, GS | MON | TCG, &c, &e) == PP_OK);
	CHECK_EQ(c, GS | TCG);
	/* ECX only when both have it */
	REQUIRE(txt_caps_choose(GS | MON | ECX | TCG, MON | ECX | TCG, &c, &e) == PP_OK);
	CHECK_EQ(c, MON | ECX | TCG);
	REQUIRE(txt_caps_choose(GS | MON | ECX | TCG, MON | TCG, &c, &e) == PP_OK);
	CHECK_EQ(c, MON | TCG);
	REQUIRE(txt_caps_choose(MON | TCG, MON | ECX | TCG, &c, &e) == PP_OK);
	CHECK_EQ(c, MON | TCG);
	/* SINIT bits we do not choose (STM, PCR maps, platform type, MAXPHYADDR,
	 * CBnT, TPR bit 14, unknown high bits) never leak into the choice */
	REQUIRE(txt_caps_choose(GS | MON | TCG, 0xfffffffeu, &c, &e) == PP_OK);
	CHECK_EQ(c, MON | TCG);
	CHECK_EQ(c & ~TXT_CAPS_CHOSEN_MASK, 0);
	/* exactly one wakeup bit in every accepted combination */
	for (u32 m = 0; m < 4; m++)
		for (u32 s = 0; s < 8; s++) {
			u32 o = 0;
			if (txt_caps_choose(m | TCG, s | TCG, &o, NULL) == PP_OK) {
				u32 w = o & (GS | MON);
				CHECK(w == GS || w == MON);
				CHECK((w & m) && (w & s));
			}
		}
}

TEST(txt_caps_choose_refusals)
{
	u32 c = 0x1234;
	struct pp_err e;
	CHECK(txt_caps_choose(GS | TCG, MON | TCG, &c, &e) == PP_ENOTSUP);
	CHECK_MSG(&e, "no common RLP wakeup mechanism (MLE 0x1, SINIT 0x2)");
	CHECK(txt_caps_choose(MON | TCG, GS | TCG, &c, &e) == PP_ENOTSUP);
	CHECK(txt_caps_choose(GS | MON | TCG, TCG, &c, &e) == PP_ENOTSUP);
	CHECK(txt_caps_choose(GS | MON | TCG, GS | MON, &c, &e) == PP_ENOTSUP);
	CHECK_MSG(&e, "SINIT capabilities 0x3 lack bit 9");
	CHECK(txt_caps_choose(GS | MON, GS | MON | TCG, &c, &e) == PP_EINVAL);
	CHECK_MSG(&e, "MLE capabilities 0x3 lack bit 9");
	CHECK(txt_caps_choose(TCG, GS | MON | TCG, &c, &e) == PP_EINVAL);
	CHECK_MSG(&e, "no RLP wakeup mechanism");
	CHECK(txt_caps_choose(GS | TCG | (1u << 11), GS | TCG, &c, &e) == PP_EINVAL);
	CHECK_MSG(&e, "reserved bits");
	CHECK_EQ(c, 0x1234); /* untouched on refusal */
}

TEST(txt_acm_versions)
{
	struct pp_err e;
	CHECK(txt_acm_versions_ok(7, 0x00020000, MLE_HDR_VERSION_2_2, &e) == PP_OK);
	CHECK(txt_acm_versions_ok(8, 0x00020002, MLE_HDR_VERSION_2_2, &e) == PP_OK);
	CHECK(txt_acm_versions_ok(6, 0x00020000, MLE_HDR_VERSION_2_2, &e) == PP_EVERSION);
	CHECK_MSG(&e, "up to version 6, we build 7");
	CHECK(txt_acm_versions_ok(7, 0x00020003, MLE_HDR_VERSION_2_2, &e) == PP_EVERSION);
	CHECK_MSG(&e, "MLE header version >= 0x00020003");
}
