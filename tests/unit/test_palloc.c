// SPDX-License-Identifier: GPL-2.0-only
/* The physical page allocator: never hands out a page it must not. */
#include <stdlib.h>
#include <parapet/handoff.h>
#include "hypervisor/core/palloc.h"
#include "unit.h"

#define KB 1024ull
#define MB (1024ull * KB)
#define PG 4096ull

/* Brute-force reference: may page p be handed out? */
static int page_allowed(u64 p, const struct pp_mem_range *m, u32 n, const struct palloc_range *x,
			u32 nx)
{
	int in_usable = 0;
	if (p == 0)
		return 0;
	for (u32 i = 0; i < n; i++) {
		u64 end = m[i].base + m[i].length;
		if (m[i].type == PP_MEM_USABLE) {
			if (m[i].base <= p && p + PG <= end)
				in_usable = 1;
		} else if (m[i].base < p + PG && p < end) {
			return 0;
		}
	}
	for (u32 i = 0; i < nx; i++)
		if (x[i].length && x[i].base < p + PG && p < x[i].base + x[i].length)
			return 0;
	return in_usable;
}

/* Allocate everything; every page must be allowed, unique, and all allowed
 * pages in [0, span) must come out. Returns the number allocated. */
static u64 drain_and_check(struct palloc *pa, const struct pp_mem_range *m, u32 n,
			   const struct palloc_range *x, u32 nx, u64 span)
{
	u64 npg = span / PG;
	unsigned char *seen = calloc(npg, 1);
	u64 got = 0, start_free = pa->free_pages;
	for (;;) {
		u64 a = hpa_val(palloc_alloc(pa));
		if (!a)
			break;
		CHECK(a % PG == 0);
		if (a >= span) {
			unit_fail(__FILE__, __LINE__, "page beyond the test span");
			break;
		}
		CHECK(page_allowed(a, m, n, x, nx));
		CHECK(!seen[a / PG]);
		seen[a / PG] = 1;
		got++;
	}
	CHECK_EQ(got, start_free);
	CHECK_EQ(pa->free_pages, 0);
	for (u64 p = 0; p < npg; p++)
		if (page_allowed(p * PG, m, n, x, nx) && !seen[p]) {
			char msg[80];
			snprintf(msg, sizeof(msg), "allowed page 0x%llx never handed out",
				 (unsigned long long)(p * PG));
			unit_fail(__FILE__, __LINE__, msg);
			break;
		}
	free(seen);
	return got;
}

static u64 store[1 << 14];

TEST(palloc_typical_map_excludes_everything_required)
{
	struct pp_mem_range m[] = {
	    {0, 0x9fc00, PP_MEM_USABLE, 0}, /* partial last page */
	    {0x9fc00, 0x400, PP_MEM_RESERVED, 0},
	    {0xf0000, 0x10000, PP_MEM_RESERVED, 0},
	    {0x100000, 0x3fee0000 - 0x100000, PP_MEM_USABLE, 0},
	    {0x3fee0000, 0x20000, PP_MEM_ACPI_RECLAIM, 0},
	    {0x3ff00000, 0x100000, PP_MEM_RESERVED, 0},
	};
	struct palloc_range x[] = {
	    {0x1000000, 0x300000}, /* hypervisor */
	    {0x200000, 0x80000},   /* launch */
	    {0x2000123, 0x10},	   /* a tiny module, unaligned */
	};
	struct palloc pa;
	struct pp_err e = {0, ""};
	REQUIRE(palloc_init(&pa, store, sizeof(store), m, 6, x, 3, &e) == 0);
	CHECK(!pa.truncated);
	CHECK_EQ(pa.free_pages, pa.usable_pages);
	u64 expect = (0x9f000 - 0x1000) / PG + (0x3fee0000 - 0x100000) / PG - 0x300 - 0x80 - 1;
	CHECK_EQ(pa.usable_pages, expect);
	drain_and_check(&pa, m, 6, x, 3, 0x40000000);
}

TEST(palloc_alloc_below_respects_limit)
{
	struct pp_mem_range m[] = {{0, 0x200000, PP_MEM_USABLE, 0}};
	struct palloc pa;
	REQUIRE(palloc_init(&pa, store, sizeof(store), m, 1, NULL, 0, NULL) == 0);
	u64 n = 0;
	for (;;) {
		u64 a = hpa_val(palloc_alloc_below(&pa, 0x100000));
		if (!a)
			break;
		CHECK(a + PG <= 0x100000);
		CHECK(a != 0);
		n++;
	}
	CHECK_EQ(n, 255); /* page 0 excluded */
	CHECK_EQ(hpa_val(palloc_alloc_below(&pa, 0x1000)), 0);
	CHECK_EQ(hpa_val(palloc_alloc_below(&pa, 0)), 0);
	/* a limit inside a page does not admit that page */
	u64 a = hpa_val(palloc_alloc_below(&pa, 0x100fff));
	CHECK_EQ(a, 0);
	a = hpa_val(palloc_alloc_below(&pa, 0x101000));
	CHECK_EQ(a, 0x100000);
	CHECK(hpa_val(palloc_alloc(&pa)) >= 0x101000);
}

