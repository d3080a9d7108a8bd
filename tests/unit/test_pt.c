// SPDX-License-Identifier: GPL-2.0-only
/* The page-table engine on the fake format: every page size, the choice of
 * the largest pages, splits, retire + reclaim, depth 5. */
#include "pt_fixture.h"
#include "unit.h"

#define KB 1024ull
#define MB (1024ull * KB)
#define GB (1024ull * MB)

struct tree {
	struct pt pt;
	struct pt_host_mem hm;
	struct pp_err err;
};

static int tree_init(struct tree *t, u32 depth)
{
	struct pt_mem mem;
	pt_host_mem_init(&t->hm, &mem);
	pt_fake_level_errors = 0;
	return pt_init(&t->pt, &pt_fake_fmt, depth, PT_LEAF_4K | PT_LEAF_2M | PT_LEAF_1G, &mem,
		       &t->err);
}

/* Tear down; every page must come back. */
static void tree_done(struct tree *t)
{
	pt_destroy(&t->pt);
	CHECK_EQ(t->hm.live, 0);
	CHECK_EQ(pt_fake_level_errors, 0);
}

static void expect_map(struct tree *t, u64 in, u64 out, u64 size, u32 perms)
{
	struct pt_mapping m;
	int rc = pt_lookup(&t->pt, in, &m);
	CHECK_EQ(rc, PP_OK);
	if (rc)
		return;
	CHECK_EQ(m.size, size);
	CHECK_EQ(pt_translate(&m, in), out);
	CHECK_EQ(m.perms, perms);
	CHECK_EQ(m.in_base, PP_ALIGN_DOWN(in, size));
}

static void expect_stats(struct tree *t, u64 p4k, u64 p2m, u64 p1g)
{
	struct pt_tree_stats st;
	pt_tree_check(&t->pt, &st);
	if (st.errors)
		unit_fail(__FILE__, __LINE__, st.first_error);
	CHECK_EQ(st.pages[0], p4k);
	CHECK_EQ(st.pages[1], p2m);
	CHECK_EQ(st.pages[2], p1g);
}

TEST(pt_map_lookup_unmap_every_size)
{
	static const u64 sizes[] = {4 * KB, 2 * MB, 1 * GB};
	for (u32 depth = 4; depth <= 5; depth++) {
		struct tree t;
		REQUIRE(tree_init(&t, depth) == PP_OK);
		for (u32 i = 0; i < 3; i++) {
			u64 in = 7 * GB + i * GB, out = 64 * GB + i * GB, sz = sizes[i];
			CHECK_EQ(pt_map(&t.pt, in, out, sz, PT_PERM_R | (i << 1), &t.err), PP_OK);
			expect_map(&t, in, out, sz, PT_PERM_R | (i << 1));
			expect_map(&t, in + sz - 4 * KB, out + sz - 4 * KB, sz,
				   PT_PERM_R | (i << 1));
			struct pt_mapping m;
			CHECK_EQ(pt_lookup(&t.pt, in + sz, &m), PP_ENOENT);
		}
		expect_stats(&t, 1, 1, 1);
		for (u32 i = 0; i < 3; i++)
			CHECK_EQ(pt_unmap(&t.pt, 7 * GB + i * GB, sizes[i], &t.err), PP_OK);
		expect_stats(&t, 0, 0, 0);
		struct pt_mapping m;
		CHECK_EQ(pt_lookup(&t.pt, 7 * GB, &m), PP_ENOENT);
		pt_reclaim(&t.pt);
		tree_done(&t);
	}
}

TEST(pt_map_picks_the_largest_pages)
{
	struct tree t;
	REQUIRE(tree_init(&t, 4) == PP_OK);
	/* 8 KiB below 1 GiB, then 1 GiB + 2 MiB + 4 KiB; out congruent mod 1 GiB. */
	u64 in = 1 * GB - 8 * KB, len = 8 * KB + 1 * GB + 2 * MB + 4 * KB, out = in + 4 * GB;
	CHECK_EQ(pt_map(&t.pt, in, out, len, PT_PERM_RWX, &t.err), PP_OK);
	expect_stats(&t, 3, 1, 1);
	expect_map(&t, in, out, 4 * KB, PT_PERM_RWX);
	expect_map(&t, 1 * GB + 5 * MB, out + 8 * KB + 5 * MB, 1 * GB, PT_PERM_RWX);
	expect_map(&t, 2 * GB + 1 * MB, out + 8 * KB + 1 * GB + 1 * MB, 2 * MB, PT_PERM_RWX);
	expect_map(&t, 2 * GB + 2 * MB, out + len - 4 * KB, 4 * KB, PT_PERM_RWX);
	CHECK_EQ(pt_unmap(&t.pt, in, len, &t.err), PP_OK);
	expect_stats(&t, 0, 0, 0);

	/* Output only 4 KiB-congruent: 4 KiB pages throughout. */
	CHECK_EQ(pt_map(&t.pt, 2 * MB, 2 * MB + 4 * KB, 4 * MB, PT_PERM_R, &t.err), PP_OK);
	expect_stats(&t, 1024, 0, 0);
	CHECK_EQ(pt_unmap(&t.pt, 2 * MB, 4 * MB, &t.err), PP_OK);

	/* 2 MiB pages only where the caller's leaf mask allows no 1 GiB ones. */
	struct pt p2;
	struct pt_host_mem hm;
	struct pt_mem mem;
	pt_host_mem_init(&hm, &mem);
	REQUIRE(pt_init(&p2, &pt_fake_fmt, 4, PT_LEAF_4K | PT_LEAF_2M, &mem, &t.err) == PP_OK);
	CHECK_EQ(pt_map(&p2, 1 * GB, 1 * GB, 1 * GB, PT_PERM_R, &t.err), PP_OK);
	struct pt_tree_stats st;
	pt_tree_check(&p2, &st);
	CHECK_EQ(st.errors, 0);
	CHECK_EQ(st.pages[1], 512);
	CHECK_EQ(st.pages[2], 0);
	pt_destroy(&p2);
	CHECK_EQ(hm.live, 0);
	tree_done(&t);
}

