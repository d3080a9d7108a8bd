/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's side of the partition builder's callbacks
 * (docs/partitions.md): RAM runs from hv_palloc (aligned, zeroed, below
 * the identity-mapped 4 GiB; scrubbed when freed), guest-physical ranges
 * turned into host pointers through a partition's plan, and the
 * hypercall dispatch's reader (only memory the partition may read).
 */
#ifndef PARAPET_HV_PARTITION_MEM_H
#define PARAPET_HV_PARTITION_MEM_H

#include "part/plan.h"

/* Allocation below this: inside the hypervisor's identity map. */
#define PART_MEM_LIMIT (4ull << 30)

extern const struct part_alloc part_palloc;

/* part_gpa_ptr_fn over a plan (ctx): [g, g + len) inside one RAM region. */
u8 *part_mem_ptr(void *ctx, gpa_t g, u64 len);
/* hv_hc_env.read over a plan (ctx): inside one readable RAM or channel region. */
int part_mem_read(void *ctx, u64 gpa, void *out, u32 len);

#endif
