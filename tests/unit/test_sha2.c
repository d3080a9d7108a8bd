// SPDX-License-Identifier: GPL-2.0-only
/*
 * SHA-256 / SHA-384 / SHA-512 (common/crypto/): the FIPS 180-4 constants re-derived
 * from their definition, the NIST example vectors, every length across the
 * padding boundaries, random messages fed in random chunks compared against
 * OpenSSL's EVP_Digest, the 128-bit length field, context wiping and the
 * TPM_ALG_ID dispatch.
 */
#define OPENSSL_SUPPRESS_DEPRECATED /* SHA*_CTX count fields, length test */
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <stdlib.h>

#include <parapet/err.h>
#include <parapet/hash.h>
#include <parapet/sha2.h>

#include "test_hash_util.h"
#include "unit.h"

/* ---- constants: integer k-th roots of p * 2^(k*bits) ------------------ */

#define BN_LIMBS 12 /* 384 bits: enough for 409 * 2^192 and its cube root */

struct bn {
	u32 l[BN_LIMBS]; /* little-endian limbs */
};

static void bn_from_u128(struct bn *r, unsigned __int128 v)
{
	memset(r, 0, sizeof(*r));
	for (int i = 0; i < 4; i++)
		r->l[i] = (u32)(v >> (32 * i));
}

static void bn_mul(struct bn *r, const struct bn *a, const struct bn *b)
{
	struct bn t = {{0}};

	for (int i = 0; i < BN_LIMBS; i++) {
		u64 carry = 0;
		for (int j = 0; i + j < BN_LIMBS; j++) {
			u64 v = (u64)a->l[i] * b->l[j] + t.l[i + j] + carry;
			t.l[i + j] = (u32)v;
			carry = v >> 32;
		}
	}
	*r = t;
}

static int bn_cmp(const struct bn *a, const struct bn *b)
{
	for (int i = BN_LIMBS - 1; i >= 0; i--)
		if (a->l[i] != b->l[i])
			return a->l[i] < b->l[i] ? -1 : 1;
	return 0;
}

/* floor(root_k(p) * 2^bits) mod 2^bits = the first `bits` bits of the
 * fractional part of the k-th root of p (FIPS 180-4 4.2.2, 4.2.3, 5.3). */
static u64 root_frac_bits(u32 p, int k, int bits)
{
	struct bn n, xb, pw;
	unsigned __int128 x = 0;
	int shift = k * bits;

	bn_from_u128(&n, p);
	/* n = p << shift, shift a multiple of 32 here (64, 96, 128, 192). */
	memmove(&n.l[shift / 32], &n.l[0], (size_t)(BN_LIMBS - shift / 32) * 4);
	memset(&n.l[0], 0, (size_t)(shift / 32) * 4);
	for (int bit = bits + 8; bit >= 0; bit--) {
		unsigned __int128 cand = x | ((unsigned __int128)1 << bit);

		bn_from_u128(&xb, cand);
		pw = xb;
		for (int i = 1; i < k; i++)
			bn_mul(&pw, &pw, &xb);
		if (bn_cmp(&pw, &n) <= 0)
			x = cand;
	}
	return bits == 64 ? (u64)x : (u64)x & ((1ull << bits) - 1);
}

static void first_primes(u32 *out, int n)
{
	int got = 0;

	for (u32 c = 2; got < n; c++) {
		bool prime = true;
		for (int i = 0; i < got && out[i] * out[i] <= c; i++)
			if (c % out[i] == 0)
				prime = false;
		if (prime)
			out[got++] = c;
	}
}

