// SPDX-License-Identifier: GPL-2.0-only
/* VT-d queued invalidation: ring, descriptors, bounded waits (vtd_qi.h). */
#include "hypervisor/drivers/iommu/vtd_qi.h"

#define RING_BYTES (VTD_QI_ENTRIES * sizeof(struct vtd_entry128))
_Static_assert(RING_BYTES == PP_PAGE_SIZE, "IQA.QS 0: one page of 128-bit descriptors");

u64 vtd_qi_cc_global(void)
{
	return VTD_QI_TYPE_CC | VTD_QI_CC_G_GLOBAL;
}

/* Device-selective (FM 0: exactly this function); the unit may invalidate
 * more (§6.5.2.1: it reports no granularity back through the queue). */
u64 vtd_qi_cc_device(u16 did, u16 sid)
{
	return VTD_QI_TYPE_CC | VTD_QI_CC_G_DEVICE | VTD_QI_DID(did) | VTD_QI_CC_SID(sid);
}

/* Drain reads and writes: the wait that follows then also orders the
 * device's DMA already in flight (§6.5.2.3; ignored by units without
 * CAP.DRD/DWD). */
u64 vtd_qi_iotlb_global(void)
{
	return VTD_QI_TYPE_IOTLB | VTD_QI_IOTLB_G_GLOBAL | VTD_QI_IOTLB_DW | VTD_QI_IOTLB_DR;
}

u64 vtd_qi_iotlb_domain(u16 did)
{
	return VTD_QI_TYPE_IOTLB | VTD_QI_IOTLB_G_DOMAIN | VTD_QI_IOTLB_DW | VTD_QI_IOTLB_DR |
	       VTD_QI_DID(did);
}

/* Status write of `data`, fence: later descriptors wait for this one. */
u64 vtd_qi_wait_lo(u32 data)
{
	return VTD_QI_TYPE_WAIT | VTD_QI_WAIT_SW | VTD_QI_WAIT_FN | VTD_QI_WAIT_DATA(data);
}

static u32 rd32(const struct vtd *u, u32 off)
{
	return u->env->rd32(u->env->ctx, u->base, off);
}

static u64 rd64(const struct vtd *u, u32 off)
{
	return u->env->rd64(u->env->ctx, u->base, off);
}

static void wr64(const struct vtd *u, u32 off, u64 v)
{
	u->env->wr64(u->env->ctx, u->base, off, v);
}

static u32 head(const struct vtd *u)
{
	return (u32)((rd64(u, VTD_IQH_REG) & VTD_IQ_INDEX_MASK) >> VTD_IQ_INDEX_SHIFT) %
	       VTD_QI_ENTRIES;
}

static void qi_release(struct vtd *u)
{
	const struct iommu_env *env = u->env;
	if (u->qi.ring)
		env->free(env->ctx, u->qi.ring, u->qi.ring_hpa, 1);
	if (u->qi.status)
		env->free(env->ctx, u->qi.status, u->qi.status_hpa, 1);
	u->qi.ring = NULL;
	u->qi.status = NULL;
}

void vtd_qi_free(struct vtd *u)
{
	qi_release(u);
}

/* Firmware left queued invalidation on: let it finish, then turn it off so
 * IQA can be reprogrammed (§6.5.2: IQT/IQA are written with QIE clear). */
int vtd_qi_takeover(struct vtd *u, struct pp_err *err)
{
	const struct iommu_env *env = u->env;
	if (!(rd32(u, VTD_GSTS_REG) & VTD_GSTS_QIES))
		return PP_OK;
	u64 t0 = env->now_us(env->ctx);
	for (;;) {
		u64 h = rd64(u, VTD_IQH_REG) & VTD_IQ_INDEX_MASK;
		u64 t = rd64(u, VTD_IQT_REG) & VTD_IQ_INDEX_MASK;
		if (h == t)
			break;
		if (env->now_us(env->ctx) - t0 >= IOMMU_TIMEOUT_US) {
			u->n.timeouts++;
			return pp_fail(err, PP_ETIMEOUT,
				       "vtd 0x%llx: firmware's invalidation queue not drained in "
				       "%u us (IQH 0x%llx, IQT 0x%llx)",
				       (unsigned long long)u->base, IOMMU_TIMEOUT_US,
				       (unsigned long long)h, (unsigned long long)t);
		}
		env->relax(env->ctx);
	}
	return vtd_gcmd(u, VTD_GCMD_QIE, false, err);
}

