// SPDX-License-Identifier: GPL-2.0-only
/*
 * An assigned device's MSI, remapped by its IOMMU unit and delivered as
 * its owner's virtual interrupt (PP_HC_DEV_IRQ; docs/iommu.md,
 * "Interrupt remapping"). On enable, on the caller's own CPU:
 *   1. a host vector of THIS CPU (irq_route_alloc) routed to route_irq,
 *      which posts the caller's chosen virtual vector to the caller's own
 *      vCPU (virt_vcpu_post);
 *   2. a remapping entry: fixed, physical destination THIS CPU's APIC ID,
 *      that host vector. AMD-Vi: entry 0 of the device's own table (its
 *      DTE points at it: the table is per requester ID). VT-d: a free
 *      entry of the unit's table with source-id validation (SVT 01b, SQ
 *      00b, SID = the device's requester ID: only it can use the entry);
 *   3. the device's MSI capability: the remappable address/data naming
 *      that entry, then MSI Enable.
 * Why no partition can reach another's CPU or vector, by construction:
 * the call names only an index among the CALLER's devices (dma_part.c
 * built them from the signed policy) and a vector the caller will see;
 * the destination APIC ID, the host vector and the vCPU posted to are
 * never arguments but the caller's own CPU, a vector of that CPU's own
 * route table, and the caller's own vCPU (the hypercall runs on the
 * caller's CPU). The device can only send what its entries say: any other
 * message (another index, a forged compatibility-format MSI aimed at
 * another APIC or vector) hits a blocked entry, another device's entry
 * (refused by source-id validation on VT-d; another table on AMD-Vi), or
 * a compatibility-format block, and is dropped by the unit.
 * Trust: the device's configuration space is the device's (pci_msi.c
 * walks it with bounds); the index and vector come from the guest and are
 * checked (hypercall.c: the vector range; here: the index).
 */
#include <parapet/hypercall.h>
#include "hypervisor/arch/x86_64/irq.h"
#include "hypervisor/arch/x86_64/virt.h"
#include "hypervisor/core/console.h"
#include "hypervisor/core/partition_int.h"
#include "dma_int.h"
#include "pci_msi.h"

/* A host vector's route: the owner's vCPU and the virtual vector, packed
 * as arg = device index << 8 | virtual vector. */
static void route_irq(void *ctx, u32 arg)
{
	struct hv_part *p = ctx;
	struct dma_dev *d = &p->dma.devs[(arg >> 8) % PP_POL_MAX_DEVS];
	d->irqs++;
	virt_vcpu_post(&p->vcpu, (u8)arg); /* its own CPU: no kick needed */
}

static bool unit_remaps(u32 unit)
{
	const struct dma_unit *u = &dma_units[unit];
	return u->type == ACPI_IOMMU_AMDVI || (u->type == ACPI_IOMMU_VTD && u->u.vtd.irt);
}

/* The remapping entry for d: host vector hvec at APIC apic; the message
 * the device must send in *addr and *data. Under the unit's lock. */
static int entry_set(struct dma_dev *d, u32 hvec, u32 apic, u64 *addr, u32 *data,
		     struct pp_err *err)
{
	struct dma_unit *u = &dma_units[d->unit];
	int rc;
	if (u->type == ACPI_IOMMU_AMDVI) {
		u32 e;
		if (!d->irt) {
			d->irt = dma_env.alloc(dma_env.ctx, 1, 1, &d->irt_hpa);
			if (!d->irt)
				return pp_fail(err, PP_ENOMEM, "no page for its interrupt table");
		}
		if ((rc = amdvi_irte_remapped(&e, hvec, apic, err)))
			return rc;
		if ((rc = amdvi_intr_table(&u->u.amd, d->rid, d->irt_hpa, err)))
			return rc;
		d->irq_index = 0;
		if ((rc = amdvi_irte_set(&u->u.amd, d->rid, d->irt, 0, e, err)))
			return rc;
		return amdvi_irte_msi(0, addr, data, err);
	}
	struct vtd_irte e;
	u32 idx;
	d->irq_index = VTD_IRT_ENTRIES; /* none yet: entry_clear leaves the table alone */
	if ((rc = vtd_irte_remapped(&e, hvec, apic, d->rid, err)))
		return rc;
	if ((rc = vtd_irte_alloc(&u->u.vtd, &idx, err)))
		return rc;
	d->irq_index = idx;
	if ((rc = vtd_irte_set(&u->u.vtd, idx, &e, err)))
		return rc;
	return vtd_irte_msi(idx, addr, data, err);
}

