// SPDX-License-Identifier: GPL-2.0-only
/* A partition's NPT from its plan (hypervisor/core/part/npt.h): every
 * region translates with its permissions, nothing else is mapped, large
 * pages where alignment allows, and a failure frees every table; the TPM's
 * pages only at the handover (tpm_hold.h), and the fault decision before
 * and after it. */
#include <stdlib.h>
#include "hypervisor/core/part/npt.h"
#include "hypervisor/core/part/tpm_hold.h"
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

/* Every region translates to its backing with its permissions; held:
 * whether the TPM regions are expected mapped yet. */
static void check_regions(const struct part_plan *plan, struct pt *npt, bool held)
{
	for (u32 i = 0; i < plan->n; i++) {
		const struct part_region *r = &plan->r[i];
		u64 g = gpa_val(r->gpa), offs[3] = {0, r->size / 2, r->size - 4096};
		for (u32 k = 0; k < 3; k++) {
			struct pt_mapping m;
			if (held && (r->flags & PART_REG_TPM)) {
				CHECK_EQ(pt_lookup(npt, g + offs[k], &m), PP_ENOENT);
				continue;
			}
			REQUIRE(pt_lookup(npt, g + offs[k], &m) == PP_OK);
			CHECK_EQ(pt_translate(&m, g + offs[k]), hpa_val(r->hpa) + offs[k]);
			CHECK_EQ(m.perms, part_region_pt_perms(r));
		}
		/* just outside: unmapped (the regions are not adjacent) */
		struct pt_mapping m;
		CHECK_EQ(pt_lookup(npt, g + r->size, &m), PP_ENOENT);
		if (g)
			CHECK_EQ(pt_lookup(npt, g - 4096, &m), PP_ENOENT);
	}
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
	/* the TPM's locality-0 page (r[3]) waits for the handover */
	REQUIRE(f->plan.r[3].flags & PART_REG_TPM);
	check_regions(&f->plan, &npt, true);
	struct leaves before = {.plan = &f->plan};
	REQUIRE(pt_walk(&npt, leaf, &before) == 0);
	REQUIRE(part_npt_map_held(&f->plan, &npt, &err) == PP_OK);
	check_regions(&f->plan, &npt, false);
	u64 total = 0;
	for (u32 i = 0; i < f->plan.n; i++)
		total += f->plan.r[i].size;
	CHECK_EQ(before.bytes, total - 4096);
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
	CHECK_EQ(pt_lookup(&npt, 0xfed40000, &m), PP_ENOENT); /* until the handover */
	REQUIRE(part_npt_map_held(&f->plan, &npt, &err) == PP_OK);
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

TEST(part_tpm_overlaps_the_locality_pages_only)
{
	CHECK(part_tpm_overlaps(0xfed40000, 0x1000)); /* locality 0 */
	CHECK(part_tpm_overlaps(0xfed44000, 0x1000)); /* locality 4 */
	CHECK(part_tpm_overlaps(0xfed44fff, 1));
	CHECK(!part_tpm_overlaps(0xfed45000, 0x1000)); /* past locality 4 */
	CHECK(!part_tpm_overlaps(0xfed3f000, 0x1000)); /* ends at the TPM */
	CHECK(part_tpm_overlaps(0xfed3f000, 0x1001));
	CHECK(part_tpm_overlaps(0xfec00000, 0x200000)); /* a large window over it */
	CHECK(!part_tpm_overlaps(0xfed40000, 0));
	CHECK(!part_tpm_overlaps(~0ull - 0xfff, 0x1000));
	CHECK(part_tpm_overlaps(0, ~0ull)); /* no overflow */
}

TEST(part_plan_flags_other_locality_pages_and_nothing_else)
{
	struct fix *f = calloc(1, sizeof(*f));
	struct pp_err err;
	policy_fixture(&f->p);
	f->p.mmio[0].hpa = f->p.mmio[0].gpa = 0xfed42000; /* locality 2 */
	part_host_alloc_init(&f->h, &f->a);
	part_chans_init(&f->ch);
	REQUIRE(part_plan_build(&f->p, 1, &f->a, &f->ch, &f->plan, &err) == PP_OK);
	CHECK_EQ(part_plan_held(&f->plan), 1);
	part_plan_release(&f->plan, &f->a);
	/* another device's MMIO: mapped at once, never held */
	f->p.mmio[0].hpa = f->p.mmio[0].gpa = 0xfed45000;
	REQUIRE(part_plan_build(&f->p, 1, &f->a, &f->ch, &f->plan, &err) == PP_OK);
	CHECK_EQ(part_plan_held(&f->plan), 0);
	struct pt_host_mem hm;
	struct pt_mem mem;
	struct pt npt;
	struct pt_mapping m;
	pt_host_mem_init(&hm, &mem);
	REQUIRE(part_npt_build(&f->plan, &mem, ALL_LEAVES, &npt, &err) == PP_OK);
	CHECK_EQ(pt_lookup(&npt, 0xfed45000, &m), PP_OK);
	CHECK_EQ(part_tpm_npf(&f->plan, 0xfed45000, false, false, PART_TPM_CLOSED),
		 PART_TPM_NPF_OTHER);
	pt_destroy(&npt);
	CHECK_EQ(hm.live, 0);
	fix_free(f);
}

/* The decision on a nested page fault, before and after the handover. */
TEST(part_tpm_npf_holds_before_and_retries_after_the_handover)
{
	struct fix *f = service_plan();
	const struct part_plan *pl = &f->plan;
	/* a read or a write of the held page, anywhere in it */
	CHECK_EQ(part_tpm_npf(pl, 0xfed40000, false, false, PART_TPM_CLOSED), PART_TPM_NPF_HOLD);
	CHECK_EQ(part_tpm_npf(pl, 0xfed40f18, false, false, PART_TPM_CLOSED), PART_TPM_NPF_HOLD);
	CHECK_EQ(part_tpm_npf(pl, 0xfed40fff, false, false, PART_TPM_CLOSED), PART_TPM_NPF_HOLD);
	/* after: the fault raced with the mapping, run it again */
	CHECK_EQ(part_tpm_npf(pl, 0xfed40018, false, false, PART_TPM_OPEN), PART_TPM_NPF_RETRY);
	/* never held: a fetch (MMIO is not executable), a permission fault on
	 * a present page, a page outside the held region, a failed mapping */
	CHECK_EQ(part_tpm_npf(pl, 0xfed40000, false, true, PART_TPM_CLOSED), PART_TPM_NPF_OTHER);
	CHECK_EQ(part_tpm_npf(pl, 0xfed40000, true, false, PART_TPM_CLOSED), PART_TPM_NPF_OTHER);
	CHECK_EQ(part_tpm_npf(pl, 0xfed40000, true, false, PART_TPM_OPEN), PART_TPM_NPF_OTHER);
	CHECK_EQ(part_tpm_npf(pl, 0xfed41000, false, false, PART_TPM_CLOSED),
		 PART_TPM_NPF_OTHER); /* locality 1: not the partition's */
	CHECK_EQ(part_tpm_npf(pl, 0xfed3ffff, false, false, PART_TPM_CLOSED), PART_TPM_NPF_OTHER);
	CHECK_EQ(part_tpm_npf(pl, 0x1000, false, false, PART_TPM_CLOSED), PART_TPM_NPF_OTHER);
	CHECK_EQ(part_tpm_npf(pl, 0x40000000, true, false, PART_TPM_CLOSED), PART_TPM_NPF_OTHER);
	CHECK_EQ(part_tpm_npf(pl, 0xfed40000, false, false, PART_TPM_FAILED), PART_TPM_NPF_OTHER);
	fix_free(f);
}

TEST(part_npt_map_held_failure_names_the_region)
{
	struct fix *f = service_plan();
	struct pt_host_mem hm;
	struct pt_mem mem;
	struct pt npt;
	struct pp_err err;
	pt_host_mem_init(&hm, &mem);
	REQUIRE(part_npt_build(&f->plan, &mem, ALL_LEAVES, &npt, &err) == PP_OK);
	hm.fail_at = 1; /* the page table the locality-0 page needs */
	CHECK_EQ(part_npt_map_held(&f->plan, &npt, &err), PP_ENOMEM);
	CHECK_MSG(&err, "part 1: mmio at gpa 0xfed40000:");
	struct pt_mapping m;
	CHECK_EQ(pt_lookup(&npt, 0xfed40000, &m), PP_ENOENT);
	hm.fail_at = 0;
	REQUIRE(part_npt_map_held(&f->plan, &npt, &err) == PP_OK);
	CHECK_EQ(pt_lookup(&npt, 0xfed40000, &m), PP_OK);
	pt_destroy(&npt);
	CHECK_EQ(hm.live, 0);
	fix_free(f);
}

/* PP_HC_LOG_MAP's check: nothing else lands on a held page before the
 * handover (its NPT has a hole there until then). */
TEST(part_plan_held_overlaps_refuses_the_held_page_only)
{
	struct fix *f = service_plan();
	const struct part_plan *pl = &f->plan;
	CHECK(part_plan_held_overlaps(pl, 0xfed40000, 0x1000));
	CHECK(part_plan_held_overlaps(pl, 0xfed40fff, 1));
	CHECK(part_plan_held_overlaps(pl, 0xfed3f000, 0x1001));	   /* its last byte in it */
	CHECK(part_plan_held_overlaps(pl, 0xfe000000, 0x2000000)); /* around it */
	CHECK(part_plan_held_overlaps(pl, 0xfed40000, ~0ull));	   /* wraps: to the end */
	CHECK(!part_plan_held_overlaps(pl, 0xfed3f000, 0x1000));   /* ends at it */
	CHECK(!part_plan_held_overlaps(pl, 0xfed41000, 0x1000));   /* after it */
	CHECK(!part_plan_held_overlaps(pl, 0xfed40000, 0));
	CHECK(!part_plan_held_overlaps(pl, 0x2000000, 0x1000)); /* where the logs go */
	fix_free(f);
}
