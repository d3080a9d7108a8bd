// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cache partitioning, the runtime half (cache_qos.h, docs/cache-qos.md):
 * CPUID on the boot CPU, the plan kept for every CPU, the mask MSRs
 * written on each CPU that runs a partition, PQR_ASSOC around each run.
 * Hardware-only, untested on hardware: QEMU reports no allocation feature,
 * so there detection prints "none" and every other call returns at once.
 *
 * Trust: the plan is built once, on the boot CPU, from the verified and
 * validated policy, before any CPU runs a partition; after that it is only
 * read. Partitions cannot touch these MSRs: every WRMSR of a partition
 * exits and gets #GP(0), and RDMSR only of the allowlisted TSC and EFER
 * (docs/svm.md, the MSR exit).
 */
#include <parapet/string.h>
#include <parapet/x86.h>
#include "hypervisor/core/console.h"
#include "cache_qos.h"

#define CACHE_QOS_NOTE "hardware-only, untested on hardware"

struct cache_qos_caps cache_qos_caps;
static struct cache_qos_plan plan;

void cache_qos_detect(void)
{
	struct cache_qos_cpuid in;
	struct cache_qos_caps *c = &cache_qos_caps;
	u32 a, cx, d;

	memset(&in, 0, sizeof(in));
	cpuid(0, 0, &in.max_leaf, &in.vendor_ebx, &in.vendor_ecx, &in.vendor_edx);
	if (in.max_leaf >= 7u)
		cpuid(7, 0, &a, &in.leaf7_ebx, &cx, &d);
	/* Leaf 10h only when it exists and PQE says it describes allocation. */
	if (in.max_leaf >= CACHE_QOS_LEAF && (in.leaf7_ebx & CACHE_QOS_CPUID_7_EBX_PQE)) {
		cpuid(CACHE_QOS_LEAF, 0, &a, &in.leaf10_0_ebx, &cx, &d);
		if (in.leaf10_0_ebx & CACHE_QOS_CPUID_10_0_EBX_L3)
			cpuid(CACHE_QOS_LEAF, CACHE_QOS_SUBLEAF_L3, &in.leaf10_1_eax,
			      &in.leaf10_1_ebx, &in.leaf10_1_ecx, &in.leaf10_1_edx);
	}
	cache_qos_decide(&in, c);
	if (c->kind == CACHE_QOS_NONE) {
		hv_printf("hv: cache-qos: none (%s)\n", c->why);
		return;
	}
	hv_printf("hv: cache-qos: %s, %u-bit L3 masks, COS 0-%u, shared ways 0x%x, cdp %s "
		  "(" CACHE_QOS_NOTE ")\n",
		  cache_qos_kind_name(c->kind), c->cbm_len, c->cos_max, c->shareable,
		  c->cdp ? "supported" : "no");
}

int cache_qos_setup(const struct pp_policy *p, struct pp_err *err)
{
	struct cache_qos_plan pl;
	int rc = cache_qos_plan_build(p, &cache_qos_caps, &pl, err);
	if (rc)
		return rc;
	plan = pl;
	for (u32 i = 0; plan.active && i < plan.n_parts; i++) {
		const struct cache_qos_part *q = &plan.part[i];
		if (!q->cos)
			continue;
		if (q->shared_ways)
			hv_printf("hv: cache-qos: partition %s: COS %u, L3 mask 0x%x (ways 0x%x "
				  "shared with other agents)\n",
				  p->parts[i].name, q->cos, q->mask, q->shared_ways);
		else
			hv_printf("hv: cache-qos: partition %s: COS %u, L3 mask 0x%x\n",
				  p->parts[i].name, q->cos, q->mask);
	}
	return PP_OK;
}

int cache_qos_program_masks(struct pp_err *err)
{
	if (!plan.active)
		return PP_OK;
	if (cache_qos_caps.cdp) {
		int rc = cache_qos_check_cfg(&cache_qos_caps, rdmsr(CACHE_QOS_MSR_L3_QOS_CFG), err);
		if (rc)
			return rc;
	}
	/* COS 0 first (all ways), then one mask per partition's COS. */
	for (u32 i = 0; i < plan.n_masks; i++)
		wrmsr(plan.masks[i].msr, plan.masks[i].value);
	return PP_OK;
}

void cache_qos_enter(u32 part_index)
{
	if (!plan.active || part_index >= plan.n_parts)
		return;
	wrmsr(CACHE_QOS_MSR_PQR_ASSOC, plan.part[part_index].pqr_assoc);
}

void cache_qos_leave(void)
{
	if (!plan.active)
		return;
	wrmsr(CACHE_QOS_MSR_PQR_ASSOC, 0);
}
