// SPDX-License-Identifier: GPL-2.0-only
/*
 * PMR coverage of all RAM and every buffer, the event log's placement, the
 * TXT regions reserved in the map handed on, and the PMR plan
 * (launch/drtm/txt_pmr.c).
 */
#include "launch/drtm/txt_pmr.h"
#include "unit.h"

#define G4 0x100000000ull

/* A small PC: RAM [0, 640K) and [1M, 2G - 4M), ACPI tables below 2 GiB,
 * the TXT heap/SINIT reserved above them, RAM [4G, 6G). */
static const struct pp_mem_range pc_map[] = {
    {0x0, 0xa0000, PP_MEM_USABLE, 0},
    {0xa0000, 0x60000, PP_MEM_RESERVED, 0},
    {0x100000, 0x7fb00000ull - 0x100000, PP_MEM_USABLE, 0},
    {0x7fb00000ull, 0x100000, PP_MEM_ACPI_RECLAIM, 0},
    {0x7fc00000ull, 0x400000, PP_MEM_RESERVED, 0}, /* DPR: heap + SINIT */
    {0xfed20000ull, 0x20000, PP_MEM_RESERVED, 0},
    {G4, 0x80000000ull, PP_MEM_USABLE, 0},
};
#define PC_N ((u32)PP_ARRAY_SIZE(pc_map))

static struct txt_os_sinit_info pmrs(u64 lb, u64 ls, u64 hb, u64 hs)
{
	struct txt_os_sinit_info o;
	memset(&o, 0, sizeof(o));
	o.pmr_lo_base = lb;
	o.pmr_lo_size = ls;
	o.pmr_hi_base = hb;
	o.pmr_hi_size = hs;
	return o;
}

TEST(txt_pmr_covers_union)
{
	struct txt_os_sinit_info o = pmrs(0x200000, 0x1000000, G4, 0x200000);
	CHECK(txt_pmr_covers(&o, 0x200000, 0x1000000));
	CHECK(!txt_pmr_covers(&o, 0x1ff000, 0x2000));	 /* starts below */
	CHECK(!txt_pmr_covers(&o, 0x1100000, 0x200000)); /* ends above */
	CHECK(txt_pmr_covers(&o, G4 + 0x100000, 0x100000));
	CHECK(!txt_pmr_covers(&o, 0x1000000, G4)); /* spans the gap between them */
	CHECK(!txt_pmr_covers(&o, 0x300000, 0));
	CHECK(!txt_pmr_covers(&o, ~0ull - 10, 100));
	/* touching PMRs: a range may run from one into the other, either order */
	o = pmrs(0, G4, G4, 0x40000000);
	CHECK(txt_pmr_covers(&o, G4 - 0x1000, 0x2000));
	o = pmrs(G4, 0x40000000, 0, G4);
	CHECK(txt_pmr_covers(&o, G4 - 0x1000, 0x2000));
	CHECK(!txt_pmr_covers(NULL, 0, 1));
}

