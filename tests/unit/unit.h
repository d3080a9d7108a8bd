/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Minimal host unit-test framework. A test is a function declared with
 * TEST(name); it registers itself at load time. CHECK records a failure and
 * continues; REQUIRE records a failure and leaves the test. The runner
 * prints one line per failure and closes with "N passed, N failed".
 */
#ifndef PARAPET_UNIT_H
#define PARAPET_UNIT_H

#include <stdio.h>
#include <string.h>

struct unit_test {
	const char *name;
	const char *file;
	void (*fn)(void);
	struct unit_test *next;
};

void unit_register(struct unit_test *t);
void unit_fail(const char *file, int line, const char *expr);
int unit_failed_now(void);

#define TEST(name)                                                                                 \
	static void test_##name(void);                                                             \
	static struct unit_test unit_##name = {#name, __FILE__, test_##name, 0};                   \
	__attribute__((constructor)) static void reg_##name(void)                                  \
	{                                                                                          \
		unit_register(&unit_##name);                                                       \
	}                                                                                          \
	static void test_##name(void)

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			unit_fail(__FILE__, __LINE__, #cond);                                      \
	} while (0)

#define REQUIRE(cond)                                                                              \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			unit_fail(__FILE__, __LINE__, #cond);                                      \
			return;                                                                    \
		}                                                                                  \
	} while (0)

/* Integer equality with both values in the failure message. */
#define CHECK_EQ(a, b)                                                                             \
	do {                                                                                       \
		long long va_ = (long long)(a), vb_ = (long long)(b);                              \
		if (va_ != vb_) {                                                                  \
			char m_[256];                                                              \
			snprintf(m_, sizeof(m_), "%s == %s (%lld vs %lld)", #a, #b, va_, vb_);     \
			unit_fail(__FILE__, __LINE__, m_);                                         \
		}                                                                                  \
	} while (0)

/* The error message must contain a substring (precise-error checks). */
#define CHECK_MSG(errp, sub)                                                                       \
	do {                                                                                       \
		if (!strstr((errp)->msg, (sub))) {                                                 \
			char m_[400];                                                              \
			snprintf(m_, sizeof(m_), "message \"%s\" lacks \"%s\"", (errp)->msg,       \
				 (sub));                                                           \
			unit_fail(__FILE__, __LINE__, m_);                                         \
		}                                                                                  \
	} while (0)

#endif
