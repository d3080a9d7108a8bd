// SPDX-License-Identifier: GPL-2.0-only
/* The page-table engine at depth 3 (39-bit input space, the root is the
 * 1 GiB level: VT-d units whose SAGAW offers only 3-level tables, QEMU's
 * default intel-iommu): every page size, 1 GiB leaves in the root table,
 * splits of a root leaf, the range limit at 2^39, allocation failure, on
 * the fake format (level bookkeeping checked) and on the VT-d format. */
#include "hypervisor/drivers/iommu/vtd_fmt.h"
#include "pt_fixture.h"
#include "unit.h"

#define KB 1024ull
#define MB (1024ull * KB)
#define GB (1024ull * MB)

static void expect(const struct pt *pt, u64 in, u64 out, u64 size, u32 perms)
{
	struct pt_mapping m;
	int rc = pt_lookup(pt, in, &m);
	CHECK_EQ(rc, PP_OK);
	if (rc)
		return;
	CHECK_EQ(m.size, size);
	CHECK_EQ(pt_translate(&m, in), out);
	CHECK_EQ(m.perms, perms);
}

TEST(pt_depth3_space_and_sizes)
{
	struct pt pt;
	struct pt_host_mem hm;
	struct pp_err err;
	pt_fake_level_errors = 0;
	pt_fixture_tree(&pt, &hm, &pt_fake_fmt, 3, PT_LEAF_4K | PT_LEAF_2M | PT_LEAF_1G);
	CHECK_EQ(pt_space(&pt), 1ull << 39);
	/* A 1 GiB leaf in the root table (level 2), the last one of the space. */
	u64 top = (1ull << 39) - 1 * GB;
	REQUIRE(pt_map(&pt, top, 3 * GB, 1 * GB, PT_PERM_R, &err) == PP_OK);
	expect(&pt, top + 0x1234000, 3 * GB + 0x1234000, 1 * GB, PT_PERM_R);
	struct pt_seen s = {0};
	pt_walk(&pt, pt_seen_record, &s);
	REQUIRE(s.n == 1);
	CHECK_EQ(s.levels[0], 2);
	CHECK_EQ(s.kinds[0], PT_WALK_PAGE);
	/* 2 MiB and 4 KiB pages below: one level-1 and one level-0 table. */
	REQUIRE(pt_map(&pt, 2 * MB, 6 * MB, 2 * MB, PT_PERM_R | PT_PERM_W, &err) == PP_OK);
	REQUIRE(pt_map(&pt, 8 * KB, 4 * KB, 4 * KB, PT_PERM_W, &err) == PP_OK);
	expect(&pt, 2 * MB + 5, 6 * MB + 5, 2 * MB, PT_PERM_R | PT_PERM_W);
	expect(&pt, 8 * KB, 4 * KB, 4 * KB, PT_PERM_W);
	struct pt_tree_stats st;
	pt_tree_check(&pt, &st);
	CHECK_EQ(st.errors, 0);
	CHECK_EQ(st.tables, 2);
	CHECK_EQ(st.pages[0], 1);
	CHECK_EQ(st.pages[1], 1);
	CHECK_EQ(st.pages[2], 1);
	/* The space ends at 2^39. */
	CHECK_EQ(pt_map(&pt, 1ull << 39, 0, 4 * KB, PT_PERM_R, &err), PP_ERANGE);
	CHECK_MSG(&err, "ends beyond the 39-bit input space of a depth-3 table");
	CHECK_EQ(pt_map(&pt, top - 4 * KB, 0, 8 * KB, PT_PERM_R, &err), PP_EOVERLAP);
	CHECK_EQ(pt_lookup(&pt, 1ull << 39, &(struct pt_mapping){0}), PP_ERANGE);
	/* Split the root's 1 GiB leaf at a 4 KiB boundary (twice down). */
	REQUIRE(pt_unmap(&pt, top + 2 * MB + 4 * KB, 4 * KB, &err) == PP_OK);
	CHECK_EQ(pt_lookup(&pt, top + 2 * MB + 4 * KB, &(struct pt_mapping){0}), PP_ENOENT);
	expect(&pt, top + 2 * MB, 3 * GB + 2 * MB, 4 * KB, PT_PERM_R);
	expect(&pt, top + 2 * MB + 8 * KB, 3 * GB + 2 * MB + 8 * KB, 4 * KB, PT_PERM_R);
	expect(&pt, top + 4 * MB, 3 * GB + 4 * MB, 2 * MB, PT_PERM_R);
	/* Unmap everything up to the end of the space; tables retire. */
	REQUIRE(pt_unmap(&pt, 0, 1ull << 39, &err) == PP_OK);
	struct pt_retired *r = pt_retired_take(&pt);
	/* Subtrees under root entries 0, 510 (empty tables the refused map
	 * left) and 511 (the split 1 GiB page). */
	CHECK_EQ(pt_retired_count(r), 3);
	pt_retired_free(&pt, r);
	s = (struct pt_seen){0};
	pt_walk(&pt, pt_seen_record, &s);
	CHECK_EQ(s.n, 0);
	pt_destroy(&pt);
	CHECK_EQ(hm.live, 0);
	CHECK_EQ(pt_fake_level_errors, 0);
}

