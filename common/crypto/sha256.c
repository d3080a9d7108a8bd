// SPDX-License-Identifier: GPL-2.0-only
/*
 * SHA-256, FIPS 180-4: functions 4.1.2, constants 4.2.2, padding 5.1.1,
 * parsing 5.2.1, initial value 5.3.3, computation 6.2.2. Words are loaded
 * and stored big-endian explicitly (bytes.h), so the code has no alignment
 * or host-endianness assumptions.
 */
#include <parapet/bytes.h>
#include <parapet/sha2.h>
#include <parapet/string.h>

/* FIPS 180-4 4.2.2: first 32 bits of the fractional parts of the cube
 * roots of the first 64 primes (re-derived by tests/unit/test_sha2.c). */
/* clang-format off */
const u32 pp_sha256_k[64] = {
	0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u,
	0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
	0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u,
	0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
	0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu,
	0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
	0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u,
	0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
	0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u,
	0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
	0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u,
	0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
	0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u,
	0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
	0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u,
	0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};
/* clang-format on */

/* FIPS 180-4 5.3.3: first 32 bits of the fractional parts of the square
 * roots of the first 8 primes. */
/* clang-format off */
const u32 pp_sha256_iv[8] = {
	0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
	0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u,
};
/* clang-format on */

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define CH(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))		 /* = (x&y) ^ (~x&z) */
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y)))) /* = majority */
#define BSIG0(x) (ROTR(x, 2) ^ ROTR(x, 13) ^ ROTR(x, 22))
#define BSIG1(x) (ROTR(x, 6) ^ ROTR(x, 11) ^ ROTR(x, 25))
#define SSIG0(x) (ROTR(x, 7) ^ ROTR(x, 18) ^ ((x) >> 3))
#define SSIG1(x) (ROTR(x, 17) ^ ROTR(x, 19) ^ ((x) >> 10))

/* Message schedule 6.2.2 step 1, kept as a rolling window of 16 words. */
#define SCHED(t) (w[(t)&15] += SSIG1(w[((t)-2) & 15]) + w[((t)-7) & 15] + SSIG0(w[((t)-15) & 15]))

#define WLOAD(t) (w[(t)&15] = ld_be32(p + 4 * (size_t)(t)))

/*
 * 6.2.2 as written: words 0..15 from the block, the rest from the schedule;
 * one round per iteration, the working variables shifted. Rolled, because
 * the secure loader links this into its 64 KiB SLB (docs/crypto.md).
 */
static void sha256_blocks(u32 hs[8], const u8 *p, size_t nblocks)
{
	u32 w[16];

	while (nblocks--) {
		u32 a = hs[0], b = hs[1], c = hs[2], d = hs[3];
		u32 e = hs[4], f = hs[5], g = hs[6], h = hs[7];

		for (unsigned t = 0; t < 64; t++) {
			u32 wt = t < 16 ? WLOAD(t) : SCHED(t);
			u32 t1 = h + BSIG1(e) + CH(e, f, g) + pp_sha256_k[t] + wt;
			u32 t2 = BSIG0(a) + MAJ(a, b, c);
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
		p += PP_SHA256_BLOCK_SIZE;
	}
	pp_wipe(w, sizeof(w));
}

void pp_sha256_init(struct pp_sha256_ctx *c)
{
	for (unsigned i = 0; i < 8; i++)
		c->h[i] = pp_sha256_iv[i];
	c->bytes = 0;
	c->used = 0;
}

void pp_sha256_update(struct pp_sha256_ctx *c, const void *data, size_t len)
{
	const u8 *p = data;

	if (!len)
		return;
	c->bytes += len;
	if (c->used) {
		size_t take = PP_MIN(len, (size_t)(PP_SHA256_BLOCK_SIZE - c->used));

		memcpy(c->buf + c->used, p, take);
		c->used += (u32)take;
		p += take;
		len -= take;
		if (c->used < PP_SHA256_BLOCK_SIZE)
			return;
		sha256_blocks(c->h, c->buf, 1);
		c->used = 0;
	}
	if (len >= PP_SHA256_BLOCK_SIZE) {
		size_t n = len / PP_SHA256_BLOCK_SIZE;

		sha256_blocks(c->h, p, n);
		p += n * PP_SHA256_BLOCK_SIZE;
		len -= n * PP_SHA256_BLOCK_SIZE;
	}
	if (len) {
		memcpy(c->buf, p, len);
		c->used = (u32)len;
	}
}

/* Padding 5.1.1: a 1 bit, zeros up to 56 mod 64 bytes, the 64-bit
 * big-endian bit length. */
void pp_sha256_final(struct pp_sha256_ctx *c, u8 out[PP_SHA256_DIGEST_SIZE])
{
	u64 bits = c->bytes << 3;
	u32 n = c->used;

	c->buf[n++] = 0x80;
	if (n > PP_SHA256_BLOCK_SIZE - 8) {
		memset(c->buf + n, 0, PP_SHA256_BLOCK_SIZE - n);
		sha256_blocks(c->h, c->buf, 1);
		n = 0;
	}
	memset(c->buf + n, 0, PP_SHA256_BLOCK_SIZE - 8 - n);
	st_be64(c->buf + PP_SHA256_BLOCK_SIZE - 8, bits);
	sha256_blocks(c->h, c->buf, 1);
	for (size_t i = 0; i < 8; i++)
		st_be32(out + 4 * i, c->h[i]);
	pp_wipe(c, sizeof(*c));
}

void pp_sha256(const void *data, size_t len, u8 out[PP_SHA256_DIGEST_SIZE])
{
	struct pp_sha256_ctx c;

	pp_sha256_init(&c);
	pp_sha256_update(&c, data, len);
	pp_sha256_final(&c, out);
}
