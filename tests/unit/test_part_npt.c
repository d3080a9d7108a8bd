// SPDX-License-Identifier: GPL-2.0-only
/* A partition's NPT from its plan (hypervisor/core/part/npt.h): every
 * region translates with its permissions, nothing else is mapped, large
 * pages where alignment allows, and a failure frees every table. */
#include <stdlib.h>
#include "hypervisor/core/part/npt.h"
#include "hypervisor/lib/pt/fmt_npt.h"
#include "part_fixture.h"
#include "policy_fixture.h"
#include "pt_fixture.h"
#include "unit.h"

#define MB (1024ull * 1024)
#define ALL_LEAVES (PT_LEAF_4K | PT_LEAF_2M | PT_LEAF_1G)

struct fix {
	struct pp_policy p;
	struct part_host_alloc h;
	struct part_alloc a;
	struct part_chans ch;
	struct part_plan plan;
};

static struct fix *service_plan(void)
{
	struct fix *f = calloc(1, sizeof(*f));
	struct pp_err err;
	policy_fixture(&f->p);
	part_host_alloc_init(&f->h, &f->a);
	part_chans_init(&f->ch);
	if (part_plan_build(&f->p, 1, &f->a, &f->ch, &f->plan, &err))
		unit_fail(__FILE__, __LINE__, err.msg);
	return f;
}

static void fix_free(struct fix *f)
{
	part_plan_release(&f->plan, &f->a);
	part_chans_release(&f->ch, &f->a);
	CHECK_EQ(f->h.live, 0);
	free(f);
}

struct leaves {
	const struct part_plan *plan;
	u64 bytes, outside, wrong, pages[3];
};

/* Every leaf lies inside one region, translates to its backing, and has
 * its permissions. */
static int leaf(void *ctx, const struct pt_walk_item *it)
{
	struct leaves *l = ctx;
	if (it->kind != PT_WALK_PAGE)
		return 0;
	l->bytes += it->size;
	l->pages[it->level]++;
	const struct part_region *r = part_plan_find(l->plan, gpa(it->in_base));
	if (!r || it->in_base + it->size > gpa_val(r->gpa) + r->size) {
		l->outside++;
		return 0;
	}
	if (it->addr != hpa_val(r->hpa) + (it->in_base - gpa_val(r->gpa)) ||
	    it->perms != part_region_pt_perms(r))
		l->wrong++;
	return 0;
}

TEST(part_npt_maps_every_region_and_nothing_else)
{
	struct fix *f = service_plan();
	struct pt_host_mem hm;
	struct pt_mem mem;
	struct pt npt;
	struct pp_err err;
	pt_host_mem_init(&hm, &mem);
	REQUIRE(part_npt_build(&f->plan, &mem, ALL_LEAVES, &npt, &err) == PP_OK);
	u64 total = 0;
	for (u32 i = 0; i < f->plan.n; i++) {
		const struct part_region *r = &f->plan.r[i];
		u64 g = gpa_val(r->gpa), offs[3] = {0, r->size / 2, r->size - 4096};
		total += r->size;
		for (u32 k = 0; k < 3; k++) {
			struct pt_mapping m;
			REQUIRE(pt_lookup(&npt, g + offs[k], &m) == PP_OK);
			CHECK_EQ(pt_translate(&m, g + offs[k]), hpa_val(r->hpa) + offs[k]);
			CHECK_EQ(m.perms, part_region_pt_perms(r));
		}
		/* just outside: unmapped (the regions are not adjacent) */
		struct pt_mapping m;
		CHECK_EQ(pt_lookup(&npt, g + r->size, &m), PP_ENOENT);
		if (g)
			CHECK_EQ(pt_lookup(&npt, g - 4096, &m), PP_ENOENT);
	}
	/* MMIO and channels never executable; the RAM is rwx */
	CHECK_EQ(part_region_pt_perms(&f->plan.r[0]), PT_PERM_RWX);
	CHECK_EQ(part_region_pt_perms(&f->plan.r[2]), PT_PERM_R | PT_PERM_W);
	CHECK_EQ(part_region_pt_perms(&f->plan.r[3]), PT_PERM_R | PT_PERM_W);
	struct leaves l = {.plan = &f->plan};
	REQUIRE(pt_walk(&npt, leaf, &l) == 0);
	CHECK_EQ(l.bytes, total);
	CHECK_EQ(l.outside, 0);
	CHECK_EQ(l.wrong, 0);
	/* 16 MiB of 2 MiB-aligned RAM and the fixed 2 MiB: large pages */
	CHECK_EQ(l.pages[1], 8 + 1);
	CHECK_EQ(l.pages[0], 16 + 1); /* the 64 KiB channel, the 4 KiB MMIO */
	pt_destroy(&npt);
	CHECK_EQ(hm.live, 0);
	fix_free(f);
}