TEST(pt_unmap_splits_a_large_page)
{
	struct tree t;
	REQUIRE(tree_init(&t, 4) == PP_OK);
	u64 in = 3 * GB, out = 9 * GB;
	u32 perms = PT_PERM_R | PT_PERM_X;
	CHECK_EQ(pt_map(&t.pt, in, out, 1 * GB, perms, &t.err), PP_OK);
	/* Punch 4 KiB at 3 GiB + 2 MiB + 4 KiB: 1 GiB -> 2 MiB pages -> 4 KiB pages. */
	u64 hole = in + 2 * MB + 4 * KB;
	CHECK_EQ(pt_unmap(&t.pt, hole, 4 * KB, &t.err), PP_OK);
	expect_stats(&t, 511, 511, 0);
	struct pt_mapping m;
	CHECK_EQ(pt_lookup(&t.pt, hole, &m), PP_ENOENT);
	expect_map(&t, in, out, 2 * MB, perms);
	expect_map(&t, in + 2 * MB, out + 2 * MB, 4 * KB, perms);
	expect_map(&t, hole + 4 * KB, out + 2 * MB + 8 * KB, 4 * KB, perms);
	expect_map(&t, in + 1 * GB - 4 * KB, out + 1 * GB - 4 * KB, 2 * MB, perms);
	/* Nothing was cut off: no table retired. */
	struct pt_retired *r = pt_retired_take(&t.pt);
	CHECK_EQ(pt_retired_count(r), 0);
	pt_retired_free(&t.pt, r);

	/* An unmap spanning a 2 MiB edge splits on both sides. */
	CHECK_EQ(pt_unmap(&t.pt, in + 6 * MB - 8 * KB, 16 * KB, &t.err), PP_OK);
	expect_stats(&t, 511 + 1020, 509, 0);
	expect_map(&t, in + 6 * MB - 12 * KB, out + 6 * MB - 12 * KB, 4 * KB, perms);
	CHECK_EQ(pt_lookup(&t.pt, in + 6 * MB, &m), PP_ENOENT);
	expect_map(&t, in + 6 * MB + 8 * KB, out + 6 * MB + 8 * KB, 4 * KB, perms);

	/* Unmapping the rest retires the 1 GiB range's table and its children. */
	long before = t.hm.live;
	CHECK_EQ(pt_unmap(&t.pt, in, 1 * GB, &t.err), PP_OK);
	expect_stats(&t, 0, 0, 0);
	CHECK_EQ(t.hm.live, before + 1); /* the retire record's page */
	r = pt_retired_take(&t.pt);
	CHECK_EQ(pt_retired_count(r), 1);
	pt_retired_free(&t.pt, r);
	/* Root + PML4's level-2 table are all that is left. */
	CHECK_EQ(t.hm.live, 2);
	tree_done(&t);
}

TEST(pt_depth5_addresses_above_2_48)
{
	struct tree t;
	REQUIRE(tree_init(&t, 5) == PP_OK);
	CHECK_EQ(pt_space(&t.pt), 1ull << 57);
	u64 hi = (1ull << 56) + 3 * GB;
	CHECK_EQ(pt_map(&t.pt, hi, 5 * GB, 1 * GB + 4 * KB, PT_PERM_R | PT_PERM_W, &t.err), PP_OK);
	expect_map(&t, hi + 5, 5 * GB + 5, 1 * GB, PT_PERM_R | PT_PERM_W);
	expect_map(&t, hi + 1 * GB, 6 * GB, 4 * KB, PT_PERM_R | PT_PERM_W);
	/* Same low 48 bits, other PML5 slot: unmapped. */
	struct pt_mapping m;
	CHECK_EQ(pt_lookup(&t.pt, 3 * GB, &m), PP_ENOENT);
	CHECK_EQ(pt_lookup(&t.pt, 1ull << 57, &m), PP_ERANGE);
	/* The very top of the space. */
	u64 top = (1ull << 57) - 2 * MB;
	CHECK_EQ(pt_map(&t.pt, top, 2 * MB, 2 * MB, PT_PERM_R, &t.err), PP_OK);
	expect_map(&t, top + 4 * KB, 2 * MB + 4 * KB, 2 * MB, PT_PERM_R);
	CHECK_EQ(pt_unmap(&t.pt, top + 1 * MB, 1 * MB, &t.err), PP_OK);
	expect_map(&t, top, 2 * MB, 4 * KB, PT_PERM_R);
	CHECK_EQ(pt_lookup(&t.pt, top + 1 * MB, &m), PP_ENOENT);
	expect_stats(&t, 256 + 1, 0, 1);
	CHECK_EQ(pt_unmap(&t.pt, hi, 1 * GB + 4 * KB, &t.err), PP_OK);
	pt_reclaim(&t.pt);
	tree_done(&t);

	/* A depth-4 tree refuses the same address. */
	REQUIRE(tree_init(&t, 4) == PP_OK);
	CHECK_EQ(pt_map(&t.pt, hi, 0, 4 * KB, PT_PERM_R, &t.err), PP_ERANGE);
	CHECK_MSG(&t.err, "48-bit input space of a depth-4 table");
	CHECK_EQ(pt_lookup(&t.pt, 1ull << 48, &m), PP_ERANGE);
	tree_done(&t);
}
