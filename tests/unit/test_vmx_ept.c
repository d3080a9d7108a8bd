// SPDX-License-Identifier: GPL-2.0-only
/* The Intel EPT format on the page-table engine (hypervisor/arch/x86_64/vmx/
 * fmt_ept.h): exact entry bits at every level and page size (SDM §29.3.2,
 * Tables 29-1..29-6), execute-only pages only with IA32_VMX_EPT_VPID_CAP
 * bit 0, leaf sizes from the capability, depth 5, and the EPTP
 * (§25.6.11). */
#include "hypervisor/arch/x86_64/vmx/fmt_ept.h"
#include "pt_fixture.h"
#include "unit.h"

#define KB 1024ull
#define MB (1024ull * KB)
#define GB (1024ull * MB)

/* A capability set written out here: walk lengths 4 and 5, UC and WB, 2 MiB
 * and 1 GiB pages, A/D; execute-only as asked. */
#define CAP_FULL (EPT_CAP_PWL4 | EPT_CAP_PWL5 | EPT_CAP_UC | EPT_CAP_WB | EPT_CAP_2M | EPT_CAP_1G)

static void ept_tree(struct pt *pt, struct pt_host_mem *hm, u32 depth, u64 cap)
{
	pt_fixture_tree(pt, hm, ept_format(cap), depth, ept_leaf_mask(cap));
}

TEST(vmx_ept_entry_bits_at_every_level)
{
	struct pt pt;
	struct pt_host_mem hm;
	struct pp_err err;
	ept_tree(&pt, &hm, 4, CAP_FULL);
	CHECK(pt.fmt == &pt_fmt_ept);
	/* A 4 KiB RW page: PML4E, PDPTE, PDE reference tables, then the PTE. */
	u64 out = 0x000fedcba9876000ull;
	REQUIRE(pt_map(&pt, 5 * GB + 2 * MB + 4 * KB, out, 4 * KB, PT_PERM_R | PT_PERM_W, &err) ==
		PP_OK);
	struct pt_seen s = {0};
	pt_walk(&pt, pt_seen_record, &s);
	REQUIRE(s.n == 4);
	for (u32 i = 0; i < 3; i++) {
		CHECK_EQ(s.kinds[i], PT_WALK_TABLE);
		CHECK_EQ(s.levels[i], 3 - i);
		CHECK_EQ(s.entries[i] & ~EPT_ADDR_4K, EPT_R | EPT_W | EPT_X); /* bits 7:3 zero */
	}
	CHECK_EQ(s.kinds[3], PT_WALK_PAGE);
	CHECK_EQ(s.entries[3], out | EPT_R | EPT_W | (6ull << 3)); /* WB, no IPAT, no PS */
	struct pt_mapping m;
	REQUIRE(pt_lookup(&pt, 5 * GB + 2 * MB + 4 * KB + 0x123, &m) == PP_OK);
	CHECK_EQ(m.size, 4 * KB);
	CHECK_EQ(m.perms, PT_PERM_R | PT_PERM_W);
	CHECK_EQ(pt_translate(&m, 5 * GB + 2 * MB + 4 * KB + 0x123), out + 0x123);
	CHECK_EQ(pt_unmap(&pt, 5 * GB, 1 * GB, &err), PP_OK);
	pt_reclaim(&pt);

	/* A 2 MiB R+X page and a 1 GiB read-only page: bit 7 set. */
	REQUIRE(pt_map(&pt, 2 * MB, 0x40000000ull + 2 * MB, 2 * MB, PT_PERM_R | PT_PERM_X, &err) ==
		PP_OK);
	REQUIRE(pt_map(&pt, 1 * GB, 0x000fffffc0000000ull, 1 * GB, PT_PERM_R, &err) == PP_OK);
	s = (struct pt_seen){0};
	pt_walk(&pt, pt_seen_record, &s);
	REQUIRE(s.n == 4); /* PML4E, PDPTE (table), PDE (2 MiB), PDPTE (1 GiB) */
	CHECK_EQ(s.levels[2], 1);
	CHECK_EQ(s.entries[2], (0x40000000ull + 2 * MB) | EPT_R | EPT_X | EPT_LEAF_MT | EPT_PS);
	CHECK_EQ(s.levels[3], 2);
	CHECK_EQ(s.entries[3], 0x000fffffc0000000ull | EPT_R | EPT_LEAF_MT | EPT_PS);
	REQUIRE(pt_lookup(&pt, 1 * GB + 0x1234000, &m) == PP_OK);
	CHECK_EQ(m.size, 1 * GB);
	CHECK_EQ(m.perms, PT_PERM_R);
	CHECK_EQ(pt_translate(&m, 1 * GB + 0x1234000), 0x000fffffc1234000ull);
	REQUIRE(pt_lookup(&pt, 3 * MB, &m) == PP_OK);
	CHECK_EQ(m.size, 2 * MB);
	CHECK_EQ(m.perms, PT_PERM_R | PT_PERM_X);

	/* Splitting keeps each page's bits: 4 KiB PTEs without bit 7. */
	CHECK_EQ(pt_unmap(&pt, 2 * MB, 4 * KB, &err), PP_OK);
	REQUIRE(pt_lookup(&pt, 2 * MB + 4 * KB, &m) == PP_OK);
	CHECK_EQ(m.size, 4 * KB);
	CHECK_EQ(m.perms, PT_PERM_R | PT_PERM_X);
	CHECK_EQ(pt_translate(&m, 2 * MB + 4 * KB), 0x40000000ull + 2 * MB + 4 * KB);
	CHECK_EQ(pt_lookup(&pt, 2 * MB, &m), PP_ENOENT);
	pt_destroy(&pt);
	CHECK_EQ(hm.live, 0);
}

