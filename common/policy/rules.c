// SPDX-License-Identifier: GPL-2.0-only
/*
 * The validator's vocabulary (parapet/policy.h): rule-class names, the one
 * way a finding is recorded, and the model's lookups.
 */
#include <parapet/fmt.h>
#include <parapet/policy.h>
#include <parapet/string.h>
#include "common/policy/pol_int.h"

const char *pp_pol_rule_name(enum pp_pol_rule r)
{
	static const char *const names[PP_POL_RULE_COUNT] = {
	    [PP_POL_OK] = "ok",
	    [PP_POL_STRUCTURE] = "structure",
	    [PP_POL_ALIGN] = "alignment",
	    [PP_POL_MEMORY] = "memory",
	    [PP_POL_HV_MEMORY] = "hypervisor-memory",
	    [PP_POL_FORBIDDEN] = "forbidden-resource",
	    [PP_POL_DEVICE] = "device-ownership",
	    [PP_POL_IOMMU] = "iommu-scope",
	    [PP_POL_DMA] = "dma",
	    [PP_POL_IRQ] = "interrupt-ownership",
	    [PP_POL_CPU] = "cpu-set",
	    [PP_POL_CACHE] = "cache-mask",
	    [PP_POL_BINDING] = "binding",
	    [PP_POL_CHANNEL] = "channel",
	    [PP_POL_CAPABILITY] = "capability",
	    [PP_POL_IMAGE] = "image",
	    [PP_POL_IOPORT] = "ioport-ownership",
	};
	return (unsigned)r < PP_POL_RULE_COUNT ? names[r] : "unknown";
}

int pol_fail(struct pp_pol_error *out, enum pp_pol_rule rule, int code, const char *fmt, ...)
{
	if (out) {
		va_list ap;
		va_start(ap, fmt);
		out->rule = rule;
		out->err.code = code;
		pp_vsnprintf(out->err.msg, sizeof(out->err.msg), fmt, ap);
		va_end(ap);
	}
	return code;
}

const struct pp_pol_part *pp_policy_part(const struct pp_policy *p, u32 id)
{
	for (u32 i = 0; i < p->n_parts && i < PP_POL_MAX_PARTS; i++)
		if (p->parts[i].id == id)
			return &p->parts[i];
	return NULL;
}

const struct pp_pol_part *pp_policy_part_by_name(const struct pp_policy *p, const char *name)
{
	for (u32 i = 0; i < p->n_parts && i < PP_POL_MAX_PARTS; i++)
		if (strcmp(p->parts[i].name, name) == 0)
			return &p->parts[i];
	return NULL;
}
