// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DMA guard on one VT-d unit (dma_guard.h; Intel VT-d specification:
 * GCMD/GSTS §11.4.4, RTADDR §11.4.5, the Context Command and IOTLB
 * Invalidate registers, §6.5.1 "Register-based Invalidation Interface").
 * A root table with no entry present blocks every requester (each request
 * faults "root entry not present"); register-based invalidation keeps this
 * small (the hypervisor switches to queued invalidation when it takes the
 * unit over). Trust: the root table is zeroed here before the unit is
 * pointed at it; every wait on the unit is bounded.
 */
#include <parapet/string.h>
#include "hypervisor/drivers/iommu/vtd_regs.h"
#include "dma_guard.h"

struct vg {
	const struct iommu_env *env;
	u64 base;
	struct pp_err *err;
};

static u32 rd32(const struct vg *g, u32 off)
{
	return g->env->rd32(g->env->ctx, g->base, off);
}

static u64 rd64(const struct vg *g, u32 off)
{
	return g->env->rd64(g->env->ctx, g->base, off);
}

/* Wait until (reg & mask) == want; 64-bit registers when wide. */
static int wait(const struct vg *g, u32 off, bool wide, u64 mask, u64 want)
{
	const struct iommu_env *e = g->env;
	u64 t0 = e->now_us(e->ctx);
	while (((wide ? rd64(g, off) : rd32(g, off)) & mask) != want) {
		if (e->now_us(e->ctx) - t0 >= IOMMU_TIMEOUT_US)
			return sl_dma_fail(g->base, off, PP_ETIMEOUT, g->err);
		e->relax(e->ctx);
	}
	return PP_OK;
}

/* §11.4.4.1: GCMD = the persistent GSTS bits with one changed. */
static int gcmd(const struct vg *g, u32 cmd, bool on, u32 want)
{
	u32 v = rd32(g, VTD_GSTS_REG) & VTD_GCMD_KEEP;
	g->env->wr32(g->env->ctx, g->base, VTD_GCMD_REG, on ? (v | cmd) : (v & ~cmd));
	return wait(g, VTD_GSTS_REG, false, cmd, want);
}

int sl_dma_guard_vtd(const struct iommu_env *env, const struct sl_dma_mem *m, u64 base, bool *fw_on,
		     struct pp_err *err)
{
	const struct vg g = {env, base, err};
	int rc;
	if (rd32(&g, VTD_VER_REG) == 0xffffffffu)
		return sl_dma_fail(base, VTD_VER_REG, PP_EDEVICE, err);
	u64 cap = rd64(&g, VTD_CAP_REG), ecap = rd64(&g, VTD_ECAP_REG);
	u32 sts = rd32(&g, VTD_GSTS_REG);
	*fw_on = (sts & VTD_GSTS_TES) != 0;
	/* Queued invalidation on: the registers below are not used by the
	 * unit; let the queue drain (head = tail), then turn it off. */
	if (sts & VTD_GSTS_QIES) {
		if ((rc = wait(&g, VTD_IQH_REG, true, VTD_IQ_INDEX_MASK,
			       rd64(&g, VTD_IQT_REG) & VTD_IQ_INDEX_MASK)) ||
		    (rc = gcmd(&g, VTD_GCMD_QIE, false, 0)))
			return rc;
	}
	memset(m->root, 0, 0x1000);
	for (u32 i = 0; i < 0x1000; i += 64) /* the unit may not snoop (ECAP.C) */
		__asm__ volatile("clflush (%0)" : : "r"(m->root + i) : "memory");
	__asm__ volatile("mfence" : : : "memory");
	if ((cap & VTD_CAP_RWBF) && (rc = gcmd(&g, VTD_GCMD_WBF, true, 0)))
		return rc;
	env->wr64(env->ctx, base, VTD_RTADDR_REG, m->root_pa & VTD_RTADDR_ADDR);
	/* SRTP with TE on is allowed and takes effect with the invalidations
	 * that follow (§6.5.1 / §11.4.5): a unit found on keeps TE. */
	if ((rc = gcmd(&g, VTD_GCMD_SRTP, true, VTD_GSTS_RTPS)))
		return rc;
	env->wr64(env->ctx, base, VTD_CCMD_REG, VTD_CCMD_ICC | VTD_CCMD_CIRG_GLOBAL);
	if ((rc = wait(&g, VTD_CCMD_REG, true, VTD_CCMD_ICC, 0)))
		return rc;
	u32 iotlb = VTD_ECAP_IRO(ecap) + VTD_IOTLB_REG_OFF;
	env->wr64(env->ctx, base, iotlb,
		  VTD_IOTLB_IVT | VTD_IOTLB_IIRG_GLOBAL | VTD_IOTLB_DR | VTD_IOTLB_DW);
	if ((rc = wait(&g, iotlb, true, VTD_IOTLB_IVT, 0)))
		return rc;
	if (!(sts & VTD_GSTS_TES))
		rc = gcmd(&g, VTD_GCMD_TE, true, VTD_GSTS_TES);
	return rc;
}
