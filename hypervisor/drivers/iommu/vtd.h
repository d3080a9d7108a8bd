/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The VT-d remapping unit driver (docs/iommu-vtd.md, "VT-d unit driver";
 * Intel VT-d spec §10-11): bring-up with default deny (translation on over
 * a root table whose every entry is absent), per-device context entries
 * pointing at second-level tables in pt_fmt_vtd (vtd_fmt.h), queued
 * invalidation with completion waits (vtd_qi.h) and primary fault
 * recording drained by polling (vtd_fault.h).
 *
 * Trust: the unit is hardware the hypervisor drives; its registers are read
 * through the injected environment (iommu_env.h), every wait for it is
 * bounded (IOMMU_TIMEOUT_US, PP_ETIMEOUT) and every fault record is
 * decoded by mask. Callers are the hypervisor's own code; arguments are
 * range-checked all the same (a refusal changes nothing). Not thread-safe:
 * one CPU drives a unit at a time (the caller's lock).
 */
#ifndef PARAPET_HV_VTD_H
#define PARAPET_HV_VTD_H

#include "hypervisor/drivers/iommu/iommu_env.h"
#include "hypervisor/drivers/iommu/vtd_fault.h"
#include "hypervisor/drivers/iommu/vtd_fmt.h"
#include "hypervisor/drivers/iommu/vtd_irte.h"
#include "hypervisor/drivers/iommu/vtd_regs.h"

#define VTD_BUSES 256u
#define VTD_QI_ENTRIES 256u /* one 4 KiB page of 128-bit descriptors (IQA.QS 0) */

/* The invalidation queue (vtd_qi.c). */
struct vtd_qi {
	struct vtd_entry128 *ring; /* VTD_QI_ENTRIES descriptors */
	u64 ring_hpa;
	u32 *status; /* the wait descriptors' status dword (its own page) */
	u64 status_hpa;
	u32 tail; /* next free slot */
	u32 seq;  /* the last status value asked for */
};

/* What the unit did, for the console and tests. */
struct vtd_counters {
	u64 commands;	 /* GCMD writes */
	u64 descriptors; /* descriptors queued, waits included */
	u64 waits;	 /* invalidation waits completed */
	u64 timeouts;	 /* waits for the unit that gave up (any kind) */
	u64 faults;	 /* fault records drained */
	u64 overflows;	 /* FSTS.PFO seen */
};

struct vtd {
	const struct iommu_env *env;
	u64 base;
	u32 ver;
	u64 cap, ecap;
	u32 depth;		   /* 4 (48-bit) or 3 (39-bit) second-level tables */
	u32 leaf_mask;		   /* PT_LEAF_* this unit walks (CAP.SLLPS) */
	u32 domains;		   /* CAP.ND: domain ids 1..domains-1 */
	u32 nfr, fro;		   /* fault recording registers: count, offset */
	bool coherent;		   /* ECAP.C: the unit snoops the tables */
	bool caching_mode;	   /* CAP.CM */
	bool fw_te;		   /* translation was already on when vtd_init ran */
	struct vtd_entry128 *root; /* VTD_BUSES root entries */
	u64 root_hpa;
	struct vtd_entry128 *ctx[VTD_BUSES]; /* context table of each bus, or NULL */
	u64 ctx_hpa[VTD_BUSES];
	struct vtd_qi qi;
	struct vtd_irte *irt; /* interrupt remapping table (vtd_ir_init), or NULL */
	u64 irt_hpa;
	u8 irt_used[VTD_IRT_ENTRIES / 8]; /* entries handed out by vtd_irte_alloc */
	struct vtd_counters n;
};

/*
 * Bring the unit at `base` to default deny. Reads VER/CAP/ECAP; refuses
 * (PP_ENOTSUP) a unit without queued invalidation or without 39- or 48-bit
 * (3- or 4-level) second-level tables; builds an all-absent root table; SRTP;
 * enables the invalidation queue; global context-cache and IOTLB
 * invalidation with a wait; TE. Translation already on (firmware): it stays
 * on throughout, the root table is replaced under it and the caches are
 * invalidated, so no DMA passes untranslated at any point. Firmware's
 * invalidation queue, if enabled, is drained and disabled first. The fault
 * event interrupt is masked (FECTL.IM): faults are polled (vtd_drain).
 * PP_ETIMEOUT when the unit does not answer, PP_EDEVICE when it reports an
 * error or is absent, PP_ENOMEM.
 */
int vtd_init(struct vtd *u, const struct iommu_env *env, u64 base, struct pp_err *err);

/* Second-level table levels the unit is driven with: 4 when CAP.SAGAW offers
 * 48-bit tables, else 3 (39-bit); pass it to pt_init with pt_fmt_vtd. */
u32 vtd_depth(const struct vtd *u);
/* PT_LEAF_* for pt_init's leaf_mask: 4 KiB, plus 2 MiB / 1 GiB per CAP.SLLPS. */
u32 vtd_leaf_mask(const struct vtd *u);

/*
 * Route requester `rid` (bus << 8 | devfn) through the second-level table
 * at root_hpa (pt_fmt_vtd, vtd_depth levels) as domain `domain` (1 ..
 * domains-1). A device attached elsewhere is blocked first. The context
 * entry is written high qword first, present bit last; then device-
 * selective context-cache and domain IOTLB invalidation and a wait.
 */
int vtd_attach(struct vtd *u, u16 rid, u16 domain, u64 root_hpa, struct pp_err *err);
/* Context entry of rid not present (P cleared first); invalidate; wait.
 * A device never attached is already blocked: PP_OK, nothing queued. */
int vtd_block(struct vtd *u, u16 rid, struct pp_err *err);
/* IOTLB invalidation of the domain and a wait: after PP_OK, tables unmapped
 * from the domain's tree may be freed (pt_reclaim). */
int vtd_flush_domain(struct vtd *u, u16 domain, struct pp_err *err);

/*
 * Interrupt remapping (§5.1, vtd_irte.h). vtd_ir_init, after vtd_init:
 * refuses (PP_ENOTSUP) a unit without ECAP.IR; a zeroed table of
 * VTD_IRT_ENTRIES (every entry not present: every remappable interrupt
 * blocked); firmware's IRE cleared first if set; IRTA (xAPIC), SIRTP,
 * global interrupt entry cache invalidation and a wait, CFI cleared
 * (compatibility-format interrupts blocked), IRE. vtd_irte_alloc hands
 * out a free index (PP_ENOMEM when none); vtd_irte_free gives it back
 * (the caller set it blocked first). vtd_irte_set writes entry `index`
 * (P cleared first, the high qword, then the low one with P), then an
 * index-selective invalidation and a wait: after PP_OK the unit uses the
 * new entry only. PP_EINVAL (no table, index out of range: nothing
 * written), PP_ETIMEOUT (written; not yet invalidated).
 */
int vtd_ir_init(struct vtd *u, struct pp_err *err);
int vtd_irte_alloc(struct vtd *u, u32 *index, struct pp_err *err);
void vtd_irte_free(struct vtd *u, u32 index);
int vtd_irte_set(struct vtd *u, u32 index, const struct vtd_irte *e, struct pp_err *err);

/*
 * Drain the primary fault records (FSTS.PPF): from FSTS.FRI on, each record
 * with F set is decoded, handed to fn and cleared (F written 1), at most
 * nfr per call; FSTS.PFO is cleared and reported as a fault with flag
 * VTD_FAULT_OVERFLOW (no address, rid 0). Returns how many fn calls.
 */
u32 vtd_drain(struct vtd *u, void (*fn)(void *ctx, const struct iommu_fault *f), void *ctx);

/* Internal to the driver's files (vtd.c, vtd_qi.c). */
/* Set (on) or clear one GCMD command the §11.4.4.1 way and wait for GSTS. */
int vtd_gcmd(struct vtd *u, u32 cmd, bool on, struct pp_err *err);
/* Wait until (GSTS & mask) == want, bounded; PP_ETIMEOUT names `what`. */
int vtd_wait_gsts(struct vtd *u, u32 mask, u32 want, const char *what, struct pp_err *err);

#endif
