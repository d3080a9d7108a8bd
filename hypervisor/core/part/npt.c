// SPDX-License-Identifier: GPL-2.0-only
/* A partition's NPT from its plan (npt.h). */
#include "hypervisor/core/part/npt.h"
#include "hypervisor/lib/pt/fmt_npt.h"

u32 part_region_pt_perms(const struct part_region *r)
{
	u32 p = 0;
	if (r->perm & PP_POL_R)
		p |= PT_PERM_R;
	if (r->perm & PP_POL_W)
		p |= PT_PERM_W;
	if ((r->perm & PP_POL_X) && r->kind == PART_REG_RAM)
		p |= PT_PERM_X;
	return p;
}

int part_npt_map_region(const struct part_plan *plan, const struct part_region *r, struct pt *npt,
			struct pp_err *err)
{
	u32 perms = part_region_pt_perms(r);
	if ((perms & pt_fmt_npt.perm_required) != pt_fmt_npt.perm_required)
		return pp_fail(err, PP_EINVAL,
			       "part %u: %s at gpa 0x%llx is not readable; NPT cannot map "
			       "write- or execute-only memory",
			       plan->part, part_region_kind_name(r->kind),
			       (unsigned long long)gpa_val(r->gpa));
	struct pp_err e;
	int rc = pt_map(npt, gpa_val(r->gpa), hpa_val(r->hpa), r->size, perms, &e);
	if (rc)
		pp_fail(err, rc, "part %u: %s at gpa 0x%llx: %s", plan->part,
			part_region_kind_name(r->kind), (unsigned long long)gpa_val(r->gpa), e.msg);
	return rc;
}

int part_npt_build(const struct part_plan *plan, const struct pt_mem *mem, u32 leaf_mask,
		   struct pt *npt, struct pp_err *err)
{
	int rc = pt_init(npt, &pt_fmt_npt, 4, leaf_mask, mem, err);
	if (rc)
		return rc;
	for (u32 i = 0; i < plan->n; i++) {
		if (plan->r[i].flags & PART_REG_TPM)
			continue; /* held until the handover (tpm_hold.h) */
		rc = part_npt_map_region(plan, &plan->r[i], npt, err);
		if (rc) {
			pt_destroy(npt);
			return rc;
		}
	}
	return PP_OK;
}
