// SPDX-License-Identifier: GPL-2.0-only
/*
 * pt-stress: the page-table engine's lock-free contract under
 * ThreadSanitizer (`make pt-stress`, part of `make test-host`;
 * docs/page-tables.md, "Tests"). One depth-5 NPT tree, THREADS threads,
 * ROUNDS rounds of two phases:
 *
 *  A. shared large pages: the main thread maps 1 GiB pages; every thread
 *     then unmaps its own 4 KiB holes in the same 2 MiB regions of them at
 *     once (concurrent splits of one page), checks its holes and its
 *     untouched pages.
 *  B. interleaved ownership: thread t owns every THREADS-th 2 MiB chunk and
 *     every THREADS-th 1 GiB slot of a shared region (so the threads race
 *     to install the same tables), maps them with 4 KiB, 2 MiB and 1 GiB
 *     pages, looks every mapping up, punches holes (splits), unmaps, and
 *     looks up other threads' addresses at random (racy, must not crash);
 *     thread 0 takes the retired list while the others still unmap. The
 *     main thread then unmaps the whole region, so the next round's
 *     threads race again to install its tables.
 *
 * Between phases the threads meet at a barrier and the main thread reclaims
 * (the host's stand-in for the TLB flush). At the end every table must be
 * back (the allocator's live count is 0). Exit status 1 on any mismatch.
 *
 * Usage: pt-stress [rounds (default 40)] [threads (default 4)]
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "hypervisor/lib/pt/fmt_npt.h"
#include "tests/unit/pt_fixture.h"

#define KB 1024ull
#define MB (1024ull * KB)
#define GB (1024ull * MB)
#define MAX_THREADS 16

/* Phase A: 2 large pages above 2^48 (depth 5); phase B: a 64 GiB region. */
#define A_BASE ((1ull << 52) + 5 * GB)
#define A_PAGES 2ull
#define A_OUT (7 * GB)
#define A_REGIONS 24 /* 2 MiB regions per 1 GiB page that get holes */
#define B_BASE (3 * GB)
#define B_CHUNKS 256 /* 2 MiB chunks in the first GiB of B */
#define B_SLOTS 16   /* 1 GiB slots after it */
#define B_OUT(in) ((in) + 512 * GB)

static struct pt tree;
static struct pt_host_mem hm;
static pthread_barrier_t barrier;
static int nthreads = 4, rounds = 40;
static long failures;
static struct pt_retired *taken; /* thread 0's mid-phase take */

struct counters {
	long maps, unmaps, lookups, racy_lookups;
};
static struct counters totals[MAX_THREADS];

static void fail(int t, const char *what, u64 in, long a, long b)
{
	if (__atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED) <= 10)
		fprintf(stderr, "pt-stress: thread %d: %s at 0x%llx (%ld vs %ld)\n", t, what,
			(unsigned long long)in, a, b);
}