int vtd_qi_init(struct vtd *u, struct pp_err *err)
{
	const struct iommu_env *env = u->env;
	u->qi = (struct vtd_qi){0};
	u->qi.ring = env->alloc(env->ctx, 1, 1, &u->qi.ring_hpa);
	u->qi.status = env->alloc(env->ctx, 1, 1, &u->qi.status_hpa);
	if (!u->qi.ring || !u->qi.status) {
		qi_release(u);
		return pp_fail(err, PP_ENOMEM, "vtd 0x%llx: no page for the invalidation queue",
			       (unsigned long long)u->base);
	}
	wr64(u, VTD_IQT_REG, 0);
	wr64(u, VTD_IQA_REG, u->qi.ring_hpa & VTD_IQA_ADDR); /* DW 0, QS 0 */
	/* On failure the unit may hold IQA: the pages stay. */
	return vtd_gcmd(u, VTD_GCMD_QIE, true, err);
}

static int qi_error(struct vtd *u, const char *what, struct pp_err *err)
{
	u32 h = head(u);
	const struct vtd_entry128 *d = &u->qi.ring[h];
	return pp_fail(err, PP_EDEVICE,
		       "vtd 0x%llx: invalidation queue error (FSTS.IQE) %s: descriptor %u is "
		       "0x%016llx 0x%016llx",
		       (unsigned long long)u->base, what, h,
		       (unsigned long long)__atomic_load_n(&d->hi, __ATOMIC_RELAXED),
		       (unsigned long long)__atomic_load_n(&d->lo, __ATOMIC_RELAXED));
}

int vtd_qi_submit(struct vtd *u, u64 lo, u64 hi, struct pp_err *err)
{
	const struct iommu_env *env = u->env;
	u32 next = (u->qi.tail + 1) % VTD_QI_ENTRIES;
	u64 t0 = env->now_us(env->ctx);
	/* One slot stays empty: head == tail means the ring is empty. */
	while (head(u) == next) {
		if (rd32(u, VTD_FSTS_REG) & VTD_FSTS_IQE)
			return qi_error(u, "with the ring full", err);
		if (env->now_us(env->ctx) - t0 >= IOMMU_TIMEOUT_US) {
			u->n.timeouts++;
			return pp_fail(err, PP_ETIMEOUT,
				       "vtd 0x%llx: invalidation queue full for %u us (head %u, "
				       "tail %u)",
				       (unsigned long long)u->base, IOMMU_TIMEOUT_US, head(u),
				       u->qi.tail);
		}
		env->relax(env->ctx);
	}
	struct vtd_entry128 *d = &u->qi.ring[u->qi.tail];
	__atomic_store_n(&d->lo, lo, __ATOMIC_RELAXED);
	__atomic_store_n(&d->hi, hi, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_SEQ_CST); /* the descriptor before the tail */
	u->qi.tail = next;
	wr64(u, VTD_IQT_REG, (u64)next << VTD_IQ_INDEX_SHIFT);
	u->n.descriptors++;
	return PP_OK;
}

int vtd_qi_wait(struct vtd *u, struct pp_err *err)
{
	const struct iommu_env *env = u->env;
	u32 seq = u->qi.seq + 1;
	if (seq == 0)
		seq = 1; /* 0 is the page's initial value: never waited for */
	u->qi.seq = seq;
	int rc =
	    vtd_qi_submit(u, vtd_qi_wait_lo(seq), u->qi.status_hpa & VTD_QI_WAIT_ADDR_MASK, err);
	if (rc)
		return rc;
	u64 t0 = env->now_us(env->ctx);
	while (__atomic_load_n(u->qi.status, __ATOMIC_ACQUIRE) != seq) {
		if (rd32(u, VTD_FSTS_REG) & VTD_FSTS_IQE)
			return qi_error(u, "waiting for completion", err);
		if (env->now_us(env->ctx) - t0 >= IOMMU_TIMEOUT_US) {
			u->n.timeouts++;
			return pp_fail(err, PP_ETIMEOUT,
				       "vtd 0x%llx: invalidation wait %u not completed in %u us "
				       "(status 0x%x, head %u, tail %u)",
				       (unsigned long long)u->base, seq, IOMMU_TIMEOUT_US,
				       __atomic_load_n(u->qi.status, __ATOMIC_ACQUIRE), head(u),
				       u->qi.tail);
		}
		env->relax(env->ctx);
	}
	u->n.waits++;
	return PP_OK;
}