TEST(palloc_free_rejects_foreign_and_double_free)
{
	struct pp_mem_range m[] = {
	    {0x100000, 0x100000, PP_MEM_USABLE, 0},
	    {0x200000, 0x1000, PP_MEM_RESERVED, 0},
	    {0x201000, 0x100000, PP_MEM_USABLE, 0},
	};
	struct palloc_range x[] = {{0x150000, 0x1000}};
	struct palloc pa;
	REQUIRE(palloc_init(&pa, store, sizeof(store), m, 3, x, 1, NULL) == 0);
	hpa_t p = palloc_alloc(&pa);
	REQUIRE(hpa_val(p) != 0);
	u64 before = pa.free_pages;
	CHECK_EQ(palloc_free(&pa, p), 0);
	CHECK_EQ(pa.free_pages, before + 1);
	CHECK_EQ(palloc_free(&pa, p), PP_EINVAL);		    /* double free */
	CHECK_EQ(palloc_free(&pa, hpa(0x150000)), PP_EINVAL);	    /* excluded */
	CHECK_EQ(palloc_free(&pa, hpa(0x200000)), PP_EINVAL);	    /* reserved, in window */
	CHECK_EQ(palloc_free(&pa, hpa(0x0)), PP_EINVAL);	    /* below window */
	CHECK_EQ(palloc_free(&pa, hpa(0x400000)), PP_EINVAL);	    /* above window */
	CHECK_EQ(palloc_free(&pa, hpa(hpa_val(p) + 8)), PP_EINVAL); /* unaligned */
	CHECK_EQ(palloc_free(&pa, hpa(0x180000)), PP_EINVAL);	    /* managed but free */
	CHECK_EQ(pa.free_pages, before + 1);
}

TEST(palloc_overlapping_entries_most_restrictive_wins)
{
	/* Unsorted, overlapping input: the reserved piece inside the usable
	 * entry and the ACPI entry straddling its end must never be handed out. */
	struct pp_mem_range m[] = {
	    {0x300000, 0x1800, PP_MEM_ACPI_NVS, 0}, {0x100000, 0x300000, PP_MEM_USABLE, 0},
	    {0x180800, 0x10, PP_MEM_RESERVED, 0},   {0x3ff000, 0x2000, PP_MEM_UNUSABLE, 0},
	    {0x380000, 0x100000, PP_MEM_USABLE, 0}, /* overlaps the first usable one */
	};
	struct palloc pa;
	REQUIRE(palloc_init(&pa, store, sizeof(store), m, 5, NULL, 0, NULL) == 0);
	u64 got = drain_and_check(&pa, m, 5, NULL, 0, 0x600000);
	CHECK(got > 0);
}

TEST(palloc_empty_map_and_no_usable)
{
	struct palloc pa;
	struct pp_err e = {0, ""};
	CHECK_EQ(palloc_init(&pa, store, sizeof(store), NULL, 0, NULL, 0, &e), 0);
	CHECK_EQ(pa.free_pages, 0);
	CHECK_EQ(hpa_val(palloc_alloc(&pa)), 0);
	CHECK_EQ(hpa_val(palloc_alloc_below(&pa, ~0ull)), 0);
	CHECK_EQ(hpa_val(palloc_alloc_run(&pa, 1, ~0ull)), 0);
	CHECK_EQ(palloc_free(&pa, hpa(0x1000)), PP_EINVAL);

	struct pp_mem_range m[] = {{0x1000, 0x100000, PP_MEM_RESERVED, 0},
				   {0x200800, 0x800, PP_MEM_USABLE, 0}}; /* no whole page */
	CHECK_EQ(palloc_init(&pa, store, sizeof(store), m, 2, NULL, 0, &e), 0);
	CHECK_EQ(pa.free_pages, 0);
	CHECK_EQ(hpa_val(palloc_alloc(&pa)), 0);
}

TEST(palloc_exclusions_covering_everything)
{
	struct pp_mem_range m[] = {{0x100000, 0x100000, PP_MEM_USABLE, 0},
				   {0x400000, 0x100000, PP_MEM_USABLE, 0}};
	struct palloc_range x[] = {
	    {0xff000, 0x102000}, {0x3fffff, 0x100002}, {0, 0} /* empty: ignored */};
	struct palloc pa;
	REQUIRE(palloc_init(&pa, store, sizeof(store), m, 2, x, 3, NULL) == 0);
	CHECK_EQ(pa.free_pages, 0);
	CHECK_EQ(hpa_val(palloc_alloc(&pa)), 0);
	/* an exclusion that wraps the address space covers the rest */
	struct palloc_range wrap[] = {{0x180000, ~0ull}};
	REQUIRE(palloc_init(&pa, store, sizeof(store), m, 2, wrap, 1, NULL) == 0);
	CHECK_EQ(pa.free_pages, 0x80);
}

