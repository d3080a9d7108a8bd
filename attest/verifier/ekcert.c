// SPDX-License-Identifier: GPL-2.0-only
/*
 * The endorsement key, as enrollment checks it (docs/attestation.md,
 * "Enrollment"): its public area must be the TCG default EK template L-1
 * (TCG EK Credential Profile for TPM Family 2.0, B.3.3: RSA-2048,
 * fixedTPM | fixedParent | sensitiveDataOrigin | adminWithPolicy |
 * restricted | decrypt, the PolicySecret(TPM_RH_ENDORSEMENT) authPolicy,
 * AES-128 CFB, no scheme, exponent 0), so that no other key, however it
 * was certified, can be passed off as the EK; and its certificate (the DER
 * the agent read from NV 0x01c00002) must chain to the operator's CA
 * bundle and carry exactly that public key.
 *
 * Trust: the certificate and the public area are agent bytes. The CA
 * bundle is the operator's. Chain errors are refused, with one explicit
 * rule: X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION is tolerated on the EK
 * certificate itself (depth 0, never on a CA) when every critical extension
 * OpenSSL does not implement is one the EK Credential Profile defines for
 * it: subjectAltName (2.5.29.17, the TPM manufacturer, model and version
 * as a directoryName, 3.2.9, critical when the subject is empty) and
 * subjectDirectoryAttributes (2.5.29.9, the TPM specification, 3.2.10).
 * Any other unknown critical extension, on any certificate, refuses it.
 */
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <string.h>
#include "attest/verifier/online.h"

/* EK Credential Profile 2.0, B.3.2: PolicySecret(TPM_RH_ENDORSEMENT) */
static const u8 ek_policy[32] = {0x83, 0x71, 0x97, 0x67, 0x44, 0x84, 0xb3, 0xf8, 0x1a, 0x90, 0xcc,
				 0x8d, 0x46, 0xa5, 0xd7, 0x24, 0xfd, 0x52, 0xd7, 0x6e, 0x06, 0x52,
				 0x0b, 0x64, 0xf2, 0xa1, 0xda, 0x1b, 0x33, 0x14, 0x69, 0xaa};
#define EK_ATTRS                                                                                   \
	(TPMA_OBJECT_FIXEDTPM | TPMA_OBJECT_FIXEDPARENT | TPMA_OBJECT_SENSITIVEDATAORIGIN |        \
	 TPMA_OBJECT_ADMINWITHPOLICY | TPMA_OBJECT_RESTRICTED | TPMA_OBJECT_DECRYPT)
_Static_assert(EK_ATTRS == 0x000300b2u, "EK template L-1 attributes");

void av_ek_template(TPM2B_PUBLIC *t)
{
	TPMT_PUBLIC *p = &t->publicArea;
	memset(t, 0, sizeof(*t));
	p->type = TPM2_ALG_RSA;
	p->nameAlg = TPM2_ALG_SHA256;
	p->objectAttributes = EK_ATTRS;
	p->authPolicy.size = sizeof(ek_policy);
	memcpy(p->authPolicy.buffer, ek_policy, sizeof(ek_policy));
	p->parameters.rsaDetail.symmetric.algorithm = TPM2_ALG_AES;
	p->parameters.rsaDetail.symmetric.keyBits.aes = 128;
	p->parameters.rsaDetail.symmetric.mode.aes = TPM2_ALG_CFB;
	p->parameters.rsaDetail.scheme.scheme = TPM2_ALG_NULL;
	p->parameters.rsaDetail.keyBits = 2048;
	p->parameters.rsaDetail.exponent = 0;
	p->unique.rsa.size = 256;
}

int av_ek_check_template(const TPM2B_PUBLIC *ek, char *why, size_t whylen)
{
	const TPMT_PUBLIC *p = &ek->publicArea;
	const TPMS_RSA_PARMS *r = &p->parameters.rsaDetail;
	const char *field = NULL;
	if (p->type != TPM2_ALG_RSA)
		field = "type (not RSA)";
	else if (p->nameAlg != TPM2_ALG_SHA256)
		field = "nameAlg (not SHA-256)";
	else if (p->objectAttributes != EK_ATTRS)
		field = "objectAttributes (not 0x000300b2)";
	else if (p->authPolicy.size != sizeof(ek_policy) ||
		 memcmp(p->authPolicy.buffer, ek_policy, sizeof(ek_policy)) != 0)
		field = "authPolicy (not PolicySecret(TPM_RH_ENDORSEMENT))";
	else if (r->symmetric.algorithm != TPM2_ALG_AES || r->symmetric.keyBits.aes != 128 ||
		 r->symmetric.mode.aes != TPM2_ALG_CFB)
		field = "symmetric (not AES-128 CFB)";
	else if (r->scheme.scheme != TPM2_ALG_NULL)
		field = "scheme (not TPM_ALG_NULL)";
	else if (r->keyBits != 2048 || p->unique.rsa.size != 256)
		field = "keyBits or modulus (not 2048 bits)";
	else if (r->exponent != 0)
		field = "exponent (not 0, the default 65537)";
	if (!field)
		return 0;
	snprintf(why, whylen,
		 "EK public area is not the TCG default EK template L-1: %s (attributes 0x%08x)",
		 field, p->objectAttributes);
	return -1;
}

