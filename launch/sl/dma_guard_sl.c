// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DMA guard in the secure loader (dma_guard.h; docs/launch.md, "DMA
 * guard"): the units from the firmware's IVRS/DMAR (read through the
 * handoff's RSDP, untrusted), each guarded on the fixed tables SL_DMA_*
 * over real MMIO; after the measurement, the same units from the measured
 * copies, and the handoff record. SL only: the steps it drives are
 * host-tested in their own files.
 */
#include <parapet/acpi_walk.h>
#include <parapet/string.h>
#include <parapet/x86.h>
#include "dma_guard.h"
#include "sl.h"
#include "stage.h"

static u64 sl_dma_spins;

/* No calibrated clock in the SL: one polling turn counts as a
 * microsecond, so a timeout lasts at least as long as intended. */
static u64 now_us(void *ctx)
{
	(void)ctx;
	return sl_dma_spins;
}

static void relax(void *ctx)
{
	(void)ctx;
	sl_dma_spins++;
	cpu_relax();
}

static const struct iommu_env sl_dma_env = {
    NULL, iommu_mmio_rd32, iommu_mmio_rd64, iommu_mmio_wr32, iommu_mmio_wr64, NULL, NULL, now_us,
    relax};

static struct sl_dma_list sl_guarded;
static bool sl_parse_failed;

static const u8 *map_firmware(u64 phys, u64 len, void *ctx)
{
	(void)ctx;
	return sl_phys(phys, len);
}

static int visit(void *ctx, u64 phys, const u8 *t, u32 len, bool root, struct pp_err *err)
{
	(void)phys, (void)root;
	int rc = sl_dma_parse(t, len, ctx, err);
	sl_parse_failed = rc != 0;
	return rc;
}

void sl_dma_guard_on(const struct pp_handoff *h)
{
	struct pp_err err = {0, ""};
	struct sl_dma_list *l = &sl_guarded;
	/* An IVRS or DMAR that does not parse stops the launch. ACPI that does
	 * not walk (no IOMMU found here) will not copy either: no IOMMU for
	 * the hypervisor. Units found before such a failure are guarded, then
	 * refused by sl_dma_guard_check (the copies name none). */
	if (h->rsdp_len &&
	    acpi_walk(h->rsdp, h->rsdp_len, map_firmware, NULL, visit, l, NULL, &err) &&
	    sl_parse_failed)
		sl_fatal(LF_POST_LAUNCH_CHECK, &err);
	struct sl_dma_mem m = {(struct amdvi_dte *)(uintptr_t)SL_DMA_DEVTAB,
			       SL_DMA_DEVTAB,
			       NULL,
			       0,
			       (volatile u64 *)(uintptr_t)SL_DMA_SEM,
			       SL_DMA_SEM,
			       SL_DMA_IRT,
			       (u8 *)(uintptr_t)SL_DMA_ROOT,
			       SL_DMA_ROOT};
	memset((void *)(uintptr_t)SL_DMA_SEM, 0, 0x2000); /* the word's page and the IRT */
	u64 cmd = SL_DMA_CMD;
	for (u32 i = 0; i < l->count; i++) {
		struct pp_dma_guard_unit *u = &l->u[i];
		bool amd = u->type == PP_DMA_GUARD_TYPE_AMDVI, fw_on = false;
		int rc;
		if (amd) {
			m.cmd = (u8 *)(uintptr_t)cmd;
			m.cmd_pa = u->cmd = cmd;
			cmd += SL_DMA_CMD_SIZE;
			u->table = SL_DMA_DEVTAB;
			rc = sl_dma_guard_amdvi(&sl_dma_env, &m, u->base, &fw_on, &err);
		} else {
			u->table = SL_DMA_ROOT;
			rc = sl_dma_guard_vtd(&sl_dma_env, &m, u->base, &fw_on, &err);
		}
		if (rc)
			sl_fatal(LF_POST_LAUNCH_CHECK, &err);
		u->flags = fw_on ? PP_DMA_GUARD_FW_ON : 0;
		sl_printf("dma guard: %s at 0x%llx: every device blocked%s",
			  amd ? "AMD-Vi" : "VT-d", (unsigned long long)u->base,
			  fw_on ? " (was on)" : "");
	}
	if (!l->count)
		sl_printf("dma guard: no IOMMU in the ACPI tables: devices are not blocked");
	sl_printf("dma guard: on at tsc 0x%llx", (unsigned long long)rdtsc());
}

void sl_dma_guard_check(struct pp_handoff *h, u32 cap)
{
	struct pp_err err = {0, ""};
	struct sl_dma_list measured;
	const struct pp_acpi_copy *a = pp_handoff_acpi(h);
	measured.count = 0;
	for (u32 i = 0; i < h->acpi_count; i++) {
		const u8 *t = sl_phys(a[i].copy, a[i].length);
		if (!t || sl_dma_parse(t, a[i].length, &measured, &err))
			sl_fatal(LF_POST_LAUNCH_CHECK, &err);
	}
	if (sl_dma_same(&sl_guarded, &measured, &err))
		sl_fatal(LF_POST_LAUNCH_CHECK, &err);
	if (pp_handoff_append(h, cap, sl_guarded.u, sl_guarded.count * (u32)sizeof(sl_guarded.u[0]),
			      &h->dma_off))
		sl_fatalf(LF_INTERNAL, PP_ENOMEM, "handoff: full");
	h->dma_count = sl_guarded.count;
	h->flags |= PP_HANDOFF_F_DMA_GUARD;
}