TEST(palloc_unaligned_ranges_lose_partial_pages)
{
	struct pp_mem_range m[] = {
	    {0x100001, 0x2fff, PP_MEM_USABLE, 0}, /* [0x100001, 0x103000): 2 whole pages */
	    {0x200fff, 0x1000, PP_MEM_USABLE, 0}, /* no whole page */
	    {0x300800, 0x1800, PP_MEM_USABLE, 0}, /* one: 0x301000 */
	    {0x400000, 0xfff, PP_MEM_USABLE, 0},  /* none */
	};
	struct palloc pa;
	REQUIRE(palloc_init(&pa, store, sizeof(store), m, 4, NULL, 0, NULL) == 0);
	CHECK_EQ(pa.free_pages, 3);
	drain_and_check(&pa, m, 4, NULL, 0, 0x500000);
}

TEST(palloc_runs_are_contiguous_and_bounded)
{
	struct pp_mem_range m[] = {{0x100000, 0x10000, PP_MEM_USABLE, 0},
				   {0x200000, 0x10000, PP_MEM_USABLE, 0}};
	struct palloc_range x[] = {{0x104000, 0x1000}};
	struct palloc pa;
	REQUIRE(palloc_init(&pa, store, sizeof(store), m, 2, x, 1, NULL) == 0);
	CHECK_EQ(hpa_val(palloc_alloc_run(&pa, 5, ~0ull)), 0x105000); /* skips the hole */
	CHECK_EQ(hpa_val(palloc_alloc_run(&pa, 4, ~0ull)), 0x100000);
	CHECK_EQ(hpa_val(palloc_alloc_run(&pa, 12, 0x110000)), 0); /* only 6 left below */
	CHECK_EQ(hpa_val(palloc_alloc_run(&pa, 12, ~0ull)), 0x200000);
	CHECK_EQ(hpa_val(palloc_alloc_run(&pa, 0, ~0ull)), 0);
	CHECK_EQ(pa.free_pages, 16 - 1 - 5 - 4 + 16 - 12);
	CHECK_EQ(palloc_free(&pa, hpa(0x105000)), 0);
	CHECK_EQ(palloc_free(&pa, hpa(0x105000)), PP_EINVAL);
}

TEST(palloc_truncates_to_storage_and_reports)
{
	static u64 small[4]; /* 2 words: 128 pages tracked */
	struct pp_mem_range m[] = {{0x100000, 0x1000000, PP_MEM_USABLE, 0}};
	struct palloc pa;
	REQUIRE(palloc_init(&pa, small, sizeof(small), m, 1, NULL, 0, NULL) == 0);
	CHECK(pa.truncated);
	CHECK_EQ(pa.untracked_end, 0x1100000);
	CHECK_EQ(pa.npages, 128);
	CHECK_EQ(pa.free_pages, 128);
	u64 a, hi = 0;
	while ((a = hpa_val(palloc_alloc(&pa))) != 0)
		hi = a > hi ? a : hi;
	CHECK_EQ(hi, 0x100000 + 127 * PG);
	CHECK_EQ(palloc_bitmap_bytes(0, 64ull << 30), 2ull * (64ull << 30) / PG / 8);
}

TEST(palloc_rejects_bad_arguments)
{
	struct pp_mem_range m[] = {{0x100000, 0x1000, PP_MEM_USABLE, 0}};
	struct palloc_range x[PALLOC_MAX_EXCLUDE + 1] = {{0, 0}};
	struct palloc pa;
	struct pp_err e = {0, ""};
	CHECK_EQ(palloc_init(&pa, store, sizeof(store), m, 1, x, PALLOC_MAX_EXCLUDE + 1, &e),
		 PP_ERANGE);
	CHECK_MSG(&e, "exclusions");
	CHECK_EQ(palloc_init(&pa, store, 8, m, 1, NULL, 0, &e), PP_ERANGE);
	CHECK_MSG(&e, "too small");
	CHECK_EQ(palloc_init(&pa, NULL, 64, m, 1, NULL, 0, &e), PP_EINVAL);
	CHECK_EQ(palloc_init(&pa, store, sizeof(store), NULL, 1, NULL, 0, &e), PP_EINVAL);
}

TEST(palloc_random_maps_against_reference)
{
	srand(1234);
	for (int round = 0; round < 200; round++) {
		struct pp_mem_range m[8];
		struct palloc_range x[4];
		u32 n = (u32)(rand() % 8), nx = (u32)(rand() % 4);
		for (u32 i = 0; i < n; i++) {
			m[i].base = (u64)(rand() % 0x400000);
			m[i].length = (u64)(rand() % 0x100000) + 1;
			m[i].type = (rand() % 3) ? PP_MEM_USABLE : (u32)(2 + rand() % 5);
			m[i].reserved = 0;
		}
		for (u32 i = 0; i < nx; i++) {
			x[i].base = (u64)(rand() % 0x500000);
			x[i].length = (u64)(rand() % 0x40000);
		}
		struct palloc pa;
		REQUIRE(palloc_init(&pa, store, sizeof(store), m, n, x, nx, NULL) == 0);
		drain_and_check(&pa, m, n, x, nx, 0x600000);
		if (unit_failed_now())
			return;
	}
}
