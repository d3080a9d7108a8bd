// SPDX-License-Identifier: GPL-2.0-only
/* The VT-d register model for the driver's host tests (vtd_model.h). */
#include <stdlib.h>
#include <string.h>
#include "hypervisor/drivers/iommu/vtd_regs.h"
#include "vtd_model.h"

u32 vtd_model_rd32(const struct vtd_model *m, u32 off)
{
	u32 v;
	memcpy(&v, m->regs + off, sizeof(v));
	return v;
}

u64 vtd_model_rd64(const struct vtd_model *m, u32 off)
{
	u64 v;
	memcpy(&v, m->regs + off, sizeof(v));
	return v;
}

void vtd_model_set32(struct vtd_model *m, u32 off, u32 v)
{
	memcpy(m->regs + off, &v, sizeof(v));
}

void vtd_model_set64(struct vtd_model *m, u32 off, u64 v)
{
	memcpy(m->regs + off, &v, sizeof(v));
}

static u32 fro(const struct vtd_model *m)
{
	return VTD_CAP_FRO(vtd_model_rd64(m, VTD_CAP_REG));
}

static u32 nfr(const struct vtd_model *m)
{
	return VTD_CAP_NFR(vtd_model_rd64(m, VTD_CAP_REG));
}

/* PPF is the OR of the records' F bits. */
static void update_ppf(struct vtd_model *m)
{
	u32 fsts = vtd_model_rd32(m, VTD_FSTS_REG) & ~VTD_FSTS_PPF;
	for (u32 i = 0; i < nfr(m); i++)
		if (vtd_model_rd64(m, fro(m) + i * VTD_FRCD_SIZE + VTD_FRCD_HI) & VTD_FRCD_F)
			fsts |= VTD_FSTS_PPF;
	vtd_model_set32(m, VTD_FSTS_REG, fsts);
}

void vtd_model_fault(struct vtd_model *m, u32 idx, u64 lo, u64 hi)
{
	vtd_model_set64(m, fro(m) + idx * VTD_FRCD_SIZE, lo);
	vtd_model_set64(m, fro(m) + idx * VTD_FRCD_SIZE + VTD_FRCD_HI, hi);
	update_ppf(m);
}

static void gcmd_write(struct vtd_model *m, u32 v)
{
	if (m->ngcmd < VTD_MODEL_LOG)
		m->gcmd[m->ngcmd] = v;
	m->ngcmd++;
	u32 gsts = vtd_model_rd32(m, VTD_GSTS_REG);
	/* Commands: persistent bits that differ from GSTS, one-shots set. */
	u32 persistent = VTD_GCMD_TE | VTD_GCMD_EAFL | VTD_GCMD_QIE | VTD_GCMD_IRE | VTD_GCMD_CFI;
	u32 oneshot = VTD_GCMD_SRTP | VTD_GCMD_SFL | VTD_GCMD_WBF | VTD_GCMD_SIRTP;
	u32 changed = ((v ^ gsts) & persistent) | (v & oneshot);
	if (__builtin_popcount(changed) > 1)
		m->multi_cmd++;
	if (m->gsts_stuck)
		return;
	gsts = (gsts & ~persistent) | (v & persistent);
	if (v & VTD_GCMD_SRTP) {
		gsts |= VTD_GSTS_RTPS;
		m->srtp_te += (gsts & VTD_GSTS_TES) != 0;
	}
	if (v & VTD_GCMD_SIRTP)
		gsts |= VTD_GCMD_SIRTP; /* IRTPS */
	if ((v & VTD_GCMD_QIE) && !(vtd_model_rd32(m, VTD_GSTS_REG) & VTD_GSTS_QIES))
		vtd_model_set64(m, VTD_IQH_REG, 0); /* enabling QI resets the head */
	vtd_model_set32(m, VTD_GSTS_REG, gsts);
}

static void wr32(void *ctx, u64 base, u32 off, u32 v)
{
	struct vtd_model *m = ctx;
	(void)base;
	if (off == VTD_GCMD_REG) {
		gcmd_write(m, v);
	} else if (off == VTD_GSTS_REG || off == VTD_VER_REG) {
		/* read-only */
	} else if (off == VTD_FSTS_REG) {
		u32 w1c = VTD_FSTS_PFO | VTD_FSTS_IQE | VTD_FSTS_ICE | VTD_FSTS_ITE;
		vtd_model_set32(m, off, vtd_model_rd32(m, off) & ~(v & w1c));
	} else if (off >= fro(m) && off < fro(m) + nfr(m) * VTD_FRCD_SIZE &&
		   (off - fro(m)) % VTD_FRCD_SIZE == VTD_FRCD_F_DWORD) {
		if (v & VTD_FRCD_F32)
			vtd_model_set32(m, off, vtd_model_rd32(m, off) & ~VTD_FRCD_F32);
		update_ppf(m);
	} else {
		vtd_model_set32(m, off, v);
	}
}

