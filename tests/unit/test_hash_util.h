/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the hash tests (test_sha1.c, test_sha2.c): a seeded
 * xorshift64* generator (each test sets rng_state for a reproducible
 * stream), random fill, random chunk sizes for the streaming API, and hex.
 */
#ifndef PARAPET_TESTS_UNIT_TEST_HASH_UTIL_H
#define PARAPET_TESTS_UNIT_TEST_HASH_UTIL_H

#include <stdio.h>
#include <parapet/types.h>

static u64 rng_state;

static inline u64 rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

static inline void fill(u8 *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (u8)(rng() >> 56);
}

/* Next chunk size: mostly small (buffer path), sometimes up to the rest
 * (direct block path), sometimes 0. */
static inline size_t chunk(size_t left)
{
	size_t c;

	switch (rng() % 4) {
	case 0: c = 0; break;
	case 1: c = rng() % 17; break;
	case 2: c = rng() % 300; break;
	default: c = left ? rng() % (left + 1) : 0; break;
	}
	return PP_MIN(c, left);
}

static inline void hex(char *out, const u8 *d, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

#endif
