// SPDX-License-Identifier: GPL-2.0-only
/* The VT-d second-level paging format on the page-table engine: exact
 * entry bits at every level (VT-d spec §9.8), 4 KiB / 2 MiB / 1 GiB leaves
 * with each permission, refusals, map/unmap/lookup, depth 5. */
#include "hypervisor/drivers/iommu/vtd_fmt.h"
#include "pt_fixture.h"
#include "unit.h"

#define KB 1024ull
#define MB (1024ull * KB)
#define GB (1024ull * MB)

static void vtd_tree(struct pt *pt, struct pt_host_mem *hm, u32 depth)
{
	pt_fixture_tree(pt, hm, &pt_fmt_vtd, depth, PT_LEAF_4K | PT_LEAF_2M | PT_LEAF_1G);
}

#define R 1ull
#define W 2ull
#define PS (1ull << 7)

TEST(vtd_fmt_constants_match_spec)
{
	CHECK_EQ(VTD_SL_R, 0x1ull);
	CHECK_EQ(VTD_SL_W, 0x2ull);
	CHECK_EQ(VTD_SL_X, 0x4ull);
	CHECK_EQ(VTD_SL_PS, 0x80ull);
	CHECK_EQ(VTD_SL_SNP, 0x800ull);
	CHECK_EQ(VTD_SL_ADDR_4K, 0x000ffffffffff000ull);
	CHECK_EQ(vtd_aw_for_depth(3), 1);
	CHECK_EQ(vtd_aw_for_depth(4), 2);
	CHECK_EQ(vtd_aw_for_depth(5), 3);
	/* The zero entry and an entry with only PS/SNP/address are absent. */
	CHECK(!pt_fmt_vtd.present(0));
	CHECK(!pt_fmt_vtd.present(0x1000ull | PS | VTD_SL_SNP));
	CHECK(pt_fmt_vtd.present(W));
}

TEST(vtd_fmt_entry_bits_4k)
{
	struct pt pt;
	struct pt_host_mem hm;
	struct pp_err err;
	vtd_tree(&pt, &hm, 4);
	u64 in = 5 * GB + 2 * MB + 4 * KB;
	u64 out = 0x000fedcba9876000ull;
	REQUIRE(pt_map(&pt, in, out, 4 * KB, PT_PERM_R | PT_PERM_W, &err) == PP_OK);
	struct pt_seen s = {0};
	pt_walk(&pt, pt_seen_record, &s);
	REQUIRE(s.n == 4);
	for (u32 i = 0; i < 3; i++) {
		CHECK_EQ(s.kinds[i], PT_WALK_TABLE);
		CHECK_EQ(s.levels[i], 3 - i);
		/* Table entries: address | R | W, nothing else. */
		CHECK_EQ(s.entries[i] & ~VTD_SL_ADDR_4K, R | W);
	}
	CHECK_EQ(s.kinds[3], PT_WALK_PAGE);
	CHECK_EQ(s.entries[3], out | R | W); /* no PS at level 0, SNP 0 */
	struct pt_mapping m;
	REQUIRE(pt_lookup(&pt, in + 0x123, &m) == PP_OK);
	CHECK_EQ(m.size, 4 * KB);
	CHECK_EQ(m.perms, PT_PERM_R | PT_PERM_W);
	CHECK_EQ(pt_translate(&m, in + 0x123), out + 0x123);
	CHECK_EQ(pt_unmap(&pt, 5 * GB, 1 * GB, &err), PP_OK);
	CHECK_EQ(pt_lookup(&pt, in, &m), PP_ENOENT);
	pt_reclaim(&pt);

	/* Read-only and write-only 4 KiB pages. */
	REQUIRE(pt_map(&pt, 0, 0x1000, 4 * KB, PT_PERM_R, &err) == PP_OK);
	REQUIRE(pt_map(&pt, 4 * KB, 0x2000, 4 * KB, PT_PERM_W, &err) == PP_OK);
	s = (struct pt_seen){0};
	pt_walk(&pt, pt_seen_record, &s);
	REQUIRE(s.n == 5);
	CHECK_EQ(s.entries[3], 0x1000ull | R);
	CHECK_EQ(s.entries[4], 0x2000ull | W);
	REQUIRE(pt_lookup(&pt, 4 * KB, &m) == PP_OK);
	CHECK_EQ(m.perms, PT_PERM_W);
	REQUIRE(pt_lookup(&pt, 0, &m) == PP_OK);
	CHECK_EQ(m.perms, PT_PERM_R);
	pt_destroy(&pt);
	CHECK_EQ(hm.live, 0);
}