TEST(txt_pmr_coverage_all_ram_and_buffers)
{
	struct pp_err e;
	struct txt_pmr_plan p;
	REQUIRE(txt_pmr_plan(pc_map, PC_N, &p, &e) == PP_OK);
	CHECK_EQ(p.lo_base, 0);
	CHECK_EQ(p.lo_size, 0x7fc00000ull); /* the end of the ACPI tables (2 MiB aligned) */
	CHECK_EQ(p.hi_base, G4);
	CHECK_EQ(p.hi_size, 0x80000000ull);
	struct txt_os_sinit_info o = pmrs(p.lo_base, p.lo_size, p.hi_base, p.hi_size);
	const struct txt_buf bufs[] = {
	    {"handoff", 0x237000, 0x1000},
	    {"modules", 0x1000000, 0x800000},
	    {"event log", 0x3000000, 0x10000},
	    {"copy area", 0x140000000ull, 0x400000},
	};
	CHECK(txt_pmr_check_coverage(&o, pc_map, PC_N, bufs, 4, &e) == PP_OK);
	/* a gap: the low PMR stops 2 MiB short of the ACPI tables */
	struct txt_os_sinit_info g = pmrs(0, 0x7fa00000ull, G4, 0x80000000ull);
	CHECK(txt_pmr_check_coverage(&g, pc_map, PC_N, NULL, 0, &e) == PP_ERANGE);
	CHECK_MSG(&e, "memory map entry 2 (usable) [0x100000, 0x7fb00000) unprotected from "
		      "0x7fa00000");
	/* ACPI reclaim counts as RAM */
	g = pmrs(0, 0x7fb00000ull, G4, 0x80000000ull);
	CHECK(txt_pmr_check_coverage(&g, pc_map, PC_N, NULL, 0, &e) == PP_ERANGE);
	CHECK_MSG(&e, "memory map entry 3 (acpi)");
	/* RAM above 4 GiB without a high PMR, or a short one */
	g = pmrs(0, 0x80000000ull, 0, 0);
	CHECK(txt_pmr_check_coverage(&g, pc_map, PC_N, NULL, 0, &e) == PP_ERANGE);
	CHECK_MSG(&e, "memory map entry 6 (usable)");
	g = pmrs(0, 0x80000000ull, G4, 0x7fe00000ull);
	CHECK(txt_pmr_check_coverage(&g, pc_map, PC_N, NULL, 0, &e) == PP_ERANGE);
	CHECK_MSG(&e, "unprotected from 0x17fe00000");
	/* the low PMR not starting at 0 leaves low RAM open */
	g = pmrs(0x200000, 0x7fe00000ull, G4, 0x80000000ull);
	CHECK(txt_pmr_check_coverage(&g, pc_map, PC_N, NULL, 0, &e) == PP_ERANGE);
	CHECK_MSG(&e, "memory map entry 0 (usable) [0x0, 0xa0000) unprotected from 0x0");
	/* reserved ranges need no protection */
	g = pmrs(0, 0x80000000ull, G4, 0x80000000ull);
	CHECK(txt_pmr_check_coverage(&g, pc_map, PC_N, NULL, 0, &e) == PP_OK);
	/* a buffer outside both PMRs (in the MMIO hole), one straddling */
	const struct txt_buf out[] = {{"handoff", 0x237000, 0x1000},
				      {"event log", 0x90000000ull, 0x1000}};
	CHECK(txt_pmr_check_coverage(&o, pc_map, PC_N, out, 2, &e) == PP_ERANGE);
	CHECK_MSG(&e, "buffer 1 (event log) [0x90000000, 0x90001000) unprotected");
	const struct txt_buf strad[] = {{"modules", 0x7fbff000ull, 0x2000}};
	CHECK(txt_pmr_check_coverage(&o, pc_map, PC_N, strad, 1, &e) == PP_ERANGE);
	CHECK_MSG(&e, "buffer 0 (modules) [0x7fbff000, 0x7fc01000) unprotected from 0x7fc00000");
	const struct txt_buf empty[] = {{"modules", 0x1000, 0}};
	CHECK(txt_pmr_check_coverage(&o, pc_map, PC_N, empty, 1, &e) == PP_EINVAL);
	CHECK(txt_pmr_check_coverage(NULL, pc_map, PC_N, NULL, 0, &e) == PP_EINVAL);
}

TEST(txt_pmr_plan_rules)
{
	struct pp_err e;
	struct txt_pmr_plan p;
	const struct pp_mem_range low_only[] = {{0x100000, 0x3ff00000, PP_MEM_USABLE, 0}};
	REQUIRE(txt_pmr_plan(low_only, 1, &p, &e) == PP_OK);
	CHECK_EQ(p.lo_size, 0x40000000);
	CHECK_EQ(p.hi_base, 0);
	CHECK_EQ(p.hi_size, 0);
	/* RAM running across 4 GiB: low up to 4 GiB, high from 4 GiB */
	const struct pp_mem_range across[] = {{0xc0000000ull, 0x80000001ull, PP_MEM_USABLE, 0}};
	REQUIRE(txt_pmr_plan(across, 1, &p, &e) == PP_OK);
	CHECK_EQ(p.lo_size, G4);
	CHECK_EQ(p.hi_base, G4);
	CHECK_EQ(p.hi_size, 0x40200000ull); /* 0x40000001 rounded up to 2 MiB */
	const struct pp_mem_range none[] = {{0, 0x1000, PP_MEM_RESERVED, 0}};
	CHECK(txt_pmr_plan(none, 1, &p, &e) == PP_ENOENT);
	const struct pp_mem_range wrap[] = {{~0ull - 0xfff, 0x2000, PP_MEM_USABLE, 0}};
	CHECK(txt_pmr_plan(wrap, 1, &p, &e) == PP_EINVAL);
	CHECK(txt_pmr_plan(NULL, 0, &p, &e) == PP_EINVAL);
}