TEST(pt_depth3_largest_pages_and_nomem)
{
	struct pt pt;
	struct pt_host_mem hm;
	struct pp_err err;
	pt_fake_level_errors = 0;
	pt_fixture_tree(&pt, &hm, &pt_fake_fmt, 3, PT_LEAF_4K | PT_LEAF_2M | PT_LEAF_1G);
	/* 1 GiB - 4 KiB .. 2 GiB + 2 MiB + 4 KiB: 4 KiB, 1 GiB, 2 MiB, 4 KiB. */
	u64 in = 1 * GB - 4 * KB, len = 1 * GB + 2 * MB + 8 * KB;
	REQUIRE(pt_map(&pt, in, in + 4 * GB, len, PT_PERM_R, &err) == PP_OK);
	struct pt_tree_stats st;
	pt_tree_check(&pt, &st);
	CHECK_EQ(st.errors, 0);
	CHECK_EQ(st.pages[0], 2);
	CHECK_EQ(st.pages[1], 1);
	CHECK_EQ(st.pages[2], 1);
	REQUIRE(pt_unmap(&pt, in, len, &err) == PP_OK);
	pt_reclaim(&pt);
	/* Failure at each table allocation: nothing mapped, then success. */
	for (long n = 1; n <= 2; n++) {
		__atomic_store_n(&hm.fail_at, n, __ATOMIC_SEQ_CST);
		CHECK_EQ(pt_map(&pt, 256 * GB + 4 * KB, 0, 4 * KB, PT_PERM_R, &err), PP_ENOMEM);
		CHECK_EQ(pt_lookup(&pt, 256 * GB + 4 * KB, &(struct pt_mapping){0}), PP_ENOENT);
		__atomic_store_n(&hm.fail_at, 0, __ATOMIC_SEQ_CST);
	}
	CHECK_EQ(pt_map(&pt, 256 * GB + 4 * KB, 0, 4 * KB, PT_PERM_R, &err), PP_OK);
	pt_destroy(&pt);
	CHECK_EQ(hm.live, 0);
	CHECK_EQ(pt_fake_level_errors, 0);
}

TEST(pt_depth3_vtd_entries)
{
	/* The VT-d format at depth 3 (context AW 1): root entry -> PD -> PT. */
	struct pt pt;
	struct pt_host_mem hm;
	struct pp_err err;
	pt_fixture_tree(&pt, &hm, &pt_fmt_vtd, 3, PT_LEAF_4K | PT_LEAF_2M | PT_LEAF_1G);
	CHECK_EQ(vtd_aw_for_depth(pt.depth), 1);
	REQUIRE(pt_map(&pt, 0x40000, 0x7654000, 4 * KB, PT_PERM_R | PT_PERM_W, &err) == PP_OK);
	REQUIRE(pt_map(&pt, 2 * GB, 5 * GB, 1 * GB, PT_PERM_R, &err) == PP_OK);
	struct pt_seen s = {0};
	pt_walk(&pt, pt_seen_record, &s);
	REQUIRE(s.n == 4);
	CHECK_EQ(s.levels[0], 2);
	CHECK_EQ(s.entries[0] & ~VTD_SL_ADDR_4K, VTD_SL_R | VTD_SL_W);
	CHECK_EQ(s.levels[1], 1);
	CHECK_EQ(s.entries[2], 0x7654000ull | VTD_SL_R | VTD_SL_W);
	CHECK_EQ(s.levels[3], 2);
	CHECK_EQ(s.entries[3], 5 * GB | VTD_SL_PS | VTD_SL_R);
	pt_destroy(&pt);
	CHECK_EQ(hm.live, 0);
}
