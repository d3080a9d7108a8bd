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

int main(int argc, char **argv)
{
	static const struct alg algs[] = {
	    {"SHA-1", 20, pp_sha1, EVP_sha1},
	    {"SHA-256", 32, pp_sha256, EVP_sha256},
	    {"SHA-384", 48, pp_sha384, EVP_sha384},
	    {"SHA-512", 64, pp_sha512, EVP_sha512},
	};
	long mib = argc > 1 ? strtol(argv[1], NULL, 0) : 64;
	long runs = argc > 2 ? strtol(argv[2], NULL, 0) : 5;
	int ok = 1;

	if (mib < 1 || mib > 4096 || runs < 1 || runs > 1000) {
		fprintf(stderr, "usage: sha-bench [MiB 1..4096] [runs 1..1000]\n");
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
