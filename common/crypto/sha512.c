// SPDX-License-Identifier: GPL-2.0-only
/*
 * SHA-512 and SHA-384, FIPS 180-4: the SHA-512 computation (functions
 * 4.1.3, constants 4.2.3, padding 5.1.2, parsing 5.2.2, computation 6.4.2),
 * started from the SHA-512 initial value (5.3.5) with the full 512-bit
 * output, or from the SHA-384 initial value (5.3.4) and truncated to 384
 * bits (6.5). The message length is a 128-bit count, encoded in full in the
 * padding. Both contexts have the same fields; the streaming core below
 * works on those fields, so the two algorithms share one code path.
 */
#include <parapet/bytes.h>
#include <parapet/sha2.h>
#include <parapet/string.h>

/* FIPS 180-4 4.2.3: first 64 bits of the fractional parts of the cube
 * roots of the first 80 primes (re-derived by tests/unit/test_sha2.c). */
/* clang-format off */
const u64 pp_sha512_k[80] = {
	0x428a2f98d728ae22ull, 0x7137449123ef65cdull,
	0xb5c0fbcfec4d3b2full, 0xe9b5dba58189dbbcull,
	0x3956c25bf348b538ull, 0x59f111f1b605d019ull,
	0x923f82a4af194f9bull, 0xab1c5ed5da6d8118ull,
	0xd807aa98a3030242ull, 0x12835b0145706fbeull,
	0x243185be4ee4b28cull, 0x550c7dc3d5ffb4e2ull,
	0x72be5d74f27b896full, 0x80deb1fe3b1696b1ull,
	0x9bdc06a725c71235ull, 0xc19bf174cf692694ull,
	0xe49b69c19ef14ad2ull, 0xefbe4786384f25e3ull,
	0x0fc19dc68b8cd5b5ull, 0x240ca1cc77ac9c65ull,
	0x2de92c6f592b0275ull, 0x4a7484aa6ea6e483ull,
	0x5cb0a9dcbd41fbd4ull, 0x76f988da831153b5ull,
	0x983e5152ee66dfabull, 0xa831c66d2db43210ull,
	0xb00327c898fb213full, 0xbf597fc7beef0ee4ull,
	0xc6e00bf33da88fc2ull, 0xd5a79147930aa725ull,
	0x06ca6351e003826full, 0x142929670a0e6e70ull,
	0x27b70a8546d22ffcull, 0x2e1b21385c26c926ull,
	0x4d2c6dfc5ac42aedull, 0x53380d139d95b3dfull,
	0x650a73548baf63deull, 0x766a0abb3c77b2a8ull,
	0x81c2c92e47edaee6ull, 0x92722c851482353bull,
	0xa2bfe8a14cf10364ull, 0xa81a664bbc423001ull,
	0xc24b8b70d0f89791ull, 0xc76c51a30654be30ull,
	0xd192e819d6ef5218ull, 0xd69906245565a910ull,
	0xf40e35855771202aull, 0x106aa07032bbd1b8ull,
	0x19a4c116b8d2d0c8ull, 0x1e376c085141ab53ull,
	0x2748774cdf8eeb99ull, 0x34b0bcb5e19b48a8ull,
	0x391c0cb3c5c95a63ull, 0x4ed8aa4ae3418acbull,
	0x5b9cca4f7763e373ull, 0x682e6ff3d6b2b8a3ull,
	0x748f82ee5defb2fcull, 0x78a5636f43172f60ull,
	0x84c87814a1f0ab72ull, 0x8cc702081a6439ecull,
	0x90befffa23631e28ull, 0xa4506cebde82bde9ull,
	0xbef9a3f7b2c67915ull, 0xc67178f2e372532bull,
	0xca273eceea26619cull, 0xd186b8c721c0c207ull,
	0xeada7dd6cde0eb1eull, 0xf57d4f7fee6ed178ull,
	0x06f067aa72176fbaull, 0x0a637dc5a2c898a6ull,
	0x113f9804bef90daeull, 0x1b710b35131c471bull,
	0x28db77f523047d84ull, 0x32caab7b40c72493ull,
	0x3c9ebe0a15c9bebcull, 0x431d67c49c100d4cull,
	0x4cc5d4becb3e42b6ull, 0x597f299cfc657e2aull,
	0x5fcb6fab3ad6faecull, 0x6c44198c4a475817ull,
};
/* clang-format on */

