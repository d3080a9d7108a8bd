// SPDX-License-Identifier: GPL-2.0-only
/*
 * The signed policy's framing (common/policy/signed.c,
 * parapet/policy_signed.h): a well-formed binary + trailer splits into its
 * parts; each framing fault is refused with its own message.
 */
#include <parapet/bytes.h>
#include <parapet/policy.h>
#include <parapet/policy_signed.h>
#include "policy_fixture.h"
#include "unit.h"

static u8 buf[8192];
static struct pp_policy pol;

/* The fixture's binary with key id 11..18 and a trailer (signature 0xA5). */
static u32 make(void)
{
	u32 len = 0;
	struct pp_err err = {0, ""};
	policy_fixture(&pol);
	for (u32 i = 0; i < 8; i++)
		pol.key_id[i] = (u8)(11 + i);
	if (pp_policy_write(&pol, buf, sizeof(buf) - PP_POLSIG_TRAILER, &len, &err) != PP_OK)
		return 0;
	u8 *t = buf + len;
	memset(t, 0, PP_POLSIG_TRAILER);
	memcpy(t, PP_POLSIG_MAGIC, 8);
	st_le32(t + 8, PP_POLSIG_FORMAT);
	memcpy(t + 0x10, pol.key_id, 8);
	memset(t + 0x20, 0xa5, 64);
	return len + PP_POLSIG_TRAILER;
}

TEST(policy_signed_split)
{
	u32 len = make();
	REQUIRE(len);
	struct pp_polsig_view v;
	struct pp_err err = {0, ""};
	REQUIRE(pp_policy_signed_split(buf, len, &v, &err) == PP_OK);
	CHECK(v.body == buf);
	CHECK_EQ(v.body_len, len - PP_POLSIG_TRAILER);
	CHECK_EQ(v.key_id[0], 11);
	CHECK_EQ(v.key_id[7], 18);
	CHECK(v.sig == buf + v.body_len + 0x20);
	struct pp_policy back;
	CHECK(pp_policy_read(v.body, v.body_len, &back, &err) == PP_OK);
}

static void refused(u32 off, u8 xor, u32 len, int code, const char *sub)
{
	u32 full = make();
	struct pp_polsig_view v;
	struct pp_err err = {0, ""};
	buf[off] ^= xor;
	CHECK_EQ(pp_policy_signed_split(buf, len ? len : full, &v, &err), code);
	CHECK_MSG(&err, sub);
}

TEST(policy_signed_refusals)
{
	u32 full = make(), body = full - PP_POLSIG_TRAILER;
	REQUIRE(full);
	refused(0, 1, 0, PP_EMAGIC, "policy header");
	refused(0, 0, full - 1, PP_ETRUNC, "95 bytes after the binary");
	refused(0, 0, body, PP_ETRUNC, "0 bytes after the binary");
	refused(0x12, 1, 0, PP_ETRUNC, "total_size");
	refused(body, 1, 0, PP_EMAGIC, "no PPPOLSIG trailer");
	refused(body + 8, 2, 0, PP_EVERSION, "trailer format 3");
	refused(body + 0x0c, 1, 0, PP_EINVAL, "reserved");
	refused(body + 0x1f, 1, 0, PP_EINVAL, "reserved");
	refused(body + 0x10, 1, 0, PP_EINVAL, "key id differs");
	refused(0x28, 1, 0, PP_EINVAL, "key id differs");
	/* One byte more after the trailer. */
	make();
	struct pp_polsig_view v;
	struct pp_err err = {0, ""};
	CHECK_EQ(pp_policy_signed_split(buf, full + 1, &v, &err), PP_EINVAL);
	CHECK_MSG(&err, "97 bytes after the binary");
}
