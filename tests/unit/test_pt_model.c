// SPDX-License-Identifier: GPL-2.0-only
/* The page-table engine against a flat model: random maps and unmaps of
 * random sizes and alignments over a 6 GiB window; the pages around each
 * step compared after it, every 4 KiB page's translation every 25 steps. */
#include <stdlib.h>

#include "pt_fixture.h"
#include "unit.h"

#define KB 1024ull
#define MB (1024ull * KB)
#define GB (1024ull * MB)
#define WIN (6 * GB)
#define NPG (WIN / (4 * KB))
#define BASE (3 * GB) /* the window's input base */

/* out + 1 of each page (0 = unmapped) and its perms. */
static u64 model_out[NPG];
static u8 model_perm[NPG];

static u64 rnd_state = 0x9e3779b97f4a7c15ull;
static u64 rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

/* A length of mostly-small, sometimes 2 MiB- or 1 GiB-sized page counts. */
static u64 rnd_pages(void)
{
	switch (rnd() % 4) {
	case 0: return 1 + rnd() % 8;
	case 1: return 512 * (1 + rnd() % 3) + rnd() % 3;
	case 2: return 262144;
	default: return 1 + rnd() % 1500;
	}
}

static u64 rnd_start(u64 npages)
{
	u64 p = rnd() % (NPG - npages + 1);
	if (rnd() % 2)
		p = PP_ALIGN_DOWN(p, 512);
	if (rnd() % 4 == 0)
		p = PP_ALIGN_DOWN(p, 262144);
	return p;
}

/* Pages [p, end) of the window (and the leaves that hold them). */
static bool compare(const struct pt *pt, u64 p, u64 end)
{
	struct pt_mapping m;
	while (p < end) {
		u64 in = BASE + p * 4 * KB;
		int rc = pt_lookup(pt, in, &m);
		if (rc == PP_ENOENT) {
			if (model_out[p])
				return false;
			p++;
			continue;
		}
		if (rc != PP_OK)
			return false;
		/* Every model page under this leaf must agree. */
		for (u64 a = PP_MAX(m.in_base, (u64)BASE); a < m.in_base + m.size && a < BASE + WIN;
		     a += 4 * KB) {
			u64 q = (a - BASE) / (4 * KB);
			if (model_out[q] != pt_translate(&m, a) + 1 || model_perm[q] != m.perms)
				return false;
		}
		p = (m.in_base + m.size - BASE) / (4 * KB);
	}
	return true;
}

TEST(pt_random_ops_match_the_model)
{
	struct pt pt;
	struct pt_host_mem hm;
	struct pt_mem mem;
	struct pp_err err;
	pt_host_mem_init(&hm, &mem);
	pt_fake_level_errors = 0;
	REQUIRE(pt_init(&pt, &pt_fake_fmt, 4, PT_LEAF_4K | PT_LEAF_2M | PT_LEAF_1G, &mem, &err) ==
		PP_OK);
	memset(model_out, 0, sizeof(model_out));
	u64 maps = 0, refused = 0, unmaps = 0;
	for (int step = 0; step < 400; step++) {
		u64 n = rnd_pages(), p = rnd_start(n);
		u64 in = BASE + p * 4 * KB, len = n * 4 * KB;
		if (rnd() % 3) {
			u64 out = (rnd() % 4 == 0) ? (rnd() % (1ull << 40)) & ~0xfffull
						   : in + ((rnd() % 64) << 30);
			u32 perms = (u32)(rnd() % 8);
			bool free_range = true;
			for (u64 q = p; q < p + n; q++)
				free_range &= !model_out[q];
			int rc = pt_map(&pt, in, out, len, perms, &err);
			CHECK_EQ(rc, free_range ? PP_OK : PP_EOVERLAP);
			if (rc == PP_OK) {
				maps++;
				for (u64 q = 0; q < n; q++) {
					model_out[p + q] = out + q * 4 * KB + 1;
					model_perm[p + q] = (u8)perms;
				}
			} else {
				refused++;
			}
		} else {
			CHECK_EQ(pt_unmap(&pt, in, len, &err), PP_OK);
			unmaps++;
			memset(&model_out[p], 0, n * sizeof(model_out[0]));
		}
		u64 lo = p > 512 ? p - 512 : 0, hi = PP_MIN(p + n + 512, NPG);
		if (!compare(&pt, lo, hi) || (step % 25 == 0 && !compare(&pt, 0, NPG))) {
			char m[96];
			snprintf(m, sizeof(m), "tree differs from the model after step %d", step);
			unit_fail(__FILE__, __LINE__, m);
			break;
		}
		if (step % 50 == 0)
			pt_reclaim(&pt);
	}
	CHECK(maps > 50 && refused > 20 && unmaps > 50);
	struct pt_tree_stats st;
	pt_tree_check(&pt, &st);
	CHECK_EQ(st.errors, 0);
	CHECK(st.pages[1] > 0);
	CHECK_EQ(pt_unmap(&pt, BASE, WIN, &err), PP_OK);
	pt_reclaim(&pt);
	pt_tree_check(&pt, &st);
	CHECK_EQ(st.pages[0] + st.pages[1] + st.pages[2], 0);
	pt_destroy(&pt);
	CHECK_EQ(hm.live, 0);
	CHECK_EQ(pt_fake_level_errors, 0);
}