TEST(vtd_fmt_large_pages)
{
	struct pt pt;
	struct pt_host_mem hm;
	struct pp_err err;
	vtd_tree(&pt, &hm, 4);
	REQUIRE(pt_map(&pt, 2 * MB, 0x40000000ull + 2 * MB, 2 * MB, PT_PERM_R, &err) == PP_OK);
	REQUIRE(pt_map(&pt, 1 * GB, 0x000fffffc0000000ull, 1 * GB, PT_PERM_W, &err) == PP_OK);
	struct pt_seen s = {0};
	pt_walk(&pt, pt_seen_record, &s);
	REQUIRE(s.n == 4); /* PML4E, PDPTE (table), PDE (2 MiB), PDPTE (1 GiB) */
	CHECK_EQ(s.levels[2], 1);
	CHECK_EQ(s.kinds[2], PT_WALK_PAGE);
	CHECK_EQ(s.entries[2], (0x40000000ull + 2 * MB) | PS | R);
	CHECK_EQ(s.levels[3], 2);
	CHECK_EQ(s.kinds[3], PT_WALK_PAGE);
	CHECK_EQ(s.entries[3], 0x000fffffc0000000ull | PS | W);
	struct pt_mapping m;
	REQUIRE(pt_lookup(&pt, 1 * GB + 0x1234000, &m) == PP_OK);
	CHECK_EQ(m.size, 1 * GB);
	CHECK_EQ(m.perms, PT_PERM_W);
	CHECK_EQ(pt_translate(&m, 1 * GB + 0x1234000), 0x000fffffc1234000ull);
	REQUIRE(pt_lookup(&pt, 3 * MB, &m) == PP_OK);
	CHECK_EQ(m.size, 2 * MB);
	CHECK_EQ(m.perms, PT_PERM_R);

	/* 2 MiB read+write and 1 GiB read+write, then splits keep the bits. */
	REQUIRE(pt_map(&pt, 4 * MB, 0x80000000ull, 2 * MB, PT_PERM_R | PT_PERM_W, &err) == PP_OK);
	REQUIRE(pt_map(&pt, 4 * GB, 8 * GB, 1 * GB, PT_PERM_R | PT_PERM_W, &err) == PP_OK);
	REQUIRE(pt_lookup(&pt, 4 * GB, &m) == PP_OK);
	CHECK_EQ(m.size, 1 * GB);
	CHECK_EQ(pt_unmap(&pt, 4 * MB, 4 * KB, &err), PP_OK);
	CHECK_EQ(pt_lookup(&pt, 4 * MB, &m), PP_ENOENT);
	REQUIRE(pt_lookup(&pt, 4 * MB + 8 * KB, &m) == PP_OK);
	CHECK_EQ(m.size, 4 * KB);
	CHECK_EQ(m.perms, PT_PERM_R | PT_PERM_W);
	CHECK_EQ(pt_translate(&m, 4 * MB + 8 * KB), 0x80000000ull + 8 * KB);
	CHECK_EQ(pt_unmap(&pt, 4 * GB + 2 * MB, 4 * KB, &err), PP_OK);
	REQUIRE(pt_lookup(&pt, 4 * GB + 2 * MB + 4 * KB, &m) == PP_OK);
	CHECK_EQ(m.size, 4 * KB);
	CHECK_EQ(pt_translate(&m, 4 * GB + 2 * MB + 4 * KB), 8 * GB + 2 * MB + 4 * KB);
	REQUIRE(pt_lookup(&pt, 4 * GB + 4 * MB, &m) == PP_OK);
	CHECK_EQ(m.size, 2 * MB);
	pt_destroy(&pt);
	CHECK_EQ(hm.live, 0);
}

