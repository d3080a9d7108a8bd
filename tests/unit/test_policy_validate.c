// SPDX-License-Identifier: GPL-2.0-only
/*
 * The policy validator (common/policy/validate*.c): the fixture passes;
 * every rule class is broken at least once, each case by one edit of the
 * fixture, and must be refused with that class and a message naming what
 * is wrong. The machine rules likewise against a machine that fits.
 */
#include <parapet/policy.h>
#include "policy_fixture.h"
#include "unit.h"

static struct pp_policy pol;
static struct pp_pol_machine mach;

struct vcase {
	const char *name;
	void (*edit)(struct pp_policy *p);
	enum pp_pol_rule rule;
	const char *msg;
};

/* One edit per case; the fixture is valid before it. */
#define EDIT(n, ...)                                                                               \
	static void n(struct pp_policy *p)                                                         \
	{                                                                                          \
		__VA_ARGS__;                                                                       \
	}

EDIT(e_no_parts, p->n_parts = 0)
EDIT(e_too_many_ram, p->n_ram = PP_POL_MAX_RAM + 1)
EDIT(e_dup_id, p->parts[1].id = 2)
EDIT(e_dup_name, strcpy(p->parts[1].name, "app"))
EDIT(e_bad_name, strcpy(p->parts[1].name, "ser vice"))
EDIT(e_id_zero, p->parts[1].id = 0)
EDIT(e_mode, p->parts[0].mode = 4)
EDIT(e_orphan, p->irqs[0].part = 9)
EDIT(e_perm0, p->ram[0].perm = 0)
EDIT(e_perm8, p->ram[0].perm = 8)
EDIT(e_ramflags, p->ram[0].flags = 4)
EDIT(e_hpa_not_fixed, p->ram[0].hpa = 0x1000)
EDIT(e_mmio_x, p->mmio[0].perm = 7)
EDIT(e_cpu_mode, p->cpus[0].mode = 0)
EDIT(e_excl_slice, p->cpus[0].slice_us = 100)
EDIT(e_pol_name, p->name[0] = 0)
EDIT(e_platform, p->platform[0] = 0)
EDIT(e_platform_space, strcpy(p->platform, "QEMU "))
EDIT(e_epoch0, p->epoch = 0)
EDIT(e_unaligned, p->ram[0].size = 0x4000800)
EDIT(e_size0, p->mmio[0].size = 0)
EDIT(e_wrap, p->ram[2].hpa = 0xfffffffffffff000ull)
EDIT(e_past52, p->chans[0].gpa = 1ull << 52)
EDIT(e_gpa_overlap, p->chans[0].gpa = 0x800000)
EDIT(e_mmio_over_ram, p->mmio[0].gpa = 0x40100000)
EDIT(e_hpa_overlap, p->ram[2].hpa = 0xfed40000 - 0x1000)
EDIT(e_lapic, p->mmio[0].hpa = 0xfee00000)
EDIT(e_ioapic, p->mmio[0].hpa = 0xfec00000)
EDIT(e_txt, p->mmio[0].hpa = 0xfed30000)
EDIT(e_tpm_loc1, p->mmio[0].size = 0x2000)
EDIT(e_cf8, p->ports[0].base = 0xcf0; p->ports[0].count = 9)
EDIT(e_dev_twice, p->n_devs = 2; p->devs[1] = p->devs[0]; p->devs[1].part = 1)
EDIT(e_dev_split, p->n_devs = 2; p->devs[1] = p->devs[0]; p->devs[1].part = 1;
     p->devs[1].devfn = (3 << 3) | 1)
EDIT(e_dma_nodev, p->ram[1].flags = PP_POL_RAM_DMA)
EDIT(e_irq_twice, p->n_irqs = 2; p->irqs[1] = (struct pp_pol_irq){.part = 1, .gsi = 11})
EDIT(e_irq_range, p->irqs[0].gsi = 256)
EDIT(e_port_overlap, p->n_ports = 2;
     p->ports[1] = (struct pp_pol_port){.part = 1, .base = 0x2fc, .count = 4})
