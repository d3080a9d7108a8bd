// SPDX-License-Identifier: GPL-2.0-only
/*
 * A partition's devices and DMA domain (dma.h). The domain's I/O page
 * table maps each `dma yes` RAM region of the plan at its gpa with the
 * region's read/write permission (never more: a device has no execute);
 * channels, MMIO and RAM without `dma yes` are not in it, so a DMA there
 * is blocked like any address outside. Every device of the partition must
 * sit behind a unit that is up, and all of them behind units of one
 * format and depth (one tree serves them all); otherwise the partition is
 * refused before it runs. Memory BARs are mapped 1:1 (gpa == hpa) into
 * its NPT, read/write, once each is checked to overlap nothing the
 * partition already sees and no RAM, hypervisor or forbidden range of the
 * machine.
 */
#include <parapet/string.h>
#include <parapet/x86.h>
#include "hypervisor/arch/x86_64/paging.h"
#include "hypervisor/core/console.h"
#include "hypervisor/core/partition_int.h"
#include "hypervisor/core/platform.h"
#include "hypervisor/core/policy_boot.h"
#include "hypervisor/core/policy_int.h"
#include "hypervisor/core/pt_palloc.h"
#include "dma_int.h"

#define ECAM_FN_SIZE 0x1000ull

static u64 ecam_of(u16 seg, u8 bus, u8 devfn)
{
	for (u32 i = 0; i < platform.acpi.mcfg_count && i < ACPI_MAX_MCFG; i++) {
		const struct acpi_mcfg *m = &platform.acpi.mcfg[i];
		if (m->segment == seg && bus >= m->bus_start && bus <= m->bus_end)
			return m->base + ((u64)bus << 20) + ((u64)devfn << 12);
	}
	return 0;
}

static u32 cfg_rd(void *ctx, u32 off)
{
	return mmio_read32((volatile void *)(uintptr_t)(*(u64 *)ctx + off));
}

static void cfg_wr(void *ctx, u32 off, u32 v)
{
	mmio_write32((volatile void *)(uintptr_t)(*(u64 *)ctx + off), v);
}

struct pci_cfg_ops dma_dev_cfg(struct dma_dev *d)
{
	return (struct pci_cfg_ops){&d->ecam, cfg_rd, cfg_wr};
}

static bool overlaps(u64 a, u64 as, u64 b, u64 bs)
{
	return a < b + bs && b < a + as;
}

static const char *bar_conflict(const struct hv_part *p, u64 base, u64 size)
{
	const struct pp_pol_machine *m = policy_machine_get(NULL);
	for (u32 i = 0; i < p->plan.n; i++)
		if (overlaps(base, size, gpa_val(p->plan.r[i].gpa), p->plan.r[i].size))
			return "overlaps one of the partition's own regions";
	for (u32 i = 0; i < m->n_usable; i++)
		if (overlaps(base, size, m->usable[i].base, m->usable[i].size))
			return "overlaps usable RAM";
	for (u32 i = 0; i < m->n_reserved; i++)
		if (overlaps(base, size, m->reserved[i].base, m->reserved[i].size))
			return "overlaps the hypervisor's memory";
	for (u32 i = 0; i < m->n_forbidden; i++)
		if (overlaps(base, size, m->forbidden[i].base, m->forbidden[i].size))
			return "overlaps a forbidden range (LAPIC, IOAPIC, IOMMU, ECAM)";
	return NULL;
}

/* The requester ID the machine check found for it (an IVRS alias entry's,
 * else its own); the validator has made sure one owner holds that ID. */
static u16 alias_of(const struct pp_pol_dev *pd)
{
	const struct pp_pol_machine *m = policy_machine_get(NULL);
	for (u32 i = 0; i < m->n_devs && i < PP_POL_MACHINE_DEVS; i++)
		if (m->devs[i].seg == pd->seg && m->devs[i].bus == pd->bus &&
		    m->devs[i].devfn == pd->devfn)
			return m->devs[i].alias;
	return (u16)((u16)pd->bus << 8 | pd->devfn);
}

