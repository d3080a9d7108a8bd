// SPDX-License-Identifier: GPL-2.0-only
/*
 * The freestanding Ed25519 verifier (common/crypto/ed25519_*.c,
 * docs/crypto.md "Ed25519"): its constants re-derived, the RFC 8032 7.1
 * test vectors (TEST 1, 2, 3 and SHA(abc); TEST 1024 is Wycheproof's tcId 83,
 * run by test_ed25519_wycheproof.c), each also re-signed by
 * OpenSSL from the RFC's secret key, and the encoding rules: S >= L,
 * non-canonical and undecodable A, non-canonical R.
 */
#include <parapet/ed25519.h>
#include <parapet/sha2.h>
#include "common/crypto/ed25519_int.h"
#include "test_ed25519_util.h"
#include "unit.h"

TEST(ed25519_constants)
{
	struct pp_fe t, u, one, d2;
	u8 a[32], b[32];

	/* d * 121666 = -121665 */
	pp_fe_set(&t, 121666);
	pp_fe_mul(&t, &t, &pp_fe_d);
	pp_fe_set(&u, 121665);
	pp_fe_neg(&u, &u);
	CHECK(pp_fe_eq(&t, &u));
	pp_fe_add(&d2, &pp_fe_d, &pp_fe_d);
	CHECK(pp_fe_eq(&d2, &pp_fe_d2));
	/* sqrt(-1)^2 = -1 */
	pp_fe_sq(&t, &pp_fe_sqrtm1);
	pp_fe_set(&one, 1);
	pp_fe_neg(&u, &one);
	CHECK(pp_fe_eq(&t, &u));
	/* B: y = 4/5 encodes as 0x58 0x66 .. 0x66 with x even; it decodes back. */
	pp_ge_tobytes(a, &pp_ge_base);
	CHECK_EQ(a[0], 0x58);
	for (int i = 1; i < 32; i++)
		CHECK_EQ(a[i], 0x66);
	struct pp_ge p;
	REQUIRE(pp_ge_frombytes(&p, a));
	CHECK(pp_fe_eq(&p.X, &pp_ge_base.X));
	/* T = X Y on B */
	pp_fe_mul(&t, &pp_ge_base.X, &pp_ge_base.Y);
	CHECK(pp_fe_eq(&t, &pp_ge_base.T));
	/* [L]B = identity and [L-1]B = -B: the order */
	static const u8 l[32] = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
				 0xa2, 0xde, 0xf9, 0xde, 0x14, 0,    0,	   0,	 0,    0,    0,
				 0,    0,    0,	   0,	 0,    0,    0,	   0,	 0,    0x10};
	u8 zero[32] = {0}, lm1[32];
	struct pp_ge r;
	pp_ge_double_scalarmult(&r, zero, &pp_ge_base, l);
	pp_ge_tobytes(b, &r);
	CHECK_EQ(b[0], 1);
	CHECK(!memcmp(b + 1, zero + 1, 31));
	memcpy(lm1, l, 32);
	lm1[0]--;
	pp_ge_double_scalarmult(&r, lm1, &pp_ge_base, zero);
	pp_ge_tobytes(b, &r);
	a[31] ^= 0x80;
	CHECK(!memcmp(a, b, 32));
	CHECK(!pp_sc_is_canonical(l));
	CHECK(pp_sc_is_canonical(lm1));
}

