// SPDX-License-Identifier: GPL-2.0-only
/* The partition memory plan (hypervisor/core/part/plan.h): regions, host
 * backing, shared channel memory, the boot area, refusals, unwinding. */
#include "hypervisor/core/part/boot.h"
#include "hypervisor/core/part/plan.h"
#include "part_fixture.h"
#include "policy_fixture.h"
#include "hypervisor/core/part/tpm_hold.h"
#include "unit.h"
#include <stdlib.h>

#define MB (1024ull * 1024)

static void valid_fixture(struct pp_policy *p)
{
	struct pp_pol_error pe;
	policy_fixture(p);
	if (pp_policy_validate(p, &pe))
		unit_fail(__FILE__, __LINE__, pe.err.msg);
}

TEST(part_plan_service_regions_and_backing)
{
	struct pp_policy p;
	struct part_host_alloc h;
	struct part_alloc a;
	struct part_chans ch;
	struct part_plan *plan = calloc(1, sizeof(*plan));
	struct pp_err err;
	valid_fixture(&p);
	part_host_alloc_init(&h, &a);
	part_chans_init(&ch);
	REQUIRE(part_plan_build(&p, 1, &a, &ch, plan, &err) == PP_OK);
	CHECK_EQ(plan->part, 1);
	REQUIRE(plan->n == 4);
	/* sorted by gpa: RAM 0, fixed RAM 1 GiB, channel 2 GiB, MMIO */
	CHECK_EQ(plan->r[0].kind, PART_REG_RAM);
	CHECK_EQ(gpa_val(plan->r[0].gpa), 0);
	CHECK_EQ(plan->r[0].size, 16 * MB);
	CHECK_EQ(plan->r[0].perm, 7);
	CHECK(plan->r[0].flags & PART_REG_OWNED);
	CHECK_EQ(hpa_val(plan->r[0].hpa) % (2 * MB), 0); /* large pages possible */
	CHECK_EQ(plan->r[1].kind, PART_REG_RAM);
	CHECK_EQ(plan->r[1].flags, PART_REG_FIXED);
	CHECK_EQ(hpa_val(plan->r[1].hpa), 0x80000000);
	CHECK_EQ(plan->r[2].kind, PART_REG_CHAN);
	CHECK_EQ(plan->r[2].perm, 3);
	CHECK_EQ(plan->r[2].flags, PART_REG_SHARED);
	CHECK_EQ(plan->r[3].kind, PART_REG_MMIO);
	CHECK_EQ(hpa_val(plan->r[3].hpa), 0xfed40000);
	CHECK_EQ(gpa_val(plan->r[3].gpa), 0xfed40000);
	CHECK_EQ(plan->r[3].flags, PART_REG_TPM); /* held until the handover */
	CHECK_EQ(plan->r[0].flags & PART_REG_TPM, 0);
	CHECK_EQ(part_plan_held(plan), 1);
	CHECK_EQ(h.live, 2); /* the RAM and the channel */
	REQUIRE(ch.n == 1);
	CHECK(!strcmp(ch.c[0].name, "ctl"));
	CHECK_EQ(hpa_val(ch.c[0].hpa), hpa_val(plan->r[2].hpa));
	/* boot area: fixed pages + 1 PDPT + 4 page directories (GiB 0,1,2,3) */
	CHECK_EQ(plan->boot_pdpts, 1);
	CHECK_EQ(plan->boot_pds, 4);
	CHECK_EQ(plan->boot_pages, PART_BOOT_FIXED_PAGES + 5);
	CHECK_EQ(gpa_val(plan->boot_gpa), 16 * MB - plan->boot_pages * 4096ull);
	CHECK(part_plan_find(plan, gpa(0xfed40fff)) == &plan->r[3]);
	CHECK(part_plan_find(plan, gpa(0xfed41000)) == NULL);

	/* The other end: the same channel memory, its own gpa and perm. */
	struct part_plan *app = calloc(1, sizeof(*app));
	REQUIRE(part_plan_build(&p, 2, &a, &ch, app, &err) == PP_OK);
	CHECK_EQ(ch.n, 1);
	CHECK_EQ(h.live, 3);
	REQUIRE(app->n == 2);
	CHECK_EQ(app->r[1].kind, PART_REG_CHAN);
	CHECK_EQ(hpa_val(app->r[1].hpa), hpa_val(ch.c[0].hpa));
	CHECK_EQ(app->r[1].perm, 1);
	CHECK(app->r[0].flags & PART_REG_DMA);
	part_plan_release(plan, &a);
	part_plan_release(app, &a);
	CHECK_EQ(h.live, 1);
	part_chans_release(&ch, &a);
	CHECK_EQ(h.live, 0);
	CHECK_EQ(h.bad_free, 0);
	free(plan);
	free(app);
}