static u64 rnd(u64 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void expect(int t, struct counters *c, u64 in, u64 out, u32 perms)
{
	struct pt_mapping m;
	c->lookups++;
	int rc = pt_lookup(&tree, in, &m);
	if (rc != PP_OK)
		return fail(t, "lookup: not mapped", in, rc, 0);
	if (pt_translate(&m, in) != out)
		fail(t, "lookup: wrong output", in, (long)pt_translate(&m, in), (long)out);
	if (m.perms != perms)
		fail(t, "lookup: wrong perms", in, m.perms, perms);
}

static void expect_none(int t, struct counters *c, u64 in)
{
	struct pt_mapping m;
	c->lookups++;
	int rc = pt_lookup(&tree, in, &m);
	if (rc != PP_ENOENT)
		fail(t, "lookup: still mapped", in, rc, PP_ENOENT);
}

static void phase_a(int t, struct counters *c)
{
	struct pp_err err;
	for (u64 p = 0; p < A_PAGES; p++)
		for (u64 r = 0; r < A_REGIONS; r++) {
			u64 hole = A_BASE + p * GB + r * 2 * MB + (u64)t * 8 * KB;
			c->unmaps++;
			if (pt_unmap(&tree, hole, 4 * KB, &err))
				fail(t, err.msg, hole, 0, 0);
		}
	for (u64 p = 0; p < A_PAGES; p++)
		for (u64 r = 0; r < A_REGIONS; r++) {
			u64 hole = A_BASE + p * GB + r * 2 * MB + (u64)t * 8 * KB;
			expect_none(t, c, hole);
			/* The page after each hole nobody unmaps. */
			expect(t, c, hole + 4 * KB, A_OUT + (hole + 4 * KB - A_BASE), PT_PERM_R);
		}
}

/* Thread t's phase-B work: chunks c with c % n == t, slots likewise. */
static void phase_b(int t, struct counters *c, u64 *seed)
{
	struct pp_err err;
	u32 perms = PT_PERM_R | (t & 1 ? PT_PERM_W : PT_PERM_X);
	for (u64 k = (u64)t; k < B_CHUNKS; k += (u64)nthreads) {
		u64 in = B_BASE + k * 2 * MB;
		/* 4 KiB pages (output off by 4 KiB), or one 2 MiB page. */
		u64 out = B_OUT(in) + (rnd(seed) % 2 ? 4 * KB : 0);
		c->maps++;
		if (pt_map(&tree, in, out, 2 * MB, perms, &err))
			fail(t, err.msg, in, 0, 0);
		for (u64 off = 0; off < 2 * MB; off += 2 * MB / 8)
			expect(t, c, in + off, out + off, perms);
		/* Refused: a second map of the same chunk. */
		if (pt_map(&tree, in + 4 * KB, out, 4 * KB, perms, &err) != PP_EOVERLAP)
			fail(t, "double map accepted", in, 0, 0);
		u64 hole = in + (rnd(seed) % 512) * 4 * KB;
		c->unmaps++;
		if (pt_unmap(&tree, hole, 4 * KB, &err))
			fail(t, err.msg, hole, 0, 0);
		expect_none(t, c, hole);
		if (hole != in)
			expect(t, c, in, out, perms);
		/* A look at some other thread's chunk: any answer, no crash. */
		struct pt_mapping m;
		u64 other = B_BASE + (rnd(seed) % B_CHUNKS) * 2 * MB + (rnd(seed) % 512) * 4 * KB;
		int rc = pt_lookup(&tree, other, &m);
		c->racy_lookups++;
		if (rc != PP_OK && rc != PP_ENOENT)
			fail(t, "racy lookup", other, rc, 0);
	}
	for (u64 s = (u64)t; s < B_SLOTS; s += (u64)nthreads) {
		u64 in = B_BASE + (1 + s) * GB;
		c->maps++;
		if (pt_map(&tree, in, B_OUT(in), 1 * GB, perms, &err))
			fail(t, err.msg, in, 0, 0);
		expect(t, c, in + 492 * KB, B_OUT(in) + 492 * KB, perms);
		c->unmaps++;
		if (pt_unmap(&tree, in + 1 * MB, 2 * MB, &err)) /* straddles a 2 MiB edge */
			fail(t, err.msg, in, 0, 0);
		expect_none(t, c, in + 2 * MB);
		expect(t, c, in + 3 * MB, B_OUT(in) + 3 * MB, perms);
	}
	/* Unmap everything this thread owns, chunk by chunk; thread 0 takes
	 * the retired list halfway, while the others still unmap. */
	for (u64 k = (u64)t; k < B_CHUNKS; k += (u64)nthreads) {
		u64 in = B_BASE + k * 2 * MB;
		c->unmaps++;
		if (pt_unmap(&tree, in, 2 * MB, &err))
			fail(t, err.msg, in, 0, 0);
		expect_none(t, c, in + 4 * KB);
		if (t == 0 && k == B_CHUNKS / 2)
			taken = pt_retired_take(&tree);
	}
	for (u64 s = (u64)t; s < B_SLOTS; s += (u64)nthreads) {
		u64 in = B_BASE + (1 + s) * GB;
		c->unmaps++;
		if (pt_unmap(&tree, in, 1 * GB, &err))
			fail(t, err.msg, in, 0, 0);
		expect_none(t, c, in + 5 * MB);
	}
}

static void *worker(void *arg)
{
	int t = (int)(intptr_t)arg;
	u64 seed = 0x243f6a8885a308d3ull * (u64)(t + 1);
	struct counters c = {0};
	for (int r = 0; r < rounds; r++) {
		pthread_barrier_wait(&barrier); /* main mapped phase A */
		phase_a(t, &c);
		pthread_barrier_wait(&barrier); /* main checks, unmaps, reclaims */
		pthread_barrier_wait(&barrier);
		phase_b(t, &c, &seed);
		pthread_barrier_wait(&barrier); /* main checks and reclaims */
	}
	totals[t] = c;
	return NULL;
}

static u64 count_pages(void)
{
	struct pt_tree_stats st;
	pt_tree_check(&tree, &st);
	if (st.errors)
		fail(-1, st.first_error, 0, 0, 0);
	return st.pages[0] + st.pages[1] + st.pages[2];
}

int main(int argc, char **argv)
{
	if (argc > 1)
		rounds = atoi(argv[1]);
	if (argc > 2)
		nthreads = atoi(argv[2]);
	if (rounds < 1 || nthreads < 1 || nthreads > MAX_THREADS) {
		fprintf(stderr, "usage: pt-stress [rounds] [threads <= %d]\n", MAX_THREADS);
		return 2;
	}
	struct pt_mem mem;
	struct pp_err err;
	pt_host_mem_init(&hm, &mem);
	if (pt_init(&tree, &pt_fmt_npt, 5, PT_LEAF_4K | PT_LEAF_2M | PT_LEAF_1G, &mem, &err)) {
		fprintf(stderr, "pt-stress: %s\n", err.msg);
		return 1;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pthread_barrier_init(&barrier, NULL, (unsigned)nthreads + 1);
	pthread_t th[MAX_THREADS];
	for (int t = 0; t < nthreads; t++)
		pthread_create(&th[t], NULL, worker, (void *)(intptr_t)t);
	u64 retired_taken = 0, retired_left = 0;
	for (int r = 0; r < rounds; r++) {
		if (pt_map(&tree, A_BASE, A_OUT, A_PAGES * GB, PT_PERM_R, &err))
			fail(-1, err.msg, A_BASE, 0, 0);
		pthread_barrier_wait(&barrier);
		pthread_barrier_wait(&barrier); /* phase A done */
		/* Every hole of every thread, nothing else. */
		u64 want = A_PAGES * GB / (4 * KB) - A_PAGES * A_REGIONS * (u64)nthreads;
		struct pt_mapping m;
		u64 mapped = 0;
		for (u64 a = A_BASE; a < A_BASE + A_PAGES * GB;) {
			if (pt_lookup(&tree, a, &m) == PP_OK) {
				mapped += m.size / (4 * KB);
				a = m.in_base + m.size;
			} else {
				a += 4 * KB;
			}
		}
		if (mapped != want)
			fail(-1, "phase A: 4 KiB pages mapped", A_BASE, (long)mapped, (long)want);
		if (pt_unmap(&tree, A_BASE, A_PAGES * GB, &err))
			fail(-1, err.msg, A_BASE, 0, 0);
		pt_reclaim(&tree);
		pthread_barrier_wait(&barrier);
		pthread_barrier_wait(&barrier); /* phase B done */
		if (count_pages())
			fail(-1, "pages left after phase B", 0, (long)count_pages(), 0);
		if (pt_unmap(&tree, B_BASE, (1 + B_SLOTS) * GB, &err))
			fail(-1, err.msg, B_BASE, 0, 0);
		retired_taken += pt_retired_count(taken);
		pt_retired_free(&tree, taken);
		taken = NULL;
		struct pt_retired *rest = pt_retired_take(&tree);
		retired_left += pt_retired_count(rest);
		pt_retired_free(&tree, rest);
	}
	for (int t = 0; t < nthreads; t++)
		pthread_join(th[t], NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	struct counters sum = {0};
	for (int t = 0; t < nthreads; t++) {
		sum.maps += totals[t].maps;
		sum.unmaps += totals[t].unmaps;
		sum.lookups += totals[t].lookups;
		sum.racy_lookups += totals[t].racy_lookups;
	}
	pt_destroy(&tree);
	if (hm.live != 0)
		fail(-1, "tables not freed at the end", 0, hm.live, 0);
	printf("pt-stress: %d threads, %d rounds, %.2f s: %ld maps, %ld unmaps, %ld checked "
	       "lookups, %ld racy lookups; %llu tables retired (%llu taken mid-phase), %ld table "
	       "pages allocated, all freed: %s\n",
	       nthreads, rounds,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9, sum.maps,
	       sum.unmaps, sum.lookups, sum.racy_lookups,
	       (unsigned long long)retired_taken + (unsigned long long)retired_left,
	       (unsigned long long)retired_taken, hm.allocs, hm.live == 0 ? "yes" : "no");
	if (failures) {
		fprintf(stderr, "pt-stress: FAILED (%ld mismatches)\n", failures);
		return 1;
	}
	printf("pt-stress: ok\n");
	return 0;
}
