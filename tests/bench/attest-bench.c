// SPDX-License-Identifier: GPL-2.0-only
/*
 * attest-bench: appraisals per second of one evidence bundle by the offline
 * verifier (attest/verifier, docs/attestation.md: the quote, its RSA-2048
 * signature, a log of at least 10 KiB replayed and digest-checked, the
 * reference.json comparison) against OpenSSL's bare RSA-2048 verification
 * of the same signature in the same run: one signature per appraisal is the
 * limit, the target is an appraisal rate of at least 30 % of it. Host
 * program, -O2, no sanitizers (attest/verifier/build.mk); the reference is
 * parsed once, as a long-running verifier would.
 *
 * Usage: attest-bench [DIR]   (DIR: also write the bundle there, for
 *                              tests/bench/attest.sh's tpm2_checkquote runs)
 * Prints the median of 5 alternating runs of each; exit 1 if an appraisal
 * ever fails to affirm.
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "tests/unit/attest_fixture.h"

#define RUNS 5
#define RUN_SECONDS 0.3

static struct fx_bundle fx;
static struct av_ref *ref;
static struct av_result res;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Appraisals per second over about RUN_SECONDS. */
static double appraisals(void)
{
	struct av_inputs in = {&fx.b, &fx.ak, 1, ref, NULL, AV_ACCEPT_DEFAULT, NULL};
	u32 n = 0;
	double t0 = now(), t;
	do {
		av_verify(&in, &res);
		if (av_status_of(&res) != AV_AFFIRMING) {
			fprintf(stderr, "attest-bench: the bundle did not affirm\n");
			exit(1);
		}
		n++;
	} while ((t = now()) - t0 < RUN_SECONDS);
	return n / (t - t0);
}

/* Bare RSA-2048 PKCS#1 v1.5 verifications of the same signature per second. */
static double rsa_verifies(EVP_PKEY_CTX *ctx, const u8 *dig, const u8 *sig, size_t slen)
{
	u32 n = 0;
	double t0 = now(), t;
	do {
		if (EVP_PKEY_verify(ctx, sig, slen, dig, 32) != 1) {
			fprintf(stderr, "attest-bench: bare verification failed\n");
			exit(1);
		}
		n++;
	} while ((t = now()) - t0 < RUN_SECONDS);
	return n / (t - t0);
}

static void save(const char *dir)
{
	const struct av_buf *files[7] = {&fx.b.msg,   &fx.b.sig,   &fx.b.pcrs, &fx.b.log,
					 &fx.b.nonce, &fx.b.akpub, &fx.b.akpem};
	char path[4096];
	for (u32 i = 0; i < 7; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, av_bundle_files[i]);
		FILE *f = fopen(path, "wb");
		if (!f || fwrite(files[i]->p, 1, files[i]->n, f) != files[i]->n || fclose(f)) {
			fprintf(stderr, "attest-bench: cannot write %s\n", path);
			exit(2);
		}
	}
}

int main(int argc, char **argv)
{
	struct fx_opts o = {.launch = 1, .extra_events = 80};
	TPMT_SIGNATURE sig;
	u8 dig[32];
	char err[AV_MSG_MAX];
	double a[RUNS], v[RUNS];
	if (fx_build(&o, &fx) ||
	    av_ref_from_bytes(fx.ref_json, fx.ref_json_n, &ref, err, sizeof(err)) ||
	    av_sig_parse(fx.b.sig.p, fx.b.sig.n, &sig) || sig.sigAlg != TPM2_ALG_RSASSA) {
		fprintf(stderr, "attest-bench: cannot build the bundle\n");
		return 2;
	}
	if (argc > 1)
		save(argv[1]);
	EVP_PKEY *key = av_key_evp(&fx.ak.pub);
	EVP_PKEY_CTX *ctx = key ? EVP_PKEY_CTX_new(key, NULL) : NULL;
	if (!ctx || EVP_PKEY_verify_init(ctx) <= 0 ||
	    EVP_PKEY_CTX_set_signature_md(ctx, EVP_sha256()) <= 0 ||
	    !EVP_Digest(fx.b.msg.p, fx.b.msg.n, dig, NULL, EVP_sha256(), NULL))
		return 2;
	for (u32 r = 0; r < RUNS; r++) {
		a[r] = appraisals();
		v[r] = rsa_verifies(ctx, dig, sig.signature.rsassa.sig.buffer,
				    sig.signature.rsassa.sig.size);
	}
	qsort(a, RUNS, sizeof(a[0]), cmp_double);
	qsort(v, RUNS, sizeof(v[0]), cmp_double);
	printf("attest-bench: bundle with a %.1f KiB log (%zu bytes), reference.json\n",
	       fx.b.log.n / 1024.0, fx.b.log.n);
	printf("attest-bench: appraisals %.0f/s per core, bare RSA-2048 verify %.0f/s: %.1f %% "
	       "(target >= 30 %%)\n",
	       a[RUNS / 2], v[RUNS / 2], 100.0 * a[RUNS / 2] / v[RUNS / 2]);
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(key);
	av_ref_free(ref);
	fx_free(&fx);
	return 0;
}
