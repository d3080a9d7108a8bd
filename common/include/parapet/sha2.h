/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SHA-256, SHA-384 and SHA-512 (FIPS 180-4, sections 5 and 6), freestanding.
 *
 * Streaming API: init, any number of updates of any length (0 included;
 * data may be NULL when len is 0), then final, which writes the digest and
 * wipes the context (re-init before reusing it). One-shot helpers hash a
 * single buffer. Contexts hold no pointers and may be copied to fork a hash.
 *
 * Message length limits (FIPS 180-4 section 1): SHA-256 counts bits in 64
 * bits (messages below 2^61 bytes); SHA-384 and SHA-512 count bytes in 128
 * bits and emit the full 128-bit bit-length field.
 */
#ifndef PARAPET_SHA2_H
#define PARAPET_SHA2_H

#include <parapet/types.h>

#define PP_SHA256_DIGEST_SIZE 32u
#define PP_SHA256_BLOCK_SIZE 64u
#define PP_SHA384_DIGEST_SIZE 48u
#define PP_SHA384_BLOCK_SIZE 128u /* SHA-512 block */
#define PP_SHA512_DIGEST_SIZE 64u
#define PP_SHA512_BLOCK_SIZE 128u

struct pp_sha256_ctx {
	u32 h[8];		      /* chaining value H(i) */
	u64 bytes;		      /* message bytes absorbed so far */
	u8 buf[PP_SHA256_BLOCK_SIZE]; /* partial block */
	u32 used;		      /* bytes in buf, < 64 */
};

struct pp_sha384_ctx {
	u64 h[8];		      /* SHA-512 chaining value */
	u64 bytes_lo, bytes_hi;	      /* 128-bit count of message bytes */
	u8 buf[PP_SHA384_BLOCK_SIZE]; /* partial block */
	u32 used;		      /* bytes in buf, < 128 */
};

/* Same layout as pp_sha384_ctx (both run the SHA-512 computation). */
struct pp_sha512_ctx {
	u64 h[8];		      /* SHA-512 chaining value */
	u64 bytes_lo, bytes_hi;	      /* 128-bit count of message bytes */
	u8 buf[PP_SHA512_BLOCK_SIZE]; /* partial block */
	u32 used;		      /* bytes in buf, < 128 */
};

void pp_sha256_init(struct pp_sha256_ctx *c);
void pp_sha256_update(struct pp_sha256_ctx *c, const void *data, size_t len);
void pp_sha256_final(struct pp_sha256_ctx *c, u8 out[PP_SHA256_DIGEST_SIZE]);
void pp_sha256(const void *data, size_t len, u8 out[PP_SHA256_DIGEST_SIZE]);

void pp_sha384_init(struct pp_sha384_ctx *c);
void pp_sha384_update(struct pp_sha384_ctx *c, const void *data, size_t len);
void pp_sha384_final(struct pp_sha384_ctx *c, u8 out[PP_SHA384_DIGEST_SIZE]);
void pp_sha384(const void *data, size_t len, u8 out[PP_SHA384_DIGEST_SIZE]);

void pp_sha512_init(struct pp_sha512_ctx *c);
void pp_sha512_update(struct pp_sha512_ctx *c, const void *data, size_t len);
void pp_sha512_final(struct pp_sha512_ctx *c, u8 out[PP_SHA512_DIGEST_SIZE]);
void pp_sha512(const void *data, size_t len, u8 out[PP_SHA512_DIGEST_SIZE]);

/*
 * The FIPS 180-4 constants, exported so the unit test can re-derive them
 * from their definition (fractional parts of square and cube roots of
 * primes): K (4.2.2, 4.2.3) and the initial hash values (5.3.3, 5.3.4,
 * 5.3.5).
 */
extern const u32 pp_sha256_k[64];
extern const u32 pp_sha256_iv[8];
extern const u64 pp_sha512_k[80];
extern const u64 pp_sha384_iv[8];
extern const u64 pp_sha512_iv[8];

/* Overwrite n bytes in a way the compiler cannot drop as a dead store. */
void pp_wipe(void *p, size_t n);

#endif