/* FIPS 180-4 5.3.4: first 64 bits of the fractional parts of the square
 * roots of the 9th through 16th primes (23 .. 53). */
/* clang-format off */
const u64 pp_sha384_iv[8] = {
	0xcbbb9d5dc1059ed8ull, 0x629a292a367cd507ull,
	0x9159015a3070dd17ull, 0x152fecd8f70e5939ull,
	0x67332667ffc00b31ull, 0x8eb44a8768581511ull,
	0xdb0c2e0d64f98fa7ull, 0x47b5481dbefa4fa4ull,
};
/* clang-format on */

/* FIPS 180-4 5.3.5: first 64 bits of the fractional parts of the square
 * roots of the first 8 primes (2 .. 19). */
/* clang-format off */
const u64 pp_sha512_iv[8] = {
	0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull,
	0x3c6ef372fe94f82bull, 0xa54ff53a5f1d36f1ull,
	0x510e527fade682d1ull, 0x9b05688c2b3e6c1full,
	0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull,
};
/* clang-format on */

#define ROTR(x, n) (((x) >> (n)) | ((x) << (64 - (n))))
#define CH(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))
#define BSIG0(x) (ROTR(x, 28) ^ ROTR(x, 34) ^ ROTR(x, 39))
#define BSIG1(x) (ROTR(x, 14) ^ ROTR(x, 18) ^ ROTR(x, 41))
#define SSIG0(x) (ROTR(x, 1) ^ ROTR(x, 8) ^ ((x) >> 7))
#define SSIG1(x) (ROTR(x, 19) ^ ROTR(x, 61) ^ ((x) >> 6))

#define SCHED(t) (w[(t)&15] += SSIG1(w[((t)-2) & 15]) + w[((t)-7) & 15] + SSIG0(w[((t)-15) & 15]))

#define WLOAD(t) (w[(t)&15] = ld_be64(p + 8 * (size_t)(t)))

/* 6.4.2 as written, one round per iteration (see sha256.c: rolled for the SLB). */
static void sha512_blocks(u64 hs[8], const u8 *p, size_t nblocks)
{
	u64 w[16];

	while (nblocks--) {
		u64 a = hs[0], b = hs[1], c = hs[2], d = hs[3];
		u64 e = hs[4], f = hs[5], g = hs[6], h = hs[7];

		for (unsigned t = 0; t < 80; t++) {
			u64 wt = t < 16 ? WLOAD(t) : SCHED(t);
			u64 t1 = h + BSIG1(e) + CH(e, f, g) + pp_sha512_k[t] + wt;
			u64 t2 = BSIG0(a) + MAJ(a, b, c);
			h = g;
			g = f;
			f = e;
			e = d + t1;
			d = c;
			c = b;
			b = a;
			a = t1 + t2;
		}

		hs[0] += a;
		hs[1] += b;
		hs[2] += c;
		hs[3] += d;
		hs[4] += e;
		hs[5] += f;
		hs[6] += g;
		hs[7] += h;
		p += PP_SHA512_BLOCK_SIZE;
	}
	pp_wipe(w, sizeof(w));
}

/* The streaming core on the fields of either context. */
static void sha512_absorb(u64 hs[8], u64 *bytes_lo, u64 *bytes_hi, u8 buf[PP_SHA512_BLOCK_SIZE],
			  u32 *used, const void *data, size_t len)
{
	const u8 *p = data;

	if (!len)
		return;
	/* 128-bit byte count: carry into the high word. */
	if (__builtin_add_overflow(*bytes_lo, (u64)len, bytes_lo))
		(*bytes_hi)++;
	if (*used) {
		size_t take = PP_MIN(len, (size_t)(PP_SHA512_BLOCK_SIZE - *used));

		memcpy(buf + *used, p, take);
		*used += (u32)take;
		p += take;
		len -= take;
		if (*used < PP_SHA512_BLOCK_SIZE)
			return;
		sha512_blocks(hs, buf, 1);
		*used = 0;
	}
	if (len >= PP_SHA512_BLOCK_SIZE) {
		size_t n = len / PP_SHA512_BLOCK_SIZE;

		sha512_blocks(hs, p, n);
		p += n * PP_SHA512_BLOCK_SIZE;
		len -= n * PP_SHA512_BLOCK_SIZE;
	}
	if (len) {
		memcpy(buf, p, len);
		*used = (u32)len;
	}
}

