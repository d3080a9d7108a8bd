// SPDX-License-Identifier: GPL-2.0-only
/* launch's boot options (launch/options.c, docs/launch.md "Boot options"). */
#include <string.h>
#include "launch/options.h"
#include "unit.h"

static int parse(const char *s, struct launch_config *c, struct pp_err *e)
{
	return launch_options_parse(s, (u32)strlen(s), c, e);
}

TEST(launch_options_defaults)
{
	struct launch_config c;
	struct pp_err e;
	memset(&c, 0x5a, sizeof(c));
	CHECK_EQ(parse("", &c, &e), PP_OK);
	CHECK(c.allow_static && !c.strict && !c.allow_emulated);
	CHECK_EQ(parse("  \t ", &c, &e), PP_OK);
	CHECK(c.allow_static && !c.strict);
	CHECK_EQ(parse("drtm=auto", &c, &e), PP_OK);
	CHECK(c.allow_static && !c.strict && !c.test_txt_entry);
}

TEST(launch_options_test_txt_entry)
{
	struct launch_config c;
	struct pp_err e;
	CHECK_EQ(parse("test=txt-entry", &c, &e), PP_OK);
	CHECK(c.test_txt_entry && c.allow_static && !c.strict);
	/* with either drtm= value, in either order: neither resets the other */
	CHECK_EQ(parse("test=txt-entry drtm=auto", &c, &e), PP_OK);
	CHECK(c.test_txt_entry && c.allow_static && !c.strict);
	CHECK_EQ(parse("drtm=strict test=txt-entry", &c, &e), PP_OK);
	CHECK(c.test_txt_entry && !c.allow_static && c.strict);
	CHECK_EQ(parse("test=txt-entry test=txt-entry", &c, &e), PP_EINVAL);
	CHECK_MSG(&e, "test= given twice (at byte 15)");
	CHECK(!c.test_txt_entry); /* a refused line leaves the defaults */
	CHECK_EQ(parse("test=skinit", &c, &e), PP_EINVAL);
	CHECK_MSG(&e, "test=skinit unknown (txt-entry)");
	CHECK_EQ(parse("test=", &c, &e), PP_EINVAL);
	CHECK_MSG(&e, "unknown option \"test=\"");
}

TEST(launch_options_strict)
{
	struct launch_config c;
	struct pp_err e;
	CHECK_EQ(parse("drtm=strict", &c, &e), PP_OK);
	CHECK(!c.allow_static && c.strict && !c.allow_emulated);
	CHECK_EQ(parse("\t drtm=strict  ", &c, &e), PP_OK);
	CHECK(c.strict);
	/* a later call starts from the defaults again */
	CHECK_EQ(parse("", &c, &e), PP_OK);
	CHECK(!c.strict && c.allow_static);
}

TEST(launch_options_rejects)
{
	struct launch_config c;
	struct pp_err e;
	CHECK_EQ(parse("drtm=Strict", &c, &e), PP_EINVAL);
	CHECK_MSG(&e, "drtm=Strict unknown (auto, strict)");
	CHECK_EQ(parse("drtm=", &c, &e), PP_EINVAL);
	CHECK_MSG(&e, "unknown option \"drtm=\"");
	CHECK_EQ(parse("drtm", &c, &e), PP_EINVAL);
	CHECK_MSG(&e, "unknown option \"drtm\"");
	CHECK_EQ(parse("drtm=strict drtm=auto", &c, &e), PP_EINVAL);
	CHECK_MSG(&e, "drtm= given twice (at byte 12)");
	CHECK_EQ(parse("drtm=strict quiet", &c, &e), PP_EINVAL);
	CHECK_MSG(&e, "unknown option \"quiet\"");
	CHECK_EQ(parse("/boot/parapet/launch.elf", &c, &e), PP_EINVAL);
	/* a failed parse leaves no half-applied strictness behind it */
	CHECK_EQ(parse("drtm=strictx", &c, &e), PP_EINVAL);
	CHECK(!c.strict);
	CHECK_EQ(parse(" drtm=strict\tx", &c, &e), PP_EINVAL); /* found by the fuzzer */
	CHECK(!c.strict && c.allow_static);
	/* long words are clipped in the message */
	char longw[200];
	memset(longw, 'a', sizeof(longw) - 1);
	longw[sizeof(longw) - 1] = 0;
	CHECK_EQ(parse(longw, &c, &e), PP_EINVAL);
	CHECK(strlen(e.msg) < 100);
	/* NUL inside the length, and an oversized line */
	CHECK_EQ(launch_options_parse("drtm=auto\0x", 11, &c, &e), PP_EINVAL);
	CHECK_MSG(&e, "NUL byte at 9");
	static char big[LAUNCH_OPTIONS_MAX_LEN + 2];
	memset(big, ' ', sizeof(big));
	CHECK_EQ(launch_options_parse(big, LAUNCH_OPTIONS_MAX_LEN + 1, &c, &e), PP_ERANGE);
	CHECK_EQ(launch_options_parse(big, LAUNCH_OPTIONS_MAX_LEN, &c, &e), PP_OK);
}
