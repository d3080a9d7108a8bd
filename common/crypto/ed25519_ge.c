// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Ed25519 group (RFC 8032 5.1): the twisted Edwards curve
 * -x^2 + y^2 = 1 + d x^2 y^2 over GF(2^255 - 19), in extended coordinates
 * (Hisil, Wong, Carter, Dawson 2008: "Twisted Edwards curves revisited",
 * the a = -1 formulas, which are complete on this curve). Point decoding
 * and encoding as RFC 8032 5.1.3 and 5.1.2 specify, and the
 * variable-time double-scalar multiplication the verifier needs (width-5
 * signed sliding windows over both scalars). Public data only; every loop
 * has a fixed bound, whatever the input bytes.
 */
#include <parapet/string.h>
#include "common/crypto/ed25519_int.h"

/* B: y = 4/5, x even (RFC 8032 5.1); T = x y. Checked by the unit tests. */
/* clang-format off */
const struct pp_ge pp_ge_base = {
	.X = {{0x62d608f25d51aull, 0x412a4b4f6592aull, 0x75b7171a4b31dull,
	       0x1ff60527118feull, 0x216936d3cd6e5ull}},
	.Y = {{0x6666666666658ull, 0x4ccccccccccccull, 0x1999999999999ull,
	       0x3333333333333ull, 0x6666666666666ull}},
	.Z = {{1, 0, 0, 0, 0}},
	.T = {{0x68ab3a5b7dda3ull, 0x00eea2a5eadbbull, 0x2af8df483c27eull,
	       0x332b375274732ull, 0x67875f0fd78b7ull}},
};
/* clang-format on */

void pp_ge_identity(struct pp_ge *p)
{
	pp_fe_set(&p->X, 0);
	pp_fe_set(&p->Y, 1);
	pp_fe_set(&p->Z, 1);
	pp_fe_set(&p->T, 0);
}

bool pp_ge_frombytes(struct pp_ge *p, const u8 s[32])
{
	struct pp_fe y, y2, u, v, v3, v7, x, vx2, t, one;
	bool sign = s[31] >> 7;

	/* 1. y, refusing y >= p. */
	if (!pp_fe_frombytes(&y, s))
		return false;
	/* 2. u = y^2 - 1, v = d y^2 + 1, x = u v^3 (u v^7)^((p-5)/8). */
	pp_fe_set(&one, 1);
	pp_fe_sq(&y2, &y);
	pp_fe_sub(&u, &y2, &one);
	pp_fe_mul(&v, &y2, &pp_fe_d);
	pp_fe_add(&v, &v, &one);
	pp_fe_sq(&v3, &v);
	pp_fe_mul(&v3, &v3, &v);
	pp_fe_sq(&v7, &v3);
	pp_fe_mul(&v7, &v7, &v);
	pp_fe_mul(&t, &u, &v7);
	pp_fe_pow22523(&t, &t);
	pp_fe_mul(&x, &u, &v3);
	pp_fe_mul(&x, &x, &t);
	/* 3. v x^2 = u: x; v x^2 = -u: x sqrt(-1); otherwise no square root. */
	pp_fe_sq(&vx2, &x);
	pp_fe_mul(&vx2, &vx2, &v);
	if (!pp_fe_eq(&vx2, &u)) {
		pp_fe_neg(&t, &u);
		if (!pp_fe_eq(&vx2, &t))
			return false;
		pp_fe_mul(&x, &x, &pp_fe_sqrtm1);
	}
	/* 4. x = 0 with the sign bit set is refused; otherwise pick the sign. */
	if (pp_fe_iszero(&x) && sign)
		return false;
	if (pp_fe_isodd(&x) != sign)
		pp_fe_neg(&x, &x);
	p->X = x;
	p->Y = y;
	pp_fe_set(&p->Z, 1);
	pp_fe_mul(&p->T, &x, &y);
	return true;
}

void pp_ge_tobytes(u8 s[32], const struct pp_ge *p)
{
	struct pp_fe zi, x, y;
	pp_fe_invert(&zi, &p->Z);
	pp_fe_mul(&x, &p->X, &zi);
	pp_fe_mul(&y, &p->Y, &zi);
	pp_fe_tobytes(s, &y);
	s[31] |= (u8)(pp_fe_isodd(&x) << 7);
}

void pp_ge_neg(struct pp_ge *r, const struct pp_ge *p)
{
	pp_fe_neg(&r->X, &p->X);
	r->Y = p->Y;
	r->Z = p->Z;
	pp_fe_neg(&r->T, &p->T);
}

/* dbl-2008-hwcd with a = -1. */
void pp_ge_dbl(struct pp_ge *r, const struct pp_ge *p)
{
	struct pp_fe a, b, c, d, e, f, g, h;
	pp_fe_sq(&a, &p->X);
	pp_fe_sq(&b, &p->Y);
	pp_fe_sq(&c, &p->Z);
	pp_fe_add(&c, &c, &c);
	pp_fe_neg(&d, &a);
	pp_fe_add(&e, &p->X, &p->Y);
	pp_fe_sq(&e, &e);
	pp_fe_sub(&e, &e, &a);
	pp_fe_sub(&e, &e, &b);
	pp_fe_add(&g, &d, &b);
	pp_fe_sub(&f, &g, &c);
	pp_fe_sub(&h, &d, &b);
	pp_fe_mul(&r->X, &e, &f);
	pp_fe_mul(&r->Y, &g, &h);
	pp_fe_mul(&r->T, &e, &h);
	pp_fe_mul(&r->Z, &f, &g);
}

