/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The secure loader's DMA guard (docs/launch.md, "DMA guard"): before the
 * SL copies or measures anything, every IOMMU unit the firmware's IVRS and
 * DMAR name blocks every requester, on tables in the fixed region
 * SL_DMA_* (parapet/sl_params.h); after the copies are measured, the units
 * the measured copies name must be exactly the ones guarded; the handoff
 * then names them for the hypervisor, which takes them over without ever
 * disabling them (docs/iommu.md).
 *
 * Small on purpose (sl.bin must fit the SLB): only the register base of
 * each unit is parsed; the unit steps reuse the hypervisor drivers' shared
 * definitions and command ring (amdvi_regs.h, amdvi_dte.h, amdvi_cmd.c,
 * vtd_regs.h). Trust: the firmware's tables are untrusted and parsed
 * bounds-checked (each entry's length inside the table); the units'
 * registers are polled with a bound (IOMMU_TIMEOUT_US turns of relax).
 * Host-tested: the parser in tests/unit/test_sl_dma_guard.c and
 * tests/fuzz/fuzz_sl_dma_parse.c, the unit steps against
 * tests/unit/amdvi_model.c and tests/unit/vtd_model.c.
 */
#ifndef PARAPET_LAUNCH_SL_DMA_GUARD_H
#define PARAPET_LAUNCH_SL_DMA_GUARD_H

#include <parapet/err.h>
#include <parapet/handoff.h>
#include <parapet/sl_params.h>
#include <parapet/types.h>
#include "hypervisor/drivers/iommu/amdvi_dte.h"
#include "hypervisor/drivers/iommu/iommu_env.h"

/* The units found (type PP_DMA_GUARD_TYPE_*, base), in table order, each
 * base once. */
struct sl_dma_list {
	u32 count;
	struct pp_dma_guard_unit u[SL_DMA_MAX_UNITS];
};

/*
 * Add the units one IVRS (IVHD types 10h, 11h, 40h: IOMMU Base Address at
 * offset 8) or DMAR (DRHD, type 0: Register Base Address at offset 8)
 * table of len bytes names to l; any other table adds nothing. The same
 * unit in several IVHD blocks counts once. t holds len bytes (a table
 * shorter than 4 bytes names nothing). PP_ETRUNC (the table is shorter
 * than its 48-byte header, or an entry has fewer than 4 bytes left, a
 * length below 4 or below its fields, or one beyond the table), PP_EINVAL
 * (a base that is 0, not 4 KiB aligned or not below 4 GiB, one base as
 * two types), PP_ENOMEM (more than SL_DMA_MAX_UNITS units). On error l may
 * hold the units found before it.
 */
int sl_dma_parse(const u8 *t, u32 len, struct sl_dma_list *l, struct pp_err *err);

/* PP_OK when both lists name the same units (type and base), in any
 * order; PP_EINVAL with the first difference otherwise. */
int sl_dma_same(const struct sl_dma_list *guarded, const struct sl_dma_list *measured,
		struct pp_err *err);

/* The unit steps' one message: PP_EDEVICE (register off of the unit at
 * base reads all-ones: no unit there) or PP_ETIMEOUT (it, or with off 0
 * the completion word, did not change within IOMMU_TIMEOUT_US turns). */
int sl_dma_fail(u64 base, u32 off, int code, struct pp_err *err);

/* Where a unit's tables are (the SL: the SL_DMA_* constants; tests: model
 * memory). The device table, the IRT and the root table are shared. */
struct sl_dma_mem {
	struct amdvi_dte *devtab; /* 65536 entries */
	u64 devtab_pa;
	u8 *cmd; /* this unit's 4 KiB command buffer */
	u64 cmd_pa;
	volatile u64 *sem; /* COMPLETION_WAIT store word */
	u64 sem_pa;
	u64 irt_pa; /* a zeroed 64-byte interrupt remapping table */
	u8 *root;   /* the VT-d root table (4 KiB) */
	u64 root_pa;
};

/*
 * Block every requester at the AMD-Vi unit at base (spec #48882): every
 * DTE the deny entry, the command buffer, CmdBufEn + IommuEn, invalidate
 * all (or per ID without IASup), a completion wait; then every DTE written
 * again and everything invalidated again (see the file for why). A unit
 * found on is disabled first (*fw_on = true). PP_EDEVICE, PP_ETIMEOUT.
 */
int sl_dma_guard_amdvi(const struct iommu_env *env, const struct sl_dma_mem *m, u64 base,
		       bool *fw_on, struct pp_err *err);

/*
 * Block every requester at the VT-d unit at base: an all-absent root
 * table, SRTP, global context-cache and IOTLB invalidation through the
 * registers, TE. A unit found translating keeps TE on across the new root
 * (*fw_on = true); queued invalidation found on is drained and turned off
 * first (the registers work only without it). PP_EDEVICE, PP_ETIMEOUT.
 */
int sl_dma_guard_vtd(const struct iommu_env *env, const struct sl_dma_mem *m, u64 base, bool *fw_on,
		     struct pp_err *err);

/* The SL's side (dma_guard.c, SL only): guard every unit the firmware's
 * tables name (through h's RSDP); later, check the measured copies name
 * the same units and append the record to h (cap bytes). Failures go
 * through sl_fatal. */
void sl_dma_guard_on(const struct pp_handoff *h);
void sl_dma_guard_check(struct pp_handoff *h, u32 cap);

#endif