static void entry_clear(struct dma_dev *d)
{
	struct dma_unit *u = &dma_units[d->unit];
	struct pp_err err = {0, ""};
	int rc = PP_OK;
	spin_lock(&u->lock);
	if (u->type == ACPI_IOMMU_AMDVI) {
		if (d->irt)
			rc = amdvi_irte_set(&u->u.amd, d->rid, d->irt, 0, amdvi_irte_blocked(),
					    &err);
	} else if (d->irq_index < VTD_IRT_ENTRIES) {
		const struct vtd_irte b = vtd_irte_blocked();
		rc = vtd_irte_set(&u->u.vtd, d->irq_index, &b, &err);
		if (!rc)
			vtd_irte_free(&u->u.vtd, d->irq_index);
	}
	spin_unlock(&u->lock);
	if (rc)
		hv_printf("hv: dma: device %02x:%02x.%u: interrupt entry not cleared: %s\n",
			  d->rid >> 8, (d->rid >> 3) & 0x1fu, d->rid & 7u, err.msg);
}

void dma_irq_off(struct hv_part *p, struct dma_dev *d)
{
	(void)p;
	if (!d->irq_on)
		return;
	struct pci_cfg_ops cfg = dma_dev_cfg(d);
	struct pci_msi msi;
	struct pp_err err = {0, ""};
	if (pci_msi_find(&cfg, &msi, &err) == PP_OK)
		pci_msi_disable(&cfg, &msi);
	entry_clear(d);
	irq_route_free(d->irq_host);
	d->irq_on = false;
}

long dma_dev_irq(struct hv_part *p, u64 index, u32 vector, bool on)
{
	struct pp_err err = {0, ""};
	if (index >= p->dma.n)
		return PP_HC_EINVAL;
	struct dma_dev *d = &p->dma.devs[index];
	const u32 bus = d->rid >> 8, dev = (d->rid >> 3) & 0x1fu, fn = d->rid & 7u;
	if (!p->dma.attached)
		return PP_HC_ESTATE;
	dma_irq_off(p, d);
	if (!on)
		return PP_HC_OK;
	struct pci_cfg_ops cfg = dma_dev_cfg(d);
	struct pci_msi msi;
	if (pci_msi_find(&cfg, &msi, &err)) {
		hv_printf("partition %s: device %02x:%02x.%u: no MSI: %s\n", p->pp->name, bus, dev,
			  fn, err.msg);
		return PP_HC_ENOTSUP;
	}
	if (!unit_remaps(d->unit)) {
		hv_printf("partition %s: device %02x:%02x.%u: its IOMMU unit %u does not remap "
			  "interrupts\n",
			  p->pp->name, bus, dev, fn, d->unit);
		return PP_HC_ENOTSUP;
	}
	u32 hvec;
	if (irq_route_alloc(route_irq, p, (u32)index << 8 | vector, &hvec, &err)) {
		hv_printf("partition %s: device %02x:%02x.%u: %s\n", p->pp->name, bus, dev, fn,
			  err.msg);
		return PP_HC_ESTATE;
	}
	u64 addr = 0;
	u32 data = 0;
	struct dma_unit *u = &dma_units[d->unit];
	spin_lock(&u->lock);
	int rc = entry_set(d, hvec, p->apic, &addr, &data, &err);
	spin_unlock(&u->lock);
	if (!rc)
		rc = pci_msi_enable(&cfg, &msi, addr, data, &err);
	if (rc) {
		hv_printf("partition %s: device %02x:%02x.%u: MSI not remapped: %s\n", p->pp->name,
			  bus, dev, fn, err.msg);
		d->irq_on = true;
		d->irq_host = hvec;
		dma_irq_off(p, d);
		return PP_HC_ESTATE;
	}
	d->irq_on = true;
	d->irq_vector = (u8)vector;
	d->irq_host = hvec;
	hv_printf("partition %s: device %02x:%02x.%u MSI: remapping entry %u, host vector 0x%x "
		  "on cpu %u (APIC ID %u), its vector 0x%x (message 0x%llx/0x%x)\n",
		  p->pp->name, bus, dev, fn, d->irq_index, hvec, p->cpu, p->apic, vector,
		  (unsigned long long)addr, data);
	return PP_HC_OK;
}
