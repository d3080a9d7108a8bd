// SPDX-License-Identifier: GPL-2.0-only
/*
 * ed25519-bench (`make bench`): what the hypervisor will do with a signed
 * policy, timed on the host from the very objects it links
 * (build/fs/common/crypto/ed25519_*.o and common/policy/ objects: -O2,
 * freestanding flags, no sanitizers): Ed25519 verification of the signed
 * policy (the default appliance policy with --policy, else the fixture,
 * tests/unit/policy_fixture.h), then pp_policy_read (structure, body hash) and
 * pp_policy_validate. Against OpenSSL 3's verification of the same
 * signature (EVP_DigestVerifyInit + EVP_DigestVerify, key made once).
 * Prints the median of 7 runs in microseconds per policy and the ratios
 * parapet / OpenSSL, verification alone and with read + validate (target:
 * at most 3x, issue 9). Exit status 1 if a verification ever fails.
 *
 * Usage: ed25519-bench [--policy BIN] [iterations per run (default 2000)]
 * --policy BIN: an unsigned canonical binary (`make bench` passes the
 * compiled default appliance policy, build/policy/appliance.bin) instead
 * of the fixture; it is signed here with a fixed test key.
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <parapet/ed25519.h>
#include <parapet/policy.h>
#include "tests/unit/policy_fixture.h"

#define RUNS 7

static struct pp_policy pol, back;
static u8 bin[1 << 16];

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

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return v[n / 2];
}

static int ossl_verify(EVP_PKEY *k, const u8 *sig, const u8 *msg, size_t len)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	int ok = c && EVP_DigestVerifyInit(c, NULL, NULL, NULL, k) == 1 &&
		 EVP_DigestVerify(c, sig, 64, msg, len) == 1;
	EVP_MD_CTX_free(c);
	return ok;
}

/* The policy binary: the file's bytes, or the fixture written. */
static int load(const char *path, u32 *len, struct pp_err *err)
{
	if (!path) {
		policy_fixture(&pol);
		return pp_policy_write(&pol, bin, sizeof(bin), len, err);
	}
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(bin, 1, sizeof(bin), f) : 0;
	if (f)
		fclose(f);
	if (!n || n == sizeof(bin)) {
		fprintf(stderr, "ed25519-bench: %s: cannot read a policy binary\n", path);
		return -1;
	}
	*len = (u32)n;
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = NULL;
	if (argc > 2 && !strcmp(argv[1], "--policy")) {
		path = argv[2];
		argc -= 2;
		argv += 2;
	}
	int iters = argc > 1 ? atoi(argv[1]) : 2000;
	u8 seed[32], pub[32], sig[64];
	size_t publen = 32, siglen = 64;
	u32 len = 0;
	struct pp_err err = {0, ""};
	struct pp_pol_error perr;
	if (iters <= 0)
		iters = 2000;
	for (int i = 0; i < 32; i++)
		seed[i] = (u8)(i * 7 + 1);
	EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, 32);
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	if (!k || !c || !EVP_PKEY_get_raw_public_key(k, pub, &publen) || load(path, &len, &err) ||
	    EVP_DigestSignInit(c, NULL, NULL, NULL, k) != 1 ||
	    EVP_DigestSign(c, sig, &siglen, bin, len) != 1) {
		fprintf(stderr, "ed25519-bench: setup failed %s\n", err.msg);
		return 1;
	}
	EVP_MD_CTX_free(c);

	double t_ours[RUNS], t_full[RUNS], t_ossl[RUNS];
	int bad = 0;
	for (int r = 0; r < RUNS; r++) {
		double t0 = now();
		for (int i = 0; i < iters; i++)
			bad += !pp_ed25519_verify(sig, bin, len, pub);
		double t1 = now();
		for (int i = 0; i < iters; i++) {
			bad += !pp_ed25519_verify(sig, bin, len, pub);
			bad += pp_policy_read(bin, len, &back, &err) != PP_OK;
			bad += pp_policy_validate(&back, &perr) != PP_OK;
		}
		double t2 = now();
		for (int i = 0; i < iters; i++)
			bad += !ossl_verify(k, sig, bin, len);
		double t3 = now();
		t_ours[r] = (t1 - t0) / iters * 1e6;
		t_full[r] = (t2 - t1) / iters * 1e6;
		t_ossl[r] = (t3 - t2) / iters * 1e6;
	}
	EVP_PKEY_free(k);
	if (bad) {
		fprintf(stderr, "ed25519-bench: %d verifications or validations failed\n", bad);
		return 1;
	}
	double o = median(t_ours, RUNS), f = median(t_full, RUNS), s = median(t_ossl, RUNS);
	printf("ed25519: signed policy %s (%u bytes), median of %d runs x %d\n",
	       path ? path : "fixture", len, RUNS, iters);
	printf("ed25519:   parapet verify                   %8.1f us\n", o);
	printf("ed25519:   parapet verify + read + validate %8.1f us\n", f);
	printf("ed25519:   OpenSSL verify                   %8.1f us\n", s);
	printf(
	    "ed25519: ratio verify %.2fx, verify + read + validate %.2fx OpenSSL (target <= 3x)\n",
	    o / s, f / s);
	return 0;
}