EDIT(e_console_port, p->ports[0].base = 0x3f0; p->ports[0].count = 9)
EDIT(e_port_range, p->ports[0].base = 0xfff8; p->ports[0].count = 9)
EDIT(e_port_count0, p->ports[0].count = 0)
EDIT(e_no_cpu, p->cpus[0].part = 1; p->cpus[0].cpu = 3)
EDIT(e_cpu_twice, p->cpus[0].cpu = 1)
EDIT(e_cpu_self_twice, p->n_cpus = 3;
     p->cpus[2] = (struct pp_pol_cpu){.part = 2, .cpu = 2, .mode = PP_POL_CPU_EXCLUSIVE})
EDIT(e_cpu_range, p->cpus[0].cpu = 256)
static void share(struct pp_policy *p, u32 s1, u32 p1, u32 s2, u32 p2)
{
	p->cpus[0] = (struct pp_pol_cpu){
	    .part = 2, .cpu = 1, .mode = PP_POL_CPU_SHARED, .slice_us = s1, .period_us = p1};
	p->cpus[1] = (struct pp_pol_cpu){
	    .part = 1, .cpu = 1, .mode = PP_POL_CPU_SHARED, .slice_us = s2, .period_us = p2};
}
EDIT(e_shared_ok, share(p, 4000, 10000, 6000, 10000))
EDIT(e_shared_period, share(p, 4000, 10000, 4000, 20000))
EDIT(e_shared_sum, share(p, 6000, 10000, 6000, 10000))
EDIT(e_shared_slice, share(p, 50, 10000, 6000, 10000))
EDIT(e_cache_gap, p->parts[0].cache_mask = 0x5; p->parts[1].cache_mask = 0xf0)
EDIT(e_cache_overlap, p->parts[0].cache_mask = 0x3; p->parts[1].cache_mask = 0x6)
EDIT(e_cache_some, p->parts[0].cache_mask = 0x3)
EDIT(e_cache_ok, p->parts[0].cache_mask = 0x3; p->parts[1].cache_mask = 0xfc)
EDIT(e_chan_self, p->chans[0].peer = 1)
EDIT(e_chan_x, p->chans[0].perm = 7)
EDIT(e_chan_oneway, strcpy(p->chans[1].name, "other"))
EDIT(e_chan_size, p->chans[1].size = 0x20000)
EDIT(e_cap_unknown, p->caps[2].cap = 9)
EDIT(e_cap_target, p->caps[2].target = 2)
EDIT(e_cap_twice, p->caps[3].part = 1)
EDIT(e_ctl_self, p->caps[3].cap = PP_POL_CAP_CONTROL; p->caps[3].target = 2)
EDIT(e_ctl_ok, p->caps[3].cap = PP_POL_CAP_CONTROL; p->caps[3].target = 1)
EDIT(e_tpm_no_mmio, p->mmio[0].hpa = 0xfed50000)
EDIT(e_tpm_no_cap, p->caps[0].cap = PP_POL_CAP_FAULTLOG_READ)
EDIT(e_image_empty, p->parts[0].image[0] = 0)
EDIT(e_image_slash, strcpy(p->parts[0].image, "../app.elf"))
EDIT(e_entry_out, p->parts[0].entry = 0x4000000)
EDIT(e_entry_nx, p->ram[0].perm = 3)
EDIT(e_real_high, p->parts[0].mode = PP_POL_BOOT_REAL16)
EDIT(e_real_ok, p->parts[0].mode = PP_POL_BOOT_REAL16; p->parts[0].entry = 0xffff0)