/* Padding 5.1.2: a 1 bit, zeros up to 112 mod 128 bytes, the 128-bit
 * big-endian bit length (bytes * 8 as a 128-bit value). Leaves the final
 * hash value in hs; the caller stores its words and wipes the context. */
static void sha512_pad(u64 hs[8], u64 bytes_lo, u64 bytes_hi, u8 buf[PP_SHA512_BLOCK_SIZE],
		       u32 used)
{
	u64 bits_hi = (bytes_hi << 3) | (bytes_lo >> 61);
	u64 bits_lo = bytes_lo << 3;
	u32 n = used;

	buf[n++] = 0x80;
	if (n > PP_SHA512_BLOCK_SIZE - 16) {
		memset(buf + n, 0, PP_SHA512_BLOCK_SIZE - n);
		sha512_blocks(hs, buf, 1);
		n = 0;
	}
	memset(buf + n, 0, PP_SHA512_BLOCK_SIZE - 16 - n);
	st_be64(buf + PP_SHA512_BLOCK_SIZE - 16, bits_hi);
	st_be64(buf + PP_SHA512_BLOCK_SIZE - 8, bits_lo);
	sha512_blocks(hs, buf, 1);
}

void pp_sha384_init(struct pp_sha384_ctx *c)
{
	for (unsigned i = 0; i < 8; i++)
		c->h[i] = pp_sha384_iv[i];
	c->bytes_lo = 0;
	c->bytes_hi = 0;
	c->used = 0;
}

void pp_sha384_update(struct pp_sha384_ctx *c, const void *data, size_t len)
{
	sha512_absorb(c->h, &c->bytes_lo, &c->bytes_hi, c->buf, &c->used, data, len);
}

void pp_sha384_final(struct pp_sha384_ctx *c, u8 out[PP_SHA384_DIGEST_SIZE])
{
	sha512_pad(c->h, c->bytes_lo, c->bytes_hi, c->buf, c->used);
	/* 6.5: the leftmost 384 bits, H0 .. H5. */
	for (size_t i = 0; i < 6; i++)
		st_be64(out + 8 * i, c->h[i]);
	pp_wipe(c, sizeof(*c));
}

void pp_sha384(const void *data, size_t len, u8 out[PP_SHA384_DIGEST_SIZE])
{
	struct pp_sha384_ctx c;

	pp_sha384_init(&c);
	pp_sha384_update(&c, data, len);
	pp_sha384_final(&c, out);
}

void pp_sha512_init(struct pp_sha512_ctx *c)
{
	for (unsigned i = 0; i < 8; i++)
		c->h[i] = pp_sha512_iv[i];
	c->bytes_lo = 0;
	c->bytes_hi = 0;
	c->used = 0;
}

void pp_sha512_update(struct pp_sha512_ctx *c, const void *data, size_t len)
{
	sha512_absorb(c->h, &c->bytes_lo, &c->bytes_hi, c->buf, &c->used, data, len);
}

void pp_sha512_final(struct pp_sha512_ctx *c, u8 out[PP_SHA512_DIGEST_SIZE])
{
	sha512_pad(c->h, c->bytes_lo, c->bytes_hi, c->buf, c->used);
	/* 6.4.2: all 512 bits, H0 .. H7. */
	for (size_t i = 0; i < 8; i++)
		st_be64(out + 8 * i, c->h[i]);
	pp_wipe(c, sizeof(*c));
}

void pp_sha512(const void *data, size_t len, u8 out[PP_SHA512_DIGEST_SIZE])
{
	struct pp_sha512_ctx c;

	pp_sha512_init(&c);
	pp_sha512_update(&c, data, len);
	pp_sha512_final(&c, out);
}
