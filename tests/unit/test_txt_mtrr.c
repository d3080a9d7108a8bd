// SPDX-License-Identifier: GPL-2.0-only
/* MTRR plan for GETSEC[SENTER] and checks of saved MTRRs. */
#include "launch/drtm/txt_mtrr.h"
#include "unit.h"

#define MPA 39u

/* Every 4 KiB page in [lo, hi) must have type t. Returns pages that don't. */
static u64 pages_not(const struct mtrr_state *s, u64 lo, u64 hi, u8 t)
{
	u64 bad = 0;
	for (u64 a = lo; a < hi; a += 4096)
		bad += mtrr_type_of(s, a, MPA) != t;
	return bad;
}

TEST(txt_mtrr_plan_acm)
{
	/* A typical SINIT ACM: 0x60000 bytes at 0xbff00000, not power-of-two. */
	struct mtrr_range r = {0xbff00000ull, 0x5c0c0};
	struct mtrr_state s;
	struct pp_err e;
	REQUIRE(mtrr_plan_senter(&r, 1, 10, MPA, &s, &e) == PP_OK);
	CHECK_EQ(s.def_type, MTRR_DEF_E | MTRR_TYPE_UC); /* E=1, FE=0, UC */
	CHECK((s.def_type & MTRR_DEF_FE) == 0);
	CHECK_EQ(s.vcnt, 10);
	/* 0x5d000 rounded = 0x40000 + 0x10000 + 0x8000 + 0x4000 + 0x1000: 5 MTRRs */
	u32 used = 0;
	for (u32 i = 0; i < s.vcnt; i++)
		used += (s.var[i].mask & MTRR_MASK_VALID) != 0;
	CHECK_EQ(used, 5);
	CHECK_EQ(s.var[0].base, 0xbff00000ull | MTRR_TYPE_WB);
	CHECK_EQ(s.var[0].mask, ((~(0x40000ull - 1)) & 0x7ffffff000ull) | MTRR_MASK_VALID);
	CHECK_EQ(pages_not(&s, 0xbff00000ull, 0xbff5d000ull, MTRR_TYPE_WB), 0);
	CHECK_EQ(pages_not(&s, 0xbfe00000ull, 0xbff00000ull, MTRR_TYPE_UC), 0);
	CHECK_EQ(pages_not(&s, 0xbff5d000ull, 0xc0100000ull, MTRR_TYPE_UC), 0);
	CHECK_EQ(mtrr_type_of(&s, 0, MPA), MTRR_TYPE_UC);
	CHECK_EQ(mtrr_type_of(&s, 0x7fffffffffull, MPA), MTRR_TYPE_UC);
	/* the planned state is itself a valid state to restore */
	CHECK(mtrr_check_saved(&s, 10, MPA, &e) == PP_OK);
}

TEST(txt_mtrr_plan_acm_and_mle)
{
	struct mtrr_range r[2] = {{0xbff00000ull, 0x40000}, {0x2000000, 0x123456}};
	struct mtrr_state s;
	struct pp_err e;
	REQUIRE(mtrr_plan_senter(r, 2, 8, MPA, &s, &e) == PP_OK);
	CHECK_EQ(pages_not(&s, 0x2000000, 0x2124000, MTRR_TYPE_WB), 0);
	CHECK_EQ(pages_not(&s, 0x1f00000, 0x2000000, MTRR_TYPE_UC), 0);
	CHECK_EQ(pages_not(&s, 0x2124000, 0x2200000, MTRR_TYPE_UC), 0);
	CHECK_EQ(pages_not(&s, 0xbff00000ull, 0xbff40000ull, MTRR_TYPE_WB), 0);
	/* base 0 works (largest block limited by size) */
	struct mtrr_range z = {0, 0x3000};
	REQUIRE(mtrr_plan_senter(&z, 1, 8, MPA, &s, &e) == PP_OK);
	CHECK_EQ(pages_not(&s, 0, 0x3000, MTRR_TYPE_WB), 0);
	CHECK_EQ(pages_not(&s, 0x3000, 0x10000, MTRR_TYPE_UC), 0);
}

