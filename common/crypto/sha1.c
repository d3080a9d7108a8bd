// SPDX-License-Identifier: GPL-2.0-only
/*
 * SHA-1, FIPS 180-4: functions 4.1.1, constants 4.2.1, padding 5.1.1,
 * parsing 5.2.1, initial value 5.3.1, computation 6.1.2. Words are loaded
 * and stored big-endian explicitly (bytes.h).
 *
 * Used ONLY to extend/replay a TPM's SHA-1 PCR bank when the TPM has it
 * active; never for a security decision of ours (parapet/sha1.h).
 */
#include <parapet/bytes.h>
#include <parapet/sha1.h>
#include <parapet/sha2.h>
#include <parapet/string.h>

/* FIPS 180-4 4.2.1: floor(2^30 * sqrt(n)) for n = 2, 3, 5, 10
 * (re-derived by tests/unit/test_sha1.c). */
const u32 pp_sha1_k[4] = {0x5a827999u, 0x6ed9eba1u, 0x8f1bbcdcu, 0xca62c1d6u};

/* FIPS 180-4 5.3.1. */
const u32 pp_sha1_iv[5] = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u, 0xc3d2e1f0u};

#define ROTL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))
/* 4.1.1: Ch for t = 0..19, Parity for 20..39 and 60..79, Maj for 40..59. */
#define F_CH(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define F_PARITY(x, y, z) ((x) ^ (y) ^ (z))
#define F_MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))

/* Message schedule 6.1.2 step 1, a rolling window of 16 words:
 * W(t) = ROTL1(W(t-3) ^ W(t-8) ^ W(t-14) ^ W(t-16)). */
#define SCHED(t)                                                                                   \
	(w[(t)&15] = ROTL(w[((t)-3) & 15] ^ w[((t)-8) & 15] ^ w[((t)-14) & 15] ^ w[(t)&15], 1))

/* 6.1.2 as written, one round per iteration (see sha256.c: rolled for the SLB). */
static void sha1_blocks(u32 hs[5], const u8 *p, size_t nblocks)
{
	u32 w[16];

	while (nblocks--) {
		u32 a = hs[0], b = hs[1], c = hs[2], d = hs[3], e = hs[4];

		for (unsigned t = 0; t < 80; t++) {
			u32 wt = t < 16 ? (w[t & 15] = ld_be32(p + 4 * (size_t)t)) : SCHED(t);
			u32 f = t < 20		    ? F_CH(b, c, d)
				: t < 40 || t >= 60 ? F_PARITY(b, c, d)
						    : F_MAJ(b, c, d);
			u32 tmp = ROTL(a, 5) + f + e + pp_sha1_k[t / 20] + wt;
			e = d;
			d = c;
			c = ROTL(b, 30);
			b = a;
			a = tmp;
		}

		hs[0] += a;
		hs[1] += b;
		hs[2] += c;
		hs[3] += d;
		hs[4] += e;
		p += PP_SHA1_BLOCK_SIZE;
	}
	pp_wipe(w, sizeof(w));
}

void pp_sha1_init(struct pp_sha1_ctx *c)
{
	for (unsigned i = 0; i < 5; i++)
		c->h[i] = pp_sha1_iv[i];
	c->bytes = 0;
	c->used = 0;
}

void pp_sha1_update(struct pp_sha1_ctx *c, const void *data, size_t len)
{
	const u8 *p = data;

	if (!len)
		return;
	c->bytes += len;
	if (c->used) {
		size_t take = PP_MIN(len, (size_t)(PP_SHA1_BLOCK_SIZE - c->used));

		memcpy(c->buf + c->used, p, take);
		c->used += (u32)take;
		p += take;
		len -= take;
		if (c->used < PP_SHA1_BLOCK_SIZE)
			return;
		sha1_blocks(c->h, c->buf, 1);
		c->used = 0;
	}
	if (len >= PP_SHA1_BLOCK_SIZE) {
		size_t n = len / PP_SHA1_BLOCK_SIZE;

		sha1_blocks(c->h, p, n);
		p += n * PP_SHA1_BLOCK_SIZE;
		len -= n * PP_SHA1_BLOCK_SIZE;
	}
	if (len) {
		memcpy(c->buf, p, len);
		c->used = (u32)len;
	}
}

/* Padding 5.1.1: a 1 bit, zeros up to 56 mod 64 bytes, the 64-bit
 * big-endian bit length. */
void pp_sha1_final(struct pp_sha1_ctx *c, u8 out[PP_SHA1_DIGEST_SIZE])
{
	u64 bits = c->bytes << 3;
	u32 n = c->used;

	c->buf[n++] = 0x80;
	if (n > PP_SHA1_BLOCK_SIZE - 8) {
		memset(c->buf + n, 0, PP_SHA1_BLOCK_SIZE - n);
		sha1_blocks(c->h, c->buf, 1);
		n = 0;
	}
	memset(c->buf + n, 0, PP_SHA1_BLOCK_SIZE - 8 - n);
	st_be64(c->buf + PP_SHA1_BLOCK_SIZE - 8, bits);
	sha1_blocks(c->h, c->buf, 1);
	for (size_t i = 0; i < 5; i++)
		st_be32(out + 4 * i, c->h[i]);
	pp_wipe(c, sizeof(*c));
}

void pp_sha1(const void *data, size_t len, u8 out[PP_SHA1_DIGEST_SIZE])
{
	struct pp_sha1_ctx c;

	pp_sha1_init(&c);
	pp_sha1_update(&c, data, len);
	pp_sha1_final(&c, out);
}