TEST(part_plan_alignment_follows_size_and_gpa)
{
	struct pp_policy p;
	struct part_host_alloc h;
	struct part_alloc a;
	struct part_chans ch;
	struct part_plan *plan = calloc(1, sizeof(*plan));
	struct pp_err err;
	valid_fixture(&p);
	/* app: RAM at gpa 1 MiB + 4 KiB... 2 MiB + 1 MiB: congruent modulo 2 MiB */
	p.ram[0].gpa = 0x100000;
	p.ram[0].size = 8 * MB;
	p.parts[0].entry = 0x200000;
	part_host_alloc_init(&h, &a);
	part_chans_init(&ch);
	REQUIRE(part_plan_build(&p, 2, &a, &ch, plan, &err) == PP_OK);
	CHECK_EQ(hpa_val(plan->r[0].hpa) % (2 * MB), 0x100000);
	/* the 64 KiB channel: only 4 KiB alignment asked */
	CHECK_EQ(hpa_val(plan->r[1].hpa) % 4096, 0);
	part_plan_release(plan, &a);
	part_chans_release(&ch, &a);
	CHECK_EQ(h.live, 0);
	free(plan);
}

/* Each broken policy is refused with its code and message, nothing kept. */
static void refuse(struct pp_policy *p, u32 id, int code, const char *msg)
{
	struct part_host_alloc h;
	struct part_alloc a;
	struct part_chans ch;
	struct part_plan *plan = calloc(1, sizeof(*plan));
	struct pp_err err = {0};
	part_host_alloc_init(&h, &a);
	part_chans_init(&ch);
	int rc = part_plan_build(p, id, &a, &ch, plan, &err);
	CHECK_EQ(rc, code);
	CHECK_MSG(&err, msg);
	CHECK_EQ(plan->n, 0);
	CHECK_EQ(h.live, 0);
	CHECK_EQ(ch.n, 0);
	free(plan);
}

TEST(part_plan_refusals)
{
	struct pp_policy p;
	valid_fixture(&p);
	refuse(&p, 9, PP_ENOENT, "no partition with id 9");

	policy_fixture(&p);
	p.ram[1].size = 0x1800;
	refuse(&p, 1, PP_EINVAL, "not 4 KiB aligned");

	policy_fixture(&p);
	p.ram[1].size = 0;
	refuse(&p, 1, PP_EINVAL, "is empty");

	policy_fixture(&p);
	p.ram[2].hpa = 0x80000800;
	refuse(&p, 1, PP_EINVAL, "hpa 0x80000800");

	policy_fixture(&p);
	p.ram[2].gpa = 0xffffffffffe00000ull;
	refuse(&p, 1, PP_ERANGE, "guest-physical space");

	policy_fixture(&p);
	p.ram[2].gpa = 1ull << 48;
	refuse(&p, 1, PP_ERANGE, "beyond the 48-bit");

	policy_fixture(&p);
	p.ram[2].hpa = 0xfffffffffff00000ull;
	p.ram[2].size = 0x200000;
	refuse(&p, 1, PP_ERANGE, "wraps");

	policy_fixture(&p);
	p.mmio[0].perm = 7;
	refuse(&p, 1, PP_EINVAL, "mmio at gpa 0xfed40000 is executable");

	policy_fixture(&p);
	p.chans[0].perm = 7;
	refuse(&p, 1, PP_EINVAL, "channel at gpa 0x80000000 is executable");

	policy_fixture(&p);
	p.chans[0].gpa = 0x40100000; /* inside the fixed RAM */
	refuse(&p, 1, PP_EOVERLAP, "ram at gpa 0x40000000+0x200000 overlaps channel");

	policy_fixture(&p);
	p.mmio[0].gpa = 0x0; /* over the RAM */
	refuse(&p, 1, PP_EOVERLAP, "overlaps mmio at gpa 0x0");

	policy_fixture(&p);
	p.n_chans = 1; /* the app end is gone */
	refuse(&p, 1, PP_ENOENT, "channel \"ctl\" has no end in partition 2");

	policy_fixture(&p);
	p.chans[1].size = 0x20000;
	refuse(&p, 1, PP_EINVAL, "0x10000 bytes here, 0x20000 at partition 2");

	policy_fixture(&p);
	p.ram[1].perm = 5; /* r-x: no room for a writable boot area */
	refuse(&p, 1, PP_EINVAL, "not writable");

	policy_fixture(&p);
	p.parts[1].entry = 16 * MB - 0x1000; /* in the boot area */
	refuse(&p, 1, PP_ERANGE, "no room for the 11-page boot area");

	policy_fixture(&p);
	p.ram[2].perm = 5; /* the fixed RAM r-x, the entry in it */
	p.parts[1].entry = 0x40000000;
	refuse(&p, 1, PP_EINVAL, "not writable");

	policy_fixture(&p);
	p.parts[1].entry = 0x30000000;
	refuse(&p, 1, PP_ERANGE, "entry 0x30000000 is not in its RAM");

	policy_fixture(&p);
	p.ram[0].size = 0x1000; /* app: 4 KiB of RAM, a 10-page boot area */
	p.parts[0].entry = 0;
	refuse(&p, 2, PP_ERANGE, "no room");

	/* 65 GiB-slots of address space: more than the boot tables map */
	policy_fixture(&p);
	p.ram[0].size = 65ull << 30;
	p.chans[1].gpa = 128ull << 30;
	refuse(&p, 2, PP_ERANGE, "more than 64 GiB slots");
}

