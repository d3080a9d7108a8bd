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
 * Both are timed in the thread's CPU time (CLOCK_THREAD_CPUTIME_ID): a rate
 * per core, which other load on a shared host does not lower (it still
 * slows both through the caches and a busy sibling hyperthread).
 *
 * Usage: attest-bench [DIR]   (DIR: also write the bundle there, for
 *                              tests/bench/attest.sh's tpm2_checkquote runs)
 * Prints the median of 5 alternating runs of each, the ratio and whether it
 * meets the 30 % target; exit 1 if an appraisal ever fails to affirm.
 *
 *        attest-bench --profile
 * Where one appraisal's time goes: each step of av_verify (verify.c) timed
 * alone through the functions it calls, in microseconds (the fastest of 5
 * runs: the least disturbed by other load), the whole appraisal and the
 * bare RSA-2048 verification.
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "tests/unit/attest_fixture.h"

#define RUNS 5
#define RUN_SECONDS 0.3
#define TARGET_PERCENT 30.0
/* calls between clock readings: reading the thread's CPU clock is a system call */
#define BATCH 32u

static struct fx_bundle fx;
static struct av_ref *ref;
static struct av_result res;
/* the bare verification: a context made once, the quote's digest and signature */
static EVP_PKEY_CTX *bare;
static u8 bare_dig[32];
static TPMT_SIGNATURE bare_sig;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
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
	} while (n % BATCH || (t = now()) - t0 < RUN_SECONDS);
	return n / (t - t0);
}

static void bare_verify(void)
{
	const TPM2B_PUBLIC_KEY_RSA *s = &bare_sig.signature.rsassa.sig;
	if (EVP_PKEY_verify(bare, s->buffer, s->size, bare_dig, sizeof(bare_dig)) != 1) {
		fprintf(stderr, "attest-bench: bare verification failed\n");
		exit(1);
	}
}

/* Bare RSA-2048 PKCS#1 v1.5 verifications of the same signature per second. */
static double rsa_verifies(void)
{
	u32 n = 0;
	double t0 = now(), t;
	do {
		bare_verify();
		n++;
	} while (n % BATCH || (t = now()) - t0 < RUN_SECONDS);
	return n / (t - t0);
}

/* ------------------------------------------------------------ --profile */

static struct av_log plog;
static struct av_pcr_values ppv;
static TPMS_ATTEST pattest;
static TPMT_SIGNATURE psig;

static void st_result(void)
{
	av_result_init(&res);
}

static void st_akpub(void)
{
	TPM2B_PUBLIC pub;
	TPM2B_NAME name;
	char why[AV_MSG_MAX];
	if (av_key_parse(fx.b.akpub.p, fx.b.akpub.n, &pub, why, sizeof(why)) ||
	    av_key_name(&pub, &name))
		exit(1);
}

static void st_akpem(void)
{
	if (av_key_pem_equal(&fx.ak.pub, fx.b.akpem.p, fx.b.akpem.n) != 1)
		exit(1);
}

static void st_sig(void)
{
	char why[AV_MSG_MAX];
	if (av_sig_parse(fx.b.sig.p, fx.b.sig.n, &psig) ||
	    av_sig_verify(&fx.ak.pub, &psig, fx.b.msg.p, fx.b.msg.n, why, sizeof(why)) != 1)
		exit(1);
}

static void st_pcrs(void)
{
	char why[AV_MSG_MAX];
	if (av_pcrs_parse(fx.b.pcrs.p, fx.b.pcrs.n, &ppv, why, sizeof(why)))
		exit(1);
}

static void st_quote(void)
{
	av_check_quote(&fx.b, TPM2_ALG_SHA256, &ppv, &pattest, &res);
}

static void st_log(void)
{
	struct pp_err err = {0, ""};
	if (av_log_load(fx.b.log.p, fx.b.log.n, 1u << TPM2_ALG_SHA256, &plog, "eventlog.bin", &err))
		exit(1);
}

static void st_digests(void)
{
	av_log_check_digests(&plog, &res);
}

static void st_types(void)
{
	av_plan_check_types(&plog, &res);
	av_plan_firmware(&plog, &res);
	av_plan_launch(&plog, AV_ACCEPT_DEFAULT, false, &res);
}

static void st_replay(void)
{
	av_log_check_replay(&plog, &ppv, &res);
}

