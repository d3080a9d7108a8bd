// SPDX-License-Identifier: GPL-2.0-only
/* The page-table engine's refusals (with their messages) and allocation
 * failure injected at every allocation of a map and of a split. */
#include "pt_fixture.h"
#include "unit.h"

#define KB 1024ull
#define MB (1024ull * KB)
#define GB (1024ull * MB)

static struct pt_host_mem hm;
static struct pp_err err;

static void tree_init(struct pt *pt, u32 depth)
{
	struct pt_mem mem;
	pt_host_mem_init(&hm, &mem);
	pt_fake_level_errors = 0;
	if (pt_init(pt, &pt_fake_fmt, depth, PT_LEAF_4K | PT_LEAF_2M | PT_LEAF_1G, &mem, &err))
		unit_fail(__FILE__, __LINE__, err.msg);
}

static void tree_done(struct pt *pt)
{
	pt_destroy(pt);
	CHECK_EQ(hm.live, 0);
	CHECK_EQ(pt_fake_level_errors, 0);
}

TEST(pt_init_refusals)
{
	struct pt pt;
	struct pt_mem mem;
	pt_host_mem_init(&hm, &mem);
	CHECK_EQ(pt_init(&pt, &pt_fake_fmt, 2, PT_LEAF_4K, &mem, &err), PP_EINVAL);
	CHECK_MSG(&err, "depth 2 (3, 4 or 5 levels)");
	CHECK_EQ(pt_init(&pt, &pt_fake_fmt, 6, PT_LEAF_4K, &mem, &err), PP_EINVAL);
	CHECK_MSG(&err, "depth 6 (3, 4 or 5 levels)");
	CHECK_EQ(pt_init(&pt, &pt_fake_fmt, 4, PT_LEAF_2M, &mem, &err), PP_EINVAL);
	CHECK_MSG(&err, "leaf levels 0x2");
	CHECK_EQ(pt_init(&pt, &pt_fake_fmt, 4, PT_LEAF_4K | PT_LEAF_1G, &mem, &err), PP_EINVAL);
	CHECK_MSG(&err, "contiguous");
	hm.fail_at = 1;
	CHECK_EQ(pt_init(&pt, &pt_fake_fmt, 4, PT_LEAF_4K, &mem, &err), PP_ENOMEM);
	CHECK_MSG(&err, "no page for the root table");
	CHECK_EQ(hm.live, 0);
}

