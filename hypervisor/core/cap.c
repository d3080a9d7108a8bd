// SPDX-License-Identifier: GPL-2.0-only
/* Capability tables from the policy (cap.h, docs/hypercalls.md). */
#include <parapet/string.h>
#include "cap.h"

/* The policy's capability kinds are the ABI's types 1-5 (parapet/hypercall.h). */
_Static_assert(PP_POL_CAP_CONSOLE == PP_HC_CAP_CONSOLE && PP_POL_CAP_TPM == PP_HC_CAP_TPM &&
		   PP_POL_CAP_EVENTLOG_READ == PP_HC_CAP_EVENTLOG_READ &&
		   PP_POL_CAP_FAULTLOG_READ == PP_HC_CAP_FAULTLOG_READ &&
		   PP_POL_CAP_CONTROL == PP_HC_CAP_CONTROL && PP_POL_CAP_COUNT == PP_HC_CAP_CHANNEL,
	       "policy capability kinds and ABI types differ");
_Static_assert(PP_POL_R == PP_HC_RIGHT_READ && PP_POL_W == PP_HC_RIGHT_WRITE &&
		   PP_POL_X == PP_HC_RIGHT_EXEC,
	       "channel permissions and ABI rights differ");

static bool has_part(const struct pp_policy *p, u32 id)
{
	for (u32 i = 0; i < p->n_parts; i++)
		if (p->parts[i].id == id)
			return true;
	return false;
}

int hv_cap_build(const struct pp_policy *p, u32 part, struct hv_cap_table *t, struct pp_err *err)
{
	memset(t, 0, sizeof(*t));
	if (!has_part(p, part))
		return pp_fail(err, PP_ENOENT, "capabilities: no partition %u in the policy", part);
	t->part = part;
	for (u32 i = 0; i < p->n_caps && i < PP_POL_MAX_CAPS; i++) {
		const struct pp_pol_cap_ent *c = &p->caps[i];
		if (c->part != part)
			continue;
		if (c->cap < PP_POL_CAP_CONSOLE || c->cap >= PP_POL_CAP_COUNT)
			return pp_fail(err, PP_EINVAL,
				       "capabilities: partition %u: kind %u unknown", part, c->cap);
		t->cap[t->n++] = (struct hv_cap){c->cap, PP_HC_RIGHT_USE,
						 c->cap == PP_POL_CAP_CONTROL ? c->target : 0, 0};
	}
	for (u32 i = 0; i < p->n_chans && i < PP_POL_MAX_CHANS; i++) {
		const struct pp_pol_chan *c = &p->chans[i];
		if (c->part != part)
			continue;
		/* the policy has no separate signal right: every end may signal its peer */
		t->cap[t->n++] =
		    (struct hv_cap){PP_HC_CAP_CHANNEL,
				    (c->perm & PP_POL_PERM_MASK) | PP_HC_RIGHT_SIGNAL, c->peer, i};
	}
	return PP_OK;
}

const struct hv_cap *hv_cap_check(const struct hv_cap_table *t, u64 sel, u32 type, u32 need,
				  long *status)
{
	if (sel >= t->n || t->cap[sel].type != type || (t->cap[sel].rights & need) != need) {
		*status = PP_HC_EPERM;
		return NULL;
	}
	*status = PP_HC_OK;
	return &t->cap[sel];
}
