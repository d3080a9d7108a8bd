// SPDX-License-Identifier: GPL-2.0-only
/* The freestanding formatter, checked against the host's snprintf. */
#include <parapet/err.h>
#include <parapet/fmt.h>
#include <stdlib.h>
#include "unit.h"

#define SAME(...)                                                                                  \
	do {                                                                                       \
		char a_[128], b_[128];                                                             \
		int na_ = pp_snprintf(a_, sizeof(a_), __VA_ARGS__);                                \
		int nb_ = snprintf(b_, sizeof(b_), __VA_ARGS__);                                   \
		CHECK_EQ(na_, nb_);                                                                \
		if (strcmp(a_, b_) != 0) {                                                         \
			char m_[300];                                                              \
			snprintf(m_, sizeof(m_), "\"%s\" vs \"%s\"", a_, b_);                      \
			unit_fail(__FILE__, __LINE__, m_);                                         \
		}                                                                                  \
	} while (0)

TEST(fmt_matches_libc)
{
	SAME("plain");
	SAME("%d %i %u", -42, 7, 4000000000u);
	SAME("%x %X %08x %-6x|", 0xbeefu, 0xbeefu, 0x1fu, 0xau);
	SAME("%llx %lld %llu", 0xfedcba9876543210ull, -9223372036854775807ll - 1,
	     18446744073709551615ull);
	SAME("%zu %5s|%-5s|%.2s", (size_t)12345, "ab", "cd", "xyz");
	SAME("%c%c %%", 'o', 'k');
	SAME("%016llx", 0x1234ull);
	SAME("%5d|%-5d|%05d", -3, -3, 42);
}

TEST(fmt_truncates_and_terminates)
{
	char b[8];
	int n = pp_snprintf(b, sizeof(b), "%s", "0123456789");
	CHECK_EQ(n, 10);
	CHECK(strcmp(b, "0123456") == 0);
	CHECK_EQ(pp_snprintf(NULL, 0, "%d", 12345), 5);
	b[0] = 'x';
	pp_snprintf(b, 1, "abc");
	CHECK_EQ(b[0], 0);
}

TEST(fmt_null_string_and_pointer)
{
	char b[64];
	const char *volatile nothing = NULL;
	pp_snprintf(b, sizeof(b), "%s", nothing);
	CHECK(strcmp(b, "(null)") == 0);
	pp_snprintf(b, sizeof(b), "%p", (void *)0x1000);
	CHECK(strcmp(b, "0x0000000000001000") == 0);
}

TEST(err_fail_records_message)
{
	struct pp_err e = {0, ""};
	CHECK_EQ(pp_fail(&e, PP_ERANGE, "value %u at 0x%x", 5u, 0x40u), PP_ERANGE);
	CHECK_EQ(e.code, PP_ERANGE);
	CHECK_MSG(&e, "value 5 at 0x40");
	CHECK_EQ(pp_fail(NULL, PP_EINVAL, "ignored"), PP_EINVAL);
	CHECK(strcmp(pp_strerror(PP_ECHECKSUM), "bad checksum") == 0);
}

TEST(fmt_precision_never_reads_past_it)
{
	/* An unterminated buffer: %.*s must stop at the precision. */
	char raw[3] = {'a', 'b', 'c'};
	char *heap = malloc(sizeof(raw));
	REQUIRE(heap);
	memcpy(heap, raw, sizeof(raw));
	char b[16];
	CHECK_EQ(pp_snprintf(b, sizeof(b), "%.*s|", 3, heap), 4);
	CHECK(strcmp(b, "abc|") == 0);
	free(heap);
}