static const struct vcase cases[] = {
    {"no partition", e_no_parts, PP_POL_STRUCTURE, "no partition"},
    {"table over capacity", e_too_many_ram, PP_POL_STRUCTURE, "65 ram ranges, at most 64"},
    {"duplicate id", e_dup_id, PP_POL_STRUCTURE, "share id 2"},
    {"duplicate name", e_dup_name, PP_POL_STRUCTURE, "two partitions named \"app\""},
    {"bad name", e_bad_name, PP_POL_STRUCTURE, "not [A-Za-z0-9._-]"},
    {"id 0", e_id_zero, PP_POL_STRUCTURE, "id 0 outside 1..16"},
    {"start mode", e_mode, PP_POL_STRUCTURE, "unknown start mode 4"},
    {"orphan record", e_orphan, PP_POL_STRUCTURE, "interrupt 0: no partition with id 9"},
    {"no permission", e_perm0, PP_POL_STRUCTURE, "permissions 0x0"},
    {"unknown permission", e_perm8, PP_POL_STRUCTURE, "permissions 0x8"},
    {"unknown ram flag", e_ramflags, PP_POL_STRUCTURE, "unknown flags 0x4"},
    {"hpa without fixed", e_hpa_not_fixed, PP_POL_STRUCTURE, "without the fixed flag"},
    {"executable mmio", e_mmio_x, PP_POL_STRUCTURE, "executable device memory"},
    {"cpu mode", e_cpu_mode, PP_POL_STRUCTURE, "cpu 2: unknown mode 0"},
    {"exclusive with slice", e_excl_slice, PP_POL_STRUCTURE, "exclusive with a time slice"},
    {"policy name", e_pol_name, PP_POL_STRUCTURE, "policy name empty"},
    {"no platform", e_platform, PP_POL_BINDING, "no platform binding"},
    {"platform space", e_platform_space, PP_POL_BINDING, "trailing space"},
    {"epoch 0", e_epoch0, PP_POL_BINDING, "epoch 0"},
    {"unaligned", e_unaligned, PP_POL_ALIGN, "not 4 KiB aligned"},
    {"size 0", e_size0, PP_POL_ALIGN, "mmio at gpa 0xfed40000: size 0"},
    {"wrap", e_wrap, PP_POL_ALIGN, "ram at hpa 0xfffffffffffff000 size 0x200000: ends past"},
    {"past 2^52", e_past52, PP_POL_ALIGN, "channel at gpa 0x10000000000000"},
    {"guest overlap", e_gpa_overlap, PP_POL_MEMORY, "guest-physical overlap"},
    {"mmio over ram", e_mmio_over_ram, PP_POL_MEMORY, "\"service\" mmio 0x40100000"},
    {"host overlap", e_hpa_overlap, PP_POL_MEMORY, "host-physical overlap"},
    {"lapic", e_lapic, PP_POL_FORBIDDEN, "LAPIC"},
    {"ioapic", e_ioapic, PP_POL_FORBIDDEN, "default IOAPIC"},
    {"txt space", e_txt, PP_POL_FORBIDDEN, "TXT private and public"},
    {"tpm locality 1", e_tpm_loc1, PP_POL_FORBIDDEN, "TPM localities 1-4"},
    {"pci config ports", e_cf8, PP_POL_FORBIDDEN, "0xcf8-0xcff"},
    {"device twice", e_dev_twice, PP_POL_DEVICE, "0000:00:03.0 assigned twice"},
    {"device split", e_dev_split, PP_POL_DEVICE, "functions 0 and 1"},
    {"dma without device", e_dma_nodev, PP_POL_DMA, "owns no device"},
    {"irq twice", e_irq_twice, PP_POL_IRQ, "interrupt 11 routed twice"},
    {"irq range", e_irq_range, PP_POL_IRQ, "interrupt 256 outside"},
    {"port overlap", e_port_overlap, PP_POL_IOPORT, "overlap"},
    {"console port", e_console_port, PP_POL_FORBIDDEN, "console UART 0x3f8-0x3ff"},
    {"port range", e_port_range, PP_POL_IOPORT, "outside 0..0xffff"},
    {"port count 0", e_port_count0, PP_POL_IOPORT, "count 0"},
    {"partition without cpu", e_no_cpu, PP_POL_CPU, "\"app\" has no CPU"},
    {"exclusive cpu twice", e_cpu_twice, PP_POL_CPU, "cpu 1: exclusive"},
    {"cpu listed twice", e_cpu_self_twice, PP_POL_CPU, "cpu 2 listed twice"},
    {"cpu range", e_cpu_range, PP_POL_CPU, "cpu 256 outside"},
    {"shared periods", e_shared_period, PP_POL_CPU, "one period per shared CPU"},
    {"shared sum", e_shared_sum, PP_POL_CPU, "12000 us, more than the period"},
    {"shared slice", e_shared_slice, PP_POL_CPU, "slice 50 us"},
    {"cache gap", e_cache_gap, PP_POL_CACHE, "0x5 is not contiguous"},
    {"cache overlap", e_cache_overlap, PP_POL_CACHE, "overlap"},
    {"cache some", e_cache_some, PP_POL_CACHE, "1 of 2 partitions"},
    {"channel to self", e_chan_self, PP_POL_CHANNEL, "not another partition"},
    {"channel executable", e_chan_x, PP_POL_CHANNEL, "executable"},
    {"channel one-way", e_chan_oneway, PP_POL_CHANNEL, "does not declare it back"},
    {"channel sizes", e_chan_size, PP_POL_CHANNEL, "size 0x10000 in \"service\""},
    {"unknown capability", e_cap_unknown, PP_POL_CAPABILITY, "unknown capability 9"},
    {"capability target", e_cap_target, PP_POL_CAPABILITY, "takes no target"},
    {"capability twice", e_cap_twice, PP_POL_CAPABILITY, "granted twice"},
    {"control self", e_ctl_self, PP_POL_CAPABILITY, "control of 2"},
    {"tpm cap, no mmio", e_tpm_no_mmio, PP_POL_CAPABILITY, "without locality 0 passed"},
    {"tpm mmio, no cap", e_tpm_no_cap, PP_POL_CAPABILITY, "without the TPM capability"},
    {"image empty", e_image_empty, PP_POL_IMAGE, "image name empty"},
    {"image path", e_image_slash, PP_POL_IMAGE, "image name"},
    {"entry outside", e_entry_out, PP_POL_IMAGE, "entry 0x4000000 is not in"},
    {"entry not executable", e_entry_nx, PP_POL_IMAGE, "executable RAM"},
    {"real mode high", e_real_high, PP_POL_IMAGE, "above 1 MiB"},
};

