// SPDX-License-Identifier: GPL-2.0-only
/*
 * The rules of a `boot linux64` partition (docs/policy.md "A linux64
 * partition"): an unmodified Linux bzImage started through the 64-bit boot
 * protocol (Documentation/arch/x86/boot.rst, "64-bit Boot Protocol") by
 * hypervisor/core/linux/ (docs/linux-partition.md). They add to the rules
 * every partition passes (this step runs last, so those have held):
 *
 *   names   (image) the partition's boot modules are `pd NAME` (the
 *           bzImage), `pd NAME-initrd` and `pd NAME-cmdline` (both
 *           optional), so NAME-cmdline must be a pd name (at most
 *           PP_PD_NAME_MAX characters, parapet/module_role.h) and no other
 *           partition may be called NAME-initrd or NAME-cmdline (its own
 *           image module would be this partition's initrd or command line)
 *   ram     (memory) exactly one range, at gpa 0, rwx, a multiple of 2 MiB
 *           in [64 MiB, 3 GiB]: the shape lnx_layout_plan lays out (the
 *           trampoline below 1 MiB, the tables, the kernel, the initrd; the
 *           identity map in 2 MiB pages; docs/linux-partition.md "The
 *           layout")
 *   entry   (image) load + 0x200 (boot.rst: the 64-bit entry is at offset
 *           0x200 of the protected-mode code) with load 2 MiB aligned (the
 *           kernel_alignment of x86-64 kernels, CONFIG_PHYSICAL_ALIGN) and
 *           at least 16 MiB (their pref_address; the tables and the
 *           trampoline sit below); inside the RAM by rule `image`
 *   cpu     (cpu-set) 1 to PP_POL_LINUX_MAX_CPUS (4) CPU lines, every one
 *           exclusive: one vCPU per line, in the policy's order (the first
 *           is vCPU 0, the bootstrap processor); the guest owns each of
 *           its cores' local APIC (writes filtered, docs/linux-partition.md
 *           "xAPIC writes"), which a time-shared core cannot give. Four:
 *           the hypervisor keeps each vCPU's state in a fixed array per
 *           partition (hv_part), and four is what QEMU TCG can still test
 *           beside the other partitions on a small host
 *   device  (device) at most one PCI endpoint: the guest's configuration
 *           space (hypervisor/core/linux/vpci.c) shows one assigned
 *           endpoint; its DMA reaches the partition's `dma yes` RAM, its
 *           MSIs the partition's core (docs/linux-partition.md, "An
 *           assigned NIC"), so only with one vCPU (MSI routing for SMP
 *           is planned); more devices are planned
 *   refused for now (planned, issue 13): channels, interrupts
 * MMIO (the TPM locality-0 page), I/O ports and capabilities are allowed.
 */
#include <parapet/module_role.h>
#include <parapet/policy.h>
#include <parapet/string.h>
#include "common/policy/pol_int.h"

#define LNX_MIB (1ull << 20)
#define LNX_RAM_ALIGN (2 * LNX_MIB)  /* 2 MiB pages of the identity map */
#define LNX_RAM_MIN (64 * LNX_MIB)   /* the kernel at 16 MiB + its init_size */
#define LNX_RAM_MAX (3072 * LNX_MIB) /* below the 32-bit MMIO hole */
#define LNX_LOAD_ALIGN (2 * LNX_MIB) /* kernel_alignment, boot.rst */
#define LNX_LOAD_MIN (16 * LNX_MIB)  /* pref_address of x86-64 kernels */
#define LNX_ENTRY_OFF 0x200ull	     /* boot.rst: 64-bit entry = load + 0x200 */
#define LNX_SUFFIX_MAX 8u	     /* strlen("-cmdline") */
#define LNX_NAME_MAX (PP_PD_NAME_MAX - LNX_SUFFIX_MAX)

static const char *const lnx_suffix[] = {"-initrd", "-cmdline"};

