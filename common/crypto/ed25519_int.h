/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ed25519 internals shared by common/crypto/ed25519_*.c (not an interface:
 * the one entry point is pp_ed25519_verify, parapet/ed25519.h). RFC 8032
 * section 5.1: the field GF(p), p = 2^255 - 19 (ed25519_fe.c), the twisted
 * Edwards group -x^2 + y^2 = 1 + d x^2 y^2 (ed25519_ge.c), scalars modulo
 * the group order L (ed25519_sc.c). Everything here works on public data
 * only (a signature, a public key, a message): variable time by design,
 * never a secret. Every input is treated as untrusted: each function
 * terminates in a fixed number of steps for any bytes it is given.
 */
#ifndef PARAPET_CRYPTO_ED25519_INT_H
#define PARAPET_CRYPTO_ED25519_INT_H

#include <parapet/types.h>

/*
 * A field element as five 51-bit limbs, value = sum v[i] * 2^(51 i).
 * Outputs of the arithmetic below have limbs below 2^52 ("carried"), which
 * every input accepts; the value is not necessarily below p until
 * pp_fe_tobytes reduces it.
 */
struct pp_fe {
	u64 v[5];
};

extern const struct pp_fe pp_fe_d;	/* d = -121665/121666 (RFC 8032 5.1) */
extern const struct pp_fe pp_fe_d2;	/* 2d */
extern const struct pp_fe pp_fe_sqrtm1; /* 2^((p-1)/4), a square root of -1 */

void pp_fe_set(struct pp_fe *h, u64 small);
/* Little-endian 255-bit y (bit 255 ignored: the caller's sign bit).
 * false (h untouched) when the value is not below p: a non-canonical
 * encoding (RFC 8032 5.1.3, step 1). */
bool pp_fe_frombytes(struct pp_fe *h, const u8 s[32]);
/* The unique representative below p, little-endian. */
void pp_fe_tobytes(u8 s[32], const struct pp_fe *h);
void pp_fe_add(struct pp_fe *h, const struct pp_fe *f, const struct pp_fe *g);
void pp_fe_sub(struct pp_fe *h, const struct pp_fe *f, const struct pp_fe *g);
void pp_fe_neg(struct pp_fe *h, const struct pp_fe *f);
void pp_fe_mul(struct pp_fe *h, const struct pp_fe *f, const struct pp_fe *g);
void pp_fe_sq(struct pp_fe *h, const struct pp_fe *f);
/* h = f^(p-2) = 1/f (0 for f = 0). */
void pp_fe_invert(struct pp_fe *h, const struct pp_fe *f);
/* h = f^((p-5)/8), the exponent of the square root in RFC 8032 5.1.3. */
void pp_fe_pow22523(struct pp_fe *h, const struct pp_fe *f);
bool pp_fe_iszero(const struct pp_fe *f);
bool pp_fe_eq(const struct pp_fe *f, const struct pp_fe *g);
/* The low bit of the reduced value ("negative" in RFC 8032 5.1.2). */
bool pp_fe_isodd(const struct pp_fe *f);

/* A point in extended coordinates: x = X/Z, y = Y/Z, x y = T/Z. */
struct pp_ge {
	struct pp_fe X, Y, Z, T;
};

/* A point prepared for addition: Y+X, Y-X, 2d T, 2 Z. */
struct pp_ge_cached {
	struct pp_fe ypx, ymx, t2d, z2;
};

extern const struct pp_ge pp_ge_base; /* B (RFC 8032 5.1) */

void pp_ge_identity(struct pp_ge *p);
/* RFC 8032 5.1.3: false for a non-canonical y (>= p), for x^2 without a
 * square root, and for x = 0 with the sign bit set. */
bool pp_ge_frombytes(struct pp_ge *p, const u8 s[32]);
/* RFC 8032 5.1.2: the canonical encoding. */
void pp_ge_tobytes(u8 s[32], const struct pp_ge *p);
void pp_ge_neg(struct pp_ge *r, const struct pp_ge *p);
void pp_ge_dbl(struct pp_ge *r, const struct pp_ge *p);
void pp_ge_cache(struct pp_ge_cached *c, const struct pp_ge *p);
void pp_ge_add(struct pp_ge *r, const struct pp_ge *p, const struct pp_ge_cached *q);
void pp_ge_sub(struct pp_ge *r, const struct pp_ge *p, const struct pp_ge_cached *q);
/* r = [a]A + [b]B for 256-bit little-endian scalars a and b (variable time). */
void pp_ge_double_scalarmult(struct pp_ge *r, const u8 a[32], const struct pp_ge *A,
			     const u8 b[32]);

/* s[32] < L = 2^252 + 27742317777372353535851937790883648493. */
bool pp_sc_is_canonical(const u8 s[32]);
/* out = in mod L, in a 512-bit little-endian number (a SHA-512 digest). */
void pp_sc_reduce64(u8 out[32], const u8 in[64]);

#endif