static int dev_build(struct hv_part *p, const struct pp_pol_dev *pd, u32 pol, struct pp_err *err)
{
	struct dma_dev *d = &p->dma.devs[p->dma.n];
	u32 depth, leaves;
	memset(d, 0, sizeof(*d));
	d->pol = pol;
	d->unit = pd->iommu;
	d->seg = pd->seg;
	d->rid = (u16)((u16)pd->bus << 8 | pd->devfn);
	d->alias = alias_of(pd);
	d->on_fault = pd->on_fault;
	if (!dma_unit_format(d->unit, &depth, &leaves))
		return pp_fail(err, PP_ENOENT,
			       "device %04x:%02x:%02x.%u: IOMMU unit %u is not "
			       "enforcing",
			       pd->seg, pd->bus, pd->devfn >> 3, pd->devfn & 7u, d->unit);
	d->ecam = ecam_of(pd->seg, pd->bus, pd->devfn);
	if (!d->ecam || !paging_is_mapped(d->ecam, ECAM_FN_SIZE))
		return pp_fail(err, PP_ENOENT, "device %04x:%02x:%02x.%u: no configuration space",
			       pd->seg, pd->bus, pd->devfn >> 3, pd->devfn & 7u);
	struct pci_cfg_ops cfg = dma_dev_cfg(d);
	int rc = pci_bars_read(&cfg, d->bars, err);
	if (rc)
		return rc;
	for (u32 b = 0; b < PCI_NUM_BARS; b++) {
		struct pci_bar *bar = &d->bars[b];
		if (!bar->size) {
			if (bar->why)
				hv_printf(
				    "partition %s: device %02x:%02x.%u BAR%u not mapped: %s\n",
				    p->pp->name, pd->bus, pd->devfn >> 3, pd->devfn & 7u, b,
				    bar->why);
			continue;
		}
		const char *why = bar_conflict(p, bar->base, bar->size);
		if (why)
			return pp_fail(
			    err, PP_EOVERLAP, "device %02x:%02x.%u BAR%u 0x%llx+0x%llx %s", pd->bus,
			    pd->devfn >> 3, pd->devfn & 7u, b, (unsigned long long)bar->base,
			    (unsigned long long)bar->size, why);
		struct pp_err e;
		rc = pt_map(&p->npt, bar->base, bar->base, bar->size, PT_PERM_R | PT_PERM_W, &e);
		if (rc)
			return pp_fail(err, rc, "device BAR%u: %s", b, e.msg);
		hv_printf("partition %s: device %04x:%02x:%02x.%u BAR%u at 0x%llx (0x%llx bytes), "
			  "mapped 1:1\n",
			  p->pp->name, pd->seg, pd->bus, pd->devfn >> 3, pd->devfn & 7u, b,
			  (unsigned long long)bar->base, (unsigned long long)bar->size);
	}
	p->dma.n++;
	return PP_OK;
}

static int domain_build(struct hv_part *p, struct pp_err *err)
{
	u32 depth = 0, d2 = 0, leaves = 0, l2 = 0;
	const struct pt_format *fmt = dma_unit_format(p->dma.devs[0].unit, &depth, &leaves);
	for (u32 i = 1; i < p->dma.n; i++)
		if (dma_unit_format(p->dma.devs[i].unit, &d2, &l2) != fmt || d2 != depth ||
		    !(leaves &= l2))
			return pp_fail(err, PP_ENOTSUP,
				       "its devices sit behind IOMMU units of different formats");
	struct pt_mem mem;
	pt_palloc_mem(&mem);
	int rc = pt_init(&p->dma.iopt, fmt, depth, leaves, &mem, err);
	if (rc)
		return rc;
	for (u32 i = 0; i < p->plan.n; i++) {
		const struct part_region *r = &p->plan.r[i];
		if (r->kind != PART_REG_RAM || !(r->flags & PART_REG_DMA))
			continue;
		u32 perms =
		    (r->perm & PP_POL_R ? PT_PERM_R : 0) | (r->perm & PP_POL_W ? PT_PERM_W : 0);
		struct pp_err e;
		rc = pt_map(&p->dma.iopt, gpa_val(r->gpa), hpa_val(r->hpa), r->size, perms, &e);
		if (rc) {
			pt_destroy(&p->dma.iopt);
			return pp_fail(err, rc, "DMA domain: RAM at gpa 0x%llx: %s",
				       (unsigned long long)gpa_val(r->gpa), e.msg);
		}
		const bool mib = (r->size & ((1ull << 20) - 1)) == 0;
		hv_printf("partition %s: ram gpa 0x%llx -> hpa 0x%llx (%llu %s, dma)\n",
			  p->pp->name, (unsigned long long)gpa_val(r->gpa),
			  (unsigned long long)hpa_val(r->hpa),
			  (unsigned long long)(r->size >> (mib ? 20 : 10)), mib ? "MiB" : "KiB");
	}
	p->dma.has_domain = true;
	p->dma.domain = (u16)(p->idx + 1);
	return PP_OK;
}

