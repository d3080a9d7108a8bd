// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the freestanding Ed25519 verifier
 * (common/crypto/ed25519_*.c) on any signature, public key and message,
 * compared with OpenSSL 3 (linked here: tests/policy/build.mk).
 * Input byte 0 picks the mode:
 *  even: raw, sig = bytes 1..64, pub = 65..96, msg = the rest;
 *  odd:  near-valid, OpenSSL signs msg (bytes 35..) with the key of seed
 *        bytes 1..32, then the bit of sig || pub that bytes 33..34 name
 *        (768 and above: none) is flipped.
 * Invariants: no crash, hang or out-of-bounds access; our verdict equals
 * OpenSSL's, except where RFC 8032 5.1.3 and OpenSSL differ on purpose
 * (docs/crypto.md): a public key whose y is not canonical (y >= p) or
 * that encodes x = 0 with the sign bit set, which OpenSSL accepts and we
 * refuse; an unflipped near-valid signature must verify.
 */
#include <stdlib.h>
#include <string.h>
#include <openssl/evp.h>
#include <parapet/ed25519.h>
#include "common/crypto/ed25519_int.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static int ossl_verify(const u8 sig[64], const u8 *msg, size_t len, const u8 pub[32])
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

/* Encodings RFC 8032 refuses that OpenSSL's decoder lets through. */
static bool rfc_only_refusal(const u8 pub[32])
{
	struct pp_fe y, one, y2;
	if (!pp_fe_frombytes(&y, pub))
		return true; /* y >= p */
	if (!(pub[31] & 0x80))
		return false;
	/* x = 0 exactly when y^2 = 1 */
	pp_fe_sq(&y2, &y);
	pp_fe_set(&one, 1);
	return pp_fe_eq(&y2, &one);
}

static int sign(const u8 seed[32], const u8 *msg, size_t len, u8 sig[64], u8 pub[32])
{
	EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, 32);
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	size_t sl = 64, pl = 32;
	int ok = k && c && EVP_PKEY_get_raw_public_key(k, pub, &pl) &&
		 EVP_DigestSignInit(c, NULL, NULL, NULL, k) == 1 &&
		 EVP_DigestSign(c, sig, &sl, msg, len) == 1;
	EVP_MD_CTX_free(c);
	EVP_PKEY_free(k);
	return ok ? 0 : -1;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	u8 sig[64], pub[32];
	const u8 *msg;
	size_t len;
	int flipped = 1;

	if (size < 1)
		return 0;
	if (!(data[0] & 1)) {
		if (size < 97)
			return 0;
		memcpy(sig, data + 1, 64);
		memcpy(pub, data + 65, 32);
		msg = data + 97;
		len = size - 97;
	} else {
		if (size < 35)
			return 0;
		msg = data + 35;
		len = size - 35;
		if (sign(data + 1, msg, len, sig, pub))
			abort();
		unsigned bit = (unsigned)data[33] | (unsigned)data[34] << 8;
		if (bit < 512)
			sig[bit / 8] ^= (u8)(1u << (bit % 8));
		else if (bit < 768)
			pub[(bit - 512) / 8] ^= (u8)(1u << (bit % 8));
		else
			flipped = 0;
	}
	bool ours = pp_ed25519_verify(sig, msg, len, pub);
	int theirs = ossl_verify(sig, msg, len, pub);
	if (!flipped && !ours)
		abort(); /* OpenSSL's own signature refused */
	if (ours != (theirs == 1) && !(theirs && !ours && rfc_only_refusal(pub)))
		abort();
	return 0;
}
