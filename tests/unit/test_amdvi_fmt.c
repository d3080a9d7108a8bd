// SPDX-License-Identifier: GPL-2.0-only
/* The AMD-Vi host I/O page-table format on the page-table engine: exact
 * entry bits at every level (spec #48882 §2.2.3), 4 KiB / 2 MiB / 1 GiB
 * leaves with each permission, refusals, map/unmap/lookup, depth 5. */
#include "hypervisor/drivers/iommu/amdvi_fmt.h"
#include "pt_fixture.h"
#include "unit.h"

#define KB 1024ull
#define MB (1024ull * KB)
#define GB (1024ull * MB)

static void amdvi_tree(struct pt *pt, struct pt_host_mem *hm, u32 depth)
{
	pt_fixture_tree(pt, hm, &pt_fmt_amdvi, depth, PT_LEAF_4K | PT_LEAF_2M | PT_LEAF_1G);
}

#define NL(n) ((u64)(n) << 9) /* Next Level field, bits 11:9 */
#define IR (1ull << 61)
#define IW (1ull << 62)
#define FC (1ull << 60)

TEST(amdvi_fmt_constants_match_spec)
{
	CHECK_EQ(AMDVI_PTE_PR, 0x1ull);
	CHECK_EQ(AMDVI_PTE_NEXT_MASK, 0xe00ull);
	CHECK_EQ(AMDVI_PTE_FC, 0x1000000000000000ull);
	CHECK_EQ(AMDVI_PTE_IR, 0x2000000000000000ull);
	CHECK_EQ(AMDVI_PTE_IW, 0x4000000000000000ull);
	CHECK_EQ(amdvi_pte_next_level(NL(5) | AMDVI_PTE_IR), 5);
	CHECK_EQ(amdvi_mode_for_depth(4), 4);
	CHECK_EQ(amdvi_mode_for_depth(5), 5);
}

TEST(amdvi_fmt_entry_bits_4k)
{
	struct pt pt;
	struct pt_host_mem hm;
	struct pp_err err;
	amdvi_tree(&pt, &hm, 4);
	/* A 4 KiB read+write page: level-4, -3, -2 PDEs then the PTE. */
	u64 out = 0x000fedcba9876000ull;
	REQUIRE(pt_map(&pt, 5 * GB + 2 * MB + 4 * KB, out, 4 * KB, PT_PERM_R | PT_PERM_W, &err) ==
		PP_OK);
	struct pt_seen s = {0};
	pt_walk(&pt, pt_seen_record, &s);
	REQUIRE(s.n == 4);
	for (u32 i = 0; i < 3; i++) {
		CHECK_EQ(s.kinds[i], PT_WALK_TABLE);
		CHECK_EQ(s.levels[i], 3 - i);
		/* Next Level names the spec level of the table pointed to. */
		CHECK_EQ(s.entries[i] & ~AMDVI_PTE_ADDR_4K, IR | IW | NL(3 - i) | 1);
	}
	CHECK_EQ(s.kinds[3], PT_WALK_PAGE);
	CHECK_EQ(s.entries[3], out | IR | IW | FC | 1);
	struct pt_mapping m;
	REQUIRE(pt_lookup(&pt, 5 * GB + 2 * MB + 4 * KB + 0x123, &m) == PP_OK);
	CHECK_EQ(m.size, 4 * KB);
	CHECK_EQ(m.perms, PT_PERM_R | PT_PERM_W);
	CHECK_EQ(pt_translate(&m, 5 * GB + 2 * MB + 4 * KB + 0x123), out + 0x123);
	CHECK_EQ(pt_unmap(&pt, 5 * GB, 1 * GB, &err), PP_OK);
	CHECK_EQ(pt_lookup(&pt, 5 * GB + 2 * MB + 4 * KB, &m), PP_ENOENT);
	pt_reclaim(&pt);

	/* Read-only and write-only 4 KiB pages. */
	REQUIRE(pt_map(&pt, 0, 0x1000, 4 * KB, PT_PERM_R, &err) == PP_OK);
	REQUIRE(pt_map(&pt, 4 * KB, 0x2000, 4 * KB, PT_PERM_W, &err) == PP_OK);
	s = (struct pt_seen){0};
	pt_walk(&pt, pt_seen_record, &s);
	REQUIRE(s.n == 5);
	CHECK_EQ(s.entries[3], 0x1000ull | IR | FC | 1);
	CHECK_EQ(s.entries[4], 0x2000ull | IW | FC | 1);
	REQUIRE(pt_lookup(&pt, 4 * KB, &m) == PP_OK);
	CHECK_EQ(m.perms, PT_PERM_W);
	pt_destroy(&pt);
	CHECK_EQ(hm.live, 0);
}

