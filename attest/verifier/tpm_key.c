// SPDX-License-Identifier: GPL-2.0-only
/*
 * TPM public areas (TPM 2.0 Part 2, TPMT_PUBLIC / TPM2B_PUBLIC) as the
 * verifier uses them: a strict unmarshal (libtss2-mu; the bytes must be
 * exactly one canonical TPM2B_PUBLIC, re-marshalled and compared), the TPM
 * name (Part 1, "Names": nameAlg as UINT16 BE followed by the nameAlg hash
 * of the marshalled TPMT_PUBLIC), the restricted-signing-key test and the
 * OpenSSL key (RSA n/e, ECC point on the named curve); ak.pem compared with
 * it as the DER SubjectPublicKeyInfo it must hold (spki.c): first as the
 * very text OpenSSL writes for that DER (the usual case, no decoding), else
 * decoded by OpenSSL's PEM reader.
 */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <string.h>
#include <tss2/tss2_mu.h>
#include <parapet/bytes.h>
#include <parapet/hash.h>
#include "attest/verifier/verifier.h"

void av_hex(char *out, const u8 *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = 0;
}

int av_key_parse(const u8 *p, size_t n, TPM2B_PUBLIC *pub, char *why, size_t whylen)
{
	u8 again[sizeof(TPM2B_PUBLIC)];
	size_t off = 0, len = 0;
	memset(pub, 0, sizeof(*pub));
	if (Tss2_MU_TPM2B_PUBLIC_Unmarshal(p, n, &off, pub) != TSS2_RC_SUCCESS) {
		snprintf(why, whylen, "not a TPM2B_PUBLIC (%zu bytes)", n);
		return -1;
	}
	if (off != n) {
		snprintf(why, whylen, "%zu trailing bytes after the TPM2B_PUBLIC", n - off);
		return -1;
	}
	if (Tss2_MU_TPM2B_PUBLIC_Marshal(pub, again, sizeof(again), &len) != TSS2_RC_SUCCESS ||
	    len != n || memcmp(again, p, n) != 0) {
		snprintf(why, whylen, "TPM2B_PUBLIC not in canonical form");
		return -1;
	}
	if (pub->publicArea.type != TPM2_ALG_RSA && pub->publicArea.type != TPM2_ALG_ECC) {
		snprintf(why, whylen, "key type 0x%04x (only RSA and ECC keys sign quotes)",
			 pub->publicArea.type);
		return -1;
	}
	return 0;
}

int av_key_name(const TPM2B_PUBLIC *pub, TPM2B_NAME *name)
{
	u8 buf[sizeof(TPMT_PUBLIC)];
	size_t len = 0;
	u16 alg = pub->publicArea.nameAlg;
	u32 dsz = pp_hash_digest_size(alg);
	memset(name, 0, sizeof(*name));
	if (!dsz || !pp_hash_supported(alg) ||
	    Tss2_MU_TPMT_PUBLIC_Marshal(&pub->publicArea, buf, sizeof(buf), &len) !=
		TSS2_RC_SUCCESS)
		return -1;
	st_be16(name->name, alg);
	if (pp_hash(alg, buf, len, name->name + 2) != PP_OK)
		return -1;
	name->size = (u16)(2 + dsz);
	return 0;
}

bool av_key_restricted_signer(const TPM2B_PUBLIC *pub)
{
	TPMA_OBJECT a = pub->publicArea.objectAttributes;
	return (a & TPMA_OBJECT_RESTRICTED) && (a & TPMA_OBJECT_SIGN_ENCRYPT) &&
	       !(a & TPMA_OBJECT_DECRYPT);
}

static EVP_PKEY *from_params(const char *type, OSSL_PARAM_BLD *bld)
{
	EVP_PKEY *key = NULL;
	OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(bld);
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, type, NULL);
	if (!params || !ctx || EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) <= 0)
		key = NULL;
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	return key;
}

static EVP_PKEY *rsa_key(const TPMT_PUBLIC *t)
{
	EVP_PKEY *key = NULL;
	u32 e = t->parameters.rsaDetail.exponent ? t->parameters.rsaDetail.exponent : 65537u;
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	BIGNUM *n = BN_bin2bn(t->unique.rsa.buffer, t->unique.rsa.size, NULL);
	BIGNUM *bn_e = BN_new();
	if (!bld || !n || !bn_e || !BN_set_word(bn_e, e) || t->unique.rsa.size == 0 ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e))
		goto out;
	key = from_params("RSA", bld);
out:
	BN_free(n);
	BN_free(bn_e);
	OSSL_PARAM_BLD_free(bld);
	return key;
}

