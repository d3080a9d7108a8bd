// SPDX-License-Identifier: GPL-2.0-only
/*
 * A `boot linux64` partition (docs/linux-partition.md, "In a partition"):
 * its boot modules, its RAM loaded by core/linux/load.c, its platform
 * state (core/linux/lvm.c), the read-only xAPIC page in its NPT and the
 * MSRs its guest reaches without an exit.
 *
 * Modules: the kernel is `pd NAME` like every partition's image; the
 * initramfs `pd NAME-initrd` and the command line `pd NAME-cmdline` are
 * optional. All three are measured into PCR 19 by the secure loader and
 * named in its module manifest (docs/measurements.md). The hypervisor
 * appends one argument of its own, `tsc_early_khz=` its TSC calibration
 * (Linux cannot calibrate without a PIT or HPET: linux-guest.md 1.4): not
 * measured, it is the machine's, like PCR 20's inputs.
 */
#include <parapet/fmt.h>
#include <parapet/sha2.h>
#include <parapet/string.h>
#include "hypervisor/arch/x86_64/lapic.h"
#include "hypervisor/arch/x86_64/svm/svm.h"
#include "hypervisor/arch/x86_64/timer.h"
#include "hypervisor/core/dma/dma.h"
#include "hypervisor/core/linux/load.h"
#include "hypervisor/core/linux/lvm.h"
#include "hypervisor/core/linux/vmsr.h"
#include "console.h"
#include "partition_int.h"
#include "partition_log.h"
#include "partition_mem.h"
#include "platform.h"
#include "policy_boot.h"

#define XAPIC_GPA 0xFEE00000ull /* the MADT's local APIC address (vacpi.h) */

static struct lnx_vm vms[PP_POL_MAX_PARTS];

/* Does the policy give p the TPM's locality-0 page at its own address? */
static bool owns_tpm(const struct hv_part *p)
{
	for (u32 i = 0; i < hv_policy.n_mmio; i++) {
		const struct pp_pol_mmio *m = &hv_policy.mmio[i];
		if (m->part == p->pp->id && m->gpa == VACPI_TPM_BASE && m->hpa == VACPI_TPM_BASE)
			return true;
	}
	return false;
}

/*
 * The DRTM event log's read-only copy (partition_log.c) at the top of its
 * RAM, where the TPM2 table's LASA points (linux-guest.md §2: the kernel
 * then shows it as securityfs binary_bios_measurements): the RAM's pages
 * there are unmapped from its NPT and the copy's pages mapped read-only in
 * their place, once (a restart keeps the mapping).
 */
static int map_evlog(struct hv_part *p, u64 gpa, u64 size, struct pp_err *err)
{
	u64 len = 0;
	if (p->lnx_evlog_mapped)
		return PP_OK;
	int rc = pt_unmap(&p->npt, gpa, size, err);
	if (rc)
		return rc;
	long st = partition_log_map(&p->npt, PP_HC_LOG_DRTM, gpa, &len);
	if (st != PP_HC_OK)
		return pp_fail(err, PP_ERANGE,
			       "the DRTM log copy could not be mapped at 0x%llx (%ld)",
			       (unsigned long long)gpa, st);
	p->lnx_evlog_mapped = true;
	return PP_OK;
}

static u8 *ptr(void *ctx, u64 g, u64 len)
{
	return part_mem_ptr(ctx, gpa(g), len);
}

int part_linux_find(const struct pp_handoff *h, struct hv_part *p, struct pp_err *err)
{
	char name[PP_POL_NAME_MAX + 16];
	if (lapic_x2apic())
		return pp_fail(err, PP_ENOTSUP,
			       "the local APIC is in x2APIC mode: a Linux partition needs the "
			       "xAPIC page (x2APIC passthrough is planned)");
	if (p->plan.n < 1 || p->plan.r[0].kind != PART_REG_RAM || gpa_val(p->plan.r[0].gpa))
		return pp_fail(err, PP_EINVAL, "its RAM must start at gpa 0 (lnx_layout_plan)");
	pp_snprintf(name, sizeof(name), "%s-initrd", p->pp->name);
	p->initrd = part_find_module(h, name);
	pp_snprintf(name, sizeof(name), "%s-cmdline", p->pp->name);
	p->cmdline = part_find_module(h, name);
	p->lnx = &vms[p->idx];
	return part_lsmp_find(p, err); /* its other vCPUs' cores (partition_lsmp.c) */
}

