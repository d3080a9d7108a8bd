/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Partitions from the enforced policy (docs/partitions.md, "At boot"):
 * partitions_build makes every partition of hv_policy ready to run (memory
 * plan, NPT, image from its measured `pd NAME` boot module, long64 boot
 * state, capability table, VMCB checked against the VMRUN rules);
 * partitions_run then runs each on the core the policy pins it to
 * (partition_run.c). A partition that cannot be built is not started,
 * with the reason on the console; the others are unaffected.
 */
#ifndef PARAPET_HV_PARTITION_H
#define PARAPET_HV_PARTITION_H

#include <parapet/handoff.h>

/* Build every partition; returns how many were built (a partition whose
 * CPU is not online is built but never started). */
u32 partitions_build(const struct pp_handoff *h);
/* Run them: each AP its partition, then the boot CPU its own. Once every
 * partition has started (or could not), at_ready(started, total) runs
 * once, on the boot CPU (main.c: confirm the policy, the summary). Returns
 * only when the boot CPU has no partition to run. */
void partitions_run(void (*at_ready)(u32 started, u32 total));
/* At ready, after hv_tpm_handover (the hypervisor sends nothing more to
 * the TPM): every partition's TPM locality pages, held out of its NPT
 * until now, are mapped, and its held vCPUs go on (partition_tpm.c,
 * docs/partitions.md "The TPM before the handover"). Boot CPU, once. */
void partitions_tpm_handover(void);

#endif
