// SPDX-License-Identifier: GPL-2.0-only
/*
 * A `boot linux64` partition (common/policy/validate_linux.c, docs/policy.md
 * "A linux64 partition"): the fixture plus a partition "linux" shaped as
 * policy/linux.pol's passes, so do the variants the rules allow (MMIO, the
 * TPM, I/O ports, capabilities, the RAM and name bounds); each rule is broken
 * by one edit and refused with its class and message. The mode survives the
 * binary and the source text, and policy/linux.pol itself passes.
 */
#include <stdio.h>
#include <parapet/policy.h>
#include "policy/compiler/compiler.h"
#include "policy_fixture.h"
#include "unit.h"

#define MIB (1ull << 20)

static struct pp_policy pol, again;
static char text[1u << 16], msg[256];
static u8 bin[1u << 16], bin2[1u << 16];

/* The fixture (service id 1, app id 2) plus "linux" (id 3): 256 MiB at gpa 0, CPU 3. */
static void linux_fixture(struct pp_policy *p)
{
	policy_fixture(p);
	p->parts[p->n_parts++] = (struct pp_pol_part){.id = 3,
						      .name = "linux",
						      .image = "linux-vmlinuz",
						      .entry = 0x1000200,
						      .mode = PP_POL_BOOT_LINUX64};
	p->ram[p->n_ram++] =
	    (struct pp_pol_ram){.part = 3, .perm = PP_POL_PERM_MASK, .gpa = 0, .size = 256 * MIB};
	p->cpus[p->n_cpus++] =
	    (struct pp_pol_cpu){.part = 3, .cpu = 3, .mode = PP_POL_CPU_EXCLUSIVE};
}

/* The linux partition's records (the fixture appends them last). */
#define LX(p) (&(p)->parts[(p)->n_parts - 1])
#define LX_RAM(p) (&(p)->ram[(p)->n_ram - 1])
#define LX_CPU(p) (&(p)->cpus[(p)->n_cpus - 1])

/* n more exclusive CPU lines for "linux", from CPU `first` on */
static void add_cpus(struct pp_policy *p, u32 first, u32 n)
{
	for (u32 i = 0; i < n; i++)
		p->cpus[p->n_cpus++] =
		    (struct pp_pol_cpu){.part = 3, .cpu = first + i, .mode = PP_POL_CPU_EXCLUSIVE};
}

#define EDIT(n, ...)                                                                               \
	static void n(struct pp_policy *p)                                                         \
	{                                                                                          \
		__VA_ARGS__;                                                                       \
	}

/* Allowed. */
EDIT(k_none, (void)p)
EDIT(k_mmio, p->mmio[p->n_mmio++] = (struct pp_pol_mmio){
		 .part = 3, .perm = 3, .hpa = 0xfebf0000, .gpa = 0xfebf0000, .size = 0x1000})
/* the TPM (item 4): locality 0 and the capability move from service to linux */
EDIT(k_tpm, p->mmio[0].part = 3; p->caps[0].part = 3)
EDIT(k_ioport, p->ports[p->n_ports++] = (struct pp_pol_port){.part = 3, .base = 0x2e8, .count = 8})
EDIT(k_caps, p->caps[p->n_caps++] = (struct pp_pol_cap_ent){.part = 3, .cap = PP_POL_CAP_CONSOLE};
     p->caps[p->n_caps++] = (struct pp_pol_cap_ent){
	 .part = 3, .cap = PP_POL_CAP_CONTROL, .target = 2})
EDIT(k_ram_min, LX_RAM(p)->size = 64 * MIB)
EDIT(k_ram_max, LX_RAM(p)->size = 3072 * MIB)
EDIT(k_ram_fixed, LX_RAM(p)->flags = PP_POL_RAM_FIXED; LX_RAM(p)->hpa = 0x100000000ull)
EDIT(k_entry_high, LX(p)->entry = 0x8000200)
EDIT(k_entry_last, LX(p)->entry = 256 * MIB - 2 * MIB + 0x200)
EDIT(k_name_24, strcpy(LX(p)->name, "abcdefghijklmnopqrstuvwx"))
/* a partition called linux-initrd is fine when no linux64 partition is "linux" */
EDIT(k_other_name, strcpy(LX(p)->name, "debian"); strcpy(p->parts[0].name, "linux-initrd"))
/* the rules only bind linux64: a long64 partition keeps its own */
/* SMP: up to four exclusive cores, one vCPU each */
EDIT(k_cpu_two, add_cpus(p, 4, 1))
EDIT(k_cpu_four, add_cpus(p, 4, 3))
EDIT(k_long64, LX(p)->mode = PP_POL_BOOT_LONG64; LX(p)->entry = 0x100040;
     LX_RAM(p)->size = 16 * MIB; p->n_cpus++;
     p->cpus[p->n_cpus - 1] = (struct pp_pol_cpu){
	 .part = 3, .cpu = 4, .mode = PP_POL_CPU_EXCLUSIVE})

