// SPDX-License-Identifier: GPL-2.0-only
/*
 * TPM2_MakeCredential in software (TPM 2.0 Part 1, 24 "Credential
 * Protection", and the KDFa of 11.4.10.2; Part 3, MakeCredential), for the
 * RSA-2048 default EK: what lets `parapet attest enroll` hand a secret to
 * the TPM of that EK, readable only by ActivateCredential on an object with
 * the given name loaded beside the EK. OpenSSL 3, EVP interfaces only.
 *
 * Trust: the EK public area comes from the agent; the caller has checked it
 * (ekcert.c) before the credential is wrapped under it. Here it must only be
 * an RSA key with nameAlg SHA-256 and AES-128 CFB as its symmetric scheme,
 * else nothing is produced. The seed and the derived keys are wiped.
 */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <stdio.h>
#include <string.h>
#include <parapet/bytes.h>
#include "attest/verifier/online.h"

#define MC_SEED 32u   /* the EK's nameAlg digest size (Part 1, 24.4) */
#define MC_DIGEST 32u /* SHA-256 */
#define MC_SYMKEY 16u /* AES-128 */
#define MC_RSA_BYTES 256u

int av_kdfa(const u8 *key, size_t keylen, const char *label, const u8 *u, size_t ulen, const u8 *v,
	    size_t vlen, u32 bits, u8 *out)
{
	u8 block[MC_DIGEST], be[4];
	size_t want = bits / 8, done = 0, lablen = strlen(label) + 1; /* with its 0x00 */
	int rc = -1;
	if (bits % 8 || want > AV_KDF_MAX)
		return -1;
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
	OSSL_PARAM params[] = {
	    OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)"SHA256", 0),
	    OSSL_PARAM_construct_end()};
	if (!ctx)
		goto out;
	for (u32 i = 1; done < want; i++) {
		size_t n = 0, take = want - done < MC_DIGEST ? want - done : MC_DIGEST;
		st_be32(be, i);
		if (!EVP_MAC_init(ctx, key, keylen, params) || !EVP_MAC_update(ctx, be, 4) ||
		    !EVP_MAC_update(ctx, (const u8 *)label, lablen) ||
		    (ulen && !EVP_MAC_update(ctx, u, ulen)) ||
		    (vlen && !EVP_MAC_update(ctx, v, vlen)))
			goto out;
		st_be32(be, bits);
		if (!EVP_MAC_update(ctx, be, 4) || !EVP_MAC_final(ctx, block, &n, sizeof(block)) ||
		    n != MC_DIGEST)
			goto out;
		memcpy(out + done, block, take);
		done += take;
	}
	rc = 0;
out:
	OPENSSL_cleanse(block, sizeof(block));
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return rc;
}

static int hmac_sha256(const u8 *key, size_t keylen, const u8 *a, size_t alen, const u8 *b,
		       size_t blen, u8 out[MC_DIGEST])
{
	size_t n = 0;
	int ok = 0;
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
	OSSL_PARAM params[] = {
	    OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)"SHA256", 0),
	    OSSL_PARAM_construct_end()};
	ok = ctx && EVP_MAC_init(ctx, key, keylen, params) && EVP_MAC_update(ctx, a, alen) &&
	     EVP_MAC_update(ctx, b, blen) && EVP_MAC_final(ctx, out, &n, MC_DIGEST) &&
	     n == MC_DIGEST;
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return ok ? 0 : -1;
}

/* RSA-OAEP(SHA-256, MGF1-SHA-256, label "IDENTITY\0") of the seed (Part 1,
 * B.10.3 and 24.4). */
static int seal_seed(const TPM2B_PUBLIC *ek, const u8 seed[MC_SEED], u8 *out, size_t *outlen)
{
	static const char label[] = "IDENTITY"; /* sizeof includes the NUL */
	EVP_PKEY *key = av_key_evp(ek);
	EVP_PKEY_CTX *ctx = key ? EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL) : NULL;
	unsigned char *lab = OPENSSL_memdup(label, sizeof(label));
	int ok = ctx && lab && EVP_PKEY_encrypt_init(ctx) > 0 &&
		 EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) > 0 &&
		 EVP_PKEY_CTX_set_rsa_oaep_md_name(ctx, "SHA256", NULL) > 0 &&
		 EVP_PKEY_CTX_set_rsa_mgf1_md_name(ctx, "SHA256", NULL) > 0 &&
		 EVP_PKEY_CTX_set0_rsa_oaep_label(ctx, lab, sizeof(label)) > 0;
	if (ok)
		lab = NULL; /* the context owns it now */
	ok = ok && EVP_PKEY_encrypt(ctx, out, outlen, seed, MC_SEED) > 0;
	OPENSSL_free(lab);
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(key);
	return ok ? 0 : -1;
}

static int cfb_encrypt(const u8 key[MC_SYMKEY], const u8 *in, size_t n, u8 *out)
{
	static const u8 iv[16]; /* Part 1, 24.4: the IV is zero */
	int len1 = 0, len2 = 0;
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int ok = ctx && EVP_EncryptInit_ex2(ctx, EVP_aes_128_cfb128(), key, iv, NULL) &&
		 EVP_EncryptUpdate(ctx, out, &len1, in, (int)n) &&
		 EVP_EncryptFinal_ex(ctx, out + len1, &len2) && (size_t)len1 + (size_t)len2 == n;
	EVP_CIPHER_CTX_free(ctx);
	return ok ? 0 : -1;
}

