/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A partition's capability table (docs/hypercalls.md): built once from the
 * verified policy when the partition is created, read-only afterwards.
 * Entry i is selector i of the hypercall ABI (parapet/hypercall.h): first
 * the policy's capabilities of the partition in the policy's sorted order
 * (type, then target), then its channel ends in the policy's order (name).
 * Pure: no hardware, host-tested (tests/unit/test_cap.c).
 */
#ifndef PARAPET_HV_CAP_H
#define PARAPET_HV_CAP_H

#include <parapet/err.h>
#include <parapet/hypercall.h>
#include <parapet/policy.h>

#define HV_CAP_MAX (PP_POL_MAX_CAPS + PP_POL_MAX_CHANS)

struct hv_cap {
	u32 type;   /* PP_HC_CAP_* */
	u32 rights; /* PP_HC_RIGHT_* */
	u32 target; /* CONTROL: the partition id; CHANNEL: the peer's id; else 0 */
	u32 index;  /* CHANNEL: index of the channel end in the policy; else 0 */
};

struct hv_cap_table {
	u32 part; /* the owner's partition id */
	u32 n;
	struct hv_cap cap[HV_CAP_MAX];
};

/* Fill t with partition `part`'s capabilities from p (a validated policy):
 * PP_ENOENT when p has no such partition. */
int hv_cap_build(const struct pp_policy *p, u32 part, struct hv_cap_table *t, struct pp_err *err);

/*
 * The check every capability-taking hypercall makes: selector sel exists,
 * has type `type` and every right in `need`. Returns the capability, or
 * NULL with *status = PP_HC_EPERM. Never trusts sel beyond the table.
 */
const struct hv_cap *hv_cap_check(const struct hv_cap_table *t, u64 sel, u32 type, u32 need,
				  long *status);

#endif
