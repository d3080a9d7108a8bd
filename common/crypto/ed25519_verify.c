// SPDX-License-Identifier: GPL-2.0-only
/*
 * pp_ed25519_verify (parapet/ed25519.h): RFC 8032 5.1.7, pure Ed25519 (no
 * context, no prehash), cofactorless. The signature, key and message are
 * untrusted; the rules (docs/crypto.md, "Ed25519"):
 *  - S must be below L (the malleability rule), else refused;
 *  - A must decode (RFC 8032 5.1.3: canonical y < p, x^2 a square,
 *    no "negative zero"), else refused; small-order A is not refused
 *    (RFC 8032 does not, and neither does OpenSSL);
 *  - R is not decoded: [S]B - [k]A is encoded canonically and compared
 *    with R's 32 bytes, which accepts exactly the R that decode to that
 *    point and are canonical (a non-canonical or undecodable R never
 *    equals a canonical encoding), as the RFC's decode-then-compare does
 *    for canonical R, and refuses every non-canonical R;
 *  - k = SHA-512(R || A || M) mod L; check [S]B = R + [k]A as
 *    [S]B + [k](-A) encoded equal to R (no multiplication by the
 *    cofactor 8).
 */
#include <parapet/ed25519.h>
#include <parapet/sha2.h>
#include "common/crypto/ed25519_int.h"

bool pp_ed25519_verify(const u8 sig[64], const u8 *msg, size_t len, const u8 pub[32])
{
	struct pp_ge a, neg_a, chk;
	struct pp_sha512_ctx h;
	u8 digest[PP_SHA512_DIGEST_SIZE], k[32], enc[32];
	u8 diff = 0;

	if (!pp_sc_is_canonical(sig + 32))
		return false;
	if (!pp_ge_frombytes(&a, pub))
		return false;
	pp_sha512_init(&h);
	pp_sha512_update(&h, sig, 32);
	pp_sha512_update(&h, pub, 32);
	pp_sha512_update(&h, msg, len);
	pp_sha512_final(&h, digest);
	pp_sc_reduce64(k, digest);

	pp_ge_neg(&neg_a, &a);
	pp_ge_double_scalarmult(&chk, k, &neg_a, sig + 32);
	pp_ge_tobytes(enc, &chk);
	for (int i = 0; i < 32; i++)
		diff |= enc[i] ^ sig[i];
	return diff == 0;
}
