// SPDX-License-Identifier: GPL-2.0-only
/* The AMD NPT format on the page-table engine: the exact entry bits at every
 * level (APM vol. 2, 5.4 and 15.25), its refusals, depth 5. */
#include "hypervisor/lib/pt/fmt_npt.h"
#include "pt_fixture.h"
#include "unit.h"

#define KB 1024ull
#define MB (1024ull * KB)
#define GB (1024ull * MB)

static void npt_tree(struct pt *pt, struct pt_host_mem *hm, u32 depth)
{
	pt_fixture_tree(pt, hm, &pt_fmt_npt, depth, PT_LEAF_4K | PT_LEAF_2M | PT_LEAF_1G);
}

TEST(pt_npt_entry_bits_at_every_level)
{
	struct pt pt;
	struct pt_host_mem hm;
	struct pp_err err;
	npt_tree(&pt, &hm, 4);
	/* A 4 KiB RW page: PML4E, PDPE, PDE are tables, then the PTE. */
	u64 out = 0x000fedcba9876000ull;
	REQUIRE(pt_map(&pt, 5 * GB + 2 * MB + 4 * KB, out, 4 * KB, PT_PERM_R | PT_PERM_W, &err) ==
		PP_OK);
	struct pt_seen s = {0};
	pt_walk(&pt, pt_seen_record, &s);
	REQUIRE(s.n == 4);
	for (u32 i = 0; i < 3; i++) {
		CHECK_EQ(s.kinds[i], PT_WALK_TABLE);
		CHECK_EQ(s.levels[i], 3 - i);
		CHECK_EQ(s.entries[i] & ~NPT_ADDR_4K, NPT_P | NPT_RW | NPT_US);
	}
	CHECK_EQ(s.kinds[3], PT_WALK_PAGE);
	CHECK_EQ(s.entries[3], out | NPT_P | NPT_RW | NPT_US | NPT_NX);
	CHECK_EQ(pt_unmap(&pt, 5 * GB, 1 * GB, &err), PP_OK);
	pt_reclaim(&pt);

	/* A 2 MiB R+X page and a 1 GiB read-only page: PS set, NX per perms. */
	REQUIRE(pt_map(&pt, 2 * MB, 0x40000000ull + 2 * MB, 2 * MB, PT_PERM_R | PT_PERM_X, &err) ==
		PP_OK);
	REQUIRE(pt_map(&pt, 1 * GB, 0x000fffffc0000000ull, 1 * GB, PT_PERM_R, &err) == PP_OK);
	s = (struct pt_seen){0};
	pt_walk(&pt, pt_seen_record, &s);
	REQUIRE(s.n == 4); /* PML4E, PDPE (table), PDE (2 MiB), PDPE (1 GiB) */
	CHECK_EQ(s.levels[2], 1);
	CHECK_EQ(s.entries[2], (0x40000000ull + 2 * MB) | NPT_P | NPT_US | NPT_PS);
	CHECK_EQ(s.levels[3], 2);
	CHECK_EQ(s.entries[3], 0x000fffffc0000000ull | NPT_P | NPT_US | NPT_PS | NPT_NX);
	struct pt_mapping m;
	REQUIRE(pt_lookup(&pt, 1 * GB + 0x1234000, &m) == PP_OK);
	CHECK_EQ(m.size, 1 * GB);
	CHECK_EQ(m.perms, PT_PERM_R);
	CHECK_EQ(pt_translate(&m, 1 * GB + 0x1234000), 0x000fffffc1234000ull);
	REQUIRE(pt_lookup(&pt, 3 * MB, &m) == PP_OK);
	CHECK_EQ(m.perms, PT_PERM_R | PT_PERM_X);

	/* Splitting keeps each page's bits: 4 KiB PTEs without PS. */
	CHECK_EQ(pt_unmap(&pt, 2 * MB, 4 * KB, &err), PP_OK);
	REQUIRE(pt_lookup(&pt, 2 * MB + 4 * KB, &m) == PP_OK);
	CHECK_EQ(m.size, 4 * KB);
	CHECK_EQ(m.perms, PT_PERM_R | PT_PERM_X);
	CHECK_EQ(pt_translate(&m, 2 * MB + 4 * KB), 0x40000000ull + 2 * MB + 4 * KB);
	pt_destroy(&pt);
	CHECK_EQ(hm.live, 0);
}

TEST(pt_npt_refusals)
{
	struct pt pt;
	struct pt_host_mem hm;
	struct pp_err err;
	npt_tree(&pt, &hm, 4);
	/* Present means readable: no write-only or execute-only pages. */
	CHECK_EQ(pt_map(&pt, 0, 0, 4 * KB, PT_PERM_W, &err), PP_EINVAL);
	CHECK_MSG(&err, "pt npt: permissions 0x2 not expressible (supported 0x7, required 0x1)");
	CHECK_EQ(pt_map(&pt, 0, 0, 4 * KB, PT_PERM_X, &err), PP_EINVAL);
	/* Output addresses are 52 bits. */
	CHECK_EQ(pt_map(&pt, 0, 1ull << 52, 4 * KB, PT_PERM_R, &err), PP_ERANGE);
	CHECK_MSG(&err, "beyond the format's 52-bit addresses");
	CHECK_EQ(pt_map(&pt, 0, (1ull << 52) - 4 * KB, 4 * KB, PT_PERM_R, &err), PP_OK);
	pt_destroy(&pt);
	CHECK_EQ(hm.live, 0);
}

TEST(pt_npt_depth5_pml5)
{
	struct pt pt;
	struct pt_host_mem hm;
	struct pp_err err;
	npt_tree(&pt, &hm, 5);
	u64 in = (1ull << 57) - 1 * GB; /* last 1 GiB of the 57-bit space */
	REQUIRE(pt_map(&pt, in, 2 * GB, 1 * GB, PT_PERM_RWX, &err) == PP_OK);
	struct pt_seen s = {0};
	pt_walk(&pt, pt_seen_record, &s);
	REQUIRE(s.n == 3); /* PML5E, PML4E, PDPE (1 GiB) */
	CHECK_EQ(s.levels[0], 4);
	CHECK_EQ(s.entries[0] & ~NPT_ADDR_4K, NPT_TABLE_BITS);
	CHECK_EQ(s.entries[2], 2 * GB | NPT_P | NPT_RW | NPT_US | NPT_PS);
	struct pt_mapping m;
	REQUIRE(pt_lookup(&pt, (1ull << 57) - 4 * KB, &m) == PP_OK);
	CHECK_EQ(pt_translate(&m, (1ull << 57) - 4 * KB), 3 * GB - 4 * KB);
	pt_destroy(&pt);
	CHECK_EQ(hm.live, 0);
}