TEST(policy_validate_fixture_passes)
{
	struct pp_pol_error e;
	policy_fixture(&pol);
	CHECK_EQ(pp_policy_validate(&pol, &e), PP_OK);
	CHECK_EQ(e.rule, PP_POL_OK);
	void (*ok[])(struct pp_policy *) = {e_shared_ok, e_cache_ok, e_ctl_ok, e_real_ok};
	for (u32 i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		policy_fixture(&pol);
		ok[i](&pol);
		CHECK_EQ(pp_policy_validate(&pol, &e), PP_OK);
		if (e.rule)
			printf("  unexpected: %s\n", e.err.msg);
	}
}

TEST(policy_validate_every_rule)
{
	bool seen[PP_POL_RULE_COUNT] = {0};
	for (u32 i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pp_pol_error e = {PP_POL_OK, {0, ""}};
		policy_fixture(&pol);
		cases[i].edit(&pol);
		int rc = pp_policy_validate(&pol, &e);
		if (rc == PP_OK || e.rule != cases[i].rule || !strstr(e.err.msg, cases[i].msg)) {
			printf("  case \"%s\": rc %d rule %s msg \"%s\"\n", cases[i].name, rc,
			       pp_pol_rule_name(e.rule), e.err.msg);
			unit_fail(__FILE__, __LINE__, cases[i].name);
		}
		CHECK(rc < 0 && e.err.code == rc);
		seen[cases[i].rule] = true;
	}
	/* The model's rules: all but the machine-only ones (4 and 7). */
	for (u32 r = 1; r < PP_POL_RULE_COUNT; r++)
		if (r != PP_POL_HV_MEMORY && r != PP_POL_IOMMU && !seen[r])
			unit_fail(__FILE__, __LINE__, pp_pol_rule_name((enum pp_pol_rule)r));
}

