// SPDX-License-Identifier: GPL-2.0-only
/* The secure loader's parameter block: layout, round trip, every rejection. */
#include <parapet/bytes.h>
#include <parapet/handoff.h>
#include <parapet/sl_params.h>
#include "unit.h"

static u8 blk[sizeof(struct sl_params)];

static void good(void)
{
	struct sl_params_info in = {0x237000, 752, PP_LAUNCH_EMULATED, SL_PF_ALLOW_STATIC};
	sl_params_write(blk, &in);
}

TEST(sl_params_layout)
{
	CHECK_EQ(sizeof(struct sl_params), 80);
	CHECK_EQ(__builtin_offsetof(struct sl_params, magic), 0);
	CHECK_EQ(__builtin_offsetof(struct sl_params, handoff_pa), 24);
	CHECK_EQ(__builtin_offsetof(struct sl_params, flags), 40);
	CHECK_EQ(SL_SLB_BASE % 0x10000, 0);
	CHECK(SL_PARAMS_BASE >= SL_SLB_BASE + SL_SLB_SIZE);
	CHECK(SL_SCRATCH_BASE >= SL_PARAMS_BASE + SL_PARAMS_SIZE);
	CHECK(SL_REGION_END <= 0x1000000); /* below the hypervisor's 16 MiB */
	CHECK_EQ(SL_MEASURED_MAX + SL_STACK_RESERVE, SL_SLB_SIZE);
}

TEST(sl_params_round_trip)
{
	struct sl_params_info out;
	struct pp_err e;
	good();
	CHECK_EQ(ld_le64(blk), SL_PARAMS_MAGIC);
	REQUIRE(sl_params_check(blk, sizeof(blk), &out, &e) == PP_OK);
	CHECK_EQ(out.handoff_pa, 0x237000);
	CHECK_EQ(out.handoff_len, 752);
	CHECK_EQ(out.attempted, PP_LAUNCH_EMULATED);
	CHECK_EQ(out.flags, SL_PF_ALLOW_STATIC);
}

#define REJECT(stmt, code, msg)                                                                    \
	do {                                                                                       \
		struct sl_params_info ro_;                                                         \
		struct pp_err re_;                                                                 \
		good();                                                                            \
		stmt;                                                                              \
		CHECK_EQ(sl_params_check(blk, sizeof(blk), &ro_, &re_), code);                     \
		CHECK_MSG(&re_, msg);                                                              \
	} while (0)

TEST(sl_params_rejects)
{
	struct sl_params_info o;
	struct pp_err e;
	good();
	CHECK_EQ(sl_params_check(blk, sizeof(blk) - 1, &o, &e), PP_ETRUNC);
	CHECK_EQ(sl_params_check(NULL, sizeof(blk), &o, &e), PP_ETRUNC);
	REJECT(blk[0] ^= 1, PP_EMAGIC, "magic");
	REJECT(st_le32(blk + 8, 2), PP_EVERSION, "version 2");
	REJECT(st_le32(blk + 12, 72), PP_EINVAL, "size 72");
	REJECT(st_le64(blk + 16, 0x500000), PP_EINVAL, "SLB base 0x500000");
	REJECT(st_le64(blk + 24, 0x237004), PP_EINVAL, "not 8-byte aligned");
	REJECT(st_le32(blk + 32, 215), PP_EINVAL, "handoff length 215");
	REJECT(st_le32(blk + 32, PP_HANDOFF_MAX_SIZE + 8), PP_EINVAL, "handoff length");
	REJECT(st_le64(blk + 24, 0x8000), PP_ERANGE, "outside");
	REJECT(st_le64(blk + 24, 0xfffffff8ull), PP_ERANGE, "outside");
	REJECT(st_le64(blk + 24, 0xfffffffffffffff8ull), PP_ERANGE, "outside");
	REJECT(st_le64(blk + 24, SL_REGION_BASE - 8), PP_ERANGE, "overlaps the SL region");
	REJECT(st_le64(blk + 24, SL_SCRATCH_BASE), PP_ERANGE, "overlaps the SL region");
	REJECT(st_le32(blk + 36, 5), PP_EINVAL, "attempted launch type 5");
	REJECT(st_le32(blk + 36, 0), PP_EINVAL, "attempted launch type 0");
	REJECT(st_le32(blk + 40, 4), PP_EINVAL, "unknown flags 0x4");
	REJECT(st_le32(blk + 44, 1), PP_EINVAL, "reserved0");
	REJECT(st_le64(blk + 72, 1), PP_EINVAL, "reserved[3]");
}

TEST(sl_params_accepts_boundaries)
{
	struct sl_params_info o;
	struct pp_err e;
	good();
	st_le64(blk + 24, SL_REGION_END); /* right after the SL region */
	CHECK_EQ(sl_params_check(blk, sizeof(blk), &o, &e), PP_OK);
	st_le64(blk + 24, SL_REGION_BASE - 752); /* right before it */
	CHECK_EQ(sl_params_check(blk, sizeof(blk), &o, &e), PP_OK);
	st_le64(blk + 24, 0x100000000ull - 752); /* ends at 4 GiB */
	CHECK_EQ(sl_params_check(blk, sizeof(blk), &o, &e), PP_OK);
	st_le32(blk + 36, PP_LAUNCH_TXT); /* the MLE reads the same block */
	CHECK_EQ(sl_params_check(blk, sizeof(blk), &o, &e), PP_OK);
	CHECK_EQ(o.attempted, PP_LAUNCH_TXT);
}
