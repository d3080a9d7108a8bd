/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A partition's TPM pages held out of its NPT until the handover
 * (docs/partitions.md, "The TPM before the handover"). The hypervisor
 * drives the TPM itself (TIS or CRB at locality 0, then 2) until `ready`
 * (main.c's at_ready: the policy confirm is its last command, then
 * hv_tpm_handover). A partition given a TPM locality page (the TIS FIFO:
 * hypervisor/drivers/tpm/tis.c; the CRB's control area alike) that talked to
 * it before then could land in the middle of one of the hypervisor's
 * commands: claim the locality, reset the FIFO, read the response. So the
 * plan flags every MMIO region over a locality page (PART_REG_TPM),
 * part_npt_build leaves those out, and part_npt_map_held maps them at the
 * handover. Until then an access there is a nested page fault with the
 * page not present, which part_tpm_npf decides: hold the vCPU (the
 * instruction is executed again later), or it is not a held page at all.
 */
#ifndef PARAPET_HV_PART_TPM_HOLD_H
#define PARAPET_HV_PART_TPM_HOLD_H

#include <parapet/err.h>
#include <parapet/types.h>
#include "hypervisor/core/part/plan.h"
#include "hypervisor/lib/pt/pt.h"

/* The TPM's locality pages (TCG PC Client PTP for TPM 2.0, 5.4: localities
 * 0 to 4 at 0xFED4_0000 + L * 4 KiB; common/drivers/tpm/tpm_ptp.h). */
#define PART_TPM_BASE 0xFED40000ull
#define PART_TPM_END (PART_TPM_BASE + 5ull * 0x1000ull)

/* Does [hpa, hpa + size) overlap a TPM locality page? (no overflow) */
static inline bool part_tpm_overlaps(u64 hpa, u64 size)
{
	if (!size || hpa >= PART_TPM_END)
		return false;
	return hpa >= PART_TPM_BASE || size > PART_TPM_BASE - hpa;
}

/* The partition's TPM gate (struct hv_part.tpm_gate, atomic). */
enum part_tpm_gate {
	PART_TPM_CLOSED = 0, /* before the handover: held regions unmapped */
	PART_TPM_OPEN = 1,   /* handed over: part_npt_map_held succeeded */
	PART_TPM_FAILED = 2, /* handed over, but mapping failed: never mapped */
};

/* What a nested page fault means for the TPM hold. */
enum part_tpm_npf {
	PART_TPM_NPF_OTHER = 0, /* not a held page: handled as before (a stop) */
	PART_TPM_NPF_HOLD = 1,	/* before the handover: hold, execute it again later */
	PART_TPM_NPF_RETRY = 2, /* mapped since the fault: execute it again now */
};

/* Regions of the plan flagged PART_REG_TPM. */
u32 part_plan_held(const struct part_plan *plan);

/* Does guest-physical [g, g + len) overlap a PART_REG_TPM region? (len 0:
 * no; a range that wraps: to the end of the space.) Whatever else the
 * hypervisor maps at a guest's chosen gpa (PP_HC_LOG_MAP) is refused
 * there: before the handover those pages are free in the NPT, and a log
 * mapped into them would keep the TPM out for good. */
bool part_plan_held_overlaps(const struct part_plan *plan, u64 g, u64 len);

/*
 * A nested page fault at guest-physical `g` (present: the page was
 * present, a permission fault; fetch: an instruction fetch; APM vol. 2
 * 15.25.6, EXITINFO1 bits 0 and 4) of a partition with this plan and gate.
 * Only a read or write of a not-present page inside a PART_REG_TPM region
 * is the hold's: HOLD while the gate is closed, RETRY once it is open (the
 * fault raced with the mapping). A fetch (MMIO is never executable), a
 * permission fault, a gpa outside the held regions, or a failed gate:
 * OTHER, which the exit handling treats as it always did (it stops the
 * partition).
 */
enum part_tpm_npf part_tpm_npf(const struct part_plan *plan, u64 g, bool present, bool fetch,
			       u32 gate);

/*
 * At the handover: map the plan's PART_REG_TPM regions into *npt, as
 * part_npt_build maps any region. Errors: pt_map's, with the region named
 * (regions mapped before the failing one stay mapped; the caller marks the
 * gate failed and never opens it).
 */
int part_npt_map_held(const struct part_plan *plan, struct pt *npt, struct pp_err *err);

#endif
