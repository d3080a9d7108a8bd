// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cache partitioning, the pure half (cache_qos.h): the capability from
 * captured CPUID values, the mask checks and the plan (COS per partition,
 * MSR values). No CPU access; host-tested (tests/unit/test_cache_qos.c),
 * linked into the hypervisor for cache_qos.c. Input: a validated policy
 * and the CPU's own CPUID; a refusal leaves *out as it was.
 */
#include <parapet/string.h>
#include "cache_qos.h"

_Static_assert(CACHE_QOS_INTEL_MIN_BITS == 1u,
	       "SDM §17.17.4.1: 1 bit or longer, so the empty-mask check is the width check");

static bool vendor_is(const struct cache_qos_cpuid *in, u32 ebx, u32 edx, u32 ecx)
{
	return in->vendor_ebx == ebx && in->vendor_edx == edx && in->vendor_ecx == ecx;
}

void cache_qos_decide(const struct cache_qos_cpuid *in, struct cache_qos_caps *out)
{
	struct cache_qos_caps c;
	enum cache_qos_kind kind;

	memset(&c, 0, sizeof(c));
	c.kind = CACHE_QOS_NONE;
	if (vendor_is(in, CACHE_QOS_VENDOR_INTEL_EBX, CACHE_QOS_VENDOR_INTEL_EDX,
		      CACHE_QOS_VENDOR_INTEL_ECX))
		kind = CACHE_QOS_INTEL_CAT;
	else if (vendor_is(in, CACHE_QOS_VENDOR_AMD_EBX, CACHE_QOS_VENDOR_AMD_EDX,
			   CACHE_QOS_VENDOR_AMD_ECX))
		kind = CACHE_QOS_AMD_L3;
	else
		kind = CACHE_QOS_NONE;

	if (kind == CACHE_QOS_NONE)
		c.why = "vendor is neither GenuineIntel nor AuthenticAMD";
	else if (in->max_leaf < 7u)
		c.why = "max basic leaf below 7: no CPUID.(7,0)";
	else if (!(in->leaf7_ebx & CACHE_QOS_CPUID_7_EBX_PQE))
		c.why = "CPUID.(7,0):EBX[15] (PQE) is 0";
	else if (in->max_leaf < CACHE_QOS_LEAF)
		c.why = "max basic leaf below 0x10: no allocation leaf";
	else if (!(in->leaf10_0_ebx & CACHE_QOS_CPUID_10_0_EBX_L3))
		c.why = "CPUID.(10h,0):EBX[1] (L3 allocation) is 0";
	else {
		c.kind = kind;
		c.cbm_len = (in->leaf10_1_eax & CACHE_QOS_CPUID_10_1_EAX_CBM_LEN) + 1u;
		c.cos_max = in->leaf10_1_edx & CACHE_QOS_CPUID_10_1_EDX_COS_MAX;
		/* Only 128 L3 mask MSRs exist (SDM §17.17.3.3). */
		if (c.cos_max > CACHE_QOS_L3_MASK_MSRS - 1u)
			c.cos_max = CACHE_QOS_L3_MASK_MSRS - 1u;
		c.shareable = in->leaf10_1_ebx & cache_qos_all_ways(&c);
		c.cdp = (in->leaf10_1_ecx & CACHE_QOS_CPUID_10_1_ECX_CDP) != 0;
	}
	*out = c;
}

const char *cache_qos_kind_name(enum cache_qos_kind kind)
{
	switch (kind) {
	case CACHE_QOS_INTEL_CAT: return "Intel CAT";
	case CACHE_QOS_AMD_L3: return "AMD L3 QoS";
	default: return "none";
	}
}

u32 cache_qos_all_ways(const struct cache_qos_caps *caps)
{
	if (!caps->cbm_len)
		return 0;
	return caps->cbm_len >= 32u ? 0xffffffffu : (1u << caps->cbm_len) - 1u;
}

