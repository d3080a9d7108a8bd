/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hash algorithms, named by their TPM_ALG_ID (TCG Algorithm Registry), so
 * the TPM driver, the event log and the measuring code share one vocabulary.
 * Freestanding implementations live in common/crypto/ (SHA-1, SHA-256,
 * SHA-384, SHA-512); they are checked against published vectors and against
 * OpenSSL. SHA-1 serves only to extend/replay a TPM's SHA-1 PCR bank.
 */
#ifndef PARAPET_HASH_H
#define PARAPET_HASH_H

#include <parapet/types.h>

#define PP_ALG_SHA1 0x0004u
#define PP_ALG_SHA256 0x000Bu
#define PP_ALG_SHA384 0x000Cu
#define PP_ALG_SHA512 0x000Du
#define PP_ALG_SM3_256 0x0012u

#define PP_HASH_MAX_DIGEST 64u

/* Digest size in bytes of a TPM_ALG_ID, 0 if unknown. */
u32 pp_hash_digest_size(u16 alg);
/* True when this build can compute the algorithm (SHA-1, SHA-256, SHA-384,
 * SHA-512; not SM3-256). */
bool pp_hash_supported(u16 alg);
/* One-shot hash; returns 0 or PP_ENOTSUP. out must hold the digest size. */
int pp_hash(u16 alg, const void *data, size_t len, u8 *out);

#endif
