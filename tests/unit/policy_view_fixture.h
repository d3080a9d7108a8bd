/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A valid four-partition policy for the `policy map` and `policy diff`
 * tests (test_policy_map.c, tests/policy/mkview.c) and the example picture
 * in docs/: "service" (TPM, fixed RAM, control of two others), "app"
 * (a device, DMA RAM, a UART, one exclusive and one shared core), "net"
 * and "storage" (a device each, DMA RAM), cache masks on all four, and
 * four channels between them. Extends policy_fixture.h's two partitions.
 */
#ifndef PARAPET_TESTS_POLICY_VIEW_FIXTURE_H
#define PARAPET_TESTS_POLICY_VIEW_FIXTURE_H

#include "policy_fixture.h"

static inline void policy_view_chan(struct pp_policy *p, u32 a, u32 b, const char *name, u32 perm_a,
				    u32 perm_b, u64 gpa_a, u64 gpa_b, u64 size)
{
	struct pp_pol_chan *c = &p->chans[p->n_chans++];
	*c = (struct pp_pol_chan){.part = a, .peer = b, .perm = perm_a, .gpa = gpa_a, .size = size};
	strcpy(c->name, name);
	c = &p->chans[p->n_chans++];
	*c = (struct pp_pol_chan){.part = b, .peer = a, .perm = perm_b, .gpa = gpa_b, .size = size};
	strcpy(c->name, name);
}

static inline void policy_view_fixture(struct pp_policy *p)
{
	policy_fixture(p);
	strcpy(p->name, "appliance");
	p->version = 7;
	p->epoch = 4;
	p->parts[p->n_parts++] = (struct pp_pol_part){.id = 3,
						      .name = "net",
						      .image = "net.elf",
						      .entry = 0x100000,
						      .mode = PP_POL_BOOT_LONG64};
	p->parts[p->n_parts++] = (struct pp_pol_part){.id = 4,
						      .name = "storage",
						      .image = "storage.elf",
						      .entry = 0x100000,
						      .mode = PP_POL_BOOT_LONG64};
	/* L3 ways: two each, disjoint, on all four */
	p->parts[0].cache_mask = 0x00c; /* app */
	p->parts[1].cache_mask = 0x003; /* service */
	p->parts[2].cache_mask = 0x030;
	p->parts[3].cache_mask = 0x0c0;
	p->ram[p->n_ram++] = (struct pp_pol_ram){
	    .part = 3, .perm = 7, .flags = PP_POL_RAM_DMA, .gpa = 0x0, .size = 0x2000000};
	p->ram[p->n_ram++] = (struct pp_pol_ram){
	    .part = 4, .perm = 7, .flags = PP_POL_RAM_DMA, .gpa = 0x0, .size = 0x2000000};
	p->ram[p->n_ram++] = (struct pp_pol_ram){.part = 4,
						 .perm = 3,
						 .flags = PP_POL_RAM_FIXED | PP_POL_RAM_DMA,
						 .gpa = 0x40000000,
						 .hpa = 0x90000000,
						 .size = 0x100000};
	/* app: CPU 2 alone, CPU 3 shared with net */
	p->cpus[p->n_cpus++] = (struct pp_pol_cpu){
	    .part = 2, .cpu = 3, .mode = PP_POL_CPU_SHARED, .slice_us = 300, .period_us = 1000};
	p->cpus[p->n_cpus++] = (struct pp_pol_cpu){
	    .part = 3, .cpu = 3, .mode = PP_POL_CPU_SHARED, .slice_us = 500, .period_us = 1000};
	p->cpus[p->n_cpus++] =
	    (struct pp_pol_cpu){.part = 4, .cpu = 4, .mode = PP_POL_CPU_EXCLUSIVE};
	p->devs[p->n_devs++] =
	    (struct pp_pol_dev){.part = 3, .seg = 0, .bus = 1, .devfn = 0, .iommu = 0};
	p->devs[p->n_devs++] =
	    (struct pp_pol_dev){.part = 4, .seg = 0, .bus = 0, .devfn = 0x1f << 3 | 2, .iommu = 1};
	p->irqs[p->n_irqs++] = (struct pp_pol_irq){.part = 3, .gsi = 16};
	p->irqs[p->n_irqs++] = (struct pp_pol_irq){.part = 4, .gsi = 17};
	p->caps[p->n_caps++] = (struct pp_pol_cap_ent){.part = 1, .cap = PP_POL_CAP_FAULTLOG_READ};
	p->caps[p->n_caps++] =
	    (struct pp_pol_cap_ent){.part = 1, .cap = PP_POL_CAP_CONTROL, .target = 2};
	p->caps[p->n_caps++] =
	    (struct pp_pol_cap_ent){.part = 1, .cap = PP_POL_CAP_CONTROL, .target = 3};
	policy_view_chan(p, 2, 3, "net-rx", 1, 3, 0x80010000, 0x80000000, 0x20000);
	policy_view_chan(p, 2, 4, "blk", 3, 3, 0x80030000, 0x80000000, 0x40000);
	policy_view_chan(p, 3, 1, "log", 2, 1, 0x80020000, 0x80010000, 0x1000);
}

#endif