static EVP_PKEY *ecc_key(const TPMT_PUBLIC *t)
{
	const char *group;
	u32 fsz;
	u8 point[1 + 2 * 66];
	EVP_PKEY *key = NULL;
	switch (t->parameters.eccDetail.curveID) {
	case TPM2_ECC_NIST_P256: group = "prime256v1", fsz = 32; break;
	case TPM2_ECC_NIST_P384: group = "secp384r1", fsz = 48; break;
	case TPM2_ECC_NIST_P521: group = "secp521r1", fsz = 66; break;
	default: return NULL;
	}
	const TPM2B_ECC_PARAMETER *x = &t->unique.ecc.x, *y = &t->unique.ecc.y;
	if (x->size > fsz || y->size > fsz)
		return NULL;
	/* SEC 1 uncompressed point: 04 || X || Y, each left-padded to the field size */
	memset(point, 0, sizeof(point));
	point[0] = 4;
	memcpy(point + 1 + fsz - x->size, x->buffer, x->size);
	memcpy(point + 1 + 2 * (size_t)fsz - y->size, y->buffer, y->size);
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	if (bld && OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, group, 0) &&
	    OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point, 1 + 2 * fsz))
		key = from_params("EC", bld);
	OSSL_PARAM_BLD_free(bld);
	return key;
}

void *av_key_evp(const TPM2B_PUBLIC *pub)
{
	if (pub->publicArea.type == TPM2_ALG_RSA)
		return rsa_key(&pub->publicArea);
	if (pub->publicArea.type == TPM2_ALG_ECC)
		return ecc_key(&pub->publicArea);
	return NULL;
}

#define PEM_BEGIN "-----BEGIN PUBLIC KEY-----\n"
#define PEM_END "-----END PUBLIC KEY-----\n"
#define PEM_LINE 64u /* base64 characters per line (RFC 7468 section 2) */

/*
 * The PEM text OpenSSL and tpm2-tools write for a DER SubjectPublicKeyInfo
 * (RFC 7468: base64 of RFC 4648 section 4 in lines of 64, LF line ends);
 * its length, 0 if it does not fit.
 */
static size_t pem_of(const u8 *der, size_t n, char *out, size_t cap)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	static const char begin[] = PEM_BEGIN, end[] = PEM_END;
	size_t chars = (n + 2) / 3 * 4, len = 0;
	size_t need =
	    sizeof(begin) - 1 + chars + (chars + PEM_LINE - 1) / PEM_LINE + sizeof(end) - 1;
	if (!n || need > cap)
		return 0;
	memcpy(out, begin, sizeof(begin) - 1);
	len = sizeof(begin) - 1;
	for (size_t i = 0, col = 0; i < n; i += 3) {
		u32 v = (u32)der[i] << 16 | (i + 1 < n ? (u32)der[i + 1] << 8 : 0) |
			(i + 2 < n ? der[i + 2] : 0);
		out[len++] = b64[v >> 18 & 63];
		out[len++] = b64[v >> 12 & 63];
		out[len++] = i + 1 < n ? b64[v >> 6 & 63] : '=';
		out[len++] = i + 2 < n ? b64[v & 63] : '=';
		col += 4;
		if (col == PEM_LINE || i + 3 >= n) {
			out[len++] = '\n';
			col = 0;
		}
	}
	memcpy(out + len, end, sizeof(end) - 1);
	return len + sizeof(end) - 1;
}

int av_key_pem_equal(const TPM2B_PUBLIC *pub, const u8 *pem, size_t n)
{
	u8 want[AV_SPKI_MAX];
	char text[2 * AV_SPKI_MAX];
	char *name = NULL, *hdr = NULL;
	unsigned char *der = NULL;
	long len = 0;
	int rc = -1;
	size_t wlen = av_key_spki(pub, want, sizeof(want));
	/* the usual encoding, byte for byte: the key itself, without decoding */
	size_t tlen = wlen ? pem_of(want, wlen, text, sizeof(text)) : 0;
	if (tlen && tlen == n && !memcmp(text, pem, n))
		return 1;
	/* any other PEM: decoded and its DER compared */
	BIO *bio = BIO_new_mem_buf(pem, (int)(n > 1u << 20 ? 1u << 20 : n));
	/* one PEM block "PUBLIC KEY" without headers, then nothing but blanks */
	if (bio && PEM_read_bio(bio, &name, &hdr, &der, &len) == 1 && !strcmp(name, "PUBLIC KEY") &&
	    !hdr[0]) {
		char c;
		rc = 1;
		while (BIO_read(bio, &c, 1) == 1)
			if (c != '\n' && c != '\r' && c != ' ' && c != '\t')
				rc = -1;
		if (rc == 1)
			rc = wlen && (size_t)len == wlen && !memcmp(der, want, wlen);
	}
	OPENSSL_free(name);
	OPENSSL_free(hdr);
	OPENSSL_free(der);
	BIO_free(bio);
	return rc;
}
