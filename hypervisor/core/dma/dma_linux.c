// SPDX-License-Identifier: GPL-2.0-only
/*
 * A Linux partition's assigned device (docs/linux-partition.md, "An
 * assigned NIC"; linux-guest.md §1.5): the DMA domain and the BARs are the
 * small partitions' (dma_part.c); what differs is who programs the MSIs.
 * The guest's own driver writes the device's MSI or MSI-X registers
 * (through vpci's filter, or the MSI-X table in a BAR it maps directly),
 * with fixed delivery and its own vectors. On AMD-Vi the device's DTE
 * points at a direct table (amdvi_irt_direct): entry v delivers vector v
 * to the partition's core, v < 32 and any index beyond the table are
 * target-aborted, and the DTE's NMI/INIT/ExtInt/LINT pass bits are clear.
 * So whatever the guest writes, the device reaches only its owner's core,
 * with a vector of 32..255, and no MSI-X trap is needed for one vCPU.
 *
 * VT-d blocks compatibility-format MSIs (GSTS.CFIS clear, vtd_irte.h), so
 * there the MSI capability is trapped (docs/linux-partition.md, "An
 * assigned device on VT-d"): vpci shadows it (cfg.msi_remap) and the
 * device only ever holds the remappable-format message of ONE entry of
 * the unit's table, held from the PCI view's setup (dma_linux_vpci) to
 * the stop (dma_linux_block), source-id checked (SVT 01b, SID = the
 * device's requester ID). Each change of the guest's message or Enable
 * is judged (vmsi.h, dma_linux_msi): an accepted one makes the entry
 * remapped (the guest's vector, fixed, edge, at the partition's own APIC
 * ID); any other leaves it not present, so the device's message faults
 * (reason 0x22, logged by vtd_fault) and is dropped, and the refusal is
 * printed (8 lines per device, all counted). MSI-X is hidden from the
 * view until its table trap lands (planned), so drivers fall back to
 * MSI; a device without MSI, or a unit without interrupt remapping, is
 * refused before the partition runs.
 *
 * Bus Master stays off at attach (pci_enable_mem): the guest's driver turns
 * it on after it reset the device; a stop clears it again (dma_part_block),
 * and the DTE goes back to the deny entry (interrupts aborted).
 */
#include <parapet/string.h>
#include <parapet/x86.h>
#include "hypervisor/core/console.h"
#include "hypervisor/core/linux/vmsi.h"
#include "hypervisor/core/linux/vpci.h"
#include "hypervisor/core/partition_int.h"
#include "hypervisor/core/platform.h"
#include "dma_int.h"
#include "pci_msi.h"

#define LNX_IRT_FIRST 0x20u		/* vectors 0..31: exceptions (SDM vol. 3 §6.2) */
#define LNX_GUEST_BDF VPCI_BDF(0, 1, 0) /* where the guest sees its device */
#define LNX_TRAP_LINES 8u		/* MSI trap lines printed per device; all counted */

/* A device behind VT-d: it needs an MSI capability (the one trapped) and
 * a unit that remaps interrupts. */
static int vtd_check(struct dma_dev *d, struct pp_err *err)
{
	const struct pci_cfg_ops cfg = dma_dev_cfg(d);
	struct pci_msi msi;
	struct pp_err e = {0, ""};
	if (pci_msi_find(&cfg, &msi, &e))
		return pp_fail(err, PP_ENOTSUP,
			       "device %02x:%02x.%u: behind VT-d unit %u a Linux partition's "
			       "device needs an MSI capability (%s; the MSI-X table trap is "
			       "planned)",
			       d->rid >> 8, (d->rid >> 3) & 0x1fu, d->rid & 7u, d->unit, e.msg);
	if (!dma_units[d->unit].u.vtd.irt)
		return pp_fail(err, PP_ENOTSUP,
			       "device %02x:%02x.%u: its VT-d unit %u does not remap interrupts "
			       "(the MSI trap needs its interrupt remapping table)",
			       d->rid >> 8, (d->rid >> 3) & 0x1fu, d->rid & 7u, d->unit);
	return PP_OK;
}