static void st_ref(void)
{
	av_ref_check(ref, &plog, &ppv, &res);
}

static void st_whole(void)
{
	struct av_inputs in = {&fx.b, &fx.ak, 1, ref, NULL, AV_ACCEPT_DEFAULT, NULL};
	av_verify(&in, &res);
}

/* Microseconds per call of fn: the fastest of RUNS runs of about 0.1 s. */
static double per_call(void (*fn)(void))
{
	double us[RUNS];
	for (u32 r = 0; r < RUNS; r++) {
		u32 n = 0;
		double t0 = now(), t;
		do {
			fn();
			n++;
		} while (n % BATCH || (t = now()) - t0 < 0.1);
		us[r] = (t - t0) * 1e6 / n;
	}
	qsort(us, RUNS, sizeof(us[0]), cmp_double);
	return us[0];
}

static int profile(void)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} steps[] = {
	    {"result init", st_result},		 {"ak.pub parse and name", st_akpub},
	    {"ak.pem against ak.pub", st_akpem}, {"quote.sig parse and verify", st_sig},
	    {"quote.pcrs parse", st_pcrs},	 {"quote.msg checks", st_quote},
	    {"log check and replay", st_log},	 {"log event digests", st_digests},
	    {"event types, launch", st_types},	 {"replay against the quote", st_replay},
	    {"reference comparison", st_ref},
	};
	double sum = 0;
	st_pcrs();
	st_log();
	for (u32 i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		double us = per_call(steps[i].fn);
		sum += us;
		printf("attest-bench: %-28s %7.1f us\n", steps[i].name, us);
	}
	printf("attest-bench: %-28s %7.1f us\n", "sum of the steps", sum);
	printf("attest-bench: %-28s %7.1f us\n", "whole appraisal", per_call(st_whole));
	printf("attest-bench: %-28s %7.1f us\n", "bare RSA-2048 verify", per_call(bare_verify));
	return av_status_of(&res) == AV_AFFIRMING ? 0 : 1;
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
	struct fx_opts o = {.launch = 1, .extra_events = 80, .sha256_only = true};
	char err[AV_MSG_MAX];
	double a[RUNS], v[RUNS];
	int rc = 0;
	if (fx_build(&o, &fx) ||
	    av_ref_from_bytes(fx.ref_json, fx.ref_json_n, &ref, err, sizeof(err)) ||
	    av_sig_parse(fx.b.sig.p, fx.b.sig.n, &bare_sig) || bare_sig.sigAlg != TPM2_ALG_RSASSA) {
		fprintf(stderr, "attest-bench: cannot build the bundle\n");
		return 2;
	}
	EVP_PKEY *key = av_key_evp(&fx.ak.pub);
	bare = key ? EVP_PKEY_CTX_new(key, NULL) : NULL;
	if (!bare || EVP_PKEY_verify_init(bare) <= 0 ||
	    EVP_PKEY_CTX_set_signature_md(bare, EVP_sha256()) <= 0 ||
	    !EVP_Digest(fx.b.msg.p, fx.b.msg.n, bare_dig, NULL, EVP_sha256(), NULL)) {
		fprintf(stderr, "attest-bench: cannot set up the bare verification\n");
		return 2;
	}
	if (argc > 1 && !strcmp(argv[1], "--profile")) {
		rc = profile();
		goto out;
	}
	if (argc > 1)
		save(argv[1]);
	for (u32 r = 0; r < RUNS; r++) {
		a[r] = appraisals();
		v[r] = rsa_verifies();
	}
	qsort(a, RUNS, sizeof(a[0]), cmp_double);
	qsort(v, RUNS, sizeof(v[0]), cmp_double);
	double pct = 100.0 * a[RUNS / 2] / v[RUNS / 2];
	printf("attest-bench: bundle with a %.1f KiB log (%zu bytes), reference.json\n",
	       fx.b.log.n / 1024.0, fx.b.log.n);
	printf("attest-bench: appraisals %.0f/s per core, bare RSA-2048 verify %.0f/s: %.1f %%, "
	       "%s the %.0f %% target\n",
	       a[RUNS / 2], v[RUNS / 2], pct, pct >= TARGET_PERCENT ? "meets" : "below",
	       TARGET_PERCENT);
out:
	EVP_PKEY_CTX_free(bare);
	EVP_PKEY_free(key);
	av_ref_free(ref);
	fx_free(&fx);
	return rc;
}
