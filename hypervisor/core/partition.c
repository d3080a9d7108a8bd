// SPDX-License-Identifier: GPL-2.0-only
/*
 * Partitions from the policy (partition.h). Per partition, in order, each
 * step stopping that partition (not the boot) on failure:
 *   1. its CPU: the policy's exclusive core (MADT index);
 *   2. its image: the boot module `pd NAME`, the secure loader's measured
 *      copy (PCR 19), read in place;
 *   3. the memory plan (part/plan.c), the NPT (part/npt.c, the lock-free
 *      engine with hv_palloc tables), the image loaded into its RAM
 *      (part/image.c), the long64 boot state (part/boot.c);
 *   4. its capability table (cap.c) and hypercall environment;
 *   5. I/O and MSR permission maps (every MSR intercepted; the policy's
 *      port ranges opened, every other port intercepted) and the VMCB,
 *      checked against the VMRUN consistency rules (svm/check.c), all
 *      behind the virtual-CPU seam (virt.h).
 * ASID = partition index + 2 (ASID 1 is the first guest's).
 */
#include <parapet/fmt.h>
#include <parapet/string.h>
#include "hypervisor/arch/x86_64/cpu.h"
#include "hypervisor/arch/x86_64/cache_qos.h"
#include "hypervisor/arch/x86_64/lapic.h"
#include "hypervisor/arch/x86_64/percpu.h"
#include "hypervisor/arch/x86_64/virt.h"
#include "hypervisor/lib/pt/fmt_npt.h"
#include "cap.h"
#include "console.h"
#include "faultlog.h"
#include "memory.h"
#include "part/boot.h"
#include "part/image.h"
#include "part/npt.h"
#include "part/tpm_hold.h"
#include "partition.h"
#include "partition_int.h"
#include "partition_log.h"
#include "partition_mem.h"
#include "platform.h"
#include "policy_boot.h"
#include "pt_palloc.h"

struct hv_part hv_parts[PP_POL_MAX_PARTS];
u32 hv_nparts;
static struct part_chans chans;

static void *va(hpa_t a)
{
	return (void *)(uintptr_t)hpa_val(a);
}

static void console_out(void *ctx, const char *s, u32 len)
{
	const struct hv_part *p = ctx;
	hv_printf("%s: %.*s\n", p->pp->name, (int)len, s);
}

static int hc_read(void *ctx, u64 gpa, void *out, u32 len)
{
	const struct hv_part *p = ctx;
	return part_mem_read((void *)&p->plan, gpa, out, len);
}

/* PP_HC_LOG_MAP (docs/hypercalls.md): each log once per partition, so a
 * partition cannot make the hypervisor allocate table pages without end. */
static long map_log(void *ctx, u64 which, u64 gpa, u64 *len)
{
	struct hv_part *p = ctx;
	if (which > PP_HC_LOG_LAST)
		return PP_HC_EINVAL;
	if (p->log_mapped[which])
		return PP_HC_ESTATE;
	const bool live = which == PP_HC_LOG_FAULT || which == PP_HC_LOG_FAULT_SUMMARY;
	/* its TPM pages are not in its NPT before the handover, yet still its
	 * (part/tpm_hold.h): refused as any overlap with its memory is */
	if (part_plan_held_overlaps(&p->plan, gpa, live ? PP_PAGE_SIZE : partition_log_span(which)))
		return PP_HC_EINVAL;
	long st;
	if (live) {
		/* live pages (docs/iommu-faults.md): its own fault log, or the
		 * machine's summary; read-only, the hypervisor keeps writing */
		const u8 *pg =
		    which == PP_HC_LOG_FAULT ? faultlog_page(p->idx) : faultlog_summary_page();
		struct pp_err e;
		st = pt_map(&p->npt, gpa, (u64)(uintptr_t)pg, PP_PAGE_SIZE, PT_PERM_R, &e)
			 ? PP_HC_EINVAL
			 : PP_HC_OK;
		*len = PP_PAGE_SIZE;
	} else {
		st = partition_log_map(&p->npt, which, gpa, len);
	}
	if (st == PP_HC_OK) {
		p->log_mapped[which] = true;
		p->log_gpa[which] = gpa;
		p->log_len[which] = *len;
		p->hc.tlb_flush = true;
	}
	return st;
}

