// SPDX-License-Identifier: GPL-2.0-only
/*
 * hv_main: bring-up order (docs/hypervisor.md):
 * console, BSP descriptor tables, handoff validation, CPU features, own page
 * tables, page allocator, CET (CET=1 builds), timer, ACPI + IOMMU/TPM
 * probes, measurements, the signed policy (verified and validated, or the
 * boot stops there), LAPIC + APs, the first SVM guest, summary, idle.
 */
#include <parapet/handoff.h>
#include <parapet/x86.h>
#include "hypervisor/arch/x86_64/cache_qos.h"
#include "hypervisor/arch/x86_64/cet_cpu.h"
#include "hypervisor/arch/x86_64/cpu.h"
#include "hypervisor/arch/x86_64/irq.h"
#include "hypervisor/arch/x86_64/lapic.h"
#include "hypervisor/arch/x86_64/lapic_timer.h"
#include "hypervisor/arch/x86_64/paging.h"
#include "hypervisor/arch/x86_64/percpu.h"
#include "hypervisor/arch/x86_64/smp.h"
#include "hypervisor/arch/x86_64/svm/first_guest.h"
#include "hypervisor/arch/x86_64/svm/svm.h"
#include "dma/dma.h"
#include "faultlog.h"
#include "partition.h"
#include "hypervisor/arch/x86_64/timer.h"
#include "build_id.h"
#include "console.h"
#include "memory.h"
#include "platform.h"
#include "fwlog.h"
#include "log_export.h"
#include "measure_report.h"
#include "policy_boot.h"
#include "tpm_dev.h"
#include "wallclock.h"

PP_NORETURN void hv_main(u64 handoff_phys);

extern const char boot_stack_guard[];

/* The BSP's IST1 stack: static, with a guard page below (unmapped once paging is ours). */
static u8 bsp_ist[(CPU_IST_PAGES + 1) * PP_PAGE_SIZE] __attribute__((aligned(4096)));

static const char *fw_name(u32 fw)
{
	return fw == PP_FW_UEFI ? "UEFI" : "BIOS";
}

static const char *yes(bool b)
{
	return b ? "yes" : "no";
}

static void bsp_descriptors(void)
{
	struct percpu *pc = &percpu[0];
	pc->cpu = 0;
	pc->ist1_top = (u64)(uintptr_t)(bsp_ist + sizeof(bsp_ist));
	gdt_init_cpu(pc);
	percpu_activate(pc);
	idt_init();
	idt_load();
}

static const struct pp_handoff *handoff_validate(u64 phys)
{
	struct pp_err err = {0, ""};
	/* Launch identity-maps 0-4 GiB: never read past it. */
	const u64 limit = 4ull << 30;
	if (!phys || phys >= limit - sizeof(struct pp_handoff))
		hv_panic("handoff: blob address 0x%llx outside the identity-mapped 4 GiB",
			 (unsigned long long)phys);
	size_t len = (size_t)PP_MIN((u64)PP_HANDOFF_MAX_SIZE, limit - phys);
	const struct pp_handoff *h = (const struct pp_handoff *)(uintptr_t)phys;
	if (pp_handoff_check(h, len, &err))
		hv_panic("%s", err.msg);
	return h;
}

static void handoff_report(const struct pp_handoff *h)
{
	hv_printf("hv: handoff v%u at 0x%llx (%u bytes), firmware %s, launch type %u\n", h->version,
		  (unsigned long long)(uintptr_t)h, h->total_size, fw_name(h->firmware),
		  h->launch_type);
	hv_printf("hv: command line: \"%s\"\n", pp_handoff_str(h, h->cmdline_off));
	hv_printf("hv: image 0x%llx-0x%llx entry 0x%llx, launch 0x%llx-0x%llx\n",
		  (unsigned long long)h->hv_base, (unsigned long long)(h->hv_base + h->hv_size - 1),
		  (unsigned long long)h->hv_entry, (unsigned long long)h->launch_base,
		  (unsigned long long)(h->launch_base + h->launch_size - 1));
	hv_printf("hv: memory map: %u entries\n", h->mmap_count);
	const struct pp_mem_range *m = pp_handoff_mmap(h);
	for (u32 i = 0; i < h->mmap_count; i++)
		hv_printf("hv: mem 0x%016llx-0x%016llx %s\n", (unsigned long long)m[i].base,
			  (unsigned long long)(m[i].base + m[i].length - 1),
			  pp_mem_type_name(m[i].type));
	const struct pp_module *mod = pp_handoff_modules(h);
	for (u32 i = 0; i < h->mod_count; i++)
		hv_printf("hv: module %u 0x%llx-0x%llx \"%s\"\n", i,
			  (unsigned long long)mod[i].base,
			  (unsigned long long)(mod[i].base + mod[i].length - 1),
			  pp_handoff_str(h, mod[i].cmdline_off));
	if (h->fw_log_size)
		hv_printf("hv: firmware event log 0x%llx (%llu bytes, format %u)\n",
			  (unsigned long long)h->fw_log_base, (unsigned long long)h->fw_log_size,
			  h->fw_log_format);
}