TEST(part_plan_real16_has_no_boot_area)
{
	struct pp_policy p;
	struct part_host_alloc h;
	struct part_alloc a;
	struct part_chans ch;
	struct part_plan *plan = calloc(1, sizeof(*plan));
	struct pp_err err;
	policy_fixture(&p);
	p.parts[0].mode = PP_POL_BOOT_REAL16;
	p.parts[0].entry = 0x7c00;
	part_host_alloc_init(&h, &a);
	part_chans_init(&ch);
	REQUIRE(part_plan_build(&p, 2, &a, &ch, plan, &err) == PP_OK);
	CHECK_EQ(plan->boot_pages, 0);
	part_plan_release(plan, &a);
	part_chans_release(&ch, &a);
	CHECK_EQ(h.live, 0);
	free(plan);
}

TEST(part_plan_allocation_failure_unwinds)
{
	struct pp_policy p;
	struct part_host_alloc h;
	struct part_alloc a;
	struct part_chans ch;
	struct part_plan *plan = calloc(1, sizeof(*plan));
	struct pp_err err;
	valid_fixture(&p);
	/* A second RAM range for the service, so three allocations. */
	p.ram[p.n_ram++] =
	    (struct pp_pol_ram){.part = 1, .perm = 3, .gpa = 0x2000000, .size = 4 * MB};
	part_host_alloc_init(&h, &a);
	for (long n = 1; n <= 3; n++) {
		part_chans_init(&ch);
		h.fail_at = n;
		int rc = part_plan_build(&p, 1, &a, &ch, plan, &err);
		CHECK_EQ(rc, PP_ENOMEM);
		CHECK_MSG(&err, "no host memory for");
		CHECK_EQ(h.live, 0);
		CHECK_EQ(ch.n, 0);
		CHECK_EQ(plan->n, 0);
	}
	/* The peer's channel memory, made before, stays with the channel table. */
	part_chans_init(&ch);
	h.fail_at = 0;
	struct part_plan *app = calloc(1, sizeof(*app));
	REQUIRE(part_plan_build(&p, 2, &a, &ch, app, &err) == PP_OK);
	CHECK_EQ(h.live, 2);
	h.fail_at = 2;
	CHECK_EQ(part_plan_build(&p, 1, &a, &ch, plan, &err), PP_ENOMEM);
	CHECK_EQ(h.live, 2);
	CHECK_EQ(ch.n, 1);
	part_plan_release(app, &a);
	part_chans_release(&ch, &a);
	CHECK_EQ(h.live, 0);
	CHECK_EQ(h.bad_free, 0);
	free(plan);
	free(app);
}
