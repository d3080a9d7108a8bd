// SPDX-License-Identifier: GPL-2.0-only
/* The TPM pages held until the handover (tpm_hold.h). */
#include "hypervisor/core/part/npt.h"
#include "hypervisor/core/part/tpm_hold.h"

u32 part_plan_held(const struct part_plan *plan)
{
	u32 n = 0;
	for (u32 i = 0; i < plan->n; i++)
		n += (plan->r[i].flags & PART_REG_TPM) != 0;
	return n;
}

bool part_plan_held_overlaps(const struct part_plan *plan, u64 g, u64 len)
{
	if (!len)
		return false;
	const u64 last = g + len - 1 < g ? ~0ull : g + len - 1;
	for (u32 i = 0; i < plan->n; i++) {
		const struct part_region *r = &plan->r[i];
		if ((r->flags & PART_REG_TPM) && g <= gpa_val(r->gpa) + (r->size - 1) &&
		    last >= gpa_val(r->gpa))
			return true;
	}
	return false;
}

enum part_tpm_npf part_tpm_npf(const struct part_plan *plan, u64 g, bool present, bool fetch,
			       u32 gate)
{
	if (present || fetch || gate == PART_TPM_FAILED)
		return PART_TPM_NPF_OTHER;
	const struct part_region *r = part_plan_find(plan, gpa(g));
	if (!r || !(r->flags & PART_REG_TPM))
		return PART_TPM_NPF_OTHER;
	return gate == PART_TPM_OPEN ? PART_TPM_NPF_RETRY : PART_TPM_NPF_HOLD;
}

int part_npt_map_held(const struct part_plan *plan, struct pt *npt, struct pp_err *err)
{
	for (u32 i = 0; i < plan->n; i++) {
		if (!(plan->r[i].flags & PART_REG_TPM))
			continue;
		int rc = part_npt_map_region(plan, &plan->r[i], npt, err);
		if (rc)
			return rc;
	}
	return PP_OK;
}