static void wr64(void *ctx, u64 base, u32 off, u64 v)
{
	struct vtd_model *m = ctx;
	(void)base;
	if (off == VTD_CAP_REG || off == VTD_ECAP_REG || off == VTD_IQH_REG)
		return; /* read-only */
	vtd_model_set64(m, off, v);
}

static u32 rd32(void *ctx, u64 base, u32 off)
{
	(void)base;
	return vtd_model_rd32(ctx, off);
}

static u64 rd64(void *ctx, u64 base, u32 off)
{
	(void)base;
	return vtd_model_rd64(ctx, off);
}

static void *alloc(void *ctx, u32 npages, u32 align_pages, u64 *hpa)
{
	struct vtd_model *m = ctx;
	void *p = aligned_alloc((size_t)align_pages * 4096, (size_t)npages * 4096);
	if (!p)
		return NULL;
	memset(p, 0, (size_t)npages * 4096);
	m->live_pages += npages;
	*hpa = (u64)(uintptr_t)p;
	return p;
}

static void release(void *ctx, void *va, u64 hpa, u32 npages)
{
	struct vtd_model *m = ctx;
	(void)hpa;
	m->live_pages -= npages;
	free(va);
}

static u64 now_us(void *ctx)
{
	return ((struct vtd_model *)ctx)->now_us;
}

/* The hardware's turn: fetch and execute descriptors from IQH to IQT. */
static void relax(void *ctx)
{
	struct vtd_model *m = ctx;
	m->relaxes++;
	m->now_us += m->tick_us;
	u32 iotlb = VTD_ECAP_IRO(vtd_model_rd64(m, VTD_ECAP_REG)) + VTD_IOTLB_REG_OFF;
	u64 cc = vtd_model_rd64(m, VTD_CCMD_REG), io = vtd_model_rd64(m, iotlb);
	if ((cc & VTD_CCMD_ICC) && !m->reg_inv_stuck) {
		m->ccmd_n++;
		m->ccmd_last = cc;
		vtd_model_set64(m, VTD_CCMD_REG, cc & ~VTD_CCMD_ICC);
	}
	if ((io & VTD_IOTLB_IVT) && !m->reg_inv_stuck && iotlb + 8 <= VTD_MODEL_REGS) {
		m->iotlb_n++;
		m->iotlb_last = io;
		vtd_model_set64(m, iotlb, io & ~VTD_IOTLB_IVT);
	}
	if (m->queue_stuck || !(vtd_model_rd32(m, VTD_GSTS_REG) & VTD_GSTS_QIES) ||
	    (vtd_model_rd32(m, VTD_FSTS_REG) & VTD_FSTS_IQE))
		return;
	u64 iqa = vtd_model_rd64(m, VTD_IQA_REG);
	u64 *ring = (u64 *)(uintptr_t)(iqa & VTD_IQA_ADDR);
	u32 entries = 256u << (iqa & VTD_IQA_QS_MASK);
	u32 h = (u32)(vtd_model_rd64(m, VTD_IQH_REG) >> VTD_IQ_INDEX_SHIFT) % entries;
	u32 t = (u32)(vtd_model_rd64(m, VTD_IQT_REG) >> VTD_IQ_INDEX_SHIFT) % entries;
	while (h != t) {
		u64 lo = ring[(size_t)2 * h], hi = ring[(size_t)2 * h + 1];
		if ((lo & VTD_QI_TYPE_MASK) == VTD_QI_TYPE_WAIT && m->iqe_on_wait) {
			vtd_model_set32(m, VTD_FSTS_REG,
					vtd_model_rd32(m, VTD_FSTS_REG) | VTD_FSTS_IQE);
			break;
		}
		if (m->ndesc < VTD_MODEL_LOG) {
			m->desc_lo[m->ndesc] = lo;
			m->desc_hi[m->ndesc] = hi;
		}
		m->ndesc++;
		if ((lo & VTD_QI_TYPE_MASK) == VTD_QI_TYPE_WAIT && (lo & VTD_QI_WAIT_SW)) {
			u32 *status = (u32 *)(uintptr_t)(hi & VTD_QI_WAIT_ADDR_MASK);
			*status = (u32)(lo >> 32);
			m->status_writes++;
		}
		h = (h + 1) % entries;
	}
	vtd_model_set64(m, VTD_IQH_REG, (u64)h << VTD_IQ_INDEX_SHIFT);
}

void vtd_model_init(struct vtd_model *m, u64 cap, u64 ecap, u32 gsts)
{
	memset(m, 0, sizeof(*m));
	m->tick_us = 10;
	m->env = (struct iommu_env){
	    .ctx = m,
	    .rd32 = rd32,
	    .rd64 = rd64,
	    .wr32 = wr32,
	    .wr64 = wr64,
	    .alloc = alloc,
	    .free = release,
	    .now_us = now_us,
	    .relax = relax,
	};
	vtd_model_set32(m, VTD_VER_REG, 0x10); /* 1.0 */
	vtd_model_set64(m, VTD_CAP_REG, cap);
	vtd_model_set64(m, VTD_ECAP_REG, ecap);
	vtd_model_set32(m, VTD_GSTS_REG, gsts);
}