static void cpu_report(void)
{
	const struct cpu_features *f = &cpu_features;
	hv_printf("hv: cpu: %s, svm %s, npt %s, vmx %s, nx %s, 1g-pages %s, x2apic %s\n", f->vendor,
		  yes(f->svm), yes(f->npt), yes(f->vmx), yes(f->nx), yes(f->page1gb),
		  yes(f->x2apic));
	if (!svm_detect()) {
		hv_printf("hv: svm: not usable: %s\n", svm_caps.why);
		return;
	}
	const struct svm_caps *c = &svm_caps;
	hv_printf("hv: svm: revision %u, %u ASIDs, np %s, nrips %s, clean bits %s, "
		  "flush by asid %s, decode assists %s, %u-bit physical addresses\n",
		  c->revision, c->nasid, yes(c->np), yes(c->nrips), yes(c->clean_bits),
		  yes(c->flush_by_asid), yes(c->decode_assists), c->phys_bits);
}

static void paging_setup(const struct pp_handoff *h)
{
	struct pp_err err = {0, ""};
	if (paging_init(h, cpu_features.nx, cpu_features.page1gb, &err))
		hv_panic("%s", err.msg);
	if (paging_unmap_page((u64)(uintptr_t)boot_stack_guard, &err) ||
	    paging_unmap_page((u64)(uintptr_t)bsp_ist, &err))
		hv_panic("guard pages: %s", err.msg);
	hv_printf("hv: paging: identity map of 0-4 GiB and RAM below 0x%llx, cr3 0x%llx, "
		  "%u tables%s\n",
		  (unsigned long long)paging_info.mapped_end, (unsigned long long)paging_info.cr3,
		  paging_info.tables_used, paging_info.page1gb ? ", 1 GiB pages" : "");
	if (paging_info.clipped)
		hv_printf("hv: warning: RAM above 0x%llx is not mapped\n",
			  (unsigned long long)PAGING_MAP_LIMIT);
}

static bool need_x2apic(const struct acpi_info *a)
{
	for (u32 i = 0; i < a->cpu_count; i++)
		if (a->cpus[i].apic_id > 254)
			return true;
	return false;
}

static void smp_setup(void)
{
	struct pp_err err = {0, ""};
	const struct acpi_info *a = &platform.acpi;
	if (lapic_init(a->madt_present ? a->lapic_base : 0, need_x2apic(a), &err)) {
		hv_printf("hv: %s; BSP only\n", err.msg);
		return;
	}
	hv_printf("hv: lapic: %s at 0x%llx, BSP APIC ID %u\n", lapic_x2apic() ? "x2APIC" : "xAPIC",
		  (unsigned long long)lapic_base(), lapic_id());
	if (!a->madt_present) {
		percpu[0].apic_id = lapic_id();
		return;
	}
	smp_start_aps(a, &hv_palloc);
}

/* The host tick (docs/hypervisor.md, "Interrupts and the host tick"):
 * calibrated once here, proven by taking ticks on the BSP; each partition's
 * CPU starts it before it runs (partition_run.c), and a CPU whose tick
 * cannot start runs no partition. */
static void tick_setup(void)
{
	struct pp_err err = {0, ""};
	if (lapic_timer_calibrate(&err) || irq_selftest(&err)) {
		hv_printf("hv: host tick: %s\n", err.msg);
		return;
	}
	hv_printf("hv: host tick: %u Hz, %d ticks taken on the boot CPU\n", HV_TICK_HZ,
		  IRQ_SELFTEST_TICKS);
}