/* Names: NAME-cmdline is a pd name; no other partition is NAME-initrd or NAME-cmdline. */
static int lnx_names(const struct pp_policy *p, const struct pp_pol_part *a,
		     struct pp_pol_error *out)
{
	u32 n = (u32)strnlen(a->name, sizeof(a->name));
	char mod[PP_PD_NAME_MAX + 1]; /* NAME-cmdline: up to 32, longer than any partition name */
	if (n > LNX_NAME_MAX)
		return pol_fail(out, PP_POL_IMAGE, PP_ERANGE,
				"partition \"%s\": boot linux64: name of %u characters, at most "
				"%u (NAME-cmdline, its command line's pd module, is at most %u)",
				a->name, n, LNX_NAME_MAX, PP_PD_NAME_MAX);
	for (u32 s = 0; s < sizeof(lnx_suffix) / sizeof(lnx_suffix[0]); s++) {
		u32 k = (u32)strlen(lnx_suffix[s]);
		memcpy(mod, a->name, n);
		memcpy(mod + n, lnx_suffix[s], k + 1);
		for (u32 j = 0; j < p->n_parts; j++)
			if (strcmp(p->parts[j].name, mod) == 0)
				return pol_fail(out, PP_POL_IMAGE, PP_EINVAL,
						"partition \"%s\": boot linux64: another partition "
						"is named \"%s\", its %s module's pd name",
						a->name, mod, s ? "command-line" : "initrd");
	}
	return PP_OK;
}

/* RAM: one range at gpa 0, rwx, 2 MiB multiple in [64 MiB, 3 GiB]. */
static int lnx_ram(const struct pp_policy *p, const struct pp_pol_part *a, struct pp_pol_error *out)
{
	const struct pp_pol_ram *r = NULL;
	u32 n = 0;
	for (u32 i = 0; i < p->n_ram; i++)
		if (p->ram[i].part == a->id) {
			r = r ? r : &p->ram[i];
			n++;
		}
	if (n != 1)
		return pol_fail(out, PP_POL_MEMORY, PP_EINVAL,
				"partition \"%s\": boot linux64: %u ram ranges, exactly one (at "
				"gpa 0)",
				a->name, n);
	if (r->gpa != 0)
		return pol_fail(out, PP_POL_MEMORY, PP_EINVAL,
				"partition \"%s\": boot linux64: ram at gpa 0x%llx, not at gpa 0 "
				"(Linux needs RAM below 1 MiB)",
				a->name, (unsigned long long)r->gpa);
	if (r->size % LNX_RAM_ALIGN)
		return pol_fail(out, PP_POL_MEMORY, PP_EINVAL,
				"partition \"%s\": boot linux64: ram size 0x%llx is not a "
				"multiple of 2 MiB",
				a->name, (unsigned long long)r->size);
	if (r->size < LNX_RAM_MIN || r->size > LNX_RAM_MAX)
		return pol_fail(out, PP_POL_MEMORY, PP_ERANGE,
				"partition \"%s\": boot linux64: ram size %llu MiB outside [64 "
				"MiB, 3 GiB]",
				a->name, (unsigned long long)(r->size / LNX_MIB));
	if (r->perm != PP_POL_PERM_MASK)
		return pol_fail(out, PP_POL_MEMORY, PP_EINVAL,
				"partition \"%s\": boot linux64: ram permissions 0x%x, not rwx "
				"(the kernel writes and runs anywhere in its RAM)",
				a->name, r->perm);
	return PP_OK;
}

/*
 * Entry: load + 0x200, load 2 MiB aligned and >= 16 MiB. That it lies
 * inside the RAM (one range at gpa 0, executable) is pol_v_image's rule,
 * which has held when this step runs.
 */
static int lnx_entry(const struct pp_pol_part *a, struct pp_pol_error *out)
{
	if (a->entry % LNX_LOAD_ALIGN != LNX_ENTRY_OFF)
		return pol_fail(out, PP_POL_IMAGE, PP_EINVAL,
				"partition \"%s\": boot linux64: entry 0x%llx is not a 2 MiB "
				"aligned load address + 0x200",
				a->name, (unsigned long long)a->entry);
	if (a->entry < LNX_LOAD_MIN + LNX_ENTRY_OFF)
		return pol_fail(out, PP_POL_IMAGE, PP_ERANGE,
				"partition \"%s\": boot linux64: entry 0x%llx: load address "
				"0x%llx below 16 MiB",
				a->name, (unsigned long long)a->entry,
				(unsigned long long)(a->entry - LNX_ENTRY_OFF));
	return PP_OK;
}