/* Its CPU: exclusive, or time-shared with its slice of the period. One
 * vCPU per partition: the first CPU line is its (the validator lets no
 * partition list a CPU twice; more vCPUs per partition: planned). */
static int find_cpu(struct hv_part *p, struct pp_err *err)
{
	for (u32 i = 0; i < hv_policy.n_cpus; i++) {
		const struct pp_pol_cpu *c = &hv_policy.cpus[i];
		if (c->part != p->pp->id)
			continue;
		if (c->mode == PP_POL_CPU_SHARED) {
			p->slice_us = c->slice_us;
			p->period_us = c->period_us;
		} else if (c->mode != PP_POL_CPU_EXCLUSIVE) {
			return pp_fail(err, PP_EINVAL, "cpu %u: unknown mode %u", c->cpu, c->mode);
		}
		return (int)c->cpu;
	}
	return pp_fail(err, PP_ENOENT, "no cpu in the policy");
}

/* The measured boot module `pd NAME`. */
const struct pp_module *part_find_module(const struct pp_handoff *h, const char *name)
{
	const struct pp_module *mod = pp_handoff_modules(h);
	size_t nl = strlen(name);
	for (u32 i = 0; i < h->mod_count; i++) {
		const char *s = pp_handoff_str(h, mod[i].cmdline_off);
		if (mod[i].cmdline_len == 3 + nl && !memcmp(s, "pd ", 3) &&
		    !memcmp(s + 3, name, nl))
			return &mod[i];
	}
	return NULL;
}

/* Open the policy's port ranges of this partition (every other port and
 * every MSR stays intercepted). */
static void open_ports(struct hv_part *p)
{
	for (u32 i = 0; i < hv_policy.n_ports; i++) {
		const struct pp_pol_port *r = &hv_policy.ports[i];
		if (r->part == p->pp->id)
			virt_open_ports(&p->pages, r->base, r->count);
	}
}

static int boot_madt = -1; /* the boot CPU's MADT index (partitions_build runs there) */

static long dev_info(void *ctx, u64 index, u64 bar, u64 *bdf, u64 *base, u64 *size)
{
	return dma_dev_info(ctx, index, bar, bdf, base, size);
}

static long dev_irq(void *ctx, u64 index, u32 vector, bool on)
{
	return dma_dev_irq(ctx, index, vector, on);
}

/* A fresh vCPU from the boot state (virt.h: checked against the entry
 * rules), registers zero, no request pending. */
static int vcpu_setup(struct hv_part *p, struct pp_err *err)
{
	const struct virt_part vp = {.name = p->pp->name,
				     .npt_root = p->npt.root,
				     .asid = p->idx + 2,
				     .boot = &p->boot,
				     .hc = &p->hc,
				     .signal_vector = PP_HC_SIGNAL_VECTOR,
				     .started = part_started,
				     /* the boot CPU drains the IOMMUs' fault records */
				     .after_intr =
					 (int)p->cpu == boot_madt ? part_after_intr : NULL,
				     .npf_hook = part_npf_tpm, /* its TPM pages (part/tpm_hold.h) */
				     .ctx = p,
				     .lnx = p->lnx};
	return virt_vcpu_init(&p->vcpu, &p->pages, &vp, err);
}

/* Image and boot state into the plan's RAM (zeroed by the allocator at
 * build, by part_reset before a restart). */
static int load(struct hv_part *p, struct part_image_info *info, struct pp_err *err)
{
	const struct pp_module *m = p->image;
	if (p->pp->mode == PP_POL_BOOT_LINUX64)
		return part_linux_load(p, info, err);
	int rc = part_image_load(&p->plan, p->pp, (const u8 *)(uintptr_t)m->base, m->length,
				 part_mem_ptr, &p->plan, info, err);
	if (!rc)
		rc = part_boot_build(&p->plan, p->pp, part_mem_ptr, &p->plan, &p->boot, err);
	return rc;
}