int dma_linux_build(struct hv_part *p, struct pp_err *err)
{
	for (u32 i = 0; i < p->dma.n; i++) {
		struct dma_dev *d = &p->dma.devs[i];
		const u32 type = dma_units[d->unit].type;
		if (type == ACPI_IOMMU_VTD) {
			int rc = vtd_check(d, err);
			if (rc)
				return rc;
			continue;
		}
		if (type != ACPI_IOMMU_AMDVI)
			return pp_fail(err, PP_ENOTSUP,
				       "device %02x:%02x.%u: its IOMMU unit %u is not up",
				       d->rid >> 8, (d->rid >> 3) & 0x1fu, d->rid & 7u, d->unit);
		if (!d->irt) {
			d->irt = dma_env.alloc(dma_env.ctx, 1, 1, &d->irt_hpa);
			if (!d->irt)
				return pp_fail(
				    err, PP_ENOMEM,
				    "device %02x:%02x.%u: no page for its interrupt table",
				    d->rid >> 8, (d->rid >> 3) & 0x1fu, d->rid & 7u);
		}
	}
	return PP_OK;
}

int dma_linux_attach(struct hv_part *p, struct dma_dev *d, struct pp_err *err)
{
	struct dma_unit *u = &dma_units[d->unit];
	const u32 apic = platform.acpi.cpus[p->cpu].apic_id; /* p->apic is set after the build */
	int rc;
	if (u->type == ACPI_IOMMU_VTD) {
		/* its entry is blocked since dma_linux_vpci; MSI off until the
		 * guest enables it through the shadow */
		if (!d->trap.held)
			return pp_fail(err, PP_ENOTSUP,
				       "device %02x:%02x.%u: no interrupt remapping entry held",
				       d->rid >> 8, (d->rid >> 3) & 0x1fu, d->rid & 7u);
		struct pci_cfg_ops cfg = dma_dev_cfg(d);
		struct pci_msi msi;
		if ((rc = pci_msi_find(&cfg, &msi, err)))
			return rc;
		pci_msi_disable(&cfg, &msi);
		pci_enable_mem(&cfg);
		return PP_OK;
	}
	if (u->type != ACPI_IOMMU_AMDVI || !d->irt)
		return pp_fail(err, PP_ENOTSUP, "device %02x:%02x.%u: no direct interrupt table",
			       d->rid >> 8, (d->rid >> 3) & 0x1fu, d->rid & 7u);
	spin_lock(&u->lock);
	rc = amdvi_intr_direct(&u->u.amd, d->rid, d->irt, d->irt_hpa, LNX_IRT_FIRST, apic, err);
	/* the alias's MSIs carry its ID: the same table (§2.2.5: per requester ID) */
	if (!rc && d->alias != d->rid)
		rc = amdvi_intr_table(&u->u.amd, d->alias, d->irt_hpa, err);
	spin_unlock(&u->lock);
	if (rc)
		return rc;
	struct pci_cfg_ops cfg = dma_dev_cfg(d);
	pci_enable_mem(&cfg);
	return PP_OK;
}

/* vpci's physical accessors: the device's ECAM page (identity-mapped, checked
 * by dma_part.c), accessed with the guest's own width (PCIe 3.0 §7.2.2: ECAM
 * takes 1-, 2- and 4-byte accesses), never a read-modify-write that would
 * write back Status's RW1C bits. vpci passes only the physical BDF. */
static u32 ecam_read(void *ctx, u16 bdf, u16 reg)
{
	(void)bdf;
	return mmio_read32((volatile void *)(uintptr_t)(*(const u64 *)ctx + reg));
}

