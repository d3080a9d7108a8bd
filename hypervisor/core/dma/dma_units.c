// SPDX-License-Identifier: GPL-2.0-only
/*
 * The IOMMU units (dma_int.h): brought up with every requester blocked,
 * the first thing the hypervisor does once it can allocate memory; a unit
 * that fails to come up is reported and its devices cannot be assigned
 * (dma_part.c refuses them). Faults are drained on the boot CPU.
 *
 * A unit the secure loader's DMA guard left blocking (the handoff's DMA
 * record, checked by pp_handoff_check against the SL_DMA_* constants) is
 * taken over while it stays enabled, never disabled (docs/iommu.md,
 * "Takeover"): AMD-Vi adopts the SL's device table; VT-d gets a new root
 * table with TE kept on (vtd_init). Any other unit comes up as before.
 */
#include <parapet/string.h>
#include "hypervisor/arch/x86_64/irq.h"
#include "hypervisor/arch/x86_64/percpu.h"
#include "hypervisor/core/console.h"
#include "hypervisor/core/platform.h"
#include "hypervisor/drivers/iommu/amdvi_fmt.h"
#include "hypervisor/drivers/iommu/iommu_probe.h"
#include "hypervisor/drivers/iommu/vtd_fmt.h"
#include "dma_int.h"
#include "dma_fault.h"

struct dma_unit dma_units[ACPI_MAX_IOMMUS];
static u32 units_up;

/* The handoff's record of the unit at base, or NULL. */
static const struct pp_dma_guard_unit *guarded(const struct pp_handoff *h, u32 type, u64 base)
{
	const struct pp_dma_guard_unit *g = pp_handoff_dma(h);
	for (u32 i = 0; i < h->dma_count; i++)
		if (g[i].base == base && g[i].type == type)
			return &g[i];
	return NULL;
}

static bool probed(u64 base)
{
	for (u32 i = 0; i < platform.iommu_count; i++)
		if (platform.iommus[i].base == base)
			return true;
	return false;
}

/* What the SL's record says beyond the units: none found, or a unit the
 * hypervisor's ACPI view does not name (left as the SL left it). */
static void guard_report(const struct pp_handoff *h)
{
	if (!(h->flags & PP_HANDOFF_F_DMA_GUARD)) {
		hv_printf("hv: dma: no DMA guard record from a secure loader\n");
		return;
	}
	if (!h->dma_count)
		hv_printf("hv: dma: the secure loader found no IOMMU: devices were not blocked "
			  "before the hypervisor (SECURITY.md)\n");
	const struct pp_dma_guard_unit *g = pp_handoff_dma(h);
	for (u32 i = 0; i < h->dma_count; i++) {
		bool named = false;
		for (u32 k = 0; k < platform.acpi.iommu_count && k < ACPI_MAX_IOMMUS; k++)
			named |= platform.acpi.iommus[k].base == g[i].base;
		if (!named)
			hv_printf("hv: dma: unit 0x%llx guarded by the secure loader is not in the "
				  "ACPI tables: left blocking\n",
				  (unsigned long long)g[i].base);
	}
}