/* Refused. */
EDIT(e_name_25, strcpy(LX(p)->name, "abcdefghijklmnopqrstuvwxy"))
EDIT(e_initrd_name, strcpy(p->parts[0].name, "linux-initrd"))
EDIT(e_cmdline_name, strcpy(p->parts[1].name, "linux-cmdline"))
EDIT(e_ram_two, p->ram[p->n_ram++] = (struct pp_pol_ram){
		    .part = 3, .perm = 3, .gpa = 0x40000000, .size = 0x200000})
EDIT(e_ram_gpa, LX_RAM(p)->gpa = 2 * MIB)
EDIT(e_ram_2m, LX_RAM(p)->size = 257 * MIB)
EDIT(e_ram_small, LX_RAM(p)->size = 62 * MIB)
EDIT(e_ram_big, LX_RAM(p)->size = 3074 * MIB)
EDIT(e_ram_rx, LX_RAM(p)->perm = PP_POL_R | PP_POL_X)
EDIT(e_entry_align, LX(p)->entry = 0x1100200)
EDIT(e_entry_off, LX(p)->entry = 0x1000000)
EDIT(e_entry_low, LX(p)->entry = 0xe00200)
EDIT(e_entry_zero, LX(p)->entry = 0x200)
EDIT(e_entry_out, LX(p)->entry = 0x10000200)
EDIT(e_cpu_five, add_cpus(p, 4, 4))
EDIT(e_cpu_second_shared, add_cpus(p, 4, 1); LX_CPU(p)->mode = PP_POL_CPU_SHARED;
     LX_CPU(p)->slice_us = 1000; LX_CPU(p)->period_us = 10000)
EDIT(e_cpu_shared, LX_CPU(p)->mode = PP_POL_CPU_SHARED; LX_CPU(p)->slice_us = 1000;
     LX_CPU(p)->period_us = 10000)
EDIT(e_channel,
     p->chans[p->n_chans++] =
	 (struct pp_pol_chan){
	     .part = 1, .peer = 3, .name = "lx", .perm = 3, .gpa = 0x90000000, .size = 0x1000};
     p->chans[p->n_chans++] = (struct pp_pol_chan){
	 .part = 3, .peer = 1, .name = "lx", .perm = 3, .gpa = 0x20000000, .size = 0x1000})
/* one device (item 5, the NIC), its RAM its DMA domain */
EDIT(k_device, p->devs[p->n_devs++] = (struct pp_pol_dev){.part = 3, .devfn = 4 << 3})
EDIT(k_device_dma, p->devs[p->n_devs++] = (struct pp_pol_dev){.part = 3, .devfn = 4 << 3};
     LX_RAM(p)->flags |= PP_POL_RAM_DMA)
EDIT(e_device_two, p->devs[p->n_devs++] = (struct pp_pol_dev){.part = 3, .devfn = 4 << 3};
     p->devs[p->n_devs++] = (struct pp_pol_dev){.part = 3, .devfn = 5 << 3})
EDIT(e_device_smp, p->devs[p->n_devs++] = (struct pp_pol_dev){.part = 3, .devfn = 4 << 3};
     add_cpus(p, 4, 1))
EDIT(e_irq, p->irqs[p->n_irqs++] = (struct pp_pol_irq){.part = 3, .gsi = 5})

struct lcase {
	const char *name;
	void (*edit)(struct pp_policy *p);
	enum pp_pol_rule rule; /* PP_POL_OK: must pass */
	const char *msg;
};