void pp_ge_cache(struct pp_ge_cached *c, const struct pp_ge *p)
{
	pp_fe_add(&c->ypx, &p->Y, &p->X);
	pp_fe_sub(&c->ymx, &p->Y, &p->X);
	pp_fe_mul(&c->t2d, &p->T, &pp_fe_d2);
	pp_fe_add(&c->z2, &p->Z, &p->Z);
}

/* add-2008-hwcd-3 (a = -1, k = 2d) with q prepared; neg swaps Y+X and Y-X
 * and negates 2dT, which adds -q. */
static void add_signed(struct pp_ge *r, const struct pp_ge *p, const struct pp_ge_cached *q,
		       bool neg)
{
	struct pp_fe a, b, c, d, e, f, g, h, t;
	pp_fe_sub(&t, &p->Y, &p->X);
	pp_fe_mul(&a, &t, neg ? &q->ypx : &q->ymx);
	pp_fe_add(&t, &p->Y, &p->X);
	pp_fe_mul(&b, &t, neg ? &q->ymx : &q->ypx);
	pp_fe_mul(&c, &p->T, &q->t2d);
	pp_fe_mul(&d, &p->Z, &q->z2);
	if (neg)
		pp_fe_neg(&c, &c);
	pp_fe_sub(&e, &b, &a);
	pp_fe_sub(&f, &d, &c);
	pp_fe_add(&g, &d, &c);
	pp_fe_add(&h, &b, &a);
	pp_fe_mul(&r->X, &e, &f);
	pp_fe_mul(&r->Y, &g, &h);
	pp_fe_mul(&r->T, &e, &h);
	pp_fe_mul(&r->Z, &f, &g);
}

void pp_ge_add(struct pp_ge *r, const struct pp_ge *p, const struct pp_ge_cached *q)
{
	add_signed(r, p, q, false);
}

void pp_ge_sub(struct pp_ge *r, const struct pp_ge *p, const struct pp_ge_cached *q)
{
	add_signed(r, p, q, true);
}

#define WNAF_W 5
#define WNAF_TAB (1 << (WNAF_W - 2)) /* odd multiples 1, 3, .., 15 */
#define WNAF_LEN 257		     /* digits of a 256-bit scalar */

/*
 * Width-5 non-adjacent form: k = sum naf[i] 2^i, each digit 0 or odd in
 * -15..15. A fixed 257 steps over a 320-bit working copy (k < 2^256, and
 * adding |digit| < 16 never carries past bit 256).
 */
static void wnaf(signed char naf[WNAF_LEN], const u8 k[32])
{
	u64 w[5] = {0, 0, 0, 0, 0};
	for (int i = 0; i < 32; i++)
		w[i / 8] |= (u64)k[i] << (8 * (i % 8));
	for (int i = 0; i < WNAF_LEN; i++) {
		int dig = 0;
		if (w[0] & 1) {
			dig = (int)(w[0] & ((1u << WNAF_W) - 1));
			if (dig >= (1 << (WNAF_W - 1)))
				dig -= 1 << WNAF_W;
			if (dig > 0) {
				w[0] -= (u64)dig; /* only clears low bits: no borrow */
			} else {
				u64 add = (u64)-dig;
				for (int j = 0; j < 5 && add; j++) {
					w[j] += add;
					add = w[j] < add;
				}
			}
		}
		naf[i] = (signed char)dig;
		for (int j = 0; j < 4; j++)
			w[j] = w[j] >> 1 | w[j + 1] << 63;
		w[4] >>= 1;
	}
}

static void odd_multiples(struct pp_ge_cached tab[WNAF_TAB], const struct pp_ge *p)
{
	struct pp_ge p2, cur = *p;
	struct pp_ge_cached c2;
	pp_ge_dbl(&p2, p);
	pp_ge_cache(&c2, &p2);
	pp_ge_cache(&tab[0], &cur);
	for (int i = 1; i < WNAF_TAB; i++) {
		pp_ge_add(&cur, &cur, &c2);
		pp_ge_cache(&tab[i], &cur);
	}
}

static void add_digit(struct pp_ge *r, const struct pp_ge_cached tab[WNAF_TAB], int dig)
{
	if (dig > 0)
		pp_ge_add(r, r, &tab[dig / 2]);
	else if (dig < 0)
		pp_ge_sub(r, r, &tab[-dig / 2]);
}

void pp_ge_double_scalarmult(struct pp_ge *r, const u8 a[32], const struct pp_ge *A, const u8 b[32])
{
	signed char na[WNAF_LEN], nb[WNAF_LEN];
	struct pp_ge_cached ta[WNAF_TAB], tb[WNAF_TAB];
	int top = WNAF_LEN - 1;

	wnaf(na, a);
	wnaf(nb, b);
	odd_multiples(ta, A);
	odd_multiples(tb, &pp_ge_base);
	while (top >= 0 && !na[top] && !nb[top])
		top--;
	pp_ge_identity(r);
	for (int i = top; i >= 0; i--) {
		pp_ge_dbl(r, r);
		add_digit(r, ta, na[i]);
		add_digit(r, tb, nb[i]);
	}
}
