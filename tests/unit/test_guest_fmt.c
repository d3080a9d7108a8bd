// SPDX-License-Identifier: GPL-2.0-only
/* The guest kit's formatter (guest/kit/fmt.c), checked against libc. */
#include <stdint.h>
#include <stdlib.h>
#include "guest/kit/fmt.h"
#include "unit.h"

#define SAME(...)                                                                                  \
	do {                                                                                       \
		char a_[160], b_[160];                                                             \
		int na_ = gk_snprintf(a_, sizeof(a_), __VA_ARGS__);                                \
		int nb_ = snprintf(b_, sizeof(b_), __VA_ARGS__);                                   \
		CHECK_EQ(na_, nb_);                                                                \
		if (strcmp(a_, b_) != 0) {                                                         \
			char m_[400];                                                              \
			snprintf(m_, sizeof(m_), "\"%s\" vs \"%s\"", a_, b_);                      \
			unit_fail(__FILE__, __LINE__, m_);                                         \
		}                                                                                  \
	} while (0)

TEST(guest_fmt_matches_libc)
{
	SAME("plain text");
	SAME("%d %i %u", -42, 7, 4000000000u);
	SAME("%d %d", -2147483647 - 1, 2147483647);
	SAME("%x %X %08x %-6x|", 0xbeefu, 0xbeefu, 0x1fu, 0xau);
	SAME("%lx %ld %lu", 0xfedcba98ul, -5l, 77ul);
	SAME("%llx %lld %llu", 0xfedcba9876543210ull, -9223372036854775807ll - 1,
	     18446744073709551615ull);
	SAME("%zu %5s|%-5s|%.2s|%.0s|", (size_t)12345, "ab", "cd", "xyz", "gone");
	SAME("%c%c %% %5c|%-3c|", 'o', 'k', 'x', 'y');
	SAME("%016llx %5d|%-5d|%05d|", 0x1234ull, -3, -3, 42);
	SAME("%*d|%-*d|%*d|%.*s|", 6, 12, 4, 3, -4, 5, 3, "abcdef");
	SAME("%p %20p|%-20p|", (void *)0x1000, (void *)0xdeadbeef, (void *)0x10);
	SAME("%s", "");
	SAME("%3s|%10.3s|", "toolong", "abcdef");
	SAME("%u %x", 0u, 0u);
}

/* Formats without the compiler's format checks (for deliberate misuse). */
static int raw(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = gk_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

TEST(guest_fmt_truncates_and_terminates)
{
	char b[8];
	CHECK_EQ(gk_snprintf(b, sizeof(b), "%s", "0123456789"), 10);
	CHECK(strcmp(b, "0123456") == 0);
	CHECK_EQ(gk_snprintf(NULL, 0, "%d", 12345), 5);
	memset(b, 'z', sizeof(b));
	CHECK_EQ(gk_snprintf(b, 1, "abc"), 3);
	CHECK_EQ(b[0], '\0');
	CHECK_EQ(b[1], 'z');
	CHECK_EQ(raw(b, sizeof(b), "%s", (const char *)NULL), 6);
	CHECK(strcmp(b, "(null)") == 0);
}

/* Unknown conversions and a lone '%' at the end are copied, never read
 * past (the formatter takes no argument for them). */
TEST(guest_fmt_unknown_conversions)
{
	char b[64];
	CHECK_EQ(raw(b, sizeof(b), "a%qb", 0), 4);
	CHECK(strcmp(b, "a%qb") == 0);
	CHECK_EQ(raw(b, sizeof(b), "end%", 0), 4);
	CHECK(strcmp(b, "end%") == 0);
	CHECK_EQ(raw(b, sizeof(b), "x%ll", 0), 4);
	CHECK(strcmp(b, "x%ll") == 0);
}

struct chunks {
	char all[600];
	size_t n, calls;
};

static void count_sink(void *ctx, char c)
{
	struct chunks *k = ctx;
	if (k->n + 1 < sizeof(k->all))
		k->all[k->n++] = c;
	k->calls++;
}

static int via_sink(struct chunks *k, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = gk_vformat(count_sink, k, fmt, ap);
	va_end(ap);
	return n;
}

/* The sink sees every character once, long output included (the console
 * chunks it by PP_HC_CONSOLE_MAX). */
TEST(guest_fmt_sink_sees_everything)
{
	struct chunks k = {{0}, 0, 0};
	char big[400];
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	int n = via_sink(&k, "<%s>%d", big, 7);
	CHECK_EQ(n, 402);
	CHECK_EQ(k.calls, 402);
	CHECK_EQ(k.all[0], '<');
	CHECK_EQ(k.all[400], '>');
	CHECK_EQ(k.all[401], '7');
}

/* Random integers and widths against libc. */
TEST(guest_fmt_random_numbers)
{
	srand(10);
	for (int i = 0; i < 2000; i++) {
		unsigned long long v = ((unsigned long long)rand() << 33) ^
				       ((unsigned long long)rand() << 11) ^ (unsigned)rand();
		int w = rand() % 24;
		SAME("%*llu|%-*llx|%0*llX|%*lld", w, v, w, v, w, v, w, (long long)v);
		SAME("%d|%0*d|%-*i", (int)v, w, (int)(v >> 7), w, -(int)(v & 0xffff));
	}
}
