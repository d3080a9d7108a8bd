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
 * VT-d blocks compatibility-format MSIs, so there the MSI capability and
 * the MSI-X table would have to be trapped and rewritten (planned): such a
 * partition is refused before it runs.
 *
 * Bus Master stays off at attach (pci_enable_mem): the guest's driver turns
 * it on after it reset the device; a stop clears it again (dma_part_block),
 * and the DTE goes back to the deny entry (interrupts aborted).
 */
#include <parapet/string.h>
#include <parapet/x86.h>
#include "hypervisor/core/console.h"
#include "hypervisor/core/linux/vpci.h"
#include "hypervisor/core/partition_int.h"
#include "hypervisor/core/platform.h"
#include "dma_int.h"

#define LNX_IRT_FIRST 0x20u		/* vectors 0..31: exceptions (SDM vol. 3 §6.2) */
#define LNX_GUEST_BDF VPCI_BDF(0, 1, 0) /* where the guest sees its device */

int dma_linux_build(struct hv_part *p, struct pp_err *err)
{
	for (u32 i = 0; i < p->dma.n; i++) {
		struct dma_dev *d = &p->dma.devs[i];
		const u32 type = dma_units[d->unit].type;
		if (type != ACPI_IOMMU_AMDVI)
			return pp_fail(err, PP_ENOTSUP,
				       "device %02x:%02x.%u: its IOMMU unit %u is %s: a Linux "
				       "partition's device needs AMD-Vi's per-device interrupt "
				       "table (planned for VT-d: the MSI and MSI-X trap)",
				       d->rid >> 8, (d->rid >> 3) & 0x1fu, d->rid & 7u, d->unit,
				       type == ACPI_IOMMU_VTD ? "VT-d" : "not up");
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
	return PP_OK;
}