TEST(part_npt_failure_midway_frees_everything)
{
	struct fix *f = service_plan();
	struct pt_host_mem hm;
	struct pt_mem mem;
	struct pt npt;
	struct pp_err err;
	pt_host_mem_init(&hm, &mem);
	/* Count the allocations of a full build, then fail each in turn. */
	REQUIRE(part_npt_build(&f->plan, &mem, ALL_LEAVES, &npt, &err) == PP_OK);
	long allocs = hm.allocs;
	pt_destroy(&npt);
	REQUIRE(allocs > 4);
	for (long n = 1; n <= allocs; n++) {
		pt_host_mem_init(&hm, &mem);
		hm.fail_at = n;
		CHECK_EQ(part_npt_build(&f->plan, &mem, ALL_LEAVES, &npt, &err), PP_ENOMEM);
		CHECK_EQ(hm.live, 0);
	}
	fix_free(f);
}

TEST(part_npt_refuses_unreadable_and_reports_the_region)
{
	struct fix *f = service_plan();
	struct pt_host_mem hm;
	struct pt_mem mem;
	struct pt npt;
	struct pp_err err;
	pt_host_mem_init(&hm, &mem);
	f->plan.r[1].perm = PP_POL_W; /* write-only fixed RAM */
	CHECK_EQ(part_npt_build(&f->plan, &mem, ALL_LEAVES, &npt, &err), PP_EINVAL);
	CHECK_MSG(&err, "ram at gpa 0x40000000 is not readable");
	CHECK_EQ(hm.live, 0);
	f->plan.r[1].perm = PP_POL_R;
	/* Regions the engine refuses: its message with the region named. */
	f->plan.r[1].hpa = hpa(1ull << 52);
	CHECK_EQ(part_npt_build(&f->plan, &mem, ALL_LEAVES, &npt, &err), PP_ERANGE);
	CHECK_MSG(&err, "part 1: ram at gpa 0x40000000: pt npt:");
	CHECK_EQ(hm.live, 0);
	f->plan.r[1].hpa = hpa(0x80000000);
	fix_free(f);
}

TEST(part_npt_mmio_leaf_bits)
{
	struct fix *f = service_plan();
	struct pt_host_mem hm;
	struct pt_mem mem;
	struct pt npt;
	struct pp_err err;
	pt_host_mem_init(&hm, &mem);
	REQUIRE(part_npt_build(&f->plan, &mem, PT_LEAF_4K | PT_LEAF_2M, &npt, &err) == PP_OK);
	struct pt_mapping m;
	REQUIRE(pt_lookup(&npt, 0xfed40000, &m) == PP_OK);
	CHECK_EQ(m.out_base, 0xfed40000);
	CHECK_EQ(m.size, 4096);
	CHECK_EQ(m.perms, PT_PERM_R | PT_PERM_W);
	REQUIRE(pt_lookup(&npt, 0x200000, &m) == PP_OK);
	CHECK_EQ(m.size, 2 * MB);
	CHECK_EQ(m.perms, PT_PERM_RWX);
	pt_destroy(&npt);
	CHECK_EQ(hm.live, 0);
	fix_free(f);
}