static const struct lcase cases[] = {
    {"plain", k_none, PP_POL_OK, NULL},
    {"mmio", k_mmio, PP_POL_OK, NULL},
    {"tpm", k_tpm, PP_POL_OK, NULL},
    {"ioport", k_ioport, PP_POL_OK, NULL},
    {"capabilities", k_caps, PP_POL_OK, NULL},
    {"64 MiB", k_ram_min, PP_POL_OK, NULL},
    {"3 GiB", k_ram_max, PP_POL_OK, NULL},
    {"fixed ram", k_ram_fixed, PP_POL_OK, NULL},
    {"entry 128 MiB", k_entry_high, PP_POL_OK, NULL},
    {"entry in the last 2 MiB", k_entry_last, PP_POL_OK, NULL},
    {"name of 24", k_name_24, PP_POL_OK, NULL},
    {"other linux-initrd", k_other_name, PP_POL_OK, NULL},
    {"two cpus", k_cpu_two, PP_POL_OK, NULL},
    {"four cpus", k_cpu_four, PP_POL_OK, NULL},
    {"long64", k_long64, PP_POL_OK, NULL},
    {"device", k_device, PP_POL_OK, NULL},
    {"device, dma yes", k_device_dma, PP_POL_OK, NULL},
    {"name of 25", e_name_25, PP_POL_IMAGE,
     "partition \"abcdefghijklmnopqrstuvwxy\": boot linux64: name of 25 characters, at most 24"},
    {"initrd name taken", e_initrd_name, PP_POL_IMAGE,
     "partition \"linux\": boot linux64: another partition is named \"linux-initrd\", its "
     "initrd module's pd name"},
    {"cmdline name taken", e_cmdline_name, PP_POL_IMAGE,
     "another partition is named \"linux-cmdline\", its command-line module's pd name"},
    {"two ram ranges", e_ram_two, PP_POL_MEMORY,
     "partition \"linux\": boot linux64: 2 ram ranges, exactly one (at gpa 0)"},
    {"ram not at 0", e_ram_gpa, PP_POL_MEMORY, "ram at gpa 0x200000, not at gpa 0"},
    {"ram not 2 MiB", e_ram_2m, PP_POL_MEMORY, "ram size 0x10100000 is not a multiple of 2 MiB"},
    {"ram 62 MiB", e_ram_small, PP_POL_MEMORY, "ram size 62 MiB outside [64 MiB, 3 GiB]"},
    {"ram 3 GiB + 2 MiB", e_ram_big, PP_POL_MEMORY, "ram size 3074 MiB outside [64 MiB, 3 GiB]"},
    {"ram r-x", e_ram_rx, PP_POL_MEMORY, "ram permissions 0x5, not rwx"},
    {"entry unaligned", e_entry_align, PP_POL_IMAGE,
     "entry 0x1100200 is not a 2 MiB aligned load address + 0x200"},
    {"entry at load", e_entry_off, PP_POL_IMAGE,
     "entry 0x1000000 is not a 2 MiB aligned load address + 0x200"},
    {"load 14 MiB", e_entry_low, PP_POL_IMAGE,
     "entry 0xe00200: load address 0xe00000 below 16 MiB"},
    {"load 0", e_entry_zero, PP_POL_IMAGE, "entry 0x200: load address 0x0 below 16 MiB"},
    {"entry past the ram", e_entry_out, PP_POL_IMAGE,
     "partition \"linux\": entry 0x10000200 is not in its executable RAM"},
    {"five cpus", e_cpu_five, PP_POL_CPU,
     "partition \"linux\": boot linux64: 5 cpu lines, 1 to 4 (one exclusive core per vCPU)"},
    {"second cpu shared", e_cpu_second_shared, PP_POL_CPU, "cpu 4 is shared, it must be exclusive"},
    {"shared cpu", e_cpu_shared, PP_POL_CPU, "cpu 3 is shared, it must be exclusive"},
    {"channel", e_channel, PP_POL_CHANNEL,
     "partition \"linux\": boot linux64: channel \"lx\": planned for Linux partitions"},
    {"two devices", e_device_two, PP_POL_DEVICE,
     "partition \"linux\": boot linux64: 2 devices (the second 0000:00:05.0), at most one: its "
     "PCI configuration space shows one endpoint (more are planned)"},
    {"device with two vCPUs", e_device_smp, PP_POL_DEVICE,
     "partition \"linux\": boot linux64: a device with 2 vCPUs: its MSIs reach vCPU 0's core "
     "only (MSI routing for SMP is planned)"},
    {"interrupt", e_irq, PP_POL_IRQ, "boot linux64: interrupt 5: planned for Linux partitions"},
};

TEST(policy_linux64_rules)
{
	for (u32 i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pp_pol_error e = {PP_POL_OK, {0, ""}};
		linux_fixture(&pol);
		cases[i].edit(&pol);
		int rc = pp_policy_validate(&pol, &e);
		bool good = cases[i].rule == PP_POL_OK
				? rc == PP_OK && e.rule == PP_POL_OK
				: rc < 0 && e.err.code == rc && e.rule == cases[i].rule &&
				      strstr(e.err.msg, cases[i].msg);
		if (!good) {
			printf("  case \"%s\": rc %d rule %s msg \"%s\"\n", cases[i].name, rc,
			       pp_pol_rule_name(e.rule), e.err.msg);
			unit_fail(__FILE__, __LINE__, cases[i].name);
		}
	}
}

