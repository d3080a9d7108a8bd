/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor's physical page allocator instance and its set-up from the handoff. */
#ifndef PARAPET_HV_MEMORY_H
#define PARAPET_HV_MEMORY_H

#include <parapet/handoff.h>
#include "palloc.h"

/* Tracked by the allocator: usable RAM below this address (static bitmap). */
#define HV_PALLOC_LIMIT (64ull << 30)

extern struct palloc hv_palloc;

/*
 * The hypervisor's own memory (the allocator's exclusions and the policy's
 * reserved ranges): its image, launch, the handoff, both event logs, the
 * secure loader's copies and every module. Into x[cap >= PALLOC_MAX_EXCLUDE];
 * returns the count (0 when cap is too small).
 */
u32 memory_own_ranges(const struct pp_handoff *h, struct palloc_range *x, u32 cap);

/* Exclusions from the handoff + the hypervisor image, then palloc_init. */
int memory_init(const struct pp_handoff *h, struct pp_err *err);

#endif
