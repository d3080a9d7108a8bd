// SPDX-License-Identifier: GPL-2.0-only
/*
 * MakeCredential in software (attest/verifier/makecred.c): KDFa against
 * vectors computed independently (Python's hmac module, the formula of TPM
 * 2.0 Part 1, 11.4.10.2) and against OpenSSL's SP 800-108 KBKDF; the
 * credential blob against a known answer (Python: hmac + AES-128-CFB) for
 * a fixed seed; the encrypted seed decrypts under the EK's private key
 * with OAEP label "IDENTITY\0"; every refused input names why.
 * (tests/attest/host-check.sh shows a real TPM activating our blobs.)
 */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rsa.h>
#include <string.h>
#include "attest/verifier/online.h"
#include "tests/unit/unit.h"

static const u8 seed[32] = {0,	1,  2,	3,  4,	5,  6,	7,  8,	9,  10, 11, 12, 13, 14, 15,
			    16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31};

static void fill(u8 *p, size_t n, u8 first)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (u8)(first + i);
}

static bool hex_eq(const u8 *p, size_t n, const char *hex)
{
	char got[2 * 128 + 1];
	if (n > 128 || strlen(hex) != 2 * n)
		return false;
	av_hex(got, p, n);
	if (strcmp(got, hex) != 0)
		printf("got  %s\nwant %s\n", got, hex);
	return strcmp(got, hex) == 0;
}

static void sha256_name(u8 name[34])
{
	name[0] = 0x00;
	name[1] = 0x0b;
	fill(name + 2, 32, 0x40);
}

TEST(attest_kdfa_vectors)
{
	u8 name[34], out[64];
	sha256_name(name);
	REQUIRE(!av_kdfa(seed, 32, "STORAGE", name, 34, NULL, 0, 128, out));
	CHECK(hex_eq(out, 16, "7a58c2079bee13e00ed160d657aecaef"));
	REQUIRE(!av_kdfa(seed, 32, "INTEGRITY", NULL, 0, NULL, 0, 256, out));
	CHECK(hex_eq(out, 32, "bacf689f634ece301e1f1b15b072d9c87db6a69585db42b1a0cb8f73ebe2692e"));
	/* two blocks, both contexts */
	REQUIRE(!av_kdfa(seed, 32, "XYZ", (const u8 *)"ab", 2, (const u8 *)"cd", 2, 400, out));
	CHECK(hex_eq(out, 50,
		     "b90a7ec9880a33f879639e1cff9b9a0206055f91d57cc8a0caadd44f7b8e2926036215c3"
		     "5eb633db9e27fad38e0a2080b69a"));
	CHECK(av_kdfa(seed, 32, "X", NULL, 0, NULL, 0, 12, out) == -1);	 /* not bytes */
	CHECK(av_kdfa(seed, 32, "X", NULL, 0, NULL, 0, 520, out) == -1); /* too long */
}

/* OpenSSL's KBKDF (counter mode, HMAC-SHA-256, separator and L on by
 * default) is the same construction: label = salt, context = info. */
TEST(attest_kdfa_matches_openssl_kbkdf)
{
	u8 name[34], ours[48], theirs[48];
	sha256_name(name);
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "KBKDF", NULL);
	EVP_KDF_CTX *ctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
	REQUIRE(ctx);
	OSSL_PARAM p[] = {
	    OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_MAC, (char *)"HMAC", 0),
	    OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)"SHA256", 0),
	    OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)seed, 32),
	    OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (char *)"STORAGE", 7),
	    OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, name, 34),
	    OSSL_PARAM_construct_end()};
	CHECK(EVP_KDF_derive(ctx, theirs, sizeof(theirs), p) == 1);
	CHECK(!av_kdfa(seed, 32, "STORAGE", name, 34, NULL, 0, 8 * sizeof(ours), ours));
	CHECK(!memcmp(ours, theirs, sizeof(ours)));
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
}

/* A fresh RSA-2048 key as an EK public area of the default template. */
static EVP_PKEY *make_ek(TPM2B_PUBLIC *ek)
{
	BIGNUM *n = NULL;
	EVP_PKEY *key = EVP_RSA_gen(2048);
	av_ek_template(ek);
	if (!key || !EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &n) ||
	    BN_bn2binpad(n, ek->publicArea.unique.rsa.buffer, 256) != 256) {
		EVP_PKEY_free(key);
		key = NULL;
	}
	BN_free(n);
	return key;
}

static const char want_blob[] =
    "004400208c71f7c377b304cca12ec4511bf9fdb85446ae29367d330f4d6c48879ed8b0a76e51a01944"
    "8a8e3b758c512a069e21bff4491305729518d2af54e948d676cc557602";