TEST(policy_rule_names_distinct)
{
	for (u32 a = 0; a < PP_POL_RULE_COUNT; a++)
		for (u32 b = 0; b < a; b++)
			CHECK(strcmp(pp_pol_rule_name((enum pp_pol_rule)a),
				     pp_pol_rule_name((enum pp_pol_rule)b)) != 0);
	CHECK(strcmp(pp_pol_rule_name((enum pp_pol_rule)99), "unknown") == 0);
}

/* A machine the fixture fits: 4 CPUs, 4 GiB of RAM with a hole, the
 * hypervisor at 16 MiB, QEMU's IOAPIC and ECAM, device 00:03.0 behind unit 0. */
static void machine(struct pp_pol_machine *m)
{
	memset(m, 0, sizeof(*m));
	strcpy(m->platform, "QEMU:Q35");
	m->hv_version = 1;
	m->n_cpus = 4;
	m->n_gsis = 24;
	m->addr_bits = 40;
	m->n_iommus = 1;
	m->n_usable = 2;
	m->usable[0] = (struct pp_pol_range){0x100000, 0xaff00000};
	m->usable[1] = (struct pp_pol_range){0x100000000ull, 0x80000000ull};
	m->n_reserved = 1;
	m->reserved[0] = (struct pp_pol_range){0x1000000, 0x1000000};
	m->n_forbidden = 2;
	m->forbidden[0] = (struct pp_pol_range){0xb0000000, 0x10000000};
	m->forbidden[1] = (struct pp_pol_range){0xfed90000, 0x1000};
	m->n_devs = 2;
	m->devs[0] = (struct pp_pol_mdev){0, 0, 3 << 3, 0, 3 << 3, 0};
	m->devs[1] = (struct pp_pol_mdev){0, 0, 0x1f << 3, PP_POL_NO_IOMMU, 0x1f << 3, 0};
}

static void mcase(const char *name, void (*pe)(struct pp_policy *),
		  void (*me)(struct pp_pol_machine *), enum pp_pol_rule rule, const char *msg)
{
	struct pp_pol_error e = {PP_POL_OK, {0, ""}};
	policy_fixture(&pol);
	machine(&mach);
	if (pe)
		pe(&pol);
	if (me)
		me(&mach);
	REQUIRE(pp_policy_validate(&pol, &e) == PP_OK);
	int rc = pp_policy_validate_machine(&pol, &mach, &e);
	if (rc == PP_OK || e.rule != rule || !strstr(e.err.msg, msg)) {
		printf("  machine case \"%s\": rc %d rule %s msg \"%s\"\n", name, rc,
		       pp_pol_rule_name(e.rule), e.err.msg);
		unit_fail(__FILE__, __LINE__, name);
	}
}

#define MEDIT(n, ...)                                                                              \
	static void n(struct pp_pol_machine *m)                                                    \
	{                                                                                          \
		__VA_ARGS__;                                                                       \
	}
MEDIT(m_platform, strcpy(m->platform, "Other:Board"))
MEDIT(m_old_hv, m->hv_version = 0)
MEDIT(m_width0, m->addr_bits = 0)
MEDIT(m_width30, m->addr_bits = 31)
MEDIT(m_two_cpus, m->n_cpus = 2)
MEDIT(m_small, m->usable[0] = (struct pp_pol_range){0x80000000, 0x200000}; m->n_usable = 1)
MEDIT(m_fixed_hole, m->usable[0].size = 0x70000000)
MEDIT(m_mmio_ram, m->usable[1] = (struct pp_pol_range){0xfed00000, 0x100000})
MEDIT(m_hv, m->reserved[0] = (struct pp_pol_range){0x80100000, 0x1000})
MEDIT(m_forbidden, m->forbidden[1] = (struct pp_pol_range){0xfed40000, 0x1000})
MEDIT(m_no_dev, m->devs[0].devfn = 4 << 3)
MEDIT(m_no_iommu, m->devs[0].iommu = PP_POL_NO_IOMMU)
MEDIT(m_other_unit, m->n_iommus = 2; m->devs[0].iommu = 1)
MEDIT(m_sibling, m->n_devs = 3;
      m->devs[2] = (struct pp_pol_mdev){0, 0, (3 << 3) | 2, 0, (3 << 3) | 2, 0})