TEST(txt_log_placement)
{
	struct pp_err e;
	const u64 mle = 0x2000000, mle_size = 0x100000, pt = mle - 0x3000;
	CHECK(txt_log_check_placement(0x3000000, 0x10000, mle, mle_size, pt, 0x3000, &e) == PP_OK);
	CHECK(txt_log_check_placement(mle + 0xff000, 0x2000, mle, mle_size, pt, 0x3000, &e) ==
	      PP_EOVERLAP);
	CHECK_MSG(&e, "overlaps the MLE");
	CHECK(txt_log_check_placement(mle - 0x10000, 0x10001, mle, mle_size, pt, 0x3000, &e) ==
	      PP_EOVERLAP);
	CHECK(txt_log_check_placement(pt - 0x1000, 0x1001, mle, mle_size, pt, 0x3000, &e) ==
	      PP_EOVERLAP);
	CHECK_MSG(&e, "overlaps the MLE page table");
	CHECK(txt_log_check_placement(mle - 0x10000, 0x10000 - 0x3000, mle, mle_size, pt, 0x3000,
				      &e) == PP_OK); /* touches the table, no overlap */
	CHECK(txt_log_check_placement(0x3000000, 0, mle, mle_size, pt, 0x3000, &e) == PP_EINVAL);
}

TEST(txt_mmap_reserved)
{
	struct pp_err e;
	struct txt_buf reg[TXT_RESERVED_REGIONS];
	u32 n = txt_reserved_regions(0x7fc20000ull, 0xe0000, 0x7fc00000ull, 0x20000, reg);
	REQUIRE(n == 3);
	CHECK_EQ(reg[2].base, 0xfed20000ull);
	CHECK_EQ(reg[2].size, 0x10000);
	CHECK(txt_mmap_check_reserved(pc_map, PC_N, reg, n, &e) == PP_OK);
	/* a map where the firmware left the heap usable */
	struct pp_mem_range m[PC_N];
	memcpy(m, pc_map, sizeof(m));
	m[4].base = 0x7fd00000ull;
	m[4].length = 0x300000;
	m[3].length = 0x200000; /* ACPI reclaim now runs over the heap and SINIT */
	CHECK(txt_mmap_check_reserved(m, PC_N, reg, n, &e) == PP_EOVERLAP);
	CHECK_MSG(&e, "TXT heap [0x7fc20000, 0x7fd00000) is acpi in entry 3");
	memcpy(m, pc_map, sizeof(m));
	m[4].type = PP_MEM_USABLE;
	CHECK(txt_mmap_check_reserved(m, PC_N, reg, n, &e) == PP_EOVERLAP);
	CHECK_MSG(&e, "TXT heap");
	/* the private space usable */
	memcpy(m, pc_map, sizeof(m));
	m[5].type = PP_MEM_USABLE;
	CHECK(txt_mmap_check_reserved(m, PC_N, reg, n, &e) == PP_EOVERLAP);
	CHECK_MSG(&e, "TXT private space");
	/* not in the map at all: not usable, accepted */
	CHECK(txt_mmap_check_reserved(pc_map, 3, reg, n, &e) == PP_OK);
	/* the builder makes them reserved over a usable firmware range */
	static struct pp_handoff_builder b;
	static u8 blob[PP_HANDOFF_MAX_SIZE] __attribute__((aligned(8)));
	pp_hb_init(&b);
	pp_hb_add_mem(&b, 0, 0x100000000ull, PP_MEM_USABLE); /* firmware: all usable */
	for (u32 i = 0; i < n; i++)
		pp_hb_add_mem(&b, reg[i].base, reg[i].size, PP_MEM_RESERVED);
	REQUIRE(pp_hb_finish(&b, blob, sizeof(blob)) > 0);
	const struct pp_handoff *h = (const struct pp_handoff *)blob;
	CHECK(txt_mmap_check_reserved(pp_handoff_mmap(h), h->mmap_count, reg, n, &e) == PP_OK);
	/* invalid regions */
	reg[0].size = 0;
	CHECK(txt_mmap_check_reserved(pc_map, PC_N, reg, n, &e) == PP_EINVAL);
	CHECK_MSG(&e, "TXT heap");
}
