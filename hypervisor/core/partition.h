/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Partitions from the enforced policy (docs/partitions.md, "At boot"):
 * partitions_build makes every partition of hv_policy ready to run (memory
 * plan, NPT, image from its measured `pd NAME` boot module, long64 boot
 * state, capability table, VMCB checked against the VMRUN rules);
 * partitions_run_here then runs, on the calling CPU, the partition the
 * policy pins to it, and does not return while it runs. Today only the
 * BSP's partition runs (partitions on other CPUs: planned, they are built
 * and reported, not started). A partition that cannot be built is not
 * started, with the reason on the console; the others are unaffected.
 */
#ifndef PARAPET_HV_PARTITION_H
#define PARAPET_HV_PARTITION_H

#include <parapet/handoff.h>

/* Build every partition; returns how many were built (a partition on
 * another CPU than the boot CPU is built but not started: planned). */
u32 partitions_build(const struct pp_handoff *h);
/* Run the partition pinned to this CPU (MADT index), if any is ready. */
void partitions_run_here(void);

#endif