int dma_part_build(struct hv_part *p, struct pp_err *err)
{
	const u32 id = p->pp->id;
	memset(&p->dma, 0, sizeof(p->dma));
	for (u32 i = 0; i < hv_policy.n_devs; i++) {
		if (hv_policy.devs[i].part != id)
			continue;
		int rc = dev_build(p, &hv_policy.devs[i], i, err);
		if (rc)
			return rc;
	}
	if (!p->dma.n)
		return PP_OK;
	if (p->lnx) {
		int rc = dma_linux_build(p, err); /* AMD-Vi only, its interrupt table */
		if (rc)
			return rc;
	}
	return domain_build(p, err);
}

int dma_part_attach(struct hv_part *p, struct pp_err *err)
{
	u32 depth = 0, leaves = 0;
	for (u32 i = 0; i < p->dma.n; i++) {
		struct dma_dev *d = &p->dma.devs[i];
		(void)dma_unit_format(d->unit, &depth, &leaves);
		int rc = dma_unit_attach(d->unit, d->rid, p->dma.domain, hpa_val(p->dma.iopt.root),
					 depth, err);
		if (!rc && d->alias != d->rid)
			rc = dma_unit_attach(d->unit, d->alias, p->dma.domain,
					     hpa_val(p->dma.iopt.root), depth, err);
		if (!rc && p->lnx)
			rc = dma_linux_attach(p, d, err); /* its MSIs to its core; Bus Master off */
		if (rc) {
			dma_part_block(p);
			return rc;
		}
		if (!p->lnx) {
			struct pci_cfg_ops cfg = dma_dev_cfg(d);
			pci_enable_dma(&cfg, true);
		}
	}
	p->dma.attached = p->dma.n != 0;
	return PP_OK;
}

void dma_part_block(struct hv_part *p)
{
	for (u32 i = 0; i < p->dma.n; i++) {
		struct dma_dev *d = &p->dma.devs[i];
		dma_irq_off(p, d); /* MSI off, its entry blocked, its host vector freed */
		if (p->lnx)
			dma_linux_block(p, d); /* VT-d: the MSI trap's entry */
		struct pci_cfg_ops cfg = dma_dev_cfg(d);
		struct pp_err err = {0, ""};
		pci_enable_dma(&cfg, false);
		if (dma_unit_block(d->unit, d->rid, &err) ||
		    (d->alias != d->rid && dma_unit_block(d->unit, d->alias, &err)))
			hv_printf("partition %s: device %02x:%02x.%u: block failed: %s\n",
				  p->pp->name, d->rid >> 8, (d->rid >> 3) & 0x1fu, d->rid & 7u,
				  err.msg);
	}
	p->dma.attached = false;
}

long dma_dev_info(struct hv_part *p, u64 index, u64 bar, u64 *bdf, u64 *base, u64 *size)
{
	if (index >= p->dma.n || bar >= PCI_NUM_BARS)
		return PP_HC_EINVAL;
	const struct dma_dev *d = &p->dma.devs[index];
	*bdf = (u64)d->seg << 16 | d->rid;
	*base = d->bars[bar].base;
	*size = d->bars[bar].size;
	return PP_HC_OK;
}

u32 dma_devices_attached(void)
{
	u32 n = 0;
	for (u32 i = 0; i < hv_nparts; i++)
		if (hv_parts[i].dma.attached)
			n += hv_parts[i].dma.n;
	return n;
}