TEST(attest_makecred_known_answer)
{
	TPM2B_PUBLIC ek;
	u8 name[34], cred[32], blob[AV_ID_OBJECT_MAX], secret[AV_ENC_SECRET_MAX], back[256];
	size_t blen = 0, slen = 0, dlen = sizeof(back);
	char why[AV_MSG_MAX] = "";
	sha256_name(name);
	fill(cred, 32, 0xa0);
	EVP_PKEY *key = make_ek(&ek);
	REQUIRE(key);
	CHECK(!av_ek_check_template(&ek, why, sizeof(why)));
	REQUIRE(!av_makecred_seed(&ek, name, 34, cred, 32, seed, blob, sizeof(blob), &blen, secret,
				  sizeof(secret), &slen, why, sizeof(why)));
	CHECK_EQ(blen, 70);
	CHECK(hex_eq(blob, blen, want_blob));
	/* TPM2B_ENCRYPTED_SECRET: size 256, OAEP(SHA-256, "IDENTITY\0") of the seed */
	CHECK_EQ(slen, 258);
	CHECK_EQ(secret[0] << 8 | secret[1], 256);
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL);
	unsigned char *lab = OPENSSL_memdup("IDENTITY", 9);
	REQUIRE(ctx && lab);
	CHECK(EVP_PKEY_decrypt_init(ctx) > 0);
	CHECK(EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) > 0);
	CHECK(EVP_PKEY_CTX_set_rsa_oaep_md_name(ctx, "SHA256", NULL) > 0);
	CHECK(EVP_PKEY_CTX_set0_rsa_oaep_label(ctx, lab, 9) > 0);
	CHECK(EVP_PKEY_decrypt(ctx, back, &dlen, secret + 2, 256) > 0);
	CHECK_EQ(dlen, 32);
	CHECK(!memcmp(back, seed, 32));
	EVP_PKEY_CTX_free(ctx);
	/* random seeds: another secret and another blob every time */
	u8 blob2[AV_ID_OBJECT_MAX], secret2[AV_ENC_SECRET_MAX];
	size_t blen2 = 0, slen2 = 0;
	REQUIRE(!av_makecred(&ek, name, 34, cred, 32, blob2, sizeof(blob2), &blen2, secret2,
			     sizeof(secret2), &slen2, why, sizeof(why)));
	CHECK_EQ(blen2, 70);
	CHECK(memcmp(blob, blob2, 70) != 0);
	EVP_PKEY_free(key);
}

TEST(attest_makecred_refuses)
{
	TPM2B_PUBLIC ek;
	u8 name[34], cred[33], blob[AV_ID_OBJECT_MAX], secret[AV_ENC_SECRET_MAX];
	size_t blen = 1, slen = 1;
	char why[AV_MSG_MAX];
	sha256_name(name);
	fill(cred, sizeof(cred), 1);
	av_ek_template(&ek);
	fill(ek.publicArea.unique.rsa.buffer, 256, 0x80); /* odd, but a modulus */
	CHECK(av_makecred_seed(&ek, name, 34, cred, 33, seed, blob, sizeof(blob), &blen, secret,
			       sizeof(secret), &slen, why, sizeof(why)) == -1);
	CHECK(strstr(why, "credential of 33 bytes") != NULL);
	CHECK(blen == 0 && slen == 0);
	CHECK(av_makecred_seed(&ek, name, 33, cred, 32, seed, blob, sizeof(blob), &blen, secret,
			       sizeof(secret), &slen, why, sizeof(why)) == -1);
	CHECK(strstr(why, "object name of 33 bytes") != NULL);
	CHECK(av_makecred_seed(&ek, name, 34, cred, 32, seed, blob, 40, &blen, secret,
			       sizeof(secret), &slen, why, sizeof(why)) == -1);
	CHECK(strstr(why, "output buffers") != NULL);
	ek.publicArea.parameters.rsaDetail.symmetric.mode.aes = TPM2_ALG_CBC;
	CHECK(av_makecred_seed(&ek, name, 34, cred, 32, seed, blob, sizeof(blob), &blen, secret,
			       sizeof(secret), &slen, why, sizeof(why)) == -1);
	CHECK(strstr(why, "only AES-128 CFB") != NULL);
	ek.publicArea.type = TPM2_ALG_ECC;
	CHECK(av_makecred_seed(&ek, name, 34, cred, 32, seed, blob, sizeof(blob), &blen, secret,
			       sizeof(secret), &slen, why, sizeof(why)) == -1);
	CHECK(strstr(why, "only an RSA-2048 EK") != NULL);
}
