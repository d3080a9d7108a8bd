// SPDX-License-Identifier: GPL-2.0-only
/* SINIT's DMAR copy in SinitMleData (launch/drtm/txt_dmar.c). */
#include "launch/drtm/txt_dmar.h"
#include "test_txt_fake.h"
#include "unit.h"

static void fix_checksum(u8 *t, u32 len)
{
	u8 sum = 0;
	t[9] = 0;
	for (u32 i = 0; i < len; i++)
		sum = (u8)(sum + t[i]);
	t[9] = (u8)(0x100 - sum);
}

TEST(txt_sinit_dmar_copy)
{
	static u8 b[1024];
	struct txt_sinit_mle_info s;
	struct pp_err e;
	const u8 *d = NULL;
	u32 len = 0;
	for (u32 v = 8; v <= 9; v++) {
		u64 n = fk_sinit_mle(b, v);
		REQUIRE(txt_sinit_mle_parse(b, n, &s, &e) == PP_OK);
		REQUIRE(txt_sinit_dmar(&s, &d, &len, &e) == PP_OK);
		CHECK(d == b + s.dmar_off); /* in the heap table, offset from the size field */
		CHECK_EQ(len, 48);
		CHECK(memcmp(d, "DMAR", 4) == 0);
		CHECK_EQ(d[36], 38);
	}
}

TEST(txt_sinit_dmar_refusals)
{
	static u8 b[1024];
	struct txt_sinit_mle_info s, x;
	struct pp_err e;
	const u8 *d = (const u8 *)"untouched";
	u32 len = 7;
	u64 n = fk_sinit_mle(b, 9);
	REQUIRE(txt_sinit_mle_parse(b, n, &s, &e) == PP_OK);
	u8 *t = b + s.dmar_off;
	/* absent: SINIT gave no copy */
	x = s;
	x.dmar_size = 0;
	CHECK(txt_sinit_dmar(&x, &d, &len, &e) == PP_ENOENT);
	CHECK_MSG(&e, "no DMAR copy");
	/* out of bounds: inside the fixed part, past the table */
	x = s;
	x.dmar_off = 0x20;
	CHECK(txt_sinit_dmar(&x, &d, &len, &e) == PP_ERANGE);
	x = s;
	x.dmar_size = (u32)(s.table_size - s.dmar_off + 1);
	CHECK(txt_sinit_dmar(&x, &d, &len, &e) == PP_ERANGE);
	x = s;
	x.dmar_size = 40;
	CHECK(txt_sinit_dmar(&x, &d, &len, &e) == PP_EINVAL);
	CHECK_MSG(&e, "copy of 40 bytes < 48");
	/* wrong signature */
	t[0] = 'X';
	CHECK(txt_sinit_dmar(&s, &d, &len, &e) == PP_EMAGIC);
	t[0] = 'D';
	/* Length beyond the copy, below the DMAR header */
	st_le32(t + 4, 49);
	fix_checksum(t, 48);
	CHECK(txt_sinit_dmar(&s, &d, &len, &e) == PP_EINVAL);
	CHECK_MSG(&e, "Length 49 outside [48, 48]");
	st_le32(t + 4, 36);
	CHECK(txt_sinit_dmar(&s, &d, &len, &e) == PP_EINVAL);
	st_le32(t + 4, 48);
	fix_checksum(t, 48);
	REQUIRE(txt_sinit_dmar(&s, NULL, NULL, &e) == PP_OK);
	/* one flipped byte: checksum */
	t[40] ^= 1;
	CHECK(txt_sinit_dmar(&s, &d, &len, &e) == PP_ECHECKSUM);
	CHECK(txt_sinit_dmar(NULL, &d, &len, &e) == PP_EINVAL);
	/* outputs untouched on every refusal */
	CHECK(memcmp(d, "untouched", 9) == 0);
	CHECK_EQ(len, 7);
}