int cache_qos_check_mask(const struct cache_qos_caps *caps, const char *name, u32 mask,
			 struct pp_err *err)
{
	if (caps->kind == CACHE_QOS_NONE)
		return pp_fail(err, PP_ENOTSUP,
			       "partition \"%s\": cache mask 0x%x is not supported by this CPU: %s",
			       name, mask, caps->why ? caps->why : "no L3 allocation");
	if (!mask)
		return pp_fail(err, PP_EINVAL,
			       "partition \"%s\": cache mask 0 is empty: no L3 way to fill (SDM "
			       "§17.17.4.1: at least %u bit)",
			       name, CACHE_QOS_INTEL_MIN_BITS);
	const u32 beyond = mask & ~cache_qos_all_ways(caps);
	if (beyond)
		return pp_fail(err, PP_ERANGE,
			       "partition \"%s\": cache mask 0x%x sets bit %u, this CPU's L3 "
			       "capacity mask has %u bits (CPUID.(10h,1):EAX[4:0] = %u)",
			       name, mask, 31u - (u32)__builtin_clz(beyond), caps->cbm_len,
			       caps->cbm_len - 1u);
	/* Fill below the lowest set bit, add one: a contiguous run carries out
	 * entirely, leaving none of mask's bits. */
	if (caps->kind == CACHE_QOS_INTEL_CAT && (((mask | (mask - 1u)) + 1u) & mask) != 0)
		return pp_fail(err, PP_EINVAL,
			       "partition \"%s\": cache mask 0x%x is not contiguous (Intel CAT: "
			       "#GP, SDM §17.17.1)",
			       name, mask);
	return PP_OK;
}

int cache_qos_plan_build(const struct pp_policy *p, const struct cache_qos_caps *caps,
			 struct cache_qos_plan *out, struct pp_err *err)
{
	struct cache_qos_plan pl;
	u32 cos = 0;

	if (p->n_parts > PP_POL_MAX_PARTS)
		return pp_fail(err, PP_ERANGE, "cache-qos: %u partitions, at most %u", p->n_parts,
			       PP_POL_MAX_PARTS);
	memset(&pl, 0, sizeof(pl));
	pl.n_parts = p->n_parts;
	for (u32 i = 0; i < p->n_parts; i++) {
		const struct pp_pol_part *a = &p->parts[i];
		const u32 m = a->cache_mask;
		if (!m)
			continue; /* COS 0, all ways: pl.part[i] stays zero */
		int rc = cache_qos_check_mask(caps, a->name, m, err);
		if (rc)
			return rc;
		for (u32 j = 0; j < i; j++) {
			const struct pp_pol_part *b = &p->parts[j];
			if (b->cache_mask & m)
				return pp_fail(
				    err, PP_EOVERLAP,
				    "cache masks of \"%s\" (0x%x) and \"%s\" (0x%x) overlap",
				    b->name, b->cache_mask, a->name, m);
		}
		cos++;
		if (cos > caps->cos_max)
			return pp_fail(err, PP_ERANGE,
				       "partition \"%s\": needs COS %u, this CPU's highest is %u "
				       "(CPUID.(10h,1):EDX[15:0])",
				       a->name, cos, caps->cos_max);
		pl.part[i].cos = cos;
		pl.part[i].mask = m;
		pl.part[i].shared_ways = m & caps->shareable;
		pl.part[i].pqr_assoc = (u64)cos << CACHE_QOS_PQR_COS_SHIFT;
		pl.masks[cos].msr = CACHE_QOS_MSR_L3_MASK(cos);
		pl.masks[cos].value = m;
	}
	if (cos) {
		pl.active = true;
		pl.masks[0].msr = CACHE_QOS_MSR_L3_MASK(0);
		pl.masks[0].value = cache_qos_all_ways(caps);
		pl.n_masks = cos + 1u;
	}
	*out = pl;
	return PP_OK;
}

int cache_qos_check_cfg(const struct cache_qos_caps *caps, u64 l3_qos_cfg, struct pp_err *err)
{
	if (caps->cdp && (l3_qos_cfg & CACHE_QOS_L3_QOS_CFG_CDP))
		return pp_fail(err, PP_ENOTSUP,
			       "cache-qos: CDP is on (MSR 0x%x = 0x%llx): its mask MSRs pair up "
			       "per COS, the plan has one per COS",
			       CACHE_QOS_MSR_L3_QOS_CFG, (unsigned long long)l3_qos_cfg);
	return PP_OK;
}
