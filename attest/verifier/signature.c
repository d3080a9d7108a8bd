// SPDX-License-Identifier: GPL-2.0-only
/*
 * The quote's signature (TPMT_SIGNATURE, TPM 2.0 Part 2; the file
 * `tpm2_quote -f tss` writes) over the bytes of quote.msg, checked with
 * OpenSSL against an enrolled AK: RSASSA-PKCS1-v1_5, RSASSA-PSS (salt
 * length recovered from the signature: TPMs differ) or ECDSA (r, s
 * re-encoded as the DER ECDSA-Sig-Value OpenSSL verifies). The signature's
 * algorithm and hash must be the key's own scheme when the key fixes one.
 * The verification context of an enrolled AK is made once per process
 * (key_cache.c).
 */
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <stdio.h>
#include <string.h>
#include <tss2/tss2_mu.h>
#include <parapet/err.h>
#include <parapet/hash.h>
#include "attest/verifier/verifier.h"

int av_sig_parse(const u8 *p, size_t n, TPMT_SIGNATURE *sig)
{
	size_t off = 0;
	memset(sig, 0, sizeof(*sig));
	if (Tss2_MU_TPMT_SIGNATURE_Unmarshal(p, n, &off, sig) != TSS2_RC_SUCCESS || off != n)
		return -1;
	switch (sig->sigAlg) {
	case TPM2_ALG_RSASSA:
	case TPM2_ALG_RSAPSS:
	case TPM2_ALG_ECDSA: return 0;
	default: return -1;
	}
}

static const EVP_MD *md_of(u16 alg)
{
	switch (alg) {
	case TPM2_ALG_SHA1: return EVP_sha1();
	case TPM2_ALG_SHA256: return EVP_sha256();
	case TPM2_ALG_SHA384: return EVP_sha384();
	case TPM2_ALG_SHA512: return EVP_sha512();
	default: return NULL;
	}
}

/* The DER ECDSA-Sig-Value of (r, s); its length, 0 on failure. */
static size_t ecdsa_der(const TPMS_SIGNATURE_ECDSA *e, u8 *out, size_t cap)
{
	size_t len = 0;
	ECDSA_SIG *s = ECDSA_SIG_new();
	BIGNUM *r = BN_bin2bn(e->signatureR.buffer, e->signatureR.size, NULL);
	BIGNUM *ss = BN_bin2bn(e->signatureS.buffer, e->signatureS.size, NULL);
	if (s && r && ss && ECDSA_SIG_set0(s, r, ss)) {
		r = ss = NULL; /* owned by s now */
		int need = i2d_ECDSA_SIG(s, NULL);
		if (need > 0 && (size_t)need <= cap) {
			u8 *p = out;
			len = (size_t)i2d_ECDSA_SIG(s, &p);
		}
	}
	BN_free(r);
	BN_free(ss);
	ECDSA_SIG_free(s);
	return len;
}

/* The key's fixed scheme, TPM2_ALG_NULL if it leaves the choice to the caller. */
static void key_scheme(const TPMT_PUBLIC *t, u16 *scheme, u16 *hash)
{
	if (t->type == TPM2_ALG_RSA) {
		*scheme = t->parameters.rsaDetail.scheme.scheme;
		*hash = t->parameters.rsaDetail.scheme.details.anySig.hashAlg;
	} else {
		*scheme = t->parameters.eccDetail.scheme.scheme;
		*hash = t->parameters.eccDetail.scheme.details.anySig.hashAlg;
	}
}

/* A context verifying sig_alg signatures with key over md digests, NULL on failure. */
static EVP_PKEY_CTX *verify_ctx(const TPM2B_PUBLIC *key, u16 sig_alg, const EVP_MD *md)
{
	EVP_PKEY *pkey = av_key_evp(key);
	EVP_PKEY_CTX *ctx = pkey ? EVP_PKEY_CTX_new(pkey, NULL) : NULL;
	EVP_PKEY_free(pkey); /* ctx holds its own reference */
	if (!ctx || EVP_PKEY_verify_init(ctx) <= 0 || EVP_PKEY_CTX_set_signature_md(ctx, md) <= 0)
		goto fail;
	if (sig_alg == TPM2_ALG_RSASSA && EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) <= 0)
		goto fail;
	if (sig_alg == TPM2_ALG_RSAPSS &&
	    (EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING) <= 0 ||
	     EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, RSA_PSS_SALTLEN_AUTO) <= 0))
		goto fail;
	return ctx;
fail:
	EVP_PKEY_CTX_free(ctx);
	return NULL;
}

int av_sig_verify(const TPM2B_PUBLIC *key, const TPMT_SIGNATURE *sig, const u8 *msg, size_t n,
		  char *why, size_t whylen)
{
	u8 digest[EVP_MAX_MD_SIZE], der[256];
	unsigned int dlen = 0;
	const u8 *s;
	size_t slen;
	u16 hash, scheme, shash;
	bool rsa = key->publicArea.type == TPM2_ALG_RSA;
	int ok = 0;

	if (sig->sigAlg == TPM2_ALG_ECDSA) {
		hash = sig->signature.ecdsa.hash;
	} else {
		hash = sig->signature.rsassa.hash;
	}
	if (rsa != (sig->sigAlg != TPM2_ALG_ECDSA)) {
		snprintf(why, whylen, "signature algorithm 0x%04x does not fit the key type 0x%04x",
			 sig->sigAlg, key->publicArea.type);
		return 0;
	}
	key_scheme(&key->publicArea, &scheme, &shash);
	if (scheme != TPM2_ALG_NULL && (scheme != sig->sigAlg || shash != hash)) {
		snprintf(why, whylen, "signature scheme 0x%04x/0x%04x, the key's is 0x%04x/0x%04x",
			 sig->sigAlg, hash, scheme, shash);
		return 0;
	}
	const EVP_MD *md = md_of(hash);
	dlen = pp_hash_digest_size(hash);
	if (!md || pp_hash(hash, msg, n, digest) != PP_OK) {
		snprintf(why, whylen, "signature hash 0x%04x unsupported", hash);
		return 0;
	}
	if (rsa) {
		s = sig->signature.rsassa.sig.buffer;
		slen = sig->signature.rsassa.sig.size;
	} else {
		slen = ecdsa_der(&sig->signature.ecdsa, der, sizeof(der));
		s = der;
	}
	EVP_PKEY_CTX *ctx = slen ? av_key_ctx_get(key, sig->sigAlg, hash) : NULL;
	if (!ctx && slen) {
		ctx = verify_ctx(key, sig->sigAlg, md);
		if (ctx)
			av_key_ctx_put(key, sig->sigAlg, hash, ctx);
	}
	ok = ctx && EVP_PKEY_verify(ctx, s, slen, digest, dlen) == 1;
	if (!ok)
		snprintf(why, whylen, "the signature does not verify with the enrolled AK");
	EVP_PKEY_CTX_free(ctx);
	return ok;
}