TEST(amdvi_fmt_large_pages)
{
	struct pt pt;
	struct pt_host_mem hm;
	struct pp_err err;
	amdvi_tree(&pt, &hm, 4);
	/* 2 MiB read-only and 1 GiB write-only: Next Level 0 above level 1. */
	REQUIRE(pt_map(&pt, 2 * MB, 0x40000000ull + 2 * MB, 2 * MB, PT_PERM_R, &err) == PP_OK);
	REQUIRE(pt_map(&pt, 1 * GB, 0x000fffffc0000000ull, 1 * GB, PT_PERM_W, &err) == PP_OK);
	struct pt_seen s = {0};
	pt_walk(&pt, pt_seen_record, &s);
	REQUIRE(s.n == 4); /* L4 PDE, L3 PDE (table), L2 PDE (2 MiB), L3 PDE (1 GiB) */
	CHECK_EQ(s.levels[2], 1);
	CHECK_EQ(s.kinds[2], PT_WALK_PAGE);
	CHECK_EQ(s.entries[2], (0x40000000ull + 2 * MB) | IR | FC | NL(0) | 1);
	CHECK_EQ(s.levels[3], 2);
	CHECK_EQ(s.kinds[3], PT_WALK_PAGE);
	CHECK_EQ(s.entries[3], 0x000fffffc0000000ull | IW | FC | 1);
	struct pt_mapping m;
	REQUIRE(pt_lookup(&pt, 1 * GB + 0x1234000, &m) == PP_OK);
	CHECK_EQ(m.size, 1 * GB);
	CHECK_EQ(m.perms, PT_PERM_W);
	CHECK_EQ(pt_translate(&m, 1 * GB + 0x1234000), 0x000fffffc1234000ull);
	REQUIRE(pt_lookup(&pt, 3 * MB, &m) == PP_OK);
	CHECK_EQ(m.size, 2 * MB);
	CHECK_EQ(m.perms, PT_PERM_R);

	/* 2 MiB read+write, then a split: the 4 KiB PTEs keep the bits. */
	REQUIRE(pt_map(&pt, 4 * MB, 0x80000000ull, 2 * MB, PT_PERM_R | PT_PERM_W, &err) == PP_OK);
	CHECK_EQ(pt_unmap(&pt, 4 * MB, 4 * KB, &err), PP_OK);
	CHECK_EQ(pt_lookup(&pt, 4 * MB, &m), PP_ENOENT);
	REQUIRE(pt_lookup(&pt, 4 * MB + 8 * KB, &m) == PP_OK);
	CHECK_EQ(m.size, 4 * KB);
	CHECK_EQ(m.perms, PT_PERM_R | PT_PERM_W);
	CHECK_EQ(pt_translate(&m, 4 * MB + 8 * KB), 0x80000000ull + 8 * KB);
	pt_destroy(&pt);
	CHECK_EQ(hm.live, 0);
}

TEST(amdvi_fmt_refusals)
{
	struct pt pt;
	struct pt_host_mem hm;
	struct pp_err err;
	amdvi_tree(&pt, &hm, 4);
	/* DMA has no execute permission; a leaf with no access is refused. */
	CHECK_EQ(pt_map(&pt, 0, 0, 4 * KB, PT_PERM_R | PT_PERM_X, &err), PP_EINVAL);
	CHECK_MSG(&err, "pt amdvi: permissions 0x5 not expressible (supported 0x3, required 0x0)");
	CHECK_EQ(pt_map(&pt, 0, 0, 4 * KB, PT_PERM_X, &err), PP_EINVAL);
	CHECK_EQ(pt_map(&pt, 0, 0, 4 * KB, 0, &err), PP_EINVAL);
	/* Output addresses are 52 bits. */
	CHECK_EQ(pt_map(&pt, 0, 1ull << 52, 4 * KB, PT_PERM_R, &err), PP_ERANGE);
	CHECK_MSG(&err, "beyond the format's 52-bit addresses");
	/* Nothing was mapped by the refusals. */
	struct pt_seen s = {0};
	pt_walk(&pt, pt_seen_record, &s);
	CHECK_EQ(s.n, 0);
	CHECK_EQ(pt_map(&pt, 0, (1ull << 52) - 4 * KB, 4 * KB, PT_PERM_R, &err), PP_OK);
	/* Overlap refused. */
	CHECK_EQ(pt_map(&pt, 0, 0, 2 * MB, PT_PERM_R, &err), PP_EOVERLAP);
	pt_destroy(&pt);
	CHECK_EQ(hm.live, 0);
}

TEST(amdvi_fmt_depth5)
{
	struct pt pt;
	struct pt_host_mem hm;
	struct pp_err err;
	amdvi_tree(&pt, &hm, 5);
	u64 in = (1ull << 57) - 1 * GB; /* last 1 GiB of the 57-bit space */
	REQUIRE(pt_map(&pt, in, 2 * GB, 1 * GB, PT_PERM_R | PT_PERM_W, &err) == PP_OK);
	struct pt_seen s = {0};
	pt_walk(&pt, pt_seen_record, &s);
	REQUIRE(s.n == 3); /* level-5 PDE, level-4 PDE, 1 GiB page */
	CHECK_EQ(s.entries[0] & ~AMDVI_PTE_ADDR_4K, IR | IW | NL(4) | 1);
	CHECK_EQ(s.entries[1] & ~AMDVI_PTE_ADDR_4K, IR | IW | NL(3) | 1);
	CHECK_EQ(s.entries[2], 2 * GB | IR | IW | FC | 1);
	CHECK_EQ(amdvi_mode_for_depth(pt.depth), 5);
	pt_destroy(&pt);
	CHECK_EQ(hm.live, 0);
}