TEST(pt_map_refusals)
{
	struct pt pt;
	tree_init(&pt, 4);
	CHECK_EQ(pt_map(&pt, 0, 0, 0, PT_PERM_R, &err), PP_EINVAL);
	CHECK_MSG(&err, "map of an empty range at 0x0");
	CHECK_EQ(pt_map(&pt, 0x1800, 0, 4 * KB, PT_PERM_R, &err), PP_EINVAL);
	CHECK_MSG(&err, "map 0x1800+0x1000 is not 4 KiB aligned");
	CHECK_EQ(pt_map(&pt, 0x1000, 0, 0x1200, PT_PERM_R, &err), PP_EINVAL);
	CHECK_MSG(&err, "not 4 KiB aligned");
	CHECK_EQ(pt_map(&pt, 0x1000, 0x10, 4 * KB, PT_PERM_R, &err), PP_EINVAL);
	CHECK_MSG(&err, "map output 0x10 is not 4 KiB aligned");
	CHECK_EQ(pt_map(&pt, ~0xfffull, 0, 8 * KB, PT_PERM_R, &err), PP_ERANGE);
	CHECK_MSG(&err, "overflows");
	CHECK_EQ(pt_map(&pt, (1ull << 48) - 4 * KB, 0, 8 * KB, PT_PERM_R, &err), PP_ERANGE);
	CHECK_MSG(&err, "ends beyond the 48-bit input space of a depth-4 table");
	CHECK_EQ(pt_map(&pt, 0, (1ull << 60) - 4 * KB, 8 * KB, PT_PERM_R, &err), PP_ERANGE);
	CHECK_MSG(&err, "beyond the format's 60-bit addresses");
	CHECK_EQ(pt_map(&pt, 0, ~0xfffull, 8 * KB, PT_PERM_R, &err), PP_ERANGE);
	CHECK_EQ(pt_map(&pt, 0, 0, 4 * KB, 0x8, &err), PP_EINVAL);
	CHECK_MSG(&err, "permissions 0x8 not expressible");
	CHECK_EQ(hm.live, 1);

	/* Overlap: refused, and what the map did before meeting it is undone. */
	CHECK_EQ(pt_map(&pt, 2 * MB + 8 * KB, 0, 4 * KB, PT_PERM_R, &err), PP_OK);
	CHECK_EQ(pt_map(&pt, 2 * MB, 1 * GB, 16 * KB, PT_PERM_W, &err), PP_EOVERLAP);
	CHECK_MSG(&err, "0x202000 is already mapped (a 4 KiB page at 0x202000 -> 0x0); nothing "
			"mapped");
	struct pt_mapping m;
	CHECK_EQ(pt_lookup(&pt, 2 * MB, &m), PP_ENOENT);
	CHECK_EQ(pt_lookup(&pt, 2 * MB + 4 * KB, &m), PP_ENOENT);
	CHECK_EQ(pt_lookup(&pt, 2 * MB + 8 * KB, &m), PP_OK);
	CHECK_EQ(pt_translate(&m, 2 * MB + 8 * KB), 0);
	/* A 1 GiB map over a range holding that page refuses too. */
	CHECK_EQ(pt_map(&pt, 0, 0, 1 * GB, PT_PERM_R, &err), PP_EOVERLAP);
	CHECK_MSG(&err, "already mapped (a 4 KiB page");
	/* And a 4 KiB map inside a large page. */
	CHECK_EQ(pt_map(&pt, 4 * GB, 0, 2 * MB, PT_PERM_R, &err), PP_OK);
	CHECK_EQ(pt_map(&pt, 4 * GB + 1 * MB, 0, 4 * KB, PT_PERM_R, &err), PP_EOVERLAP);
	CHECK_MSG(&err, "a 2 MiB page at 0x100000000 -> 0x0");
	struct pt_tree_stats st;
	pt_tree_check(&pt, &st);
	CHECK_EQ(st.errors, 0);
	CHECK_EQ(st.pages[0], 1);
	CHECK_EQ(st.pages[1], 1);

	CHECK_EQ(pt_unmap(&pt, 0, 0, &err), PP_EINVAL);
	CHECK_MSG(&err, "unmap of an empty range");
	CHECK_EQ(pt_unmap(&pt, 4 * KB + 1, 4 * KB, &err), PP_EINVAL);
	CHECK_EQ(pt_unmap(&pt, 1ull << 48, 4 * KB, &err), PP_ERANGE);
	CHECK_MSG(&err, "unmap 0x1000000000000+0x1000 ends beyond the 48-bit");
	/* Unmapping holes is fine. */
	CHECK_EQ(pt_unmap(&pt, 8 * GB, 1 * GB, &err), PP_OK);
	tree_done(&pt);
}

/* The state every failure run starts from: one 4 KiB page, so the map
 * meets existing tables as well as missing ones. */
static void setup(struct pt *pt)
{
	tree_init(pt, 5);
	if (pt_map(pt, (1ull << 48) - 12 * KB, 0, 4 * KB, PT_PERM_R, &err))
		unit_fail(__FILE__, __LINE__, err.msg);
}

/* Pages present in [in, in + len). */
static u64 pages_in(const struct pt *pt, u64 in, u64 len)
{
	u64 n = 0;
	struct pt_mapping m;
	for (u64 a = in; a < in + len;) {
		if (pt_lookup(pt, a, &m) == PP_OK) {
			n++;
			a = m.in_base + m.size;
		} else {
			a += 4 * KB;
		}
	}
	return n;
}