/* Mode 3 is known now; 4 is the next unknown one, refused by rule structure. */
TEST(policy_linux64_mode_numbers)
{
	struct pp_pol_error e = {PP_POL_OK, {0, ""}};
	CHECK_EQ(PP_POL_BOOT_LINUX64, 3);
	linux_fixture(&pol);
	LX(&pol)->mode = 4;
	CHECK(pp_policy_validate(&pol, &e) == PP_EINVAL);
	CHECK(e.rule == PP_POL_STRUCTURE);
	CHECK(strstr(e.err.msg, "partition \"linux\": unknown start mode 4") != NULL);
}

/* Binary and text: the mode is written as 3, read back, spelled `boot linux64`. */
TEST(policy_linux64_round_trip)
{
	struct pp_err err = {0, ""};
	u32 len = 0, len2 = 0;
	size_t tlen = 0;
	linux_fixture(&pol);
	REQUIRE(pp_policy_write(&pol, bin, sizeof(bin), &len, &err) == PP_OK);
	REQUIRE(pp_policy_read(bin, len, &again, &err) == PP_OK);
	REQUIRE(again.n_parts == 3);
	CHECK(again.parts[2].id == 3 && again.parts[2].mode == PP_POL_BOOT_LINUX64);
	REQUIRE(pol_src_emit(&again, text, sizeof(text), &tlen, msg, sizeof(msg)) == 0);
	text[tlen] = 0;
	CHECK(strstr(text, "partition linux {\n    id 3\n    image \"linux-vmlinuz\"\n    entry "
			   "0x1000200\n    boot linux64\n") != NULL);
	REQUIRE(pol_src_parse("dump", text, tlen, &pol, msg, sizeof(msg)) == 0);
	REQUIRE(pp_policy_write(&pol, bin2, sizeof(bin2), &len2, &err) == PP_OK);
	CHECK(len2 == len && memcmp(bin, bin2, len) == 0);
}

/* policy/linux.pol: the appliance's three partitions and linux, valid. */
TEST(policy_linux64_shipped_policy)
{
	static char src[1u << 16];
	struct pp_pol_error e = {PP_POL_OK, {0, ""}};
	FILE *f = fopen("policy/linux.pol", "rb");
	REQUIRE(f);
	size_t n = fread(src, 1, sizeof(src), f);
	fclose(f);
	REQUIRE(n > 0 && n < sizeof(src));
	REQUIRE(pol_src_parse("linux.pol", src, n, &pol, msg, sizeof(msg)) == 0);
	CHECK(pp_policy_validate(&pol, &e) == PP_OK);
	CHECK(strcmp(pol.name, "linux") == 0 && pol.version == 1 && pol.epoch == 1);
	REQUIRE(pol.n_parts == 4 && pol.n_cpus == 4);
	const char *names[] = {"service", "work-a", "work-b", "linux"};
	for (u32 i = 0; i < 4; i++) {
		const struct pp_pol_part *a = pp_policy_part(&pol, i + 1);
		REQUIRE(a);
		CHECK(strcmp(a->name, names[i]) == 0);
		CHECK(pol.cpus[i].part == i + 1 && pol.cpus[i].cpu == i &&
		      pol.cpus[i].mode == PP_POL_CPU_EXCLUSIVE);
		CHECK(a->mode == (i == 3 ? PP_POL_BOOT_LINUX64 : PP_POL_BOOT_LONG64));
	}
	const struct pp_pol_part *lx = pp_policy_part(&pol, 4);
	CHECK(strcmp(lx->image, "linux-vmlinuz") == 0 && lx->entry == 0x1000200 &&
	      lx->cache_mask == 0);
	u32 nram = 0;
	for (u32 i = 0; i < pol.n_ram; i++)
		if (pol.ram[i].part == 4) {
			nram++;
			CHECK(pol.ram[i].gpa == 0 && pol.ram[i].size == 256 * MIB &&
			      pol.ram[i].perm == PP_POL_PERM_MASK && pol.ram[i].flags == 0);
		}
	CHECK_EQ(nram, 1);
	for (u32 i = 0; i < pol.n_caps; i++)
		CHECK(pol.caps[i].part != 4);
	for (u32 i = 0; i < pol.n_mmio; i++)
		CHECK(pol.mmio[i].part != 4);
}
