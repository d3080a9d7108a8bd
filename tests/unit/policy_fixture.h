/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A valid two-partition policy model for the policy tests (test_policy*.c,
 * the fuzzers' seeds): "service" (id 1) with the TPM's locality 0 and the
 * event log, "app" (id 2) with a device, its DMA RAM, an interrupt, a UART's
 * ports, and a channel "ctl" between the two. Tests break one field each.
 */
#ifndef PARAPET_TESTS_POLICY_FIXTURE_H
#define PARAPET_TESTS_POLICY_FIXTURE_H

#include <string.h>
#include <parapet/policy.h>

static inline void policy_fixture(struct pp_policy *p)
{
	memset(p, 0, sizeof(*p));
	strcpy(p->name, "fixture");
	strcpy(p->platform, "QEMU:Q35");
	p->version = 3;
	p->epoch = 2;
	p->min_hv = 1;

	p->n_parts = 2;
	p->parts[0] = (struct pp_pol_part){.id = 2,
					   .name = "app",
					   .image = "app.elf",
					   .entry = 0x100000,
					   .mode = PP_POL_BOOT_LONG64};
	p->parts[1] = (struct pp_pol_part){.id = 1,
					   .name = "service",
					   .image = "service.elf",
					   .entry = 0x200000,
					   .mode = PP_POL_BOOT_LONG64};
	p->n_ram = 3;
	p->ram[0] = (struct pp_pol_ram){
	    .part = 2, .perm = 7, .flags = PP_POL_RAM_DMA, .gpa = 0x0, .size = 0x4000000};
	p->ram[1] = (struct pp_pol_ram){.part = 1, .perm = 7, .gpa = 0x0, .size = 0x1000000};
	p->ram[2] = (struct pp_pol_ram){.part = 1,
					.perm = 3,
					.flags = PP_POL_RAM_FIXED,
					.gpa = 0x40000000,
					.hpa = 0x80000000,
					.size = 0x200000};
	p->n_mmio = 1;
	p->mmio[0] = (struct pp_pol_mmio){
	    .part = 1, .perm = 3, .hpa = 0xfed40000, .gpa = 0xfed40000, .size = 0x1000};
	p->n_cpus = 2;
	p->cpus[0] = (struct pp_pol_cpu){.part = 2, .cpu = 2, .mode = PP_POL_CPU_EXCLUSIVE};
	p->cpus[1] = (struct pp_pol_cpu){.part = 1, .cpu = 1, .mode = PP_POL_CPU_EXCLUSIVE};
	p->n_devs = 1;
	p->devs[0] =
	    (struct pp_pol_dev){.part = 2, .seg = 0, .bus = 0, .devfn = 3 << 3, .iommu = 0};
	p->n_irqs = 1;
	p->irqs[0] = (struct pp_pol_irq){.part = 2, .gsi = 11};
	p->n_ports = 1;
	p->ports[0] = (struct pp_pol_port){.part = 2, .base = 0x2f8, .count = 8};
	p->n_caps = 4;
	p->caps[0] = (struct pp_pol_cap_ent){.part = 1, .cap = PP_POL_CAP_TPM};
	p->caps[1] = (struct pp_pol_cap_ent){.part = 1, .cap = PP_POL_CAP_CONSOLE};
	p->caps[2] = (struct pp_pol_cap_ent){.part = 1, .cap = PP_POL_CAP_EVENTLOG_READ};
	p->caps[3] = (struct pp_pol_cap_ent){.part = 2, .cap = PP_POL_CAP_CONSOLE};
	p->n_chans = 2;
	p->chans[0] = (struct pp_pol_chan){
	    .part = 1, .peer = 2, .name = "ctl", .perm = 3, .gpa = 0x80000000, .size = 0x10000};
	p->chans[1] = (struct pp_pol_chan){
	    .part = 2, .peer = 1, .name = "ctl", .perm = 1, .gpa = 0x80000000, .size = 0x10000};
}

#endif