TEST(pt_map_failure_at_every_allocation_maps_nothing)
{
	/* 1 GiB - 8 KiB + 2 GiB + 2 MiB + 12 KiB from below 1 GiB: tables at
	 * every level, across two PML5/PML4 slots' worth of new tables. */
	u64 in = (1ull << 48) - 8 * KB, len = 8 * KB + 2 * GB + 2 * MB + 12 * KB;
	u64 out = in + 4 * GB;
	struct pt pt;
	setup(&pt);
	long base = hm.allocs;
	REQUIRE(pt_map(&pt, in, out, len, PT_PERM_RWX, &err) == PP_OK);
	long need = hm.allocs - base;
	CHECK(need >= 4); /* levels 3..0 in the new PML5 slot */
	u64 want_pages = pages_in(&pt, in, len);
	tree_done(&pt);

	for (long i = 1; i <= need; i++) {
		setup(&pt);
		hm.fail_at = i;
		int rc = pt_map(&pt, in, out, len, PT_PERM_RWX, &err);
		CHECK_EQ(rc, PP_ENOMEM);
		CHECK_MSG(&err, "nothing mapped");
		CHECK_EQ(hm.failed, 1);
		hm.fail_at = 0;
		CHECK_EQ(pages_in(&pt, in, len), 0);
		struct pt_tree_stats st;
		pt_tree_check(&pt, &st);
		CHECK_EQ(st.errors, 0);
		CHECK_EQ(st.pages[0], 1); /* the setup page only */
		CHECK_EQ(st.pages[1] + st.pages[2], 0);
		/* The same map succeeds afterwards, with the same pages. */
		CHECK_EQ(pt_map(&pt, in, out, len, PT_PERM_RWX, &err), PP_OK);
		CHECK_EQ(pages_in(&pt, in, len), want_pages);
		pt_reclaim(&pt);
		tree_done(&pt);
	}
}

TEST(pt_unmap_split_failure_unmaps_nothing)
{
	struct pt pt;
	tree_init(&pt, 4);
	REQUIRE(pt_map(&pt, 1 * GB, 0, 1 * GB, PT_PERM_R, &err) == PP_OK);
	/* Splitting 1 GiB -> 2 MiB -> 4 KiB at one edge takes two pages. */
	for (long i = 1; i <= 2; i++) {
		hm.fail_at = i;
		CHECK_EQ(pt_unmap(&pt, 1 * GB + 2 * MB + 4 * KB, 4 * KB, &err), PP_ENOMEM);
		CHECK_MSG(&err, "no page to split the");
		CHECK_MSG(&err, "nothing unmapped");
		hm.fail_at = 0;
		struct pt_mapping m;
		for (u64 a = 1 * GB; a < 2 * GB; a += 1 * MB + 4 * KB) {
			REQUIRE(pt_lookup(&pt, a, &m) == PP_OK);
			CHECK_EQ(pt_translate(&m, a), a - 1 * GB);
		}
	}
	CHECK_EQ(pt_unmap(&pt, 1 * GB + 2 * MB + 4 * KB, 4 * KB, &err), PP_OK);
	CHECK_EQ(pages_in(&pt, 1 * GB, 1 * GB), 511 + 511);
	/* No page for the first retire record: the 1 GiB range's table stays,
	 * emptied in place; the 4 KiB table below it is retired (the next
	 * allocation succeeds) and freed by the reclaim. */
	long live = hm.live;
	hm.fail_at = 1;
	CHECK_EQ(pt_unmap(&pt, 1 * GB, 1 * GB, &err), PP_OK);
	hm.fail_at = 0;
	CHECK_EQ(pages_in(&pt, 1 * GB, 1 * GB), 0);
	pt_reclaim(&pt);
	CHECK_EQ(hm.live, live - 1);
	/* Those empty tables serve a later map, which then uses smaller pages. */
	CHECK_EQ(pt_map(&pt, 1 * GB, 0, 1 * GB, PT_PERM_R, &err), PP_OK);
	CHECK_EQ(pages_in(&pt, 1 * GB, 1 * GB), 512);
	tree_done(&pt);
}