TEST(ed25519_field_tobytes_edges)
{
	/* p, p + 1 and 2^255 - 1 are not canonical field encodings. */
	u8 s[32];
	struct pp_fe f;
	memset(s, 0xff, 32);
	s[31] = 0x7f;
	s[0] = 0xed;
	CHECK(!pp_fe_frombytes(&f, s)); /* p */
	s[0] = 0xec;
	REQUIRE(pp_fe_frombytes(&f, s)); /* p - 1 */
	u8 back[32];
	pp_fe_tobytes(back, &f);
	CHECK(!memcmp(back, s, 32));
	s[0] = 0xff;
	CHECK(!pp_fe_frombytes(&f, s)); /* 2^255 - 1 */
	/* (p - 1) + 1 = 0, (p - 1) + 2 = 1: reduced on the way out. */
	struct pp_fe one;
	s[0] = 0xec;
	REQUIRE(pp_fe_frombytes(&f, s));
	pp_fe_set(&one, 1);
	pp_fe_add(&f, &f, &one);
	CHECK(pp_fe_iszero(&f));
	pp_fe_add(&f, &f, &one);
	pp_fe_tobytes(back, &f);
	CHECK_EQ(back[0], 1);
	/* Inversion: f * 1/f = 1 for a few values. */
	for (u64 v = 2; v < 40; v += 7) {
		struct pp_fe g, gi;
		pp_fe_set(&g, v * 0x1234567ull);
		pp_fe_invert(&gi, &g);
		pp_fe_mul(&g, &g, &gi);
		CHECK(pp_fe_eq(&g, &one));
	}
}

TEST(ed25519_sc_reduce)
{
	/* 2^512 - 1 mod L and L itself, against values computed independently. */
	u8 in[64], out[32];
	memset(in, 0, 64);
	pp_sc_reduce64(out, in);
	for (int i = 0; i < 32; i++)
		CHECK_EQ(out[i], 0);
	/* in = L + 5 -> 5 */
	static const u8 l[32] = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
				 0xa2, 0xde, 0xf9, 0xde, 0x14, 0,    0,	   0,	 0,    0,    0,
				 0,    0,    0,	   0,	 0,    0,    0,	   0,	 0,    0x10};
	memcpy(in, l, 32);
	in[0] += 5;
	pp_sc_reduce64(out, in);
	CHECK_EQ(out[0], 5);
	for (int i = 1; i < 32; i++)
		CHECK_EQ(out[i], 0);
	/* 2^512 - 1 mod L = 0x0399411b7c309a3dceec73d217f5be65d00e1ba768859347a40611e3449c0f00
	 * (big-endian; python: (2**512-1) % L). */
	static const char *want =
	    "000f9c44e31106a447938568a71b0ed065bef517d273ecce3d9a307c1b419903";
	u8 w[32];
	REQUIRE(ed_unhex(want, w, 32) == 32);
	memset(in, 0xff, 64);
	pp_sc_reduce64(out, in);
	CHECK(!memcmp(out, w, 32));
}

struct rfc_vec {
	const char *name, *seed, *pub, *msg, *sig;
};

/* RFC 8032 section 7.1. TEST SHA(abc)'s message is SHA-512("abc"). */
static const struct rfc_vec rfc[] = {
    {"TEST 1", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701"
     "cf9b46bd25bf5f0595bbe24655141438e7a100b"},
    {"TEST 2", "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d"
     "0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
    {"TEST 3", "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f7609"
     "84dc6594a7c15e9716ed28dc027beceea1ec40a"},
    {"TEST SHA(abc)", "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
     "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf", NULL,
     "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66"
     "431e0303dca179c138ac17ad9bef1177331a704"},
};

TEST(ed25519_rfc8032)
{
	for (size_t v = 0; v < sizeof(rfc) / sizeof(rfc[0]); v++) {
		u8 seed[32], pub[32], sig[64], msg[64], opub[32], osig[64];
		long mlen;
		REQUIRE(ed_unhex(rfc[v].seed, seed, 32) == 32);
		REQUIRE(ed_unhex(rfc[v].pub, pub, 32) == 32);
		REQUIRE(ed_unhex(rfc[v].sig, sig, 64) == 64);
		if (rfc[v].msg) {
			mlen = ed_unhex(rfc[v].msg, msg, sizeof(msg));
		} else {
			pp_sha512("abc", 3, msg);
			mlen = 64;
		}
		REQUIRE(mlen >= 0);
		if (!pp_ed25519_verify(sig, msg, (size_t)mlen, pub))
			unit_fail(__FILE__, __LINE__, rfc[v].name);
		/* OpenSSL derives the same public key and signature from the seed. */
		EVP_PKEY *k = ed_ossl_key(seed, opub);
		REQUIRE(k);
		CHECK(!memcmp(opub, pub, 32));
		CHECK(!ed_ossl_sign(k, msg, (size_t)mlen, osig));
		CHECK(!memcmp(osig, sig, 64));
		EVP_PKEY_free(k);
		/* Every single-bit flip of the signature is refused. */
		int accepted = 0;
		for (int bit = 0; bit < 512; bit++) {
			sig[bit / 8] ^= (u8)(1u << (bit % 8));
			accepted += pp_ed25519_verify(sig, msg, (size_t)mlen, pub);
			sig[bit / 8] ^= (u8)(1u << (bit % 8));
		}
		CHECK_EQ(accepted, 0);
	}
}

/* TEST 1 with S replaced: S + L (same scalar mod L) must be refused. */
TEST(ed25519_s_range)
{
	u8 pub[32], sig[64];
	REQUIRE(ed_unhex(rfc[0].pub, pub, 32) == 32);
	REQUIRE(ed_unhex(rfc[0].sig, sig, 64) == 64);
	REQUIRE(pp_ed25519_verify(sig, NULL, 0, pub));
	static const u8 l[32] = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
				 0xa2, 0xde, 0xf9, 0xde, 0x14, 0,    0,	   0,	 0,    0,    0,
				 0,    0,    0,	   0,	 0,    0,    0,	   0,	 0,    0x10};
	unsigned c = 0;
	for (int i = 0; i < 32; i++) {
		c += sig[32 + i] + l[i];
		sig[32 + i] = (u8)c;
		c >>= 8;
	}
	REQUIRE(c == 0);
	CHECK(!pp_ed25519_verify(sig, NULL, 0, pub));
}

