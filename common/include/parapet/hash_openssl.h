/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host builds only (OpenSSL 3): pp_hash's algorithms computed by OpenSSL
 * (common/crypto/hash_openssl.c), several times faster than the portable
 * code on the small inputs an event log replay hashes (docs/attestation.md,
 * "Speed"). Freestanding code never includes this header.
 *
 * build/bin/parapet and attest-bench link with -Wl,--wrap=pp_hash: their
 * every pp_hash call goes to __wrap_pp_hash (common/crypto/hash_host.c),
 * which computes with pp_hash_openssl and falls back to the portable code
 * (__real_pp_hash, hash.c) if OpenSSL cannot. The unit tests keep the
 * portable pp_hash and check that the two agree.
 */
#ifndef PARAPET_HASH_OPENSSL_H
#define PARAPET_HASH_OPENSSL_H

#include <stddef.h>
#include <parapet/types.h>

/*
 * One-shot hash of data[0, len) by TPM_ALG_ID (SHA-1, SHA-256, SHA-384,
 * SHA-512) into out (the digest size); PP_OK, PP_ENOTSUP for another
 * algorithm, PP_ENOMEM if OpenSSL could not set up or compute it (out is
 * then unspecified). Thread-safe.
 */
int pp_hash_openssl(u16 alg, const void *data, size_t len, u8 *out);

#endif