TEST(vmx_ept_execute_only_per_capability)
{
	struct pt pt;
	struct pt_host_mem hm;
	struct pp_err err;
	/* Without EPT_VPID_CAP bit 0: every leaf readable. */
	ept_tree(&pt, &hm, 4, CAP_FULL);
	CHECK_EQ(pt_map(&pt, 0, 0, 4 * KB, PT_PERM_X, &err), PP_EINVAL);
	CHECK_MSG(&err, "pt ept: permissions 0x4 not expressible");
	CHECK_EQ(pt_map(&pt, 0, 0, 4 * KB, PT_PERM_W, &err), PP_EINVAL);
	CHECK_EQ(pt_map(&pt, 0, 0, 4 * KB, PT_PERM_W | PT_PERM_X, &err), PP_EINVAL);
	CHECK_EQ(pt_map(&pt, 0, 0, 4 * KB, 0, &err), PP_EINVAL);
	pt_destroy(&pt);
	CHECK_EQ(hm.live, 0);

	/* With it: execute-only leaves; write without read still refused. */
	ept_tree(&pt, &hm, 4, CAP_FULL | EPT_CAP_EXEC_ONLY);
	CHECK(pt.fmt == &pt_fmt_ept_xo);
	REQUIRE(pt_map(&pt, 4 * KB, 0x5000, 4 * KB, PT_PERM_X, &err) == PP_OK);
	struct pt_seen s = {0};
	pt_walk(&pt, pt_seen_record, &s);
	REQUIRE(s.n == 4);
	CHECK_EQ(s.entries[3], 0x5000 | EPT_X | EPT_LEAF_MT);
	struct pt_mapping m;
	REQUIRE(pt_lookup(&pt, 4 * KB, &m) == PP_OK);
	CHECK_EQ(m.perms, PT_PERM_X);
	CHECK_EQ(pt_map(&pt, 8 * KB, 0, 4 * KB, PT_PERM_W, &err), PP_EINVAL);
	CHECK_MSG(&err, "pt ept-xo: permissions 0x2 not expressible");
	CHECK_EQ(pt_map(&pt, 8 * KB, 0, 4 * KB, PT_PERM_W | PT_PERM_X, &err), PP_EINVAL);
	CHECK_EQ(pt_map(&pt, 8 * KB, 0, 4 * KB, 0, &err), PP_EINVAL);
	CHECK_EQ(pt_map(&pt, 8 * KB, 0, 4 * KB, PT_PERM_RWX, &err), PP_OK);
	pt_destroy(&pt);
	CHECK_EQ(hm.live, 0);
}