static void summary(void)
{
	hv_printf("summary: cpus online: %u\n",
		  __atomic_load_n(&smp_cpus_online, __ATOMIC_ACQUIRE));
	hv_printf("summary: memory usable: %llu MiB\n",
		  (unsigned long long)(hv_palloc.free_pages >> (20 - PP_PAGE_SHIFT)));
	if (!platform.iommu_count)
		hv_printf("summary: iommu: none\n");
	for (u32 i = 0; i < platform.iommu_count; i++)
		hv_printf("summary: iommu: %s at 0x%llx\n",
			  iommu_type_name(platform.iommus[i].type),
			  (unsigned long long)platform.iommus[i].base);
	if (platform.iommu_count)
		hv_printf(
		    "summary: dma: enforcing on %u of %u IOMMU unit(s), %u device(s) assigned\n",
		    dma_units_up(), platform.iommu_count, dma_devices_attached());
	/* "working" only after a command succeeded (tpm_dev.h) */
	if (hv_tpm_ready())
		hv_printf("summary: tpm: %s at 0x%llx\n", tpm_iface_name(platform.tpm.kind),
			  (unsigned long long)platform.tpm.base);
	else if (hv_tpm_failure())
		hv_printf("summary: tpm: failed: %s\n", hv_tpm_failure());
	else
		hv_printf("summary: tpm: none\n");
	hv_printf("parapet: ready\n");
}

/* Every partition that could start has (partition.h): a boot that reached
 * ready with all of them running confirms the policy (a trial slot becomes
 * the confirmed one, its epoch the rollback floor); then the summary. */
/* The partition the policy gives the TPM (`capability tpm`), or NULL. */
static const char *tpm_holder(void)
{
	for (u32 i = 0; i < hv_policy.n_caps; i++) {
		if (hv_policy.caps[i].cap != PP_POL_CAP_TPM)
			continue;
		for (u32 k = 0; k < hv_policy.n_parts; k++)
			if (hv_policy.parts[k].id == hv_policy.caps[i].part)
				return hv_policy.parts[k].name;
	}
	return NULL;
}

static void at_ready(u32 started, u32 total)
{
	if (started == total)
		policy_confirm();
	else
		hv_printf("policy: not confirmed: %u of %u partition(s) started\n", started, total);
	hv_tpm_handover(tpm_holder()); /* the hypervisor's last TPM use was the confirm */
	partitions_tpm_handover();     /* only now: the TPM pages into the partitions' NPTs */
	summary();
}

void hv_main(u64 handoff_phys)
{
	struct pp_err err = {0, ""};

	console_init();
	bsp_descriptors();
	hv_printf("hv: parapet hypervisor starting\n");
	build_id_report();
	const struct pp_handoff *h = handoff_validate(handoff_phys);
	measure_log_take(h); /* the DRTM log into .bss before anything else runs */
	handoff_report(h);
	cpu_detect();
	cache_qos_detect(); /* hardware-only: docs/cache-qos.md */
	cpu_report();
	paging_setup(h);
	if (memory_init(h, &err))
		hv_panic("%s", err.msg);
	if (!hv_palloc.free_pages)
		hv_panic("palloc: no usable memory left after exclusions");
	cet_start_bsp(&hv_palloc); /* CET=1 builds only (cet_cpu.h) */
	u64 khz = timer_init();
	if (khz)
		hv_printf("hv: tsc: %llu.%03llu MHz (calibrated against the PIT)\n",
			  (unsigned long long)(khz / 1000), (unsigned long long)(khz % 1000));
	else
		hv_printf("hv: tsc: calibration failed, PIT-only delays\n");
	wallclock_init(); /* the host's CMOS clock, once, before the other CPUs run */
	platform_discover(h);
	faultlog_init();
	dma_boot(h); /* docs/iommu.md: every device blocked from here on */
	dma_bench(h);
	/* firmware-log helper: open the TPM (locality 0) for PCR reads */
	if (hv_tpm_init(&platform.tpm, &platform.tpm_err, &err) && err.code != PP_ENOENT)
		hv_printf("hv: tpm: failed: %s\n", err.msg);
	fwlog_init(h); /* firmware-log helper: keep the firmware's event log */
	measure_report(h);
	policy_enforce(h); /* returns only with a verified, valid policy */
	smp_setup();
	tick_setup();
	svm_first_guest(&hv_palloc);	 /* docs/svm.md: on the BSP, before the summary */
	u32 built = partitions_build(h); /* docs/partitions.md, "At boot" */
	log_export(h); /* firmware-log helper: `export-logs` on the command line */
	if (built != hv_policy.n_parts)
		hv_printf("partitions: %u of %u built\n", built, hv_policy.n_parts);
	partitions_run(at_ready); /* returns only if the boot CPU runs no partition */
	cpu_halt_forever();
}
