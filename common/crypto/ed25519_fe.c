// SPDX-License-Identifier: GPL-2.0-only
/*
 * The field GF(p), p = 2^255 - 19, for Ed25519 verification (RFC 8032
 * 5.1): five 51-bit limbs with 128-bit products (general-purpose registers
 * only, as -mgeneral-regs-only requires). Public data only: variable time.
 * Limb bounds: every function accepts limbs below 2^52 and returns limbs
 * below 2^52 (the bound proofs are in the comments at each carry); only
 * pp_fe_tobytes produces the reduced value. Constants re-derived by
 * tests/unit/test_ed25519_fe.c.
 */
#include <parapet/bytes.h>
#include "common/crypto/ed25519_int.h"

typedef unsigned __int128 u128;

#define M51 ((1ull << 51) - 1)

/* clang-format off */
const struct pp_fe pp_fe_d = {{0x34dca135978a3ull, 0x1a8283b156ebdull, 0x5e7a26001c029ull,
			       0x739c663a03cbbull, 0x52036cee2b6ffull}};
const struct pp_fe pp_fe_d2 = {{0x69b9426b2f159ull, 0x35050762add7aull, 0x3cf44c0038052ull,
				0x6738cc7407977ull, 0x2406d9dc56dffull}};
const struct pp_fe pp_fe_sqrtm1 = {{0x61b274a0ea0b0ull, 0x0d5a5fc8f189dull, 0x7ef5e9cbd0c60ull,
				    0x78595a6804c9eull, 0x2b8324804fc1dull}};
/* clang-format on */

/*
 * One carry pass on limbs below 2^63: afterwards h1..h4 < 2^51 and
 * h0 < 2^51 + 19 * 2^12 < 2^52. The value is unchanged mod p
 * (2^255 = 19 mod p).
 */
static void carry(u64 h[5])
{
	u64 c;
	c = h[0] >> 51;
	h[0] &= M51;
	h[1] += c;
	c = h[1] >> 51;
	h[1] &= M51;
	h[2] += c;
	c = h[2] >> 51;
	h[2] &= M51;
	h[3] += c;
	c = h[3] >> 51;
	h[3] &= M51;
	h[4] += c;
	c = h[4] >> 51;
	h[4] &= M51;
	h[0] += 19 * c;
}

void pp_fe_set(struct pp_fe *h, u64 small)
{
	h->v[0] = small & M51;
	h->v[1] = small >> 51;
	h->v[2] = h->v[3] = h->v[4] = 0;
}

bool pp_fe_frombytes(struct pp_fe *h, const u8 s[32])
{
	u64 w0 = ld_le64(s), w1 = ld_le64(s + 8), w2 = ld_le64(s + 16);
	u64 w3 = ld_le64(s + 24) & 0x7fffffffffffffffull;

	/* y >= p exactly when y is one of p .. 2^255 - 1. */
	if (w3 == 0x7fffffffffffffffull && w2 == ~0ull && w1 == ~0ull &&
	    w0 >= 0xffffffffffffffedull)
		return false;
	h->v[0] = w0 & M51;
	h->v[1] = (w0 >> 51 | w1 << 13) & M51;
	h->v[2] = (w1 >> 38 | w2 << 26) & M51;
	h->v[3] = (w2 >> 25 | w3 << 39) & M51;
	h->v[4] = w3 >> 12;
	return true;
}

void pp_fe_tobytes(u8 s[32], const struct pp_fe *f)
{
	u64 h[5] = {f->v[0], f->v[1], f->v[2], f->v[3], f->v[4]};
	u64 w[4];
	u128 acc;

	/* Limbs below 2^52: the value is below 2^256 after one pass. */
	carry(h);
	acc = (u128)h[0] + ((u128)h[1] << 51);
	w[0] = (u64)acc;
	acc = (acc >> 64) + ((u128)h[2] << 38);
	w[1] = (u64)acc;
	acc = (acc >> 64) + ((u128)h[3] << 25);
	w[2] = (u64)acc;
	acc = (acc >> 64) + ((u128)h[4] << 12);
	w[3] = (u64)acc;

	/* Fold bit 255 twice (2^255 = 19): then the value is below 2^255. */
	for (int pass = 0; pass < 2; pass++) {
		u64 fold = 19 * (w[3] >> 63);
		w[3] &= 0x7fffffffffffffffull;
		acc = (u128)w[0] + fold;
		w[0] = (u64)acc;
		for (int i = 1; i < 4; i++) {
			acc = (u128)w[i] + (u64)(acc >> 64);
			w[i] = (u64)acc;
		}
	}
	/* Below 2^255: at least p exactly when value + 19 reaches 2^255. */
	acc = (u128)w[0] + 19;
	for (int i = 1; i < 4; i++)
		acc = (u128)w[i] + (u64)(acc >> 64);
	if ((u64)acc >> 63) {
		/* Subtract p = add 19 and drop bit 255. */
		acc = (u128)w[0] + 19;
		w[0] = (u64)acc;
		for (int i = 1; i < 4; i++) {
			acc = (u128)w[i] + (u64)(acc >> 64);
			w[i] = (u64)acc;
		}
		w[3] &= 0x7fffffffffffffffull;
	}
	for (size_t i = 0; i < 4; i++)
		st_le64(s + 8 * i, w[i]);
}

