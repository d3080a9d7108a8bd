// SPDX-License-Identifier: GPL-2.0-only
/*
 * sha-bench: throughput of Parapet's SHA-1 / SHA-256 / SHA-384 / SHA-512 (the very objects
 * launch and the hypervisor link, from build/fs/common/crypto/) against
 * OpenSSL's EVP_Digest on the same buffer. Host program, -O2, no sanitizers;
 * built by common/crypto/sources.mk as build/tests/bench/sha-bench.
 *
 * Usage: sha-bench [MiB per run (default 64)] [runs (default 5)]
 * Prints the median of the runs in MB/s (10^6 bytes per second) and the
 * ratio parapet / OpenSSL. Exit status 1 if the two digests ever differ.
 *
 *        sha-bench --ours ALG [MiB] [runs]
 * Prints only the median MB/s of Parapet's ALG (sha1, sha256, sha384,
 * sha512: the TPM bank names the secure loader prints), for
 * tests/bench/boot.sh, which sets it against the secure loader's speed.
 */
#include <cpuid.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <parapet/sha1.h>
#include <parapet/sha2.h>

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
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int cpu_has_sha_ni(void)
{
	unsigned int a, b, c, d;

	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return 0;
	return (b >> 29) & 1; /* CPUID.(EAX=7,ECX=0):EBX.SHA[bit 29] */
}

struct alg {
	const char *name;
	const char *bank;
	size_t dlen;
	void (*ours)(const void *, size_t, u8 *);
	const EVP_MD *(*md)(void);
};

static int bench(const struct alg *al, const u8 *buf, size_t len, int runs)
{
	double *tp = calloc((size_t)runs, sizeof(double));
	double *to = calloc((size_t)runs, sizeof(double));
	u8 dp[64], dq[64];
	int ok = 1;

	if (!tp || !to) {
		fprintf(stderr, "sha-bench: out of memory\n");
		exit(2);
	}
	for (int r = 0; r < runs; r++) {
		unsigned int olen = 0;
		double t0 = now();

		al->ours(buf, len, dp);
		double t1 = now();
		if (!EVP_Digest(buf, len, dq, &olen, al->md(), NULL)) {
			fprintf(stderr, "sha-bench: EVP_Digest(%s) failed\n", al->name);
			exit(2);
		}
		double t2 = now();
		tp[r] = t1 - t0;
		to[r] = t2 - t1;
		if (olen != al->dlen || memcmp(dp, dq, al->dlen) != 0)
			ok = 0;
	}
	double mp = (double)len / median(tp, runs) / 1e6;
	double mo = (double)len / median(to, runs) / 1e6;
	printf("%-8s parapet %8.1f MB/s   openssl %8.1f MB/s   ratio %.2f%s\n", al->name, mp, mo,
	       mp / mo, ok ? "" : "   DIGESTS DIFFER");
	free(tp);
	free(to);
	return ok;
}

/* Median MB/s of Parapet's implementation alone. */
static double ours_mbps(const struct alg *al, const u8 *buf, size_t len, int runs)
{
	double *t = calloc((size_t)runs, sizeof(double));
	u8 d[64];

	if (!t) {
		fprintf(stderr, "sha-bench: out of memory\n");
		exit(2);
	}
	for (int r = 0; r < runs; r++) {
		double t0 = now();

		al->ours(buf, len, d);
		t[r] = now() - t0;
	}
	double mbps = (double)len / median(t, runs) / 1e6;
	free(t);
	return mbps;
}

int main(int argc, char **argv)
{
	static const struct alg algs[] = {
	    {"SHA-1", "sha1", 20, pp_sha1, EVP_sha1},
	    {"SHA-256", "sha256", 32, pp_sha256, EVP_sha256},
	    {"SHA-384", "sha384", 48, pp_sha384, EVP_sha384},
	    {"SHA-512", "sha512", 64, pp_sha512, EVP_sha512},
	};
	const struct alg *only = NULL;
	int ok = 1;

	if (argc > 1 && !strcmp(argv[1], "--ours")) {
		for (size_t i = 0; argc > 2 && i < sizeof(algs) / sizeof(algs[0]); i++)
			if (!strcmp(argv[2], algs[i].bank))
				only = &algs[i];
		if (!only) {
			fprintf(stderr, "usage: sha-bench --ours sha1|sha256|sha384|sha512 "
					"[MiB] [runs]\n");
			return 2;
		}
		argc -= 2;
		argv += 2;
	}
	long mib = argc > 1 ? strtol(argv[1], NULL, 0) : 64;
	long runs = argc > 2 ? strtol(argv[2], NULL, 0) : 5;

	if (mib < 1 || mib > 4096 || runs < 1 || runs > 1000) {
		fprintf(stderr, "usage: sha-bench [--ours ALG] [MiB 1..4096] [runs 1..1000]\n");
		return 2;
	}
	size_t len = (size_t)mib << 20;
	u8 *buf = malloc(len);
	if (!buf) {
		fprintf(stderr, "sha-bench: cannot allocate %ld MiB\n", mib);
		return 2;
	}
	/* Pseudo-random contents (xorshift64), touched before timing. */
	u64 x = 0x9e3779b97f4a7c15ull;
	for (size_t i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		buf[i] = (u8)x;
	}
	if (only) {
		printf("%.1f\n", ours_mbps(only, buf, len, (int)runs));
		free(buf);
		return 0;
	}
	const char *cap = getenv("OPENSSL_ia32cap");

	printf("sha-bench: %ld MiB buffer, %ld runs, median; CPU SHA extensions: %s\n", mib, runs,
	       cpu_has_sha_ni() ? "yes (OpenSSL uses them for SHA-1 and SHA-256)" : "no");
	if (cap)
		printf("sha-bench: OPENSSL_ia32cap=%s (OpenSSL's CPU feature mask)\n", cap);
	for (size_t i = 0; i < sizeof(algs) / sizeof(algs[0]); i++)
		ok &= bench(&algs[i], buf, len, (int)runs);
	free(buf);
	return ok ? 0 : 1;
}
