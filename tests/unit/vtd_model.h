/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A host model of a VT-d remapping unit for the driver's tests
 * (test_vtd_drv.c): a register file with GCMD -> GSTS behaviour (one
 * command per write checked), a queue processor run from env->relax that
 * logs every descriptor and performs the invalidation waits' status
 * writes, fault recording registers the test fills, a clock that advances
 * only in relax, and page allocation where the hpa is the pointer.
 * Knobs make it misbehave: a queue that never moves, GSTS that never
 * follows GCMD, an invalidation-queue error.
 */
#ifndef PARAPET_TEST_VTD_MODEL_H
#define PARAPET_TEST_VTD_MODEL_H

#include "hypervisor/drivers/iommu/iommu_env.h"

#define VTD_MODEL_REGS 0x1000u
#define VTD_MODEL_LOG 64u

struct vtd_model {
	struct iommu_env env;
	u8 regs[VTD_MODEL_REGS];
	u64 now_us;
	u32 tick_us; /* added to now_us per relax (default 10) */
	/* Knobs. */
	bool queue_stuck;   /* descriptors are never fetched */
	bool gsts_stuck;    /* GCMD writes change nothing */
	bool iqe_on_wait;   /* a wait descriptor raises FSTS.IQE and stops the queue */
	bool reg_inv_stuck; /* CCMD.ICC / IOTLB.IVT never clear */
	/* What the driver did. */
	u32 gcmd[VTD_MODEL_LOG]; /* values written to GCMD */
	u32 ngcmd;
	u32 multi_cmd; /* GCMD writes that changed more than one command */
	u64 desc_lo[VTD_MODEL_LOG], desc_hi[VTD_MODEL_LOG];
	u32 ndesc; /* descriptors processed (the log keeps the first 64) */
	u32 status_writes;
	long live_pages;
	/* Register-based invalidations done (CCMD.ICC, IOTLB.IVT cleared in
	 * relax; ECAP.IRO places the IOTLB register), with the last values. */
	u32 ccmd_n, iotlb_n;
	u64 ccmd_last, iotlb_last;
	u32 srtp_te; /* SRTP commands issued with TE on */
	u64 relaxes;
};

/* A unit with cap/ecap and GSTS gsts at reset (firmware's state). */
void vtd_model_init(struct vtd_model *m, u64 cap, u64 ecap, u32 gsts);
u32 vtd_model_rd32(const struct vtd_model *m, u32 off);
u64 vtd_model_rd64(const struct vtd_model *m, u32 off);
void vtd_model_set64(struct vtd_model *m, u32 off, u64 v);
void vtd_model_set32(struct vtd_model *m, u32 off, u32 v);
/* Fill fault record idx (F in hi bit 63 as given) and recompute FSTS.PPF;
 * FSTS.FRI is left to the test (vtd_model_set32). */
void vtd_model_fault(struct vtd_model *m, u32 idx, u64 lo, u64 hi);

#endif