/* The explicit rule of the head comment. */
static bool tolerated_critical(X509 *cert)
{
	for (int i = 0; i < X509_get_ext_count(cert); i++) {
		X509_EXTENSION *ext = X509_get_ext(cert, i);
		if (!X509_EXTENSION_get_critical(ext) || X509_supported_extension(ext))
			continue;
		int nid = OBJ_obj2nid(X509_EXTENSION_get_object(ext));
		if (nid != NID_subject_alt_name && nid != NID_subject_directory_attributes)
			return false;
	}
	return true;
}

static int verify_cb(int ok, X509_STORE_CTX *ctx)
{
	if (!ok && X509_STORE_CTX_get_error(ctx) == X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION &&
	    X509_STORE_CTX_get_error_depth(ctx) == 0 &&
	    tolerated_critical(X509_STORE_CTX_get_current_cert(ctx)))
		return 1;
	return ok;
}

/* Every certificate of the PEM file into a new store; NULL with why. */
static X509_STORE *load_cas(const char *path, char *why, size_t whylen)
{
	X509_STORE *store = X509_STORE_new();
	BIO *bio = BIO_new_file(path, "r");
	X509 *c;
	int n = 0;
	if (!store || !bio) {
		snprintf(why, whylen, "CA bundle %s: cannot open", path);
		goto fail;
	}
	while ((c = PEM_read_bio_X509(bio, NULL, NULL, NULL))) {
		int ok = X509_STORE_add_cert(store, c);
		X509_free(c);
		if (!ok) {
			snprintf(why, whylen, "CA bundle %s: certificate %d not added", path,
				 n + 1);
			goto fail;
		}
		n++;
	}
	if (!n) {
		snprintf(why, whylen, "CA bundle %s: no PEM certificate in it", path);
		goto fail;
	}
	BIO_free(bio);
	return store;
fail:
	BIO_free(bio);
	X509_STORE_free(store);
	return NULL;
}

static void describe(X509 *cert, char *out, size_t cap)
{
	BIO *bio = BIO_new(BIO_s_mem());
	GENERAL_NAMES *san = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
	char *p = NULL;
	out[0] = 0;
	if (!bio)
		goto out;
	X509_NAME_print_ex(bio, X509_get_subject_name(cert), 0, XN_FLAG_ONELINE);
	for (int i = 0; san && i < sk_GENERAL_NAME_num(san); i++) {
		const GENERAL_NAME *g = sk_GENERAL_NAME_value(san, i);
		if (g->type != GEN_DIRNAME)
			continue;
		BIO_puts(bio, "; SAN ");
		X509_NAME_print_ex(bio, g->d.directoryName, 0, XN_FLAG_ONELINE);
	}
	long n = BIO_get_mem_data(bio, &p);
	if (n > 0)
		snprintf(out, cap, "%.*s", (int)n, p);
out:
	GENERAL_NAMES_free(san);
	BIO_free(bio);
}

int av_ekcert_check(const u8 *der, size_t n, const char *ca_path, const TPM2B_PUBLIC *ek,
		    char *subject, size_t subjcap, char *why, size_t whylen)
{
	const unsigned char *p = der;
	X509 *cert = NULL;
	X509_STORE *store = NULL;
	X509_STORE_CTX *ctx = NULL;
	EVP_PKEY *want = NULL;
	int rc = -1;
	subject[0] = 0;
	if (av_ek_check_template(ek, why, whylen))
		return -1;
	if (!n || n > TPM2_MAX_NV_BUFFER_SIZE * 8u || !(cert = d2i_X509(NULL, &p, (long)n)) ||
	    p != der + n) {
		snprintf(why, whylen, "EK certificate: not one DER X.509 certificate (%zu bytes)",
			 n);
		goto out;
	}
	describe(cert, subject, subjcap);
	if (!(store = load_cas(ca_path, why, whylen)))
		goto out;
	X509_STORE_set_verify_cb(store, verify_cb);
	ctx = X509_STORE_CTX_new();
	if (!ctx || !X509_STORE_CTX_init(ctx, store, cert, NULL) ||
	    !X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_ANY)) {
		snprintf(why, whylen, "EK certificate: OpenSSL could not set up the check");
		goto out;
	}
	if (X509_verify_cert(ctx) != 1) {
		int e = X509_STORE_CTX_get_error(ctx);
		snprintf(why, whylen, "EK certificate (%s) not vouched for by %s: %s (depth %d)",
			 subject, ca_path, X509_verify_cert_error_string(e),
			 X509_STORE_CTX_get_error_depth(ctx));
		goto out;
	}
	want = av_key_evp(ek);
	if (!want || EVP_PKEY_eq(X509_get0_pubkey(cert), want) != 1) {
		snprintf(why, whylen,
			 "EK certificate (%s) certifies another key than the EK public area the "
			 "agent sent (a certificate of another TPM)",
			 subject);
		goto out;
	}
	rc = 0;
out:
	EVP_PKEY_free(want);
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(store);
	X509_free(cert);
	return rc;
}