/* 00:05.0 requests as 00:03.0 (an IVRS alias): unassigned, it shares the
 * assigned device's requester ID */
MEDIT(m_alias_shared, m->n_devs = 3; m->devs[2] = (struct pp_pol_mdev){0, 0, 5 << 3, 0, 3 << 3, 0})
/* 00:03.0 requests as 00:1f.0 (a bridge no partition owns): allowed */
MEDIT(m_alias_bridge, m->devs[0].alias = 0x1f << 3)
MEDIT(m_gsis, m->n_gsis = 8)
MEDIT(m_no_cat, m->cat_bits = 0)
MEDIT(m_cat6, m->cat_bits = 6)

TEST(policy_validate_machine)
{
	struct pp_pol_error e;
	policy_fixture(&pol);
	machine(&mach);
	CHECK_EQ(pp_policy_validate_machine(&pol, &mach, &e), PP_OK);
	/* fixed RAM across two adjacent usable ranges is covered */
	mach.usable[0].size = 0x80000000 - 0x100000;
	mach.usable[2] = (struct pp_pol_range){0x80000000, 0x30000000};
	mach.n_usable = 3;
	CHECK_EQ(pp_policy_validate_machine(&pol, &mach, &e), PP_OK);

	mcase("platform", NULL, m_platform, PP_POL_BINDING, "this machine is \"Other:Board\"");
	mcase("hypervisor version", NULL, m_old_hv, PP_POL_BINDING, "hypervisor version 1");
	mcase("no width", NULL, m_width0, PP_POL_ALIGN, "address width 0");
	mcase("narrow", NULL, m_width30, PP_POL_ALIGN, "beyond this machine's 31 address bits");
	mcase("cpu absent", NULL, m_two_cpus, PP_POL_CPU, "cpu 2, this machine has 2");
	mcase("too little RAM", NULL, m_small, PP_POL_MEMORY, "need 0x5210000 bytes");
	mcase("fixed outside usable", NULL, m_fixed_hole, PP_POL_MEMORY, "not usable RAM");
	mcase("mmio over RAM", NULL, m_mmio_ram, PP_POL_MEMORY, "overlaps usable RAM");
	mcase("hypervisor memory", NULL, m_hv, PP_POL_HV_MEMORY, "hypervisor's memory");
	mcase("machine forbidden", NULL, m_forbidden, PP_POL_FORBIDDEN, "on this machine");
	mcase("device absent", NULL, m_no_dev, PP_POL_DEVICE, "not on this machine's bus");
	mcase("no iommu", NULL, m_no_iommu, PP_POL_IOMMU, "in no IOMMU unit's scope");
	mcase("other unit", NULL, m_other_unit, PP_POL_IOMMU, "behind IOMMU unit 1");
	mcase("sibling", NULL, m_sibling, PP_POL_DEVICE, "without its function 2");
	mcase("alias shared", NULL, m_alias_shared, PP_POL_DEVICE,
	      "requests as 00:03.0, which 0000:00:05.0 shares and no partition owns");
	machine(&mach);
	m_alias_bridge(&mach);
	CHECK_EQ(pp_policy_validate_machine(&pol, &mach, &e), PP_OK);
	mcase("gsi", NULL, m_gsis, PP_POL_IRQ, "interrupt 11, this machine's IOAPICs have 8");
	mcase("no cat", e_cache_ok, m_no_cat, PP_POL_CACHE, "allocation has 0 bits");
	mcase("cat width", e_cache_ok, m_cat6, PP_POL_CACHE, "0xfc");
}
