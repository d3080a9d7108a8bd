// SPDX-License-Identifier: GPL-2.0-only
/* The DRTM harness's request parsing and answers (tests/drtm/proto.c). */
#include <string.h>
#include "tests/drtm/proto.h"
#include "tests/unit/unit.h"

TEST(drtm_request_ok)
{
	struct pp_err err;
	u64 base = 1;

	REQUIRE(drtm_parse_request("SKINIT 0x400000", &base, &err) == 0);
	CHECK_EQ(base, 0x400000ull);
	REQUIRE(drtm_parse_request("SKINIT 0x0", &base, &err) == 0);
	CHECK_EQ(base, 0ull);
	REQUIRE(drtm_parse_request("SKINIT 0xFFFF0000", &base, &err) == 0);
	CHECK_EQ(base, 0xffff0000ull);
	REQUIRE(drtm_parse_request("SKINIT 0x00000000000a0000", &base, &err) == 0);
	CHECK_EQ(base, 0xa0000ull);
}

TEST(drtm_request_malformed)
{
	struct pp_err err;
	u64 base = 7;

	CHECK(drtm_parse_request("", &base, &err) == PP_EINVAL);
	CHECK_MSG(&err, "does not start with");
	CHECK(drtm_parse_request("SKINIT 400000", &base, &err) == PP_EINVAL);
	CHECK(drtm_parse_request("skinit 0x400000", &base, &err) == PP_EINVAL);
	CHECK(drtm_parse_request("SKINIT 0x", &base, &err) == PP_EINVAL);
	CHECK_MSG(&err, "missing");
	CHECK(drtm_parse_request("SKINIT 0x400000 ", &base, &err) == PP_EINVAL);
	CHECK_MSG(&err, "bad character 0x20");
	CHECK(drtm_parse_request("SKINIT 0x40g000", &base, &err) == PP_EINVAL);
	CHECK(drtm_parse_request("SKINIT 0x00000000000000400000", &base, &err) == PP_ERANGE);
	CHECK_MSG(&err, "16 hex digits");
	CHECK_EQ(base, 7ull);
}

TEST(drtm_request_bad_base)
{
	struct pp_err err;
	u64 base = 7;

	CHECK(drtm_parse_request("SKINIT 0x401000", &base, &err) == PP_EINVAL);
	CHECK_MSG(&err, "not 64 KiB aligned");
	CHECK(drtm_parse_request("SKINIT 0x100000000", &base, &err) == PP_ERANGE);
	CHECK_MSG(&err, "crosses 4 GiB");
	CHECK(drtm_parse_request("SKINIT 0xffffffffffff0000", &base, &err) == PP_ERANGE);
	CHECK_EQ(base, 7ull);
}

TEST(drtm_reply_format)
{
	char out[16];

	CHECK_EQ(drtm_format_reply(out, sizeof(out), 0, "ignored"), (size_t)3);
	CHECK(strcmp(out, "OK\n") == 0);
	CHECK_EQ(drtm_format_reply(out, sizeof(out), PP_EINVAL, "bad\nslb"), (size_t)12);
	CHECK(strcmp(out, "ERR bad?slb\n") == 0);
	/* Cut to fit, still one line. */
	CHECK_EQ(drtm_format_reply(out, sizeof(out), PP_EINVAL, "a very long reason indeed"),
		 (size_t)15);
	CHECK(strcmp(out, "ERR a very lon\n") == 0);
	CHECK_EQ(drtm_format_reply(out, 3, 0, NULL), (size_t)0);
}