int part_reset(struct hv_part *p, struct pp_err *err)
{
	struct part_image_info info;
	for (u32 w = 0; w <= PP_HC_LOG_LAST; w++) {
		if (!p->log_mapped[w])
			continue;
		u64 len = (p->log_len[w] + PP_PAGE_SIZE - 1) & ~(u64)(PP_PAGE_SIZE - 1);
		int rc = pt_unmap(&p->npt, p->log_gpa[w], len, err);
		if (rc)
			return rc;
		p->log_mapped[w] = false;
	}
	for (u32 i = 0; i < p->plan.n; i++) {
		const struct part_region *r = &p->plan.r[i];
		if (r->kind == PART_REG_RAM)
			memset(va(r->hpa), 0, r->size);
	}
	int rc = load(p, &info, err);
	if (!rc && p->lnx)
		rc = part_linux_pci(p, err); /* lnx_vm_init cleared it */
	if (!rc)
		rc = vcpu_setup(p, err); /* the first VMRUN flushes its ASID's TLB */
	return rc;
}

static int build_one(const struct pp_handoff *h, struct hv_part *p, u32 idx, struct pp_err *err)
{
	struct pt_mem mem;
	struct part_image_info info;
	int cpu = find_cpu(p, err);
	if (cpu < 0)
		return cpu;
	p->cpu = (u32)cpu;
	p->image = part_find_module(h, p->pp->name);
	if (!p->image)
		return pp_fail(err, PP_ENOENT, "no boot module `pd %s`", p->pp->name);
	int rc = part_plan_build(&hv_policy, p->pp->id, &part_palloc, &chans, &p->plan, err);
	if (rc)
		return rc;
	pt_palloc_mem(&mem);
	u32 leaves = PT_LEAF_4K | PT_LEAF_2M | (cpu_features.page1gb ? PT_LEAF_1G : 0);
	rc = part_npt_build(&p->plan, &mem, leaves, &p->npt, err);
	if (!rc && p->pp->mode == PP_POL_BOOT_LINUX64)
		rc = part_linux_find(h, p, err);
	if (!rc && p->pp->mode == PP_POL_BOOT_LINUX64)
		rc = part_linux_map(p, err);
	/* before the load: a Linux partition's DSDT describes its device's BARs */
	if (!rc)
		rc = dma_part_build(p, err); /* its devices' BARs into the NPT, its DMA domain */
	if (!rc)
		rc = load(p, &info, err);
	if (!rc)
		rc = hv_cap_build(&hv_policy, p->pp->id, &p->caps, err);
	if (!rc && p->lnx)
		rc = part_linux_pci(p, err); /* its device's configuration space (vpci) */
	if (rc)
		return rc;
	rc = virt_alloc(&p->pages, &hv_palloc, PART_MEM_LIMIT, err);
	if (rc)
		return rc;
	open_ports(p);
	if (p->lnx)
		part_linux_open_msrs(p);
	if (p->lnx)
		rc = part_lsmp_alloc(p, err); /* its other vCPUs' VMCBs */
	if (rc)
		return rc;
	p->hc = (struct hv_hc_env){.caps = &p->caps,
				   .read = hc_read,
				   .console = console_out,
				   .ctx = p,
				   .map_log = map_log,
				   .control = part_hc_control,
				   .signal = part_hc_signal,
				   .dev_info = dev_info,
				   .dev_irq = dev_irq};
	rc = vcpu_setup(p, err);
	if (!rc)
		rc = dma_part_attach(p, err); /* its devices into its domain, then bus mastering */
	if (rc)
		return rc;
	char slice[48] = "";
	if (p->period_us)
		pp_snprintf(slice, sizeof(slice), " (slice %u of %u us)", p->slice_us,
			    p->period_us);
	hv_printf("partition %s: built: cpu %u%s, %u region(s), image %s at 0x%llx (%llu bytes), "
		  "entry 0x%llx, %u capabilities, asid %u\n",
		  p->pp->name, p->cpu, slice, p->plan.n,
		  info.kind == PART_IMAGE_ELF	    ? "elf"
		  : info.kind == PART_IMAGE_BZIMAGE ? "bzimage"
						    : "flat",
		  (unsigned long long)gpa_val(info.lo), (unsigned long long)info.span,
		  (unsigned long long)p->boot.rip, p->caps.n, idx + 2);
	return PP_OK;
}