static void ecam_write(void *ctx, u16 bdf, u16 reg, u8 size, u32 val)
{
	volatile void *a = (volatile void *)(uintptr_t)(*(const u64 *)ctx + reg);
	(void)bdf;
	if (size == 1)
		mmio_write8(a, (u8)val);
	else if (size == 2)
		mmio_write16(a, (u16)val);
	else
		mmio_write32(a, val);
}

/* d's trap entry written as e, under the unit's lock. */
static int trap_write(struct dma_dev *d, const struct vtd_irte *e, struct pp_err *err)
{
	struct dma_unit *u = &dma_units[d->unit];
	spin_lock(&u->lock);
	int rc = vtd_irte_set(&u->u.vtd, d->trap.index, e, err);
	spin_unlock(&u->lock);
	return rc;
}

/* One entry of the unit's table for d's shadowed MSI, blocked. */
static int trap_hold(struct dma_dev *d, struct pp_err *err)
{
	struct dma_unit *u = &dma_units[d->unit];
	const struct vtd_irte b = vtd_irte_blocked();
	int rc = PP_OK;
	if (!d->trap.held) {
		u32 idx;
		spin_lock(&u->lock);
		rc = vtd_irte_alloc(&u->u.vtd, &idx, err);
		spin_unlock(&u->lock);
		if (rc)
			return rc;
		d->trap.held = true;
		d->trap.index = idx;
	}
	d->trap.judged = false;
	d->trap.remapped = d->trap.refused = 0;
	return trap_write(d, &b, err);
}

void dma_linux_block(struct hv_part *p, struct dma_dev *d)
{
	if (!d->trap.held)
		return;
	struct pci_cfg_ops cfg = dma_dev_cfg(d);
	struct pci_msi msi;
	struct pp_err err = {0, ""};
	if (pci_msi_find(&cfg, &msi, &err) == PP_OK)
		pci_msi_disable(&cfg,
				&msi); /* the device first: no message in flight to a freed entry */
	const struct vtd_irte b = vtd_irte_blocked();
	if (trap_write(d, &b, &err)) {
		hv_printf("partition %s: device %02x:%02x.%u: MSI entry %u not blocked, kept: %s\n",
			  p->pp->name, d->rid >> 8, (d->rid >> 3) & 0x1fu, d->rid & 7u,
			  d->trap.index, err.msg);
		return;
	}
	struct dma_unit *u = &dma_units[d->unit];
	spin_lock(&u->lock);
	vtd_irte_free(&u->u.vtd, d->trap.index);
	spin_unlock(&u->lock);
	d->trap.held = false;
	hv_printf("partition %s: device %02x:%02x.%u: MSI trap: entry %u blocked and freed, "
		  "%llu message(s) remapped, %llu refused\n",
		  p->pp->name, d->rid >> 8, (d->rid >> 3) & 0x1fu, d->rid & 7u, d->trap.index,
		  (unsigned long long)d->trap.remapped, (unsigned long long)d->trap.refused);
}

void dma_linux_unhold(struct hv_part *p)
{
	for (u32 i = 0; i < p->dma.n; i++) {
		struct dma_dev *d = &p->dma.devs[i];
		struct dma_unit *u = &dma_units[d->unit];
		if (!d->trap.held)
			continue;
		spin_lock(&u->lock);
		vtd_irte_free(&u->u.vtd, d->trap.index); /* never remapped: still blocked */
		spin_unlock(&u->lock);
		d->trap.held = false;
	}
}