TEST(sha2_constants_derived)
{
	u32 p[80] = {0};

	first_primes(p, 80);
	CHECK_EQ(p[63], 311);
	CHECK_EQ(p[79], 409);
	for (int i = 0; i < 64; i++)
		CHECK_EQ(pp_sha256_k[i], root_frac_bits(p[i], 3, 32));
	for (int i = 0; i < 8; i++)
		CHECK_EQ(pp_sha256_iv[i], root_frac_bits(p[i], 2, 32));
	for (int i = 0; i < 80; i++)
		CHECK(pp_sha512_k[i] == root_frac_bits(p[i], 3, 64));
	for (int i = 0; i < 8; i++)
		CHECK(pp_sha384_iv[i] == root_frac_bits(p[8 + i], 2, 64));
	for (int i = 0; i < 8; i++)
		CHECK(pp_sha512_iv[i] == root_frac_bits(p[i], 2, 64));
	/* Spot values as printed in FIPS 180-4. */
	CHECK_EQ(pp_sha256_k[0], 0x428a2f98u);
	CHECK_EQ(pp_sha256_iv[7], 0x5be0cd19u);
	CHECK(pp_sha512_k[79] == 0x6c44198c4a475817ull);
	CHECK(pp_sha384_iv[0] == 0xcbbb9d5dc1059ed8ull);
	CHECK(pp_sha512_iv[7] == 0x5be0cd19137e2179ull);
}

/* ---- NIST example vectors ---------------------------------------------- */

#define MSG448 "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
#define MSG896                                                                                     \
	"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"                         \
	"ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"