void dma_boot(const struct pp_handoff *h)
{
	guard_report(h);
	for (u32 i = 0; i < platform.acpi.iommu_count && i < ACPI_MAX_IOMMUS; i++) {
		const struct acpi_iommu *a = &platform.acpi.iommus[i];
		struct dma_unit *d = &dma_units[i];
		struct pp_err err = {0, ""};
		int rc;
		const struct pp_dma_guard_unit *g = guarded(h, a->type, a->base);
		if (!probed(a->base)) {
			if (g) /* still on, on the SL's tables: nothing is let through */
				hv_printf(
				    "hv: dma: %s at 0x%llx stays as the secure loader left it "
				    "(every device blocked)\n",
				    iommu_type_name(a->type), (unsigned long long)a->base);
			continue; /* platform.c printed why */
		}
		if (a->type == ACPI_IOMMU_AMDVI && g)
			rc = amdvi_adopt(&d->u.amd, &dma_env, a->base,
					 (struct amdvi_dte *)(uintptr_t)g->table, g->table, &err);
		else if (a->type == ACPI_IOMMU_AMDVI)
			rc = amdvi_init(&d->u.amd, &dma_env, a->base, &err);
		else if (a->type == ACPI_IOMMU_VTD) /* TE kept on when found on */
			rc = vtd_init(&d->u.vtd, &dma_env, a->base, &err);
		else
			rc = pp_fail(&err, PP_ENOTSUP, "unknown unit type %u", a->type);
		if (rc) {
			hv_printf("hv: dma: %s at 0x%llx not enforcing%s: %s\n",
				  iommu_type_name(a->type), (unsigned long long)a->base,
				  g ? " (its devices stay blocked: it was never disabled)" : "",
				  err.msg);
			continue;
		}
		d->type = a->type;
		d->base = a->base;
		units_up++;
		if (g)
			hv_printf("hv: dma: %s at 0x%llx taken over from the secure loader, every "
				  "device blocked\n",
				  iommu_type_name(a->type), (unsigned long long)a->base);
		else
			hv_printf("hv: dma: %s at 0x%llx on, every device blocked\n",
				  iommu_type_name(a->type), (unsigned long long)a->base);
		/* Interrupt remapping: AMD-Vi's tables are per device (every
		 * DTE already aborts interrupts); VT-d's one table goes on
		 * now, every entry blocked. */
		if (a->type == ACPI_IOMMU_VTD) {
			if (vtd_ir_init(&d->u.vtd, &err))
				hv_printf("hv: dma: vtd at 0x%llx: interrupt remapping off: %s\n",
					  (unsigned long long)a->base, err.msg);
			else
				hv_printf("hv: dma: vtd at 0x%llx: interrupt remapping on, every "
					  "entry blocked\n",
					  (unsigned long long)a->base);
		}
	}
}

u32 dma_units_up(void)
{
	return units_up;
}

const struct pt_format *dma_unit_format(u32 i, u32 *depth, u32 *leaves)
{
	if (i >= ACPI_MAX_IOMMUS)
		return NULL;
	switch (dma_units[i].type) {
	case ACPI_IOMMU_AMDVI:
		*depth = 4;
		*leaves = PT_LEAF_4K | PT_LEAF_2M;
		return &pt_fmt_amdvi;
	case ACPI_IOMMU_VTD:
		*depth = vtd_depth(&dma_units[i].u.vtd);
		*leaves = vtd_leaf_mask(&dma_units[i].u.vtd);
		return &pt_fmt_vtd;
	default: return NULL;
	}
}

int dma_unit_attach(u32 i, u16 rid, u16 domain, u64 root, u32 depth, struct pp_err *err)
{
	struct dma_unit *d = &dma_units[i];
	int rc;
	spin_lock(&d->lock);
	if (d->type == ACPI_IOMMU_AMDVI)
		rc = amdvi_attach(&d->u.amd, rid, domain, root, depth, err);
	else
		rc = vtd_attach(&d->u.vtd, rid, domain, root, err);
	spin_unlock(&d->lock);
	return rc;
}

int dma_unit_block(u32 i, u16 rid, struct pp_err *err)
{
	struct dma_unit *d = &dma_units[i];
	int rc;
	spin_lock(&d->lock);
	if (d->type == ACPI_IOMMU_AMDVI)
		rc = amdvi_block(&d->u.amd, rid, err);
	else
		rc = vtd_block(&d->u.vtd, rid, err);
	spin_unlock(&d->lock);
	return rc;
}

static u64 last_tick = ~0ull;

void dma_poll(void)
{
	u64 t = irq_ticks(this_cpu_index());
	if (t == last_tick)
		return;
	last_tick = t;
	for (u32 i = 0; i < ACPI_MAX_IOMMUS; i++) {
		struct dma_unit *d = &dma_units[i];
		if (!d->type || !spin_trylock(&d->lock))
			continue;
		if (d->type == ACPI_IOMMU_AMDVI)
			(void)amdvi_drain(&d->u.amd, dma_fault_take, d);
		else
			(void)vtd_drain(&d->u.vtd, dma_fault_take, d);
		spin_unlock(&d->lock);
	}
}