/*
 * Public keys: a non-canonical y (y = p + 1, the identity's y plus p), an
 * x^2 with no square root, and "negative zero" (y = 1 with the sign bit)
 * are refused by decoding; the canonical identity decodes (small order is
 * not refused: docs/crypto.md).
 */
TEST(ed25519_pub_decoding)
{
	u8 s[32];
	struct pp_ge p;
	memset(s, 0, 32);
	s[0] = 1;
	CHECK(pp_ge_frombytes(&p, s)); /* identity, canonical */
	s[31] = 0x80;
	CHECK(!pp_ge_frombytes(&p, s)); /* y = 1, x = 0 with the sign bit */
	memset(s, 0xff, 32);
	s[0] = 0xee;
	s[31] = 0x7f;
	CHECK(!pp_ge_frombytes(&p, s)); /* y = p + 1 */
	memset(s, 0, 32);
	s[0] = 2;
	CHECK(!pp_ge_frombytes(&p, s)); /* y = 2: (y^2-1)/(d y^2+1) is not a square */
	/* Small-order A with S = 0 and R = identity verifies (cofactorless,
	 * RFC 8032 accepts it; our keys are built in, docs/crypto.md). */
	u8 sig[64] = {0}, pub[32] = {0};
	sig[0] = 1;
	pub[0] = 1;
	CHECK(pp_ed25519_verify(sig, (const u8 *)"x", 1, pub));
	CHECK_EQ(ed_ossl_verify(sig, (const u8 *)"x", 1, pub), 1);
	/* R as the identity encoded non-canonically (y = p + 1, or y = 1 with
	 * the sign bit): refused, by OpenSSL too. */
	u8 rsig[64] = {0};
	memset(rsig, 0xff, 32);
	rsig[0] = 0xee;
	rsig[31] = 0x7f;
	CHECK(!pp_ed25519_verify(rsig, (const u8 *)"x", 1, pub));
	CHECK_EQ(ed_ossl_verify(rsig, (const u8 *)"x", 1, pub), 0);
	memset(rsig, 0, 32);
	rsig[0] = 1;
	rsig[31] = 0x80;
	CHECK(!pp_ed25519_verify(rsig, (const u8 *)"x", 1, pub));
	CHECK_EQ(ed_ossl_verify(rsig, (const u8 *)"x", 1, pub), 0);
	/* The same with the non-canonical identity y = p + 1 as A: refused. */
	memset(pub, 0xff, 32);
	pub[0] = 0xee;
	pub[31] = 0x7f;
	CHECK(!pp_ed25519_verify(sig, (const u8 *)"x", 1, pub));
}