TEST(txt_mtrr_plan_rejects)
{
	struct mtrr_state s;
	struct pp_err e;
	struct mtrr_range r = {0xbff00000ull, 0x5c0c0};
	CHECK(mtrr_plan_senter(&r, 1, 4, MPA, &s, &e) == PP_ENOMEM);
	CHECK_MSG(&e, "CPU's 4 variable MTRRs");
	CHECK(mtrr_plan_senter(&r, 1, 40, MPA, &s, &e) == PP_ERANGE);
	CHECK(mtrr_plan_senter(&r, 0, 8, MPA, &s, &e) == PP_EINVAL);
	CHECK(mtrr_plan_senter(NULL, 1, 8, MPA, &s, &e) == PP_EINVAL);
	CHECK(mtrr_plan_senter(&r, 1, 8, 30, &s, &e) == PP_EINVAL);
	struct mtrr_range big = {0x7ffffff000ull, 0x2000};
	CHECK(mtrr_plan_senter(&big, 1, 8, MPA, &s, &e) == PP_ERANGE);
	struct mtrr_range zero = {0x1000, 0};
	CHECK(mtrr_plan_senter(&zero, 1, 8, MPA, &s, &e) == PP_ERANGE);
	struct mtrr_range ov[2] = {{0x100000, 0x1800}, {0x101800, 0x1000}}; /* share a page */
	CHECK(mtrr_plan_senter(ov, 2, 8, MPA, &s, &e) == PP_EOVERLAP);
}

TEST(txt_mtrr_check_saved)
{
	struct mtrr_state s = {0};
	struct pp_err e;
	s.def_type = MTRR_DEF_E | MTRR_DEF_FE | MTRR_TYPE_UC;
	s.vcnt = 3;
	s.var[0].base = 0 | MTRR_TYPE_WB;
	s.var[0].mask = 0x7f80000000ull | MTRR_MASK_VALID; /* 2 GiB WB */
	s.var[1].base = 0x80000000ull | MTRR_TYPE_WB;
	s.var[1].mask = 0x7fc0000000ull | MTRR_MASK_VALID; /* 1 GiB WB */
	s.var[2].base = 0xdeadb000ull;			   /* invalid pair: ignored */
	s.var[2].mask = 0;
	REQUIRE(mtrr_check_saved(&s, 10, MPA, &e) == PP_OK);
	CHECK_EQ(mtrr_type_of(&s, 0x12345000, MPA), MTRR_TYPE_WB);
	CHECK_EQ(mtrr_type_of(&s, 0xc0000000ull, MPA), MTRR_TYPE_UC);
	struct mtrr_state t = s;
	t.vcnt = 11;
	CHECK(mtrr_check_saved(&t, 10, MPA, &e) == PP_ERANGE);
	t = s;
	t.def_type |= 1ull << 12;
	CHECK(mtrr_check_saved(&t, 10, MPA, &e) == PP_EINVAL);
	t = s;
	t.def_type = MTRR_DEF_E | 2;
	CHECK(mtrr_check_saved(&t, 10, MPA, &e) == PP_EINVAL);
	CHECK_MSG(&e, "default type 2 undefined");
	t = s;
	t.var[1].base = 0x80000000ull | 7;
	CHECK(mtrr_check_saved(&t, 10, MPA, &e) == PP_EINVAL);
	t = s;
	t.var[1].mask = 0x7fc0001000ull | MTRR_MASK_VALID; /* hole in the mask */
	CHECK(mtrr_check_saved(&t, 10, MPA, &e) == PP_EINVAL);
	CHECK_MSG(&e, "not contiguous");
	t = s;
	t.var[1].mask = 0x3fc0000000ull | MTRR_MASK_VALID; /* top bit missing */
	CHECK(mtrr_check_saved(&t, 10, MPA, &e) == PP_EINVAL);
	t = s;
	t.var[1].base = 0x90000000ull | MTRR_TYPE_WB; /* not aligned to 1 GiB */
	CHECK(mtrr_check_saved(&t, 10, MPA, &e) == PP_EINVAL);
	CHECK_MSG(&e, "not aligned");
	t = s;
	t.var[1].mask |= 1ull << 45; /* beyond MAXPHYADDR */
	CHECK(mtrr_check_saved(&t, 10, MPA, &e) == PP_EINVAL);
	t = s;
	t.var[1].base |= 0x100; /* reserved bits 11:8 */
	CHECK(mtrr_check_saved(&t, 10, MPA, &e) == PP_EINVAL);
	/* precedence: UC beats WB; WT beats WB */
	t = s;
	t.var[2].base = 0x40000000ull | MTRR_TYPE_UC;
	t.var[2].mask = 0x7ffffff000ull | MTRR_MASK_VALID;
	CHECK_EQ(mtrr_type_of(&t, 0x40000000ull, MPA), MTRR_TYPE_UC);
	t.var[2].base = 0x40000000ull | MTRR_TYPE_WT;
	CHECK_EQ(mtrr_type_of(&t, 0x40000000ull, MPA), MTRR_TYPE_WT);
	t.def_type = 0;
	CHECK_EQ(mtrr_type_of(&t, 0x1000, MPA), MTRR_TYPE_UC);
}
