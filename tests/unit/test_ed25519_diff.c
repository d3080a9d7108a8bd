// SPDX-License-Identifier: GPL-2.0-only
/*
 * Differential test of the freestanding Ed25519 verifier against OpenSSL 3
 * (EVP_PKEY_ED25519): random keys (seeded, reproducible), random messages
 * of 0..300 bytes, OpenSSL's signature, then single-bit corruptions of the
 * signature, the public key and the message. Our verdict must equal
 * OpenSSL's every time; the valid signatures must be accepted and the
 * corrupted ones (all of which OpenSSL refuses) refused. Counts are
 * asserted, so a silently skipped loop fails.
 */
#include <parapet/ed25519.h>
#include "test_ed25519_util.h"
#include "test_hash_util.h"
#include "unit.h"

#define DIFF_KEYS 4000
#define DIFF_MAXMSG 300

static int agree(const u8 sig[64], const u8 *msg, size_t len, const u8 pub[32], int *valid)
{
	int o = ed_ossl_verify(sig, msg, len, pub);
	int p = pp_ed25519_verify(sig, msg, len, pub);
	*valid += o;
	return o == p;
}

static void flip(u8 *p, size_t bits)
{
	size_t b = (size_t)(rng() % bits);
	p[b / 8] ^= (u8)(1u << (b % 8));
}

TEST(ed25519_differential_openssl)
{
	static u8 msg[DIFF_MAXMSG];
	int checked = 0, disagree = 0, valid = 0, signed_ok = 0;
	rng_state = 0x9e3779b97f4a7c15ull;
	for (int i = 0; i < DIFF_KEYS; i++) {
		u8 seed[32], pub[32], sig[64];
		fill(seed, 32);
		EVP_PKEY *k = ed_ossl_key(seed, pub);
		REQUIRE(k);
		size_t len = (size_t)(rng() % (DIFF_MAXMSG + 1));
		fill(msg, len);
		REQUIRE(!ed_ossl_sign(k, msg, len, sig));
		EVP_PKEY_free(k);

		int v = 0;
		disagree += !agree(sig, msg, len, pub, &v);
		signed_ok += v;
		checked++;
		/* One bit of the signature, one of the key, one of the message. */
		u8 s2[64], p2[32];
		memcpy(s2, sig, 64);
		flip(s2, 512);
		disagree += !agree(s2, msg, len, pub, &valid);
		memcpy(p2, pub, 32);
		flip(p2, 256);
		disagree += !agree(sig, msg, len, p2, &valid);
		checked += 2;
		if (len) {
			size_t b = (size_t)(rng() % (len * 8));
			msg[b / 8] ^= (u8)(1u << (b % 8));
			disagree += !agree(sig, msg, len, pub, &valid);
			checked++;
		}
	}
	CHECK_EQ(disagree, 0);
	CHECK_EQ(signed_ok, DIFF_KEYS);
	CHECK_EQ(valid, 0);
	CHECK(checked > 3 * DIFF_KEYS + DIFF_KEYS / 2);
}
