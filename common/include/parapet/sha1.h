/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SHA-1 (FIPS 180-4 section 6.1), freestanding.
 *
 * SHA-1 is NOT used for any security decision of Parapet's. It exists only
 * to extend and replay a TPM's SHA-1 PCR bank when the TPM has that bank
 * active (a PCR extend must carry a digest for every active bank), and to
 * replay firmware event logs that carry SHA-1 digests. Measurements,
 * policy and reference values are judged in SHA-256/SHA-384/SHA-512 banks.
 *
 * Same streaming API as sha2.h: init, any number of updates (data may be
 * NULL when len is 0), final (writes the digest and wipes the context).
 * Contexts hold no pointers and may be copied to fork a hash. The bit
 * length is a 64-bit field (messages below 2^61 bytes).
 */
#ifndef PARAPET_SHA1_H
#define PARAPET_SHA1_H

#include <parapet/types.h>

#define PP_SHA1_DIGEST_SIZE 20u
#define PP_SHA1_BLOCK_SIZE 64u

struct pp_sha1_ctx {
	u32 h[5];		    /* chaining value H(i) */
	u64 bytes;		    /* message bytes absorbed so far */
	u8 buf[PP_SHA1_BLOCK_SIZE]; /* partial block */
	u32 used;		    /* bytes in buf, < 64 */
};

void pp_sha1_init(struct pp_sha1_ctx *c);
void pp_sha1_update(struct pp_sha1_ctx *c, const void *data, size_t len);
void pp_sha1_final(struct pp_sha1_ctx *c, u8 out[PP_SHA1_DIGEST_SIZE]);
void pp_sha1(const void *data, size_t len, u8 out[PP_SHA1_DIGEST_SIZE]);

/* FIPS 180-4 constants K (4.2.1) and H(0) (5.3.1), exported for the unit
 * test, which re-derives K from its definition. */
extern const u32 pp_sha1_k[4];
extern const u32 pp_sha1_iv[5];

#endif