TEST(vmx_ept_leaf_sizes_per_capability)
{
	CHECK_EQ(ept_leaf_mask(CAP_FULL), PT_LEAF_4K | PT_LEAF_2M | PT_LEAF_1G);
	CHECK_EQ(ept_leaf_mask(EPT_CAP_2M), PT_LEAF_4K | PT_LEAF_2M);
	CHECK_EQ(ept_leaf_mask(EPT_CAP_1G), PT_LEAF_4K); /* 1 GiB alone: not contiguous */
	CHECK_EQ(ept_leaf_mask(0), PT_LEAF_4K);

	/* Without 1 GiB pages a 1 GiB range is 512 2 MiB PDEs. */
	struct pt pt;
	struct pt_host_mem hm;
	struct pp_err err;
	ept_tree(&pt, &hm, 4, CAP_FULL & ~EPT_CAP_1G);
	REQUIRE(pt_map(&pt, 1 * GB, 2 * GB, 1 * GB, PT_PERM_RWX, &err) == PP_OK);
	struct pt_mapping m;
	REQUIRE(pt_lookup(&pt, 1 * GB + 5 * MB, &m) == PP_OK);
	CHECK_EQ(m.size, 2 * MB);
	CHECK_EQ(pt_translate(&m, 1 * GB + 5 * MB), 2 * GB + 5 * MB);
	/* Output addresses are 52 bits. */
	CHECK_EQ(pt_map(&pt, 0, 1ull << 52, 4 * KB, PT_PERM_R, &err), PP_ERANGE);
	CHECK_EQ(pt_map(&pt, 0, (1ull << 52) - 4 * KB, 4 * KB, PT_PERM_R, &err), PP_OK);
	pt_destroy(&pt);
	CHECK_EQ(hm.live, 0);
}

TEST(vmx_ept_depth5_pml5)
{
	struct pt pt;
	struct pt_host_mem hm;
	struct pp_err err;
	ept_tree(&pt, &hm, 5, CAP_FULL);
	u64 in = (1ull << 57) - 1 * GB; /* the last 1 GiB of the 57-bit space */
	REQUIRE(pt_map(&pt, in, 2 * GB, 1 * GB, PT_PERM_RWX, &err) == PP_OK);
	struct pt_seen s = {0};
	pt_walk(&pt, pt_seen_record, &s);
	REQUIRE(s.n == 3); /* PML5E, PML4E, PDPTE (1 GiB) */
	CHECK_EQ(s.levels[0], 4);
	CHECK_EQ(s.entries[0] & ~EPT_ADDR_4K, EPT_TABLE_BITS);
	CHECK_EQ(s.entries[2], 2 * GB | EPT_RWX | EPT_LEAF_MT | EPT_PS);
	struct pt_mapping m;
	REQUIRE(pt_lookup(&pt, (1ull << 57) - 4 * KB, &m) == PP_OK);
	CHECK_EQ(pt_translate(&m, (1ull << 57) - 4 * KB), 3 * GB - 4 * KB);
	pt_destroy(&pt);
	CHECK_EQ(hm.live, 0);
}

TEST(vmx_ept_eptp)
{
	struct pp_err err;
	u64 eptp = 0;
	/* WB (6) in bits 2:0, walk length - 1 in bits 5:3, A/D (bit 6) off. */
	REQUIRE(ept_eptp(hpa(0x12345000ull), 4, CAP_FULL, &eptp, &err) == PP_OK);
	CHECK_EQ(eptp, 0x12345000ull | 6 | (3 << 3));
	CHECK_EQ(eptp & 0xfffull, 0x1e);
	REQUIRE(ept_eptp(hpa(0x000ffffffffff000ull), 5, CAP_FULL, &eptp, &err) == PP_OK);
	CHECK_EQ(eptp, 0x000ffffffffff000ull | 6 | (4 << 3));
	CHECK_EQ(eptp & EPTP_AD, 0);

	eptp = 7;
	CHECK_EQ(ept_eptp(hpa(0x1000), 5, CAP_FULL & ~EPT_CAP_PWL5, &eptp, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "page-walk length 5 not supported (IA32_VMX_EPT_VPID_CAP bit 7 is 0");
	CHECK_EQ(ept_eptp(hpa(0x1000), 4, CAP_FULL & ~EPT_CAP_PWL4, &eptp, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "bit 6 is 0");
	CHECK_EQ(ept_eptp(hpa(0x1000), 4, CAP_FULL & ~EPT_CAP_WB, &eptp, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "write-back EPT structures not supported");
	CHECK_EQ(ept_eptp(hpa(0x1800), 4, CAP_FULL, &eptp, &err), PP_EINVAL);
	CHECK_EQ(ept_eptp(hpa(1ull << 52), 4, CAP_FULL, &eptp, &err), PP_EINVAL);
	CHECK_EQ(ept_eptp(hpa(0x1000), 3, CAP_FULL, &eptp, &err), PP_EINVAL);
	CHECK_MSG(&err, "depth 3 is not 4 or 5");
	CHECK_EQ(eptp, 7); /* untouched on failure */
}
