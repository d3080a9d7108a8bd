// SPDX-License-Identifier: GPL-2.0-only
/*
 * A partition's TPM pages before and after the handover (part/tpm_hold.h,
 * docs/partitions.md "The TPM before the handover"). The plan flags every
 * MMIO region over a TPM locality page; part_npt_build leaves them out.
 * A vCPU that touches one before the handover takes a nested page fault
 * (page not present), which its exit handling hands to part_npf_tpm:
 * counted, told once on the console, and held (svm/exit.c, exit_linux.c:
 * the instruction runs again after a bounded wait). At ready, after
 * hv_tpm_handover, the boot CPU maps the pages into each such partition's
 * NPT and only then opens its gate (release): a vCPU that reads the gate
 * open finds the mapping in place. A handover that never comes (no ready:
 * the boot stopped before its partitions ran) leaves the pages unmapped,
 * and such a guest never reaches the TPM. Trust: the gpa and the fault's
 * kind come from the CPU's exit information; nothing here reads guest
 * memory.
 */
#include "hypervisor/core/part/tpm_hold.h"
#include "console.h"
#include "partition.h"
#include "partition_int.h"

static int to_virt(enum part_tpm_npf d)
{
	switch (d) {
	case PART_TPM_NPF_HOLD: return VIRT_NPF_HOLD;
	case PART_TPM_NPF_RETRY: return VIRT_NPF_RETRY;
	default: return VIRT_NPF_OTHER;
	}
}

int part_npf_tpm(void *ctx, u64 gpa, bool present, bool fetch)
{
	struct hv_part *p = ctx;
	const u32 gate = __atomic_load_n(&p->tpm_gate, __ATOMIC_ACQUIRE);
	const enum part_tpm_npf d = part_tpm_npf(&p->plan, gpa, present, fetch, gate);
	if (d != PART_TPM_NPF_HOLD)
		return to_virt(d);
	__atomic_fetch_add(&p->tpm_holds, 1u, __ATOMIC_RELAXED);
	if (!__atomic_exchange_n(&p->tpm_told, 1u, __ATOMIC_ACQ_REL))
		hv_printf("partition %s: TPM access held until the handover (gpa 0x%llx)\n",
			  p->pp->name, (unsigned long long)gpa);
	return VIRT_NPF_HOLD;
}

void partitions_tpm_handover(void)
{
	for (u32 i = 0; i < hv_nparts; i++) {
		struct hv_part *p = &hv_parts[i];
		struct pp_err err = {0, ""};
		if (!p->pp || !part_plan_held(&p->plan) ||
		    __atomic_load_n(&p->tpm_gate, __ATOMIC_ACQUIRE) != PART_TPM_CLOSED)
			continue;
		if (__atomic_load_n(&p->state, __ATOMIC_ACQUIRE) == PART_NONE)
			continue; /* not built (or its CPU offline): it never runs */
		/* The new entries are present where nothing was: no TLB holds a
		 * not-present translation (see docs/partitions.md), so no flush
		 * of the running vCPUs; a held vCPU flushes its own TLB before it
		 * executes the instruction again (VIRT_NPF_RETRY, exit.c). */
		if (part_npt_map_held(&p->plan, &p->npt, &err)) {
			__atomic_store_n(&p->tpm_gate, PART_TPM_FAILED, __ATOMIC_RELEASE);
			hv_printf(
			    "partition %s: TPM pages not mapped at the handover: %s (it never "
			    "reaches the TPM)\n",
			    p->pp->name, err.msg);
			continue;
		}
		__atomic_store_n(&p->tpm_gate, PART_TPM_OPEN, __ATOMIC_RELEASE);
		hv_printf("partition %s: TPM mapped after the handover (%llu access(es) held "
			  "before)\n",
			  p->pp->name,
			  (unsigned long long)__atomic_load_n(&p->tpm_holds, __ATOMIC_RELAXED));
	}
}