static const struct {
	const char *msg;
	const char *sha256;
	const char *sha384;
	const char *sha512;
} nist[] = {
    {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
     "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da"
     "274edebfe76f65fbd51ad2f14898b95b",
     "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
     "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"},
    {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
     "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
     "8086072ba1e7cc2358baeca134c825a7",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
     "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
    {MSG448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
     "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6"
     "b0455a8520bc4e6f5fe95b1fe3c8452b",
     "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
     "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445"},
    {MSG896, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
     "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712"
     "fcc7c71a557e2db966c3e9fa91746039",
     "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
     "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"},
};

TEST(sha2_nist_vectors)
{
	u8 d[64];
	char h[129];

	for (size_t i = 0; i < PP_ARRAY_SIZE(nist); i++) {
		size_t n = strlen(nist[i].msg);

		pp_sha256(nist[i].msg, n, d);
		hex(h, d, 32);
		if (strcmp(h, nist[i].sha256) != 0) {
			printf("sha256(\"%s\") = %s\n", nist[i].msg, h);
			CHECK(!"SHA-256 NIST vector");
		}
		pp_sha384(nist[i].msg, n, d);
		hex(h, d, 48);
		if (strcmp(h, nist[i].sha384) != 0) {
			printf("sha384(\"%s\") = %s\n", nist[i].msg, h);
			CHECK(!"SHA-384 NIST vector");
		}
		pp_sha512(nist[i].msg, n, d);
		hex(h, d, 64);
		if (strcmp(h, nist[i].sha512) != 0) {
			printf("sha512(\"%s\") = %s\n", nist[i].msg, h);
			CHECK(!"SHA-512 NIST vector");
		}
	}
	/* The empty message with a NULL pointer. */
	pp_sha256(NULL, 0, d);
	hex(h, d, 32);
	CHECK(!strcmp(h, nist[0].sha256));
	pp_sha384(NULL, 0, d);
	hex(h, d, 48);
	CHECK(!strcmp(h, nist[0].sha384));
	pp_sha512(NULL, 0, d);
	hex(h, d, 64);
	CHECK(!strcmp(h, nist[0].sha512));
}

TEST(sha2_million_a)
{
	static u8 buf[1000000];
	struct pp_sha256_ctx c256;
	struct pp_sha384_ctx c384;
	struct pp_sha512_ctx c512;
	static const char want512[] =
	    "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
	    "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b";
	u8 d[64];
	char h[129];

	memset(buf, 'a', sizeof(buf));
	/* One-shot. */
	pp_sha256(buf, sizeof(buf), d);
	hex(h, d, 32);
	CHECK(!strcmp(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
	pp_sha384(buf, sizeof(buf), d);
	hex(h, d, 48);
	CHECK(!strcmp(h, "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b"
			 "07b8b3dc38ecc4ebae97ddd87f3d8985"));
	pp_sha512(buf, sizeof(buf), d);
	hex(h, d, 64);
	CHECK(!strcmp(h, want512));
	/* Streaming, 1000 updates of 1000 bytes (neither block multiple). */
	pp_sha256_init(&c256);
	pp_sha384_init(&c384);
	pp_sha512_init(&c512);
	for (int i = 0; i < 1000; i++) {
		pp_sha256_update(&c256, buf, 1000);
		pp_sha384_update(&c384, buf, 1000);
		pp_sha512_update(&c512, buf, 1000);
	}
	pp_sha256_final(&c256, d);
	hex(h, d, 32);
	CHECK(!strcmp(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
	pp_sha384_final(&c384, d);
	hex(h, d, 48);
	CHECK(!strcmp(h, "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b"
			 "07b8b3dc38ecc4ebae97ddd87f3d8985"));
	pp_sha512_final(&c512, d);
	hex(h, d, 64);
	CHECK(!strcmp(h, want512));
}

/* ---- against OpenSSL ------------------------------------------------------ */

static void ossl(const EVP_MD *md, const void *p, size_t n, u8 *out)
{
	unsigned int len = 0;

	if (!EVP_Digest(p, n, out, &len, md, NULL))
		memset(out, 0xee, 64);
}

/* Every length 0..400 one-shot (covers the 55/56/63/64-byte SHA-256 and
 * 111/112/127/128-byte SHA-384/512 padding edges several times over). */
TEST(sha2_every_length_vs_openssl)
{
	u8 msg[400], a[64], b[64];
	int bad = 0;

	rng_state = 0x0123456789abcdefull;
	fill(msg, sizeof(msg));
	for (size_t n = 0; n <= sizeof(msg) && bad < 4; n++) {
		pp_sha256(msg, n, a);
		ossl(EVP_sha256(), msg, n, b);
		if (memcmp(a, b, 32) != 0) {
			printf("sha256 length %zu differs\n", n);
			bad++;
			CHECK(!"SHA-256 vs OpenSSL");
		}
		pp_sha384(msg, n, a);
		ossl(EVP_sha384(), msg, n, b);
		if (memcmp(a, b, 48) != 0) {
			printf("sha384 length %zu differs\n", n);
			bad++;
			CHECK(!"SHA-384 vs OpenSSL");
		}
		pp_sha512(msg, n, a);
		ossl(EVP_sha512(), msg, n, b);
		if (memcmp(a, b, 64) != 0) {
			printf("sha512 length %zu differs\n", n);
			bad++;
			CHECK(!"SHA-512 vs OpenSSL");
		}
	}
}

#define RAND_MSGS 2000
#define RAND_MAXLEN 5000

TEST(sha2_random_chunks_vs_openssl)
{
	static u8 msg[RAND_MAXLEN];
	u64 seed = 0x5061726170657421ull; /* "Parapet!" */
	const char *env = getenv("PP_SHA2_SEED");
	u8 a[64], b[64];

	if (env)
		seed = strtoull(env, NULL, 0);
	rng_state = seed ? seed : 1;
	for (int m = 0; m < RAND_MSGS; m++) {
		size_t n = rng() % (RAND_MAXLEN + 1), off;
		struct pp_sha256_ctx c256;
		struct pp_sha384_ctx c384;
		struct pp_sha512_ctx c512;

		fill(msg, n);
		/* Chunks are cut independently for the two algorithms. */
		pp_sha256_init(&c256);
		for (off = 0; off < n;) {
			size_t c = chunk(n - off);
			pp_sha256_update(&c256, msg + off, c);
			off += c;
		}
		pp_sha256_update(&c256, NULL, 0);
		pp_sha256_final(&c256, a);
		ossl(EVP_sha256(), msg, n, b);
		if (memcmp(a, b, 32) != 0) {
			printf("sha256 mismatch: seed 0x%llx message %d length %zu "
			       "(rerun with PP_SHA2_SEED=0x%llx)\n",
			       (unsigned long long)seed, m, n, (unsigned long long)seed);
			CHECK(!"SHA-256 random vs OpenSSL");
			return;
		}
		pp_sha384_init(&c384);
		for (off = 0; off < n;) {
			size_t c = chunk(n - off);
			pp_sha384_update(&c384, msg + off, c);
			off += c;
		}
		pp_sha384_final(&c384, a);
		ossl(EVP_sha384(), msg, n, b);
		if (memcmp(a, b, 48) != 0) {
			printf("sha384 mismatch: seed 0x%llx message %d length %zu "
			       "(rerun with PP_SHA2_SEED=0x%llx)\n",
			       (unsigned long long)seed, m, n, (unsigned long long)seed);
			CHECK(!"SHA-384 random vs OpenSSL");
			return;
		}
		pp_sha512_init(&c512);
		for (off = 0; off < n;) {
			size_t c = chunk(n - off);
			pp_sha512_update(&c512, msg + off, c);
			off += c;
		}
		pp_sha512_final(&c512, a);
		ossl(EVP_sha512(), msg, n, b);
		if (memcmp(a, b, 64) != 0) {
			printf("sha512 mismatch: seed 0x%llx message %d length %zu "
			       "(rerun with PP_SHA2_SEED=0x%llx)\n",
			       (unsigned long long)seed, m, n, (unsigned long long)seed);
			CHECK(!"SHA-512 random vs OpenSSL");
			return;
		}
	}
}

/* Every two-way split of one message, byte-at-a-time feeding, and a context
 * copied mid-stream (a fork) finishing two different messages. */
TEST(sha2_split_points_and_fork)
{
	u8 msg[300], ref256[32], ref384[48], ref512[64], a[64], b[64];

	rng_state = 42;
	fill(msg, sizeof(msg));
	pp_sha256(msg, sizeof(msg), ref256);
	pp_sha384(msg, sizeof(msg), ref384);
	pp_sha512(msg, sizeof(msg), ref512);
	for (size_t cut = 0; cut <= sizeof(msg); cut++) {
		struct pp_sha256_ctx c256;
		struct pp_sha384_ctx c384;
		struct pp_sha512_ctx c512;

		pp_sha256_init(&c256);
		pp_sha256_update(&c256, msg, cut);
		pp_sha256_update(&c256, msg + cut, sizeof(msg) - cut);
		pp_sha256_final(&c256, a);
		CHECK(!memcmp(a, ref256, 32));
		pp_sha384_init(&c384);
		pp_sha384_update(&c384, msg, cut);
		pp_sha384_update(&c384, msg + cut, sizeof(msg) - cut);
		pp_sha384_final(&c384, a);
		CHECK(!memcmp(a, ref384, 48));
		pp_sha512_init(&c512);
		pp_sha512_update(&c512, msg, cut);
		pp_sha512_update(&c512, msg + cut, sizeof(msg) - cut);
		pp_sha512_final(&c512, a);
		CHECK(!memcmp(a, ref512, 64));
	}

	struct pp_sha256_ctx s, fork256;
	struct pp_sha384_ctx t, fork384;
	struct pp_sha512_ctx u, fork512;

	pp_sha256_init(&s);
	pp_sha384_init(&t);
	pp_sha512_init(&u);
	for (size_t i = 0; i < sizeof(msg); i++) {
		pp_sha256_update(&s, &msg[i], 1);
		pp_sha384_update(&t, &msg[i], 1);
		pp_sha512_update(&u, &msg[i], 1);
		if (i == 199) {
			fork256 = s;
			fork384 = t;
			fork512 = u;
		}
	}
	pp_sha512_final(&u, a);
	CHECK(!memcmp(a, ref512, 64));
	pp_sha256_final(&s, a);
	CHECK(!memcmp(a, ref256, 32));
	pp_sha384_final(&t, a);
	CHECK(!memcmp(a, ref384, 48));
	static const u8 xyz[3] = {'x', 'y', 'z'};

	pp_sha256_update(&fork256, xyz, 3);
	pp_sha256_final(&fork256, a);
	memcpy(msg + 200, xyz, 3);
	ossl(EVP_sha256(), msg, 203, b);
	CHECK(!memcmp(a, b, 32));
	pp_sha384_update(&fork384, xyz, 3);
	pp_sha384_final(&fork384, a);
	ossl(EVP_sha384(), msg, 203, b);
	CHECK(!memcmp(a, b, 48));
	pp_sha512_update(&fork512, xyz, 3);
	pp_sha512_final(&fork512, a);
	ossl(EVP_sha512(), msg, 203, b);
	CHECK(!memcmp(a, b, 64));
}

/*
 * The length field. No test can hash 2^61 bytes, so the byte counters of
 * both our context and OpenSSL's are preset to a huge, block-aligned value
 * (as if that many bytes had been absorbed into the same chaining value);
 * the final blocks then carry a length with the top bits set and, for
 * SHA-384, a carry into the upper 64 bits of the 128-bit field.
 */
TEST(sha2_length_field_high_bits)
{
	u8 msg[200], a[64], b[64];
	struct pp_sha256_ctx c256;
	struct pp_sha384_ctx c384;
	struct pp_sha512_ctx c512;
	SHA256_CTX o256;
	SHA512_CTX o384, o512;

	rng_state = 7;
	fill(msg, sizeof(msg));

	/* SHA-256: 2^61 - 128 bytes already counted, then 70 more. */
	u64 pre = (1ull << 61) - 128;
	pp_sha256_init(&c256);
	c256.bytes = pre;
	pp_sha256_update(&c256, msg, 70);
	pp_sha256_final(&c256, a);
	SHA256_Init(&o256);
	o256.Nl = (u32)(pre << 3);
	o256.Nh = (u32)((pre << 3) >> 32);
	SHA256_Update(&o256, msg, 70);
	SHA256_Final(b, &o256);
	CHECK(!memcmp(a, b, 32));

	/* SHA-384: 2^64 - 128 bytes counted, then 133: the byte count carries
	 * into bytes_hi and the bit count into the upper 64-bit word. */
	pre = 0ull - 128;
	pp_sha384_init(&c384);
	c384.bytes_lo = pre;
	pp_sha384_update(&c384, msg, 133);
	CHECK(c384.bytes_hi == 1 && c384.bytes_lo == 5);
	pp_sha384_final(&c384, a);
	SHA384_Init(&o384);
	o384.Nl = pre << 3;
	o384.Nh = pre >> 61;
	SHA384_Update(&o384, msg, 133);
	SHA384_Final(b, &o384);
	CHECK(!memcmp(a, b, 48));

	/* 2^63 + 1 bytes: bits 61..63 of the byte count move into the upper
	 * word of the bit length (bits_hi = 4, bits_lo = 8). */
	pre = 1ull << 63;
	pp_sha384_init(&c384);
	c384.bytes_lo = pre;
	pp_sha384_update(&c384, msg, 1);
	pp_sha384_final(&c384, a);
	SHA384_Init(&o384);
	o384.Nl = pre << 3;
	o384.Nh = pre >> 61;
	SHA384_Update(&o384, msg, 1);
	SHA384_Final(b, &o384);
	CHECK(!memcmp(a, b, 48));

	/* And a count whose bit length only fits in the upper word's top. */
	pp_sha384_init(&c384);
	c384.bytes_lo = 0;
	c384.bytes_hi = 1ull << 60; /* 2^124 bytes = 2^127 bits */
	pp_sha384_update(&c384, msg, 1);
	pp_sha384_final(&c384, a);
	SHA384_Init(&o384);
	o384.Nh = 1ull << 63;
	SHA384_Update(&o384, msg, 1);
	SHA384_Final(b, &o384);
	CHECK(!memcmp(a, b, 48));

	/* SHA-512 shares the core: the carry case once more, full output. */
	pre = 0ull - 128;
	pp_sha512_init(&c512);
	c512.bytes_lo = pre;
	pp_sha512_update(&c512, msg, 133);
	CHECK(c512.bytes_hi == 1 && c512.bytes_lo == 5);
	pp_sha512_final(&c512, a);
	SHA512_Init(&o512);
	o512.Nl = pre << 3;
	o512.Nh = pre >> 61;
	SHA512_Update(&o512, msg, 133);
	SHA512_Final(b, &o512);
	CHECK(!memcmp(a, b, 64));
}

static bool all_zero(const void *p, size_t n)
{
	const u8 *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

TEST(sha2_final_wipes_context)
{
	struct pp_sha256_ctx c256;
	struct pp_sha384_ctx c384;
	struct pp_sha512_ctx c512;
	u8 d[64];

	pp_sha256_init(&c256);
	pp_sha256_update(&c256, "secret material", 15);
	pp_sha256_final(&c256, d);
	CHECK(all_zero(&c256, sizeof(c256)));
	pp_sha384_init(&c384);
	pp_sha384_update(&c384, "secret material", 15);
	pp_sha384_final(&c384, d);
	CHECK(all_zero(&c384, sizeof(c384)));
	pp_sha512_init(&c512);
	pp_sha512_update(&c512, "secret material", 15);
	pp_sha512_final(&c512, d);
	CHECK(all_zero(&c512, sizeof(c512)));
}

TEST(hash_dispatch)
{
	u8 a[PP_HASH_MAX_DIGEST], b[PP_HASH_MAX_DIGEST];

	CHECK_EQ(pp_hash_digest_size(PP_ALG_SHA1), 20);
	CHECK_EQ(pp_hash_digest_size(PP_ALG_SHA256), 32);
	CHECK_EQ(pp_hash_digest_size(PP_ALG_SHA384), 48);
	CHECK_EQ(pp_hash_digest_size(PP_ALG_SHA512), 64);
	CHECK_EQ(pp_hash_digest_size(PP_ALG_SM3_256), 32);
	CHECK_EQ(pp_hash_digest_size(0x0000), 0);
	CHECK_EQ(pp_hash_digest_size(0xFFFF), 0);
	CHECK(pp_hash_supported(PP_ALG_SHA1));
	CHECK(pp_hash_supported(PP_ALG_SHA256));
	CHECK(pp_hash_supported(PP_ALG_SHA384));
	CHECK(pp_hash_supported(PP_ALG_SHA512));
	CHECK(!pp_hash_supported(PP_ALG_SM3_256));
	CHECK(!pp_hash_supported(0x0000));
	CHECK(!pp_hash_supported(0xFFFF));

	CHECK_EQ(pp_hash(PP_ALG_SHA256, "abc", 3, a), PP_OK);
	ossl(EVP_sha256(), "abc", 3, b);
	CHECK(!memcmp(a, b, 32));
	CHECK_EQ(pp_hash(PP_ALG_SHA384, "abc", 3, a), PP_OK);
	ossl(EVP_sha384(), "abc", 3, b);
	CHECK(!memcmp(a, b, 48));
	CHECK_EQ(pp_hash(PP_ALG_SHA512, "abc", 3, a), PP_OK);
	ossl(EVP_sha512(), "abc", 3, b);
	CHECK(!memcmp(a, b, 64));
	CHECK_EQ(pp_hash(PP_ALG_SHA1, "abc", 3, a), PP_OK);
	ossl(EVP_sha1(), "abc", 3, b);
	CHECK(!memcmp(a, b, 20));
	/* Every id pp_hash_supported accepts hashes, with the advertised size. */
	for (u32 id = 0; id <= 0xFFFF; id++) {
		if (!pp_hash_supported((u16)id))
			continue;
		u32 sz = pp_hash_digest_size((u16)id);
		memset(a, 0x5a, sizeof(a));
		CHECK(sz > 0 && sz <= PP_HASH_MAX_DIGEST);
		CHECK_EQ(pp_hash((u16)id, "abc", 3, a), PP_OK);
		if (sz < PP_HASH_MAX_DIGEST)
			CHECK(a[sz] == 0x5a);
	}
	memset(a, 0x5a, sizeof(a));
	CHECK_EQ(pp_hash(PP_ALG_SM3_256, "abc", 3, a), PP_ENOTSUP);
	CHECK_EQ(pp_hash(0xFFFF, "abc", 3, a), PP_ENOTSUP);
	CHECK(a[0] == 0x5a); /* output untouched on failure */
}
