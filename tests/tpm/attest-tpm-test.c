// SPDX-License-Identifier: GPL-2.0-only
/*
 * The attestation agent's TPM commands (common/tpm/attest_*.c,
 * docs/attest-agent.md) against a private swtpm that swtpm_setup gave an
 * EK certificate: tests/tpm/attest-run.sh runs
 *   attest-tpm-test DATA_SOCK CTRL_SOCK DIR keys|use|again
 *   keys   EK and both AKs created (twice: the same keys), the EK
 *          certificate read from NV; writes DIR/ek.ours.pub (TPM2B_PUBLIC),
 *          DIR/ek.ours.pem, DIR/ekcert.ours.der, DIR/ak-{rsa,ecc}.{pub,pem,
 *          name} (name as hex) for the script to compare with tpm2-tools.
 *   use    ActivateCredential of DIR/cred-good.out (made by
 *          tpm2_makecredential for the RSA AK's Name) must give
 *          DIR/secret.bin; DIR/cred-other.out (another Name) must be
 *          refused with TPM_RC_INTEGRITY; quotes with each AK over PCR
 *          0-9,17-20 (SHA-256) and the nonce DIR/nonce.bin into
 *          DIR/quote-{rsa,ecc}.{msg,sig}.
 *   again  (after a swtpm restart) EK and AKs equal the files of `keys`.
 * One line per check, command times as "info time ...", then
 * "attest: N passed, N failed"; exit status 0 only when nothing failed.
 * Host code (libc, OpenSSL 3 for the PEM files). Trust: none needed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <parapet/bytes.h>
#include <parapet/tpm2_attest.h>
#include <parapet/tpm2_nv.h>
#include "tests/tpm/swtpm_xport.h"

#define PCR_MASK 0x1e03ffu     /* PCR 0-9 and 17-20 */
#define CRED_MAGIC 0xbadcc0deu /* tpm2-tools' credential file: magic, version 1 */
#define CRED_VERSION 1u
#define RSA_E 65537u
#ifndef TPM2_RC_INTEGRITY
#define TPM2_RC_INTEGRITY (TPM2_RC_FMT1 + 0x01Fu) /* Part 2, 6.6.3 */
#endif

static int passed, failed;
static struct tpm2_dev dev; /* large (buffers): not on the stack */
static struct swtpm_conn conn;
static const char *dir;

static void check(bool ok, const char *name, const char *detail)
{
	if (ok) {
		passed++;
		printf("ok   %s\n", name);
	} else {
		failed++;
		printf("FAIL %s%s%s\n", name, detail && *detail ? ": " : "", detail ? detail : "");
	}
}

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static const char *path(const char *name)
{
	static char buf[4096];

	snprintf(buf, sizeof(buf), "%s/%s", dir, name);
	return buf;
}

static bool put(const char *name, const void *p, size_t n)
{
	FILE *f = fopen(path(name), "wb");
	bool ok = f && fwrite(p, 1, n, f) == n;

	if (f && fclose(f))
		ok = false;
	return ok;
}

static size_t get(const char *name, u8 *buf, size_t cap)
{
	FILE *f = fopen(path(name), "rb");
	size_t n;

	if (!f)
		return 0;
	n = fread(buf, 1, cap, f);
	fclose(f);
	return n;
}

static void hex(const u8 *p, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", p[i]);
}