TEST(vtd_fmt_leaf_mask_4k_only)
{
	/* A unit without SLLPS: 4 KiB leaves only, a 2 MiB range is 512 PTEs. */
	struct pt pt;
	struct pt_host_mem hm;
	struct pp_err err;
	pt_fixture_tree(&pt, &hm, &pt_fmt_vtd, 4, PT_LEAF_4K);
	REQUIRE(pt_map(&pt, 2 * MB, 2 * MB, 2 * MB, PT_PERM_R | PT_PERM_W, &err) == PP_OK);
	struct pt_mapping m;
	REQUIRE(pt_lookup(&pt, 3 * MB, &m) == PP_OK);
	CHECK_EQ(m.size, 4 * KB);
	struct pt_tree_stats st;
	pt_tree_check(&pt, &st);
	CHECK_EQ(st.errors, 0);
	CHECK_EQ(st.pages[0], 512);
	CHECK_EQ(st.pages[1], 0);
	pt_destroy(&pt);
	CHECK_EQ(hm.live, 0);
}

TEST(vtd_fmt_refusals)
{
	struct pt pt;
	struct pt_host_mem hm;
	struct pp_err err;
	vtd_tree(&pt, &hm, 4);
	CHECK_EQ(pt_map(&pt, 0, 0, 4 * KB, PT_PERM_R | PT_PERM_X, &err), PP_EINVAL);
	CHECK_MSG(&err, "pt vtd: permissions 0x5 not expressible (supported 0x3, required 0x0)");
	CHECK_EQ(pt_map(&pt, 0, 0, 4 * KB, PT_PERM_X, &err), PP_EINVAL);
	CHECK_EQ(pt_map(&pt, 0, 0, 4 * KB, 0, &err), PP_EINVAL);
	CHECK_EQ(pt_map(&pt, 0, 1ull << 52, 4 * KB, PT_PERM_R, &err), PP_ERANGE);
	CHECK_MSG(&err, "beyond the format's 52-bit addresses");
	CHECK_EQ(pt_map(&pt, 1ull << 48, 0, 4 * KB, PT_PERM_R, &err), PP_ERANGE);
	CHECK_MSG(&err, "48-bit input space of a depth-4 table");
	struct pt_seen s = {0};
	pt_walk(&pt, pt_seen_record, &s);
	CHECK_EQ(s.n, 0);
	CHECK_EQ(pt_map(&pt, 0, (1ull << 52) - 4 * KB, 4 * KB, PT_PERM_R, &err), PP_OK);
	CHECK_EQ(pt_map(&pt, 0, 0, 2 * MB, PT_PERM_R, &err), PP_EOVERLAP);
	pt_destroy(&pt);
	CHECK_EQ(hm.live, 0);
}

TEST(vtd_fmt_depth5)
{
	struct pt pt;
	struct pt_host_mem hm;
	struct pp_err err;
	vtd_tree(&pt, &hm, 5);
	u64 in = (1ull << 57) - 1 * GB;
	REQUIRE(pt_map(&pt, in, 2 * GB, 1 * GB, PT_PERM_R | PT_PERM_W, &err) == PP_OK);
	struct pt_seen s = {0};
	pt_walk(&pt, pt_seen_record, &s);
	REQUIRE(s.n == 3);
	CHECK_EQ(s.entries[0] & ~VTD_SL_ADDR_4K, R | W);
	CHECK_EQ(s.entries[1] & ~VTD_SL_ADDR_4K, R | W);
	CHECK_EQ(s.entries[2], 2 * GB | PS | R | W);
	CHECK_EQ(vtd_aw_for_depth(pt.depth), 3);
	pt_destroy(&pt);
	CHECK_EQ(hm.live, 0);
}
