// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host hash backend (common/crypto/hash_openssl.c) against the
 * portable code the unit tests link as pp_hash (hash.c): the same digest
 * for every algorithm on random messages of every length across the block
 * boundaries and some long ones, the same refusal of algorithms neither
 * computes, and per-thread contexts (a second thread hashes alongside and
 * exits, its contexts freed under ASan).
 */
#include <pthread.h>
#include <stdlib.h>

#include <parapet/err.h>
#include <parapet/hash.h>
#include <parapet/hash_openssl.h>

#include "unit.h"

static const u16 algs[] = {PP_ALG_SHA1, PP_ALG_SHA256, PP_ALG_SHA384, PP_ALG_SHA512};

/* xorshift64* with its own state (two threads run this at once). */
static u64 next(u64 *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dull;
}

/*
 * Differences between the backends over max random messages: lengths 0 to
 * 299 (every padding case of the 64- and 128-byte blocks), then up to 8 KiB.
 */
static u32 disagreements(u64 seed, size_t max)
{
	u8 *msg = malloc(300 + 8192);
	u8 a[PP_HASH_MAX_DIGEST], b[PP_HASH_MAX_DIGEST];
	u32 bad = 0;
	if (!msg)
		return 1;
	for (size_t len = 0; len < max; len++) {
		size_t n = len < 300 ? len : 300 + next(&seed) % 8192;
		for (size_t i = 0; i < n; i++)
			msg[i] = (u8)(next(&seed) >> 56);
		for (u32 k = 0; k < sizeof(algs) / sizeof(algs[0]); k++) {
			memset(a, 0, sizeof(a));
			memset(b, 0xA5, sizeof(b));
			if (pp_hash(algs[k], msg, n, a) != PP_OK ||
			    pp_hash_openssl(algs[k], msg, n, b) != PP_OK ||
			    memcmp(a, b, pp_hash_digest_size(algs[k])) != 0)
				bad++;
		}
	}
	free(msg);
	return bad;
}

TEST(hash_openssl_agrees)
{
	CHECK_EQ(disagreements(0x9e3779b97f4a7c15ull, 300 + 40), 0);
}

TEST(hash_openssl_detects_a_changed_message)
{
	u8 msg[64] = {0}, a[PP_HASH_MAX_DIGEST], b[PP_HASH_MAX_DIGEST];
	REQUIRE(pp_hash(PP_ALG_SHA256, msg, sizeof(msg), a) == PP_OK);
	msg[63] ^= 1;
	REQUIRE(pp_hash_openssl(PP_ALG_SHA256, msg, sizeof(msg), b) == PP_OK);
	CHECK(memcmp(a, b, 32) != 0);
}

TEST(hash_openssl_unsupported)
{
	u8 d[PP_HASH_MAX_DIGEST];
	static const u16 others[] = {0, PP_ALG_SM3_256, 0x0001, 0xFFFF};
	for (u32 i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		CHECK_EQ(pp_hash_openssl(others[i], "abc", 3, d), PP_ENOTSUP);
		CHECK_EQ(pp_hash(others[i], "abc", 3, d), PP_ENOTSUP);
	}
}

static void *other_thread(void *arg)
{
	*(u32 *)arg = disagreements(7, 200);
	return NULL;
}

TEST(hash_openssl_threads)
{
	pthread_t t;
	u32 bad = 99;
	REQUIRE(pthread_create(&t, NULL, other_thread, &bad) == 0);
	u32 here = disagreements(11, 200);
	REQUIRE(pthread_join(t, NULL) == 0);
	CHECK_EQ(bad, 0);
	CHECK_EQ(here, 0);
}