void pp_fe_add(struct pp_fe *h, const struct pp_fe *f, const struct pp_fe *g)
{
	for (int i = 0; i < 5; i++)
		h->v[i] = f->v[i] + g->v[i];
	carry(h->v);
}

/* f + 4p - g: every limb of 4p (2^53 - 76, 2^53 - 4, ...) exceeds g's. */
void pp_fe_sub(struct pp_fe *h, const struct pp_fe *f, const struct pp_fe *g)
{
	h->v[0] = f->v[0] + 0x1fffffffffffb4ull - g->v[0];
	for (int i = 1; i < 5; i++)
		h->v[i] = f->v[i] + 0x1ffffffffffffcull - g->v[i];
	carry(h->v);
}

void pp_fe_neg(struct pp_fe *h, const struct pp_fe *f)
{
	struct pp_fe zero = {{0, 0, 0, 0, 0}};
	pp_fe_sub(h, &zero, f);
}

/*
 * Reduce five 128-bit column sums. Each is below 77 * 2^104 < 2^111 for
 * limbs below 2^52; r4 has no factor 19 and is below 5 * 2^104 + 2^60, so
 * its carry is below 2^56 and 19 times it below 2^61.
 */
static void reduce_cols(struct pp_fe *h, u128 r0, u128 r1, u128 r2, u128 r3, u128 r4)
{
	r1 += (u64)(r0 >> 51);
	r2 += (u64)(r1 >> 51);
	r3 += (u64)(r2 >> 51);
	r4 += (u64)(r3 >> 51);
	u64 h0 = ((u64)r0 & M51) + 19 * (u64)(r4 >> 51);
	h->v[1] = ((u64)r1 & M51) + (h0 >> 51);
	h->v[0] = h0 & M51;
	h->v[2] = (u64)r2 & M51;
	h->v[3] = (u64)r3 & M51;
	h->v[4] = (u64)r4 & M51;
}

void pp_fe_mul(struct pp_fe *h, const struct pp_fe *f, const struct pp_fe *g)
{
	u64 f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
	u64 g0 = g->v[0], g1 = g->v[1], g2 = g->v[2], g3 = g->v[3], g4 = g->v[4];
	/* 2^255 = 19: a product landing at limb 5 + k goes to limb k times 19. */
	u64 g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;

	u128 r0 = (u128)f0 * g0 + (u128)f1 * g4_19 + (u128)f2 * g3_19 + (u128)f3 * g2_19 +
		  (u128)f4 * g1_19;
	u128 r1 =
	    (u128)f0 * g1 + (u128)f1 * g0 + (u128)f2 * g4_19 + (u128)f3 * g3_19 + (u128)f4 * g2_19;
	u128 r2 =
	    (u128)f0 * g2 + (u128)f1 * g1 + (u128)f2 * g0 + (u128)f3 * g4_19 + (u128)f4 * g3_19;
	u128 r3 = (u128)f0 * g3 + (u128)f1 * g2 + (u128)f2 * g1 + (u128)f3 * g0 + (u128)f4 * g4_19;
	u128 r4 = (u128)f0 * g4 + (u128)f1 * g3 + (u128)f2 * g2 + (u128)f3 * g1 + (u128)f4 * g0;
	reduce_cols(h, r0, r1, r2, r3, r4);
}