/* The public key of a checked public area as a PEM SubjectPublicKeyInfo. */
static bool write_pem(enum tpm2_key_kind kind, const struct tpm2_key *k, const char *name)
{
	struct tpm2_public_key pk;
	struct pp_err err = {0, ""};
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	OSSL_PARAM *params = NULL;
	EVP_PKEY_CTX *ctx = NULL;
	EVP_PKEY *key = NULL;
	BIGNUM *n = NULL, *e = NULL;
	u8 point[1 + 2 * TPM2_ECC_P256_SIZE];
	bool ok = false;
	FILE *f = NULL;

	if (!bld || tpm2_check_public(kind, k->pub, k->pub_len, &pk, &err))
		goto out;
	if (pk.type == TPM2_ALG_RSA) {
		n = BN_bin2bn(pk.x, pk.x_len, NULL);
		e = BN_new();
		if (!n || !e || !BN_set_word(e, RSA_E) ||
		    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n) ||
		    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e))
			goto out;
		ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
	} else {
		point[0] = 4; /* uncompressed (SEC 1, 2.3.3) */
		memcpy(point + 1, pk.x, pk.x_len);
		memcpy(point + 1 + pk.x_len, pk.y, pk.y_len);
		if (!OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1",
						     0) ||
		    !OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point,
						      sizeof(point)))
			goto out;
		ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	}
	params = OSSL_PARAM_BLD_to_param(bld);
	if (!ctx || !params || EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) <= 0)
		goto out;
	f = fopen(path(name), "w");
	ok = f && PEM_write_PUBKEY(f, key);
out:
	if (f && fclose(f))
		ok = false;
	EVP_PKEY_free(key);
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_free(n);
	BN_free(e);
	return ok;
}

static const char *rc_text(int rc, const struct pp_err *err)
{
	static char buf[256];
	char d[64];

	if (!rc)
		return "";
	snprintf(buf, sizeof(buf), "%s (last_rc %s)", err->msg,
		 tpm2_rc_describe(dev.last_rc, d, sizeof(d)));
	return buf;
}

/* Creates the key of kind, timing it. */
static int create(enum tpm2_key_kind kind, struct tpm2_key *k, const char *label)
{
	struct pp_err err = {0, ""};
	double t0 = now_ms();
	int rc =
	    kind == TPM2_KEY_EK
		? tpm2_ek_create(&dev, k, &err)
		: tpm2_ak_create(&dev, kind == TPM2_KEY_AK_RSA ? TPM2_AK_RSA2048 : TPM2_AK_ECCP256,
				 k, &err);

	printf("info time CreatePrimary %s %.1f ms\n", label, now_ms() - t0);
	check(rc == 0 && k->handle >> 24 == TPM2_HT_TRANSIENT, label, rc_text(rc, &err));
	return rc;
}

static void flush(struct tpm2_key *k, const char *label)
{
	struct pp_err err = {0, ""};
	char name[64];
	int rc = tpm2_key_flush(&dev, k, &err);

	snprintf(name, sizeof(name), "flush %s", label);
	check(rc == 0 && k->handle == 0, name, rc_text(rc, &err));
}

static const struct {
	enum tpm2_key_kind kind;
	const char *label, *pub, *pem, *name;
} keys[] = {
    {TPM2_KEY_EK, "EK", "ek.ours.pub", "ek.ours.pem", "ek.ours.name"},
    {TPM2_KEY_AK_RSA, "AK RSA-2048", "ak-rsa.pub", "ak-rsa.pem", "ak-rsa.name"},
    {TPM2_KEY_AK_ECC, "AK ECC P-256", "ak-ecc.pub", "ak-ecc.pem", "ak-ecc.name"},
};

