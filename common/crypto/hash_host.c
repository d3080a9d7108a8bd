// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host only: the pp_hash of programs linked with -Wl,--wrap=pp_hash
 * (build/bin/parapet, attest-bench; parapet/hash_openssl.h). The linker
 * sends every pp_hash call of theirs here: OpenSSL computes the digest,
 * and the portable code (hash.c, reached as __real_pp_hash) does whenever
 * OpenSSL cannot, so the answer never depends on which one ran. Which
 * algorithms exist and their sizes stay hash.c's (pp_hash_supported,
 * pp_hash_digest_size are not wrapped).
 */
#include <parapet/err.h>
#include <parapet/hash.h>
#include <parapet/hash_openssl.h>

int __real_pp_hash(u16 alg, const void *data, size_t len, u8 *out);
int __wrap_pp_hash(u16 alg, const void *data, size_t len, u8 *out);

int __wrap_pp_hash(u16 alg, const void *data, size_t len, u8 *out)
{
	if (!pp_hash_supported(alg))
		return PP_ENOTSUP;
	if (pp_hash_openssl(alg, data, len, out) == PP_OK)
		return PP_OK;
	return __real_pp_hash(alg, data, len, out);
}