int part_linux_load(struct hv_part *p, struct part_image_info *info, struct pp_err *err)
{
	const struct pp_module *k = p->image, *i = p->initrd, *c = p->cmdline;
	u32 apic[PP_POL_LINUX_MAX_CPUS] = {platform.acpi.cpus[p->cpu].apic_id};
	const u32 khz = (u32)timer_tsc_khz();
	char extra[48];
	struct lnx_load_out out;
	const bool tpm = owns_tpm(p);
	struct vpci_cfg pci;
	u32 log_len = 0;
	const u8 *log = tpm ? partition_log_bytes(PP_HC_LOG_DRTM, &log_len) : NULL;
	if (!khz)
		return pp_fail(err, PP_ENOTSUP, "no TSC calibration for tsc_early_khz");
	for (u32 v = 1; v < p->lnx_ncpu; v++)
		apic[v] = p->lnx_ap[v - 1].apic; /* vCPU v: the MADT's entry v */
	/* its device's view, as part_linux_pci gives it to vpci: the DSDT's
	 * root bridge gets a window per BAR (dma_part_build ran before) */
	if (p->dma.n) {
		int rc = dma_linux_vpci(p, &pci, err);
		if (rc)
			return rc;
	}
	int rc = lnx_vm_init(p->lnx, p->pp->name, p->lnx_ncpu, apic, khz, (u8)svm_caps.phys_bits,
			     part_lsmp_sibling, p, err);
	if (rc)
		return rc;
	pp_snprintf(extra, sizeof(extra), "tsc_early_khz=%u", khz);
	const struct lnx_load_in in = {
	    .kernel = (const u8 *)(uintptr_t)k->base,
	    .kernel_len = k->length,
	    .initrd = i ? (const u8 *)(uintptr_t)i->base : NULL,
	    .initrd_len = i ? i->length : 0,
	    .cmdline = c ? (const u8 *)(uintptr_t)c->base : NULL,
	    .cmdline_len = c ? c->length : 0,
	    .extra = extra,
	    .ram_size = p->plan.r[0].size,
	    .entry = p->pp->entry,
	    .cpu_count = p->lnx_ncpu,
	    .apic_ids = apic,
	    .tpm = tpm,
	    .evlog_size = PP_ALIGN_UP((u64)log_len, PP_PAGE_SIZE),
	    .evlog_len = log_len,
	    .pci = p->dma.n ? &pci : NULL,
	};
	rc = lnx_load(&in, ptr, &p->plan, &out, &p->boot, err);
	if (!rc && log_len)
		rc = map_evlog(p, out.l.evlog, out.l.evlog_size, err);
	if (rc)
		return rc;
	info->kind = PART_IMAGE_BZIMAGE;
	info->nseg = 1;
	info->lo = gpa(out.l.kernel_load);
	info->span = out.l.kernel_end - out.l.kernel_load;
	info->entry = out.l.rip;
	hv_printf("partition %s: linux: kernel %llu bytes (protocol %u.%02u) at 0x%llx, initramfs "
		  "%llu bytes at 0x%llx, command line %llu bytes, RAM %llu MiB%s%s\n",
		  p->pp->name, (unsigned long long)k->length, out.bz.version >> 8,
		  out.bz.version & 0xff, (unsigned long long)out.l.kernel_load,
		  (unsigned long long)in.initrd_len, (unsigned long long)out.l.initrd,
		  (unsigned long long)out.cmdline_len, (unsigned long long)(in.ram_size >> 20),
		  tpm ? ", TPM page and TPM2 table" : "", in.pci ? ", PCI root bridge" : "");
	if (log_len) {
		u8 d[PP_SHA256_DIGEST_SIZE];
		char hex[2 * PP_SHA256_DIGEST_SIZE + 1];
		pp_sha256(log, log_len, d);
		for (u32 b = 0; b < PP_SHA256_DIGEST_SIZE; b++)
			pp_snprintf(hex + 2 * (size_t)b, 3, "%02x", d[b]);
		hv_printf("partition %s: linux: the DRTM log (%u bytes, sha256 %s) read-only at "
			  "0x%llx (TPM2 LASA)\n",
			  p->pp->name, log_len, hex, (unsigned long long)out.l.evlog);
	}
	return PP_OK;
}

int part_linux_pci(struct hv_part *p, struct pp_err *err)
{
	struct vpci_cfg cfg;
	if (!p->dma.n)
		return PP_OK; /* no device: 0xCF8-0xCFF stay vports' (all ones) */
	int rc = dma_linux_vpci(p, &cfg, err);
	if (!rc)
		rc = lnx_vm_pci_init(p->lnx, &cfg, err);
	if (rc) {
		dma_linux_unhold(p);
		return rc;
	}
	if (cfg.msi_remap) { /* VT-d: the MSI shadow's changes judged (dma_linux.c) */
		p->lnx->msi = dma_linux_msi;
		p->lnx->msi_ctx = p;
	}
	const struct vpci *v = &p->lnx->pci;
	hv_printf("partition %s: pci: device %02x:%02x.%u as %02x:%02x.%u behind a host bridge at "
		  "00:00.0, %u capabilities shown\n",
		  p->pp->name, cfg.phys_bdf >> 8, (cfg.phys_bdf >> 3) & 0x1fu, cfg.phys_bdf & 7u,
		  cfg.guest_bdf >> 8, (cfg.guest_bdf >> 3) & 0x1fu, cfg.guest_bdf & 7u, v->ncaps);
	if (cfg.msi_remap)
		hv_printf("partition %s: pci: VT-d: MSI at 0x%x shadowed, the device holds message "
			  "0x%llx/0x%x (a blocked entry until the guest's message is accepted); "
			  "MSI-X hidden (its table trap is planned)\n",
			  p->pp->name, v->msi.off, (unsigned long long)cfg.msi_addr, cfg.msi_data);
	return PP_OK;
}

int part_linux_map(struct hv_part *p, struct pp_err *err)
{
	/* reads reach the core's own local APIC; every write faults (exit_linux.c) */
	return pt_map(&p->npt, XAPIC_GPA, lapic_base(), PP_PAGE_SIZE, PT_PERM_R, err);
}

void part_linux_open_msrs(struct hv_part *p)
{
	for (u32 r = 0; r < vmsr_row_count; r++) {
		const struct vmsr_row *row = &vmsr_rows[r];
		for (u64 m = row->lo; m <= row->hi; m++) {
			if (vmsr_passthrough((u32)m, false))
				virt_open_msr(&p->pages, (u32)m, false);
			if (vmsr_passthrough((u32)m, true))
				virt_open_msr(&p->pages, (u32)m, true);
		}
	}
}
