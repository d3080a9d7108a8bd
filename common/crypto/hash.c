// SPDX-License-Identifier: GPL-2.0-only
/*
 * Algorithm dispatch by TPM_ALG_ID (TCG Algorithm Registry): digest sizes
 * of the algorithms a TPM may report, and one-shot hashing for those this
 * build implements (SHA-1, SHA-256, SHA-384, SHA-512). SHA-1 is here only
 * to extend/replay a TPM's SHA-1 PCR bank (parapet/sha1.h).
 */
#include <parapet/err.h>
#include <parapet/hash.h>
#include <parapet/sha1.h>
#include <parapet/sha2.h>

u32 pp_hash_digest_size(u16 alg)
{
	switch (alg) {
	case PP_ALG_SHA1: return 20;
	case PP_ALG_SHA256: return 32;
	case PP_ALG_SHA384: return 48;
	case PP_ALG_SHA512: return 64;
	case PP_ALG_SM3_256: return 32;
	default: return 0;
	}
}

bool pp_hash_supported(u16 alg)
{
	return alg == PP_ALG_SHA1 || alg == PP_ALG_SHA256 || alg == PP_ALG_SHA384 ||
	       alg == PP_ALG_SHA512;
}

int pp_hash(u16 alg, const void *data, size_t len, u8 *out)
{
	switch (alg) {
	case PP_ALG_SHA1: pp_sha1(data, len, out); return PP_OK;
	case PP_ALG_SHA256: pp_sha256(data, len, out); return PP_OK;
	case PP_ALG_SHA384: pp_sha384(data, len, out); return PP_OK;
	case PP_ALG_SHA512: pp_sha512(data, len, out); return PP_OK;
	default: return PP_ENOTSUP;
	}
}
