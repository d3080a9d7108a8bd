// SPDX-License-Identifier: GPL-2.0-only
/*
 * The verification contexts kept per process (attest/verifier/key_cache.c):
 * a kept context serves only the very key and scheme it was made for. A
 * signature that verified with one key never verifies through the cache
 * with another key, a changed modulus or exponent, or another scheme; the
 * cache filling up (older contexts replaced) changes no answer.
 */
#include <openssl/evp.h>
#include <string.h>
#include "tests/unit/attest_fixture.h"
#include "tests/unit/unit.h"

static int verify(const struct fx_bundle *f, const TPM2B_PUBLIC *key)
{
	TPMT_SIGNATURE sig;
	char why[AV_MSG_MAX];
	if (av_sig_parse(f->b.sig.p, f->b.sig.n, &sig))
		return -1;
	return av_sig_verify(key, &sig, f->b.msg.p, f->b.msg.n, why, sizeof(why));
}

TEST(attest_key_cache_rsa)
{
	struct fx_bundle f;
	struct fx_opts o = {.launch = 1};
	struct av_key other;
	REQUIRE(fx_build(&o, &f) == 0);
	REQUIRE(fx_key(1, true, &other) == 0);
	CHECK_EQ(verify(&f, &f.ak.pub), 1); /* made and kept */
	CHECK_EQ(verify(&f, &f.ak.pub), 1); /* from the cache */
	CHECK_EQ(verify(&f, &other.pub), 0);
	TPM2B_PUBLIC k = f.ak.pub;
	k.publicArea.unique.rsa.buffer[k.publicArea.unique.rsa.size - 1] ^= 2;
	CHECK_EQ(verify(&f, &k), 0);
	k = f.ak.pub;
	k.publicArea.parameters.rsaDetail.exponent = 3;
	CHECK_EQ(verify(&f, &k), 0);
	CHECK_EQ(verify(&f, &f.ak.pub), 1);
	/* kept for RSASSA with SHA-256 only: the scheme and hash are part of the id */
	void *ctx = av_key_ctx_get(&f.ak.pub, TPM2_ALG_RSASSA, TPM2_ALG_SHA256);
	CHECK(ctx != NULL);
	EVP_PKEY_CTX_free(ctx);
	CHECK(av_key_ctx_get(&f.ak.pub, TPM2_ALG_RSAPSS, TPM2_ALG_SHA256) == NULL);
	CHECK(av_key_ctx_get(&f.ak.pub, TPM2_ALG_RSASSA, TPM2_ALG_SHA384) == NULL);
	fx_free(&f);
}

TEST(attest_key_cache_full)
{
	struct fx_bundle f;
	struct fx_opts o = {.launch = 1};
	REQUIRE(fx_build(&o, &f) == 0);
	CHECK_EQ(verify(&f, &f.ak.pub), 1);
	/* more keys than the cache holds (other exponents of the same modulus) */
	for (u32 i = 0; i < 80; i++) {
		TPM2B_PUBLIC k = f.ak.pub;
		k.publicArea.parameters.rsaDetail.exponent = 65539u + 2u * i;
		CHECK_EQ(verify(&f, &k), 0);
	}
	CHECK_EQ(verify(&f, &f.ak.pub), 1); /* made again */
	CHECK_EQ(verify(&f, &f.ak.pub), 1);
	fx_free(&f);
}

TEST(attest_key_cache_ecc)
{
	struct fx_bundle f;
	struct fx_opts o = {.launch = 1, .ecc = true};
	REQUIRE(fx_build(&o, &f) == 0);
	CHECK_EQ(verify(&f, &f.ak.pub), 1);
	CHECK_EQ(verify(&f, &f.ak.pub), 1);
	TPM2B_PUBLIC k = f.ak.pub;
	k.publicArea.unique.ecc.y.buffer[0] ^= 1; /* no longer on the curve, or another point */
	CHECK_EQ(verify(&f, &k), 0);
	CHECK_EQ(verify(&f, &f.ak.pub), 1);
	fx_free(&f);
}
