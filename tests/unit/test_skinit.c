// SPDX-License-Identifier: GPL-2.0-only
/* AMD SKINIT Secure Loader Block: layout, every slb_check rule, builder. */
#include <stdlib.h>
#include <parapet/bytes.h>
#include "launch/drtm/skinit.h"
#include "unit.h"

static u8 slb[SLB_SIZE];

static void hdr(u16 entry, u16 len)
{
	memset(slb, 0x90, sizeof(slb));
	st_le16(slb, entry);
	st_le16(slb + 2, len);
}

TEST(skinit_header_offsets)
{
	/* APM vol. 2 15.27: word 0 entry offset, word 1 measured length. */
	CHECK_EQ(sizeof(struct slb_header), 4);
	CHECK_EQ(__builtin_offsetof(struct slb_header, entry_offset), 0);
	CHECK_EQ(__builtin_offsetof(struct slb_header, measured_len), 2);
	CHECK_EQ(SLB_SIZE, 65536);
}

TEST(skinit_check_accepts_valid)
{
	struct slb_info i;
	struct pp_err e;
	hdr(0x10, 0x400);
	REQUIRE(slb_check(0x10000000, slb, 0x1000, &i, &e) == PP_OK);
	CHECK_EQ(i.entry_offset, 0x10);
	CHECK_EQ(i.measured_len, 0x400);
	CHECK_EQ(i.stack_top, 0x10010000);
	/* Extremes: highest base below 4 GiB, entry right after the header,
	 * entry at the last measured byte, max measured length, full image. */
	hdr(4, 5);
	CHECK(slb_check(0xffff0000ull, slb, SLB_SIZE, NULL, &e) == PP_OK);
	hdr(4, 0xffff);
	CHECK(slb_check(0, slb, SLB_SIZE, NULL, &e) == PP_OK);
	hdr(0xfffe, 0xffff);
	CHECK(slb_check(0x20000, slb, SLB_SIZE, NULL, &e) == PP_OK);
	hdr(4, 4 + 1);
	CHECK(slb_check(0x20000, slb, 5, NULL, &e) == PP_OK);
}

TEST(skinit_check_base_rules)
{
	struct pp_err e;
	hdr(0x10, 0x400);
	CHECK(slb_check(0x10001000, slb, 0x1000, NULL, &e) == PP_EINVAL);
	CHECK_MSG(&e, "not 64 KiB aligned");
	CHECK(slb_check(0x8000, slb, 0x1000, NULL, &e) == PP_EINVAL);
	CHECK(slb_check(0x100000000ull, slb, 0x1000, NULL, &e) == PP_ERANGE);
	CHECK_MSG(&e, "below 4 GiB");
	CHECK(slb_check(0xfffff0000ull, slb, 0x1000, NULL, &e) == PP_ERANGE);
}

TEST(skinit_check_length_rules)
{
	struct pp_err e;
	hdr(0x10, 0x400);
	CHECK(slb_check(0x10000, NULL, 0x1000, NULL, &e) == PP_ETRUNC);
	CHECK(slb_check(0x10000, slb, 3, NULL, &e) == PP_ETRUNC);
	CHECK_MSG(&e, "4-byte header");
	CHECK(slb_check(0x10000, slb, SLB_SIZE + 1ull, NULL, &e) == PP_ERANGE);
	CHECK_MSG(&e, "exceeds 64 KiB");
	/* measured length must cover the header */
	for (u16 l = 0; l < 4; l++) {
		hdr(2, l);
		CHECK(slb_check(0x10000, slb, 0x1000, NULL, &e) == PP_EINVAL);
		CHECK_MSG(&e, "does not cover the 4-byte header");
	}
	/* measured length within the image */
	hdr(0x10, 0x1001);
	CHECK(slb_check(0x10000, slb, 0x1000, NULL, &e) == PP_ETRUNC);
	CHECK_MSG(&e, "measured length 4097 beyond");
}