int part_this_madt_index(void)
{
	u32 apic = lapic_id();
	for (u32 i = 0; i < platform.acpi.cpu_count; i++)
		if (platform.acpi.cpus[i].apic_id == apic)
			return (int)i;
	return -1;
}

/* Is MADT CPU `cpu` online (the boot CPU, or an AP in its idle loop)? */
static bool cpu_online(u32 cpu, u32 *apic)
{
	if (cpu >= platform.acpi.cpu_count)
		return false;
	*apic = platform.acpi.cpus[cpu].apic_id;
	for (u32 s = 0; s < HV_MAX_CPUS; s++)
		if (percpu[s].apic_id == *apic &&
		    __atomic_load_n(&percpu[s].online, __ATOMIC_ACQUIRE))
			return true;
	return false;
}

/* A Linux partition's other vCPUs: each core online and prepared, each
 * AP waiting for a SIPI (partition_lsmp.c). */
static int aps_prepare(struct hv_part *p, struct pp_err *err)
{
	for (u32 i = 1; i < p->lnx_ncpu; i++) {
		struct hv_lnx_ap *ap = &p->lnx_ap[i - 1];
		u32 apic;
		if (!cpu_online(ap->cpu, &apic))
			return pp_fail(err, PP_ENOENT, "cpu %u (vCPU %u) is not online", ap->cpu,
				       i);
		int rc = virt_prepare_cpu(apic, &hv_palloc, err);
		if (rc)
			return rc;
	}
	for (u32 i = 1; i < p->lnx_ncpu; i++)
		__atomic_store_n(&p->lnx_ap[i - 1].state, LSMP_WAIT, __ATOMIC_RELEASE);
	return PP_OK;
}

u32 partitions_build(const struct pp_handoff *h)
{
	u32 built = 0;
	struct pp_err err = {0, ""};
	part_chans_init(&chans);
	boot_madt = part_this_madt_index();
	for (u32 i = 0; i < hv_policy.n_parts && i < PP_POL_MAX_PARTS; i++)
		faultlog_bind(i, hv_policy.parts[i].id);
	hv_nparts = hv_policy.n_parts < PP_POL_MAX_PARTS ? hv_policy.n_parts : PP_POL_MAX_PARTS;
	const char *why = virt_unusable();
	if (why) {
		hv_printf("partitions: none started: %s\n", why);
		return 0;
	}
	if (virt_enable_cpu(&hv_palloc, &err)) {
		hv_printf("partitions: none started: %s\n", err.msg);
		return 0;
	}
	if (cache_qos_setup(&hv_policy, &err)) { /* hardware-only: docs/cache-qos.md */
		hv_printf("partitions: none started: %s\n", err.msg);
		return 0;
	}
	partition_logs_snapshot();
	for (u32 i = 0; i < hv_nparts; i++) {
		struct hv_part *p = &hv_parts[i];
		memset(p, 0, sizeof(*p));
		p->pp = &hv_policy.parts[i];
		p->idx = i;
		if (build_one(h, p, i, &err)) {
			hv_printf("partition %s: not started: %s\n", p->pp->name, err.msg);
			continue;
		}
		built++;
		if (!cpu_online(p->cpu, &p->apic)) {
			hv_printf("partition %s: not started: cpu %u is not online\n", p->pp->name,
				  p->cpu);
			continue;
		}
		if (virt_prepare_cpu(p->apic, &hv_palloc, &err)) {
			hv_printf("partition %s: not started: %s\n", p->pp->name, err.msg);
			continue;
		}
		if (p->lnx && aps_prepare(p, &err)) {
			hv_printf("partition %s: not started: %s\n", p->pp->name, err.msg);
			continue;
		}
		__atomic_store_n(&p->state, PART_READY, __ATOMIC_RELEASE);
	}
	return built;
}
