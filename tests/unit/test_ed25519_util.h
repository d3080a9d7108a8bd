/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the Ed25519 tests (tests/unit/test_ed25519*.c): hex
 * decoding and OpenSSL 3 (EVP_PKEY_ED25519) as the reference signer and
 * verifier. Test code only: aborts the test on an OpenSSL failure.
 */
#ifndef PARAPET_TESTS_UNIT_TEST_ED25519_UTIL_H
#define PARAPET_TESTS_UNIT_TEST_ED25519_UTIL_H

#include <stdlib.h>
#include <string.h>
#include <openssl/evp.h>
#include <parapet/types.h>

/* Decode hex into out (at most max bytes); the byte count, or -1. */
static inline long ed_unhex(const char *hex, u8 *out, size_t max)
{
	size_t n = strlen(hex);
	if (n % 2 || n / 2 > max)
		return -1;
	for (size_t i = 0; i < n / 2; i++) {
		unsigned v;
		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = (u8)v;
	}
	return (long)(n / 2);
}

/* OpenSSL's key from a 32-byte seed (RFC 8032 private key); its public key. */
static inline EVP_PKEY *ed_ossl_key(const u8 seed[32], u8 pub[32])
{
	EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, 32);
	size_t len = 32;
	if (!k || !EVP_PKEY_get_raw_public_key(k, pub, &len) || len != 32) {
		EVP_PKEY_free(k);
		return NULL;
	}
	return k;
}

static inline int ed_ossl_sign(EVP_PKEY *k, const u8 *msg, size_t len, u8 sig[64])
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	size_t sl = 64;
	int ok = c && EVP_DigestSignInit(c, NULL, NULL, NULL, k) == 1 &&
		 EVP_DigestSign(c, sig, &sl, msg, len) == 1 && sl == 64;
	EVP_MD_CTX_free(c);
	return ok ? 0 : -1;
}

/* OpenSSL's verdict: 1 valid, 0 invalid (including a key it refuses). */
static inline int ed_ossl_verify(const u8 sig[64], const u8 *msg, size_t len, const u8 pub[32])
{
	EVP_PKEY *k = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub, 32);
	if (!k)
		return 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	int ok = c && EVP_DigestVerifyInit(c, NULL, NULL, NULL, k) == 1 &&
		 EVP_DigestVerify(c, sig, 64, msg, len) == 1;
	EVP_MD_CTX_free(c);
	EVP_PKEY_free(k);
	return ok;
}

#endif