static int lnx_cpu(const struct pp_policy *p, const struct pp_pol_part *a, struct pp_pol_error *out)
{
	u32 n = 0;
	for (u32 i = 0; i < p->n_cpus; i++) {
		const struct pp_pol_cpu *c = &p->cpus[i];
		if (c->part != a->id)
			continue;
		n++;
		if (c->mode != PP_POL_CPU_EXCLUSIVE)
			return pol_fail(out, PP_POL_CPU, PP_EINVAL,
					"partition \"%s\": boot linux64: cpu %u is shared, it must "
					"be exclusive (the guest owns its core's local APIC)",
					a->name, c->cpu);
	}
	if (n < 1 || n > PP_POL_LINUX_MAX_CPUS)
		return pol_fail(out, PP_POL_CPU, PP_EINVAL,
				"partition \"%s\": boot linux64: %u cpu lines, 1 to %u (one "
				"exclusive core per vCPU)",
				a->name, n, PP_POL_LINUX_MAX_CPUS);
	return PP_OK;
}

/* Devices: at most one (vpci serves one endpoint), and only with one vCPU. */
static int lnx_devices(const struct pp_policy *p, const struct pp_pol_part *a,
		       struct pp_pol_error *out)
{
	const struct pp_pol_dev *second = NULL;
	u32 n = 0;
	for (u32 i = 0; i < p->n_devs; i++)
		if (p->devs[i].part == a->id && ++n == 2)
			second = &p->devs[i];
	if (n > 1)
		return pol_fail(out, PP_POL_DEVICE, PP_ENOTSUP,
				"partition \"%s\": boot linux64: %u devices (the second "
				"%04x:%02x:%02x.%x), at most one: its PCI configuration space "
				"shows one endpoint (more are planned)",
				a->name, n, second->seg, second->bus, second->devfn >> 3,
				second->devfn & 7);
	u32 cpus = 0;
	for (u32 i = 0; n && i < p->n_cpus; i++)
		cpus += p->cpus[i].part == a->id;
	/* the device's interrupt table sends every vector to one core
	 * (hypervisor/core/dma/dma_linux.c), while an SMP guest places MSI
	 * vectors per CPU: the MSI-X trap that would route them is planned */
	if (n && cpus > 1)
		return pol_fail(out, PP_POL_DEVICE, PP_ENOTSUP,
				"partition \"%s\": boot linux64: a device with %u vCPUs: its "
				"MSIs reach vCPU 0's core only (MSI routing for SMP is planned)",
				a->name, cpus);
	return PP_OK;
}

/* Channels and interrupts: not yet for a Linux guest. */
static int lnx_planned(const struct pp_policy *p, const struct pp_pol_part *a,
		       struct pp_pol_error *out)
{
	for (u32 i = 0; i < p->n_chans; i++)
		if (p->chans[i].part == a->id)
			return pol_fail(out, PP_POL_CHANNEL, PP_ENOTSUP,
					"partition \"%s\": boot linux64: channel \"%s\": planned "
					"for Linux partitions, not supported yet",
					a->name, p->chans[i].name);
	for (u32 i = 0; i < p->n_irqs; i++)
		if (p->irqs[i].part == a->id)
			return pol_fail(out, PP_POL_IRQ, PP_ENOTSUP,
					"partition \"%s\": boot linux64: interrupt %u: planned "
					"for Linux partitions, not supported yet",
					a->name, p->irqs[i].gsi);
	return PP_OK;
}

int pol_v_linux(const struct pp_policy *p, struct pp_pol_error *out)
{
	for (u32 k = 0; k < p->n_parts; k++) {
		const struct pp_pol_part *a = &p->parts[k];
		int rc;
		if (a->mode != PP_POL_BOOT_LINUX64)
			continue;
		if ((rc = lnx_names(p, a, out)) || (rc = lnx_ram(p, a, out)) ||
		    (rc = lnx_entry(a, out)) || (rc = lnx_cpu(p, a, out)) ||
		    (rc = lnx_devices(p, a, out)) || (rc = lnx_planned(p, a, out)))
			return rc;
	}
	return PP_OK;
}