static void phase_keys(void)
{
	static struct tpm2_key k, k2;
	static u8 cert[TPM2_EK_CERT_MAX];
	struct pp_err err = {0, ""};
	char h[2 * TPM2_NAME_SIZE + 2], label[64];
	size_t len = 0;
	double t0;
	int rc;

	for (size_t i = 0; i < PP_ARRAY_SIZE(keys); i++) {
		if (create(keys[i].kind, &k, keys[i].label))
			continue;
		hex(k.name, TPM2_NAME_SIZE, h);
		strcat(h, "\n");
		check(put(keys[i].pub, k.pub, k.pub_len) && put(keys[i].name, h, strlen(h)) &&
			  write_pem(keys[i].kind, &k, keys[i].pem),
		      "key files written", keys[i].pub);
		snprintf(label, sizeof(label), "%s again (second CreatePrimary)", keys[i].label);
		if (!create(keys[i].kind, &k2, label)) {
			snprintf(label, sizeof(label),
				 "%s deterministic: same public area and Name", keys[i].label);
			check(k2.pub_len == k.pub_len && !memcmp(k2.pub, k.pub, k.pub_len) &&
				  !memcmp(k2.name, k.name, TPM2_NAME_SIZE),
			      label, NULL);
			check(k2.handle != k.handle, "second handle is another object", NULL);
			flush(&k2, label);
		}
		flush(&k, keys[i].label);
	}
	t0 = now_ms();
	rc = tpm2_nv_read_all(&dev, TPM2_EK_CERT_NV_RSA, cert, sizeof(cert), &len, &err);
	printf("info time NV read of the EK certificate (%zu bytes) %.1f ms\n", len, now_ms() - t0);
	check(rc == 0 && len > 0 && cert[0] == 0x30, "EK certificate read from NV 0x01c00002",
	      rc_text(rc, &err));
	check(put("ekcert.ours.der", cert, len), "EK certificate written", NULL);
	rc = tpm2_nv_read_all(&dev, TPM2_EK_CERT_NV_RSA, cert, 16, &len, &err);
	check(rc == PP_ERANGE && len == 0, "NV read into a too small buffer refused", err.msg);
	rc = tpm2_nv_read_all(&dev, 0x01c0000au, cert, sizeof(cert), &len, &err);
	check(rc == PP_ENOENT, "NV read of an undefined index: PP_ENOENT", err.msg);
}

/* tpm2-tools' credential file: u32 magic, u32 version, TPM2B_ID_OBJECT,
 * TPM2B_ENCRYPTED_SECRET (all big-endian). */
static bool split_cred(const u8 *f, size_t n, size_t *blob_len, size_t *secret_off)
{
	size_t b;

	if (n < 10 || ld_be32(f) != CRED_MAGIC || ld_be32(f + 4) != CRED_VERSION)
		return false;
	b = 2u + ld_be16(f + 8);
	if (8 + b + 2 > n || 8 + b + 2 + ld_be16(f + 8 + b) != n)
		return false;
	*blob_len = b;
	*secret_off = 8 + b;
	return true;
}

static void activate(const struct tpm2_key *ak, const struct tpm2_key *ek)
{
	static u8 file[1024], secret[64];
	struct pp_err err = {0, ""};
	u8 out[64];
	size_t n, blob_len, sec_off, out_len = 0, slen = get("secret.bin", secret, sizeof(secret));
	double t0;
	int rc;

	n = get("cred-good.out", file, sizeof(file));
	if (!split_cred(file, n, &blob_len, &sec_off)) {
		check(false, "cred-good.out is a tpm2-tools credential file", NULL);
		return;
	}
	t0 = now_ms();
	rc = tpm2_activate_credential(&dev, ak, ek, file + 8, blob_len, file + sec_off, n - sec_off,
				      out, sizeof(out), &out_len, &err);
	printf("info time StartAuthSession+PolicySecret+ActivateCredential+FlushContext %.1f "
	       "ms\n",
	       now_ms() - t0);
	check(rc == 0 && out_len == slen && slen > 0 && !memcmp(out, secret, slen),
	      "ActivateCredential recovers the secret", rc_text(rc, &err));

	n = get("cred-other.out", file, sizeof(file));
	if (!split_cred(file, n, &blob_len, &sec_off)) {
		check(false, "cred-other.out is a tpm2-tools credential file", NULL);
		return;
	}
	rc = tpm2_activate_credential(&dev, ak, ek, file + 8, blob_len, file + sec_off, n - sec_off,
				      out, sizeof(out), &out_len, &err);
	printf("info blob for another Name: %s\n", rc_text(rc, &err));
	check(rc == PP_EDEVICE && TPM2_RC_BASE(dev.last_rc) == TPM2_RC_INTEGRITY && out_len == 0,
	      "a blob for another Name is refused with TPM_RC_INTEGRITY", rc_text(rc, &err));
	rc = tpm2_activate_credential(&dev, ak, ek, file + 8, blob_len - 1, file + sec_off,
				      n - sec_off, out, sizeof(out), &out_len, &err);
	check(rc == PP_EINVAL, "a blob shorter than its size field is refused before sending",
	      err.msg);
}

