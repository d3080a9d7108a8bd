/* SPDX-License-Identifier: GPL-2.0-only */
/* Internal helpers of common/policy/ (not a public API). */
#ifndef PARAPET_COMMON_POLICY_INT_H
#define PARAPET_COMMON_POLICY_INT_H

#include <parapet/policy.h>

/* Table t's record i (i >= 1) does not sort before record i - 1. */
bool pol_in_order(const struct pp_policy *p, u32 t, u32 i);

/* Record a validator finding; returns the PP_E* code. */
int pol_fail(struct pp_pol_error *out, enum pp_pol_rule rule, int code, const char *fmt, ...)
    PP_PRINTF(4, 5);

/* [a, a + as) and [b, b + bs) intersect (sizes > 0, no wrap: checked first). */
static inline bool pol_overlap(u64 a, u64 as, u64 b, u64 bs)
{
	return a < b + bs && b < a + as;
}

#endif