static bool ek_supported(const TPM2B_PUBLIC *ek, char *why, size_t whylen)
{
	const TPMT_PUBLIC *t = &ek->publicArea;
	const TPMT_SYM_DEF_OBJECT *s = &t->parameters.rsaDetail.symmetric;
	if (t->type != TPM2_ALG_RSA || t->nameAlg != TPM2_ALG_SHA256 ||
	    t->unique.rsa.size != MC_RSA_BYTES) {
		snprintf(why, whylen,
			 "EK type 0x%04x nameAlg 0x%04x modulus %u bytes: only an RSA-2048 EK "
			 "with nameAlg SHA-256 is supported",
			 t->type, t->nameAlg, t->unique.rsa.size);
		return false;
	}
	if (s->algorithm != TPM2_ALG_AES || s->keyBits.aes != 128 || s->mode.aes != TPM2_ALG_CFB) {
		snprintf(why, whylen,
			 "EK symmetric 0x%04x/%u/0x%04x: only AES-128 CFB (the default EK "
			 "template) is supported",
			 s->algorithm, s->keyBits.aes, s->mode.aes);
		return false;
	}
	return true;
}

int av_makecred_seed(const TPM2B_PUBLIC *ek, const u8 *name, size_t name_len, const u8 *cred,
		     size_t cred_len, const u8 seed[32], u8 *blob, size_t blob_cap,
		     size_t *blob_len, u8 *secret, size_t secret_cap, size_t *secret_len, char *why,
		     size_t whylen)
{
	u8 symkey[MC_SYMKEY], hmackey[MC_DIGEST], plain[2 + MC_DIGEST];
	size_t enc_len = 2 + cred_len, id_len = 2 + 2 + MC_DIGEST + enc_len, sec_len = MC_RSA_BYTES;
	int rc = -1;
	*blob_len = *secret_len = 0;
	if (!ek_supported(ek, why, whylen))
		return -1;
	if (name_len != 2 + MC_DIGEST || ld_be16(name) != TPM2_ALG_SHA256) {
		snprintf(why, whylen, "object name of %zu bytes: a SHA-256 name has 34", name_len);
		return -1;
	}
	if (!cred_len || cred_len > MC_DIGEST) {
		snprintf(why, whylen, "credential of %zu bytes: 1 to %u allowed", cred_len,
			 MC_DIGEST);
		return -1;
	}
	if (blob_cap < id_len || secret_cap < 2 + MC_RSA_BYTES) {
		snprintf(why, whylen, "output buffers of %zu and %zu bytes: %zu and %u needed",
			 blob_cap, secret_cap, id_len, 2 + MC_RSA_BYTES);
		return -1;
	}
	/* TPM2B_ID_OBJECT: size | TPM2B_DIGEST integrityHMAC | encIdentity */
	st_be16(plain, (u16)cred_len);
	memcpy(plain + 2, cred, cred_len);
	if (av_kdfa(seed, MC_SEED, "STORAGE", name, name_len, NULL, 0, 8 * MC_SYMKEY, symkey) ||
	    av_kdfa(seed, MC_SEED, "INTEGRITY", NULL, 0, NULL, 0, 8 * MC_DIGEST, hmackey) ||
	    cfb_encrypt(symkey, plain, enc_len, blob + 4 + MC_DIGEST)) {
		snprintf(why, whylen, "OpenSSL: key derivation or AES-128-CFB failed");
		goto out;
	}
	st_be16(blob, (u16)(id_len - 2));
	st_be16(blob + 2, MC_DIGEST);
	if (hmac_sha256(hmackey, MC_DIGEST, blob + 4 + MC_DIGEST, enc_len, name, name_len,
			blob + 4)) {
		snprintf(why, whylen, "OpenSSL: HMAC-SHA-256 failed");
		goto out;
	}
	if (seal_seed(ek, seed, secret + 2, &sec_len) || sec_len != MC_RSA_BYTES) {
		snprintf(why, whylen, "OpenSSL: RSA-OAEP of the seed under the EK failed");
		goto out;
	}
	st_be16(secret, (u16)sec_len);
	*blob_len = id_len;
	*secret_len = 2 + sec_len;
	rc = 0;
out:
	OPENSSL_cleanse(symkey, sizeof(symkey));
	OPENSSL_cleanse(hmackey, sizeof(hmackey));
	OPENSSL_cleanse(plain, sizeof(plain));
	if (rc)
		OPENSSL_cleanse(blob, blob_cap);
	return rc;
}

int av_makecred(const TPM2B_PUBLIC *ek, const u8 *name, size_t name_len, const u8 *cred,
		size_t cred_len, u8 *blob, size_t blob_cap, size_t *blob_len, u8 *secret,
		size_t secret_cap, size_t *secret_len, char *why, size_t whylen)
{
	u8 seed[MC_SEED];
	if (RAND_bytes(seed, sizeof(seed)) != 1) {
		snprintf(why, whylen, "OpenSSL: no random seed");
		*blob_len = *secret_len = 0;
		return -1;
	}
	int rc = av_makecred_seed(ek, name, name_len, cred, cred_len, seed, blob, blob_cap,
				  blob_len, secret, secret_cap, secret_len, why, whylen);
	OPENSSL_cleanse(seed, sizeof(seed));
	return rc;
}