static void quote(const struct tpm2_key *ak, const char *tag)
{
	static u8 attest[TPM2_ATTEST_MAX], sig[TPM2_SIGNATURE_MAX];
	struct pp_err err = {0, ""};
	const u16 alg = PP_ALG_SHA256;
	u8 nonce[32];
	size_t nlen = get("nonce.bin", nonce, sizeof(nonce)), alen = 0, slen = 0;
	char name[64];
	double t0 = now_ms();
	int rc = tpm2_quote(&dev, ak, nonce, nlen, &alg, 1, PCR_MASK, attest, sizeof(attest), &alen,
			    sig, sizeof(sig), &slen, &err);

	printf("info time Quote %s %.1f ms\n", tag, now_ms() - t0);
	snprintf(name, sizeof(name), "Quote with the %s AK", tag);
	check(rc == 0 && alen > 0 && slen > 0, name, rc_text(rc, &err));
	snprintf(name, sizeof(name), "quote-%s.msg", tag);
	check(put(name, attest, alen), name, NULL);
	snprintf(name, sizeof(name), "quote-%s.sig", tag);
	check(put(name, sig, slen), name, NULL);
}

static void phase_use(void)
{
	static struct tpm2_key ek, rsa, ecc;

	if (create(TPM2_KEY_EK, &ek, "EK") | create(TPM2_KEY_AK_RSA, &rsa, "AK RSA-2048") |
	    create(TPM2_KEY_AK_ECC, &ecc, "AK ECC P-256")) {
		check(false, "keys for the use phase", NULL);
	} else {
		activate(&rsa, &ek);
		quote(&rsa, "rsa");
		quote(&ecc, "ecc");
	}
	flush(&ek, "EK");
	flush(&rsa, "AK RSA");
	flush(&ecc, "AK ECC");
}

static void phase_again(void)
{
	static struct tpm2_key k;
	static u8 buf[TPM2_PUBLIC_MAX];
	char label[80];

	for (size_t i = 0; i < PP_ARRAY_SIZE(keys); i++) {
		size_t n = get(keys[i].pub, buf, sizeof(buf));

		if (create(keys[i].kind, &k, keys[i].label))
			continue;
		snprintf(label, sizeof(label), "%s after a swtpm restart equals the first one",
			 keys[i].label);
		check(n == k.pub_len && !memcmp(buf, k.pub, n), label, NULL);
		flush(&k, keys[i].label);
	}
}

int main(int argc, char **argv)
{
	struct pp_err err = {0, ""};

	if (argc != 5) {
		fprintf(stderr, "usage: %s DATA_SOCKET CTRL_SOCKET DIR keys|use|again\n", argv[0]);
		return 2;
	}
	dir = argv[3];
	if (swtpm_connect(&conn, argv[1], argv[2], &err)) {
		printf("FAIL connect: %s\nattest: 0 passed, 1 failed\n", err.msg);
		return 1;
	}
	conn.io_timeout_ms = 60000; /* RSA key generation on a busy machine */
	tpm2_init(&dev, &swtpm_transport, &conn);
	check(tpm2_request_locality(&dev, 0, &err) == 0 && tpm2_startup(&dev, NULL, &err) == 0,
	      "startup", err.msg);
	if (!strcmp(argv[4], "keys"))
		phase_keys();
	else if (!strcmp(argv[4], "use"))
		phase_use();
	else if (!strcmp(argv[4], "again"))
		phase_again();
	else
		check(false, "phase", argv[4]);
	tpm2_release_locality(&dev, &err);
	swtpm_close(&conn);
	printf("attest %s: %d passed, %d failed\n", argv[4], passed, failed);
	return failed ? 1 : 0;
}