TEST(skinit_check_entry_rules)
{
	struct pp_err e;
	for (u16 en = 0; en < 4; en++) {
		hdr(en, 0x400);
		CHECK(slb_check(0x10000, slb, 0x1000, NULL, &e) == PP_EINVAL);
		CHECK_MSG(&e, "points into the header");
	}
	hdr(0x400, 0x400); /* entry == length: first unmeasured byte */
	CHECK(slb_check(0x10000, slb, 0x1000, NULL, &e) == PP_ERANGE);
	CHECK_MSG(&e, "outside the measured part [0, 0x400)");
	hdr(0x800, 0x400);
	CHECK(slb_check(0x10000, slb, 0x1000, NULL, &e) == PP_ERANGE);
	hdr(0x3ff, 0x400);
	CHECK(slb_check(0x10000, slb, 0x1000, NULL, &e) == PP_OK);
}

TEST(skinit_build_layout)
{
	static u8 img[SLB_SIZE];
	u8 code[100], data[40];
	struct slb_layout l;
	struct slb_info i;
	struct pp_err e;
	for (u32 k = 0; k < sizeof(code); k++)
		code[k] = (u8)(k + 1);
	memset(data, 0xdd, sizeof(data));
	REQUIRE(slb_build(img, code, sizeof(code), 7, data, sizeof(data), 0x1000, &l, &e) == PP_OK);
	CHECK_EQ(l.entry_offset, 4 + 7);
	CHECK_EQ(l.measured_len, 104);
	CHECK_EQ(l.data_off, 112);
	CHECK_EQ(ld_le16(img), 11);
	CHECK_EQ(ld_le16(img + 2), 104);
	CHECK(memcmp(img + 4, code, sizeof(code)) == 0);
	CHECK(memcmp(img + 112, data, sizeof(data)) == 0);
	CHECK_EQ(img[104], 0);		/* gap between measured part and data */
	CHECK_EQ(img[SLB_SIZE - 1], 0); /* stack area zero */
	/* the builder's output passes the checker */
	REQUIRE(slb_check(0x40000, img, SLB_SIZE, &i, &e) == PP_OK);
	CHECK_EQ(i.entry_offset, 11);
	CHECK_EQ(i.measured_len, 104);
}

TEST(skinit_build_rejects)
{
	static u8 img[SLB_SIZE];
	u8 code[16] = {0};
	static u8 big[SLB_SIZE];
	struct pp_err e;
	CHECK(slb_build(img, code, 0, 0, NULL, 0, 0x1000, NULL, &e) == PP_EINVAL);
	CHECK(slb_build(img, code, 16, 16, NULL, 0, 0x1000, NULL, &e) == PP_ERANGE);
	CHECK_MSG(&e, "entry 0x10 outside 16 bytes");
	/* measured part must fit the 16-bit length: 4 + 0xfffc = 0x10000 */
	CHECK(slb_build(img, big, 0xfffc, 0, NULL, 0, 0, NULL, &e) == PP_ERANGE);
	CHECK_MSG(&e, "16-bit length");
	CHECK(slb_build(img, big, 0xfffb, 0, NULL, 0, 0, NULL, &e) == PP_OK);
	/* data may not run into the stack */
	CHECK(slb_build(img, code, 16, 0, big, 0x10000 - 0x1000 - 32 + 1, 0x1000, NULL, &e) ==
	      PP_ERANGE);
	CHECK_MSG(&e, "collides with the stack");
	CHECK(slb_build(img, code, 16, 0, big, 0x10000 - 0x1000 - 32, 0x1000, NULL, &e) == PP_OK);
	CHECK(slb_build(img, code, 16, 0, NULL, 8, 0x1000, NULL, &e) == PP_EINVAL);
	CHECK(slb_build(img, code, 16, 0, NULL, 0, 0x10001, NULL, &e) == PP_EINVAL);
	CHECK(slb_build(img, code, 16, 0, NULL, 0, 0x1008, NULL, &e) == PP_EINVAL);
}