void pp_fe_sq(struct pp_fe *h, const struct pp_fe *f)
{
	u64 f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
	u64 f0_2 = 2 * f0, f1_2 = 2 * f1;
	u64 f3_19 = 19 * f3, f4_19 = 19 * f4, f3_38 = 38 * f3, f4_38 = 38 * f4;

	u128 r0 = (u128)f0 * f0 + (u128)f1 * f4_38 + (u128)f2 * f3_38;
	u128 r1 = (u128)f0_2 * f1 + (u128)f2 * f4_38 + (u128)f3 * f3_19;
	u128 r2 = (u128)f0_2 * f2 + (u128)f1 * f1 + (u128)f3 * f4_38;
	u128 r3 = (u128)f0_2 * f3 + (u128)f1_2 * f2 + (u128)f4 * f4_19;
	u128 r4 = (u128)f0_2 * f4 + (u128)f1_2 * f3 + (u128)f2 * f2;
	reduce_cols(h, r0, r1, r2, r3, r4);
}

static void sq_n(struct pp_fe *h, const struct pp_fe *f, int n)
{
	pp_fe_sq(h, f);
	while (--n > 0)
		pp_fe_sq(h, h);
}

/* t = f^(2^250 - 1); f11 = f^11. The usual chain: 2^5 - 1, 2^10 - 1, ... */
static void pow2_250_1(struct pp_fe *t, struct pp_fe *f11, const struct pp_fe *f)
{
	struct pp_fe f2, f9, e5, e10, e20, e50, e100, x;

	pp_fe_sq(&f2, f);	    /* f^2 */
	sq_n(&x, &f2, 2);	    /* f^8 */
	pp_fe_mul(&f9, &x, f);	    /* f^9 */
	pp_fe_mul(f11, &f9, &f2);   /* f^11 */
	pp_fe_sq(&x, f11);	    /* f^22 */
	pp_fe_mul(&e5, &x, &f9);    /* f^31 = f^(2^5 - 1) */
	sq_n(&x, &e5, 5);	    /* f^(2^10 - 2^5) */
	pp_fe_mul(&e10, &x, &e5);   /* f^(2^10 - 1) */
	sq_n(&x, &e10, 10);	    /* f^(2^20 - 2^10) */
	pp_fe_mul(&e20, &x, &e10);  /* f^(2^20 - 1) */
	sq_n(&x, &e20, 20);	    /* f^(2^40 - 2^20) */
	pp_fe_mul(&x, &x, &e20);    /* f^(2^40 - 1) */
	sq_n(&x, &x, 10);	    /* f^(2^50 - 2^10) */
	pp_fe_mul(&e50, &x, &e10);  /* f^(2^50 - 1) */
	sq_n(&x, &e50, 50);	    /* f^(2^100 - 2^50) */
	pp_fe_mul(&e100, &x, &e50); /* f^(2^100 - 1) */
	sq_n(&x, &e100, 100);	    /* f^(2^200 - 2^100) */
	pp_fe_mul(&x, &x, &e100);   /* f^(2^200 - 1) */
	sq_n(&x, &x, 50);	    /* f^(2^250 - 2^50) */
	pp_fe_mul(t, &x, &e50);	    /* f^(2^250 - 1) */
}

/* p - 2 = (2^250 - 1) * 2^5 + 11. */
void pp_fe_invert(struct pp_fe *h, const struct pp_fe *f)
{
	struct pp_fe t, f11;
	pow2_250_1(&t, &f11, f);
	sq_n(&t, &t, 5);
	pp_fe_mul(h, &t, &f11);
}

/* (p - 5) / 8 = 2^252 - 3 = (2^250 - 1) * 4 + 1. */
void pp_fe_pow22523(struct pp_fe *h, const struct pp_fe *f)
{
	struct pp_fe t, f11;
	pow2_250_1(&t, &f11, f);
	sq_n(&t, &t, 2);
	pp_fe_mul(h, &t, f);
}

bool pp_fe_iszero(const struct pp_fe *f)
{
	u8 s[32];
	u8 acc = 0;
	pp_fe_tobytes(s, f);
	for (int i = 0; i < 32; i++)
		acc |= s[i];
	return acc == 0;
}

bool pp_fe_eq(const struct pp_fe *f, const struct pp_fe *g)
{
	struct pp_fe d;
	pp_fe_sub(&d, f, g);
	return pp_fe_iszero(&d);
}

bool pp_fe_isodd(const struct pp_fe *f)
{
	u8 s[32];
	pp_fe_tobytes(s, f);
	return s[0] & 1;
}