void dma_linux_msi(void *ctx, bool enabled, u64 addr, u32 data)
{
	struct hv_part *p = ctx;
	struct dma_dev *d = &p->dma.devs[0]; /* dma_linux_vpci: the view shows one */
	const u32 bus = d->rid >> 8, dev = (d->rid >> 3) & 0x1fu, fn = d->rid & 7u;
	if (!d->trap.held || (d->trap.judged && d->trap.enabled == enabled &&
			      (!enabled || (d->trap.addr == addr && d->trap.data == data))))
		return; /* unchanged: the entry already says it */
	struct vmsi_msg m = {0};
	struct vtd_irte e = vtd_irte_blocked();
	struct pp_err err = {0, ""};
	int rc = PP_OK;
	const u32 why = enabled ? vmsi_decide(addr, data, p->apic, &m) : VMSI_OK;
	if (enabled && why == VMSI_OK) /* lowest priority: one destination, delivered fixed */
		rc = vtd_irte_remapped(&e, m.vector, p->apic, d->rid, &err);
	if (!rc)
		rc = trap_write(d, &e, &err);
	if (rc) {
		/* the entry is whatever vtd_irte_set left: it clears P first */
		d->trap.judged = false;
		hv_printf("partition %s: device %02x:%02x.%u: MSI entry %u not written: %s\n",
			  p->pp->name, bus, dev, fn, d->trap.index, err.msg);
		return;
	}
	d->trap.judged = true;
	d->trap.enabled = enabled;
	d->trap.addr = addr;
	d->trap.data = data;
	if (!enabled)
		return;
	if (why == VMSI_OK) {
		if (d->trap.remapped++ < LNX_TRAP_LINES)
			hv_printf("partition %s: device %02x:%02x.%u: MSI address 0x%llx data 0x%x "
				  "remapped: entry %u, vector 0x%x at APIC ID %u\n",
				  p->pp->name, bus, dev, fn, (unsigned long long)addr, data,
				  d->trap.index, m.vector, p->apic);
		return;
	}
	char why_s[96];
	vmsi_explain(&m, p->apic, why_s, sizeof(why_s));
	if (d->trap.refused++ < LNX_TRAP_LINES)
		hv_printf("partition %s: device %02x:%02x.%u: refused MSI address 0x%llx data 0x%x "
			  "(%s): %s; entry %u stays blocked\n",
			  p->pp->name, bus, dev, fn, (unsigned long long)addr, data,
			  vmsi_reason_name(why), why_s, d->trap.index);
}

int dma_linux_vpci(struct hv_part *p, struct vpci_cfg *cfg, struct pp_err *err)
{
	if (p->dma.n != 1)
		return pp_fail(err, PP_EINVAL, "%u devices, the PCI view shows one", p->dma.n);
	struct dma_dev *d = &p->dma.devs[0];
	memset(cfg, 0, sizeof(*cfg));
	cfg->guest_bdf = LNX_GUEST_BDF;
	cfg->phys_bdf = d->rid;
	cfg->host_bridge = true;
	cfg->ops = (struct vpci_ops){ecam_read, ecam_write, &d->ecam};
	for (u32 b = 0; b < PCI_NUM_BARS; b++) {
		const struct pci_bar *bar = &d->bars[b];
		if (!bar->size)
			continue; /* not mapped: the guest sees an unimplemented BAR */
		/* the type bits as the device decodes them (PCI 3.0 §6.2.5.1) */
		const u32 lo = ecam_read(&d->ecam, d->rid, (u16)(PCI_CFG_BAR0 + 4u * b));
		cfg->bar[b] = (struct vpci_bar_cfg){
		    .type = (lo & PCI_BAR_TYPE_MASK) == PCI_BAR_TYPE_64 ? VPCI_BAR_MEM64
									: VPCI_BAR_MEM32,
		    .prefetch = (lo & PCI_BAR_PREFETCH) != 0,
		    .size = bar->size,
		    .addr = bar->base, /* gpa == hpa: dma_part.c mapped it 1:1 */
		};
	}
	if (dma_units[d->unit].type != ACPI_IOMMU_VTD)
		return PP_OK;
	int rc = trap_hold(d, err);
	if (!rc)
		rc = vtd_irte_msi(d->trap.index, &cfg->msi_addr, &cfg->msi_data, err);
	if (rc)
		return rc;
	cfg->msi_remap = true;
	cfg->hide_msix = true;
	return PP_OK;
}
