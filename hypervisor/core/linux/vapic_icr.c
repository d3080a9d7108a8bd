// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ICR rules of the xAPIC write filter (vapic.h; docs/linux-partition.md,
 * "xAPIC writes"): which interrupts a Linux partition may send, and to whom.
 * Intel SDM vol. 3A 11.6.1 (ICR fields and the table of valid xAPIC
 * combinations), 11.6.2 (destinations); AMD APM vol. 2 16.5.
 *
 *   delivery mode  fixed: to any vCPU of the partition (itself included);
 *                  INIT, STARTUP: to its other vCPUs, emulated (an INIT
 *                  with level 0, the INIT level de-assert, is dropped);
 *                  lowest priority, SMI, NMI, 011, 111: refused.
 *   shorthand      none: the physical destination in ICR_HIGH must be one
 *                  of the partition's APIC IDs (0xFF, broadcast, refused;
 *                  logical destination mode refused);
 *                  self: fixed only (as on hardware);
 *                  all including self: fixed only, to every vCPU;
 *                  all excluding self: fixed, INIT, STARTUP, to every
 *                  other vCPU.
 *   vector         fixed: 16-255 (0-15 are illegal, SDM 11.5.2).
 *
 * Every shorthand is expanded into a set of vCPUs, so what reaches the
 * hardware is always one physical, no-shorthand IPI per vCPU of the same
 * partition: nothing a guest writes reaches another partition's core.
 * Trust: lo and icr_high are the guest's; p and vcpu are the hypervisor's.
 */
#include "hypervisor/core/linux/vapic_int.h"

static u64 all_vcpus(const struct vapic_part *p)
{
	return p->cpu_count >= 64u ? ~0ull : (1ull << p->cpu_count) - 1u;
}

/* The vCPU with physical APIC ID `id`, or -1. */
static int vcpu_of(const struct vapic_part *p, u32 id)
{
	for (u32 i = 0; i < p->cpu_count; i++)
		if (p->apic_id[i] == id)
			return (int)i;
	return -1;
}

/* Refusals by delivery mode alone (VAPIC_OK: fixed, INIT, STARTUP). */
static enum vapic_reason mode_check(u32 dm)
{
	switch (dm) {
	case VAPIC_DM_FIXED:
	case VAPIC_DM_INIT:
	case VAPIC_DM_STARTUP: return VAPIC_OK;
	case VAPIC_DM_LOWEST:
		/* "model specific and should be avoided by BIOS and operating
		 * system software" (SDM 11.6.1); Linux sends fixed IPIs. */
		return VAPIC_R_LOWEST;
	case VAPIC_DM_SMI: return VAPIC_R_SMI;
	case VAPIC_DM_NMI:
		/* The hypervisor reaches a partition's core by NMI
		 * (linux-guest.md 1.4): a guest NMI would be mistaken for it. */
		return VAPIC_R_NMI;
	default:
		/* 011: reserved (SDM), remote read of another APIC's register
		 * on AMD (APM 16.5); 111: reserved in the ICR. */
		return VAPIC_R_ICR_MODE;
	}
}

/* The target set, or a refusal in *why. */
static u64 targets_of(const struct vapic_part *p, u32 vcpu, u32 icr_high, u32 lo, u32 dm,
		      enum vapic_reason *why)
{
	const u64 self = 1ull << vcpu;
	int t;

	switch ((lo >> VAPIC_ICR_SH_SHIFT) & 3u) {
	case VAPIC_SH_SELF:
		/* Self: fixed only (SDM 11.6.1, valid combinations). */
		if (dm != VAPIC_DM_FIXED)
			*why = VAPIC_R_SHORTHAND;
		return self;
	case VAPIC_SH_ALL:
		if (dm != VAPIC_DM_FIXED)
			*why = VAPIC_R_SHORTHAND;
		return all_vcpus(p);
	case VAPIC_SH_ALL_BUT_SELF: return all_vcpus(p) & ~self;
	default: break;
	}
	/* No shorthand: the destination field (SDM 11.6.2). */
	if (lo & VAPIC_ICR_LOGICAL) {
		*why = VAPIC_R_LOGICAL;
		return 0;
	}
	const u32 dest = icr_high >> VAPIC_ICR_DEST_SHIFT;
	if (dest == VAPIC_BROADCAST_ID) {
		*why = VAPIC_R_BROADCAST;
		return 0;
	}
	t = vcpu_of(p, dest);
	if (t < 0) {
		*why = VAPIC_R_FOREIGN;
		return 0;
	}
	return 1ull << (u32)t;
}

void vapic_icr(const struct vapic_part *p, u32 vcpu, u32 icr_high, u32 lo, struct vapic_action *out)
{
	const u32 dm = (lo >> VAPIC_ICR_DM_SHIFT) & 7u;
	const u8 vector = (u8)(lo & VAPIC_ICR_VECTOR);
	enum vapic_reason why = mode_check(dm);
	u64 targets;

	if (why != VAPIC_OK)
		goto deny;
	if (dm == VAPIC_DM_FIXED && vector < VAPIC_MIN_VECTOR) {
		why = VAPIC_R_VECTOR;
		goto deny;
	}
	targets = targets_of(p, vcpu, icr_high, lo, dm, &why);
	if (why != VAPIC_OK)
		goto deny;
	if (dm != VAPIC_DM_FIXED && (targets & (1ull << vcpu))) {
		why = VAPIC_R_INIT_SELF; /* INIT or SIPI aimed at the writer */
		goto deny;
	}
	if (!targets) {
		why = VAPIC_D_NO_TARGET; /* all-excluding-self, one vCPU */
		goto deny;
	}
	if (dm == VAPIC_DM_INIT && !(lo & VAPIC_ICR_ASSERT)) {
		/* INIT level de-assert: an arbitration-ID sync on P6, not
		 * supported since the Pentium 4 (SDM 11.6.1); Linux sends it
		 * after the INIT (smpboot.c). Nothing to emulate. */
		why = VAPIC_D_INIT_DEASSERT;
		goto deny;
	}
	out->kind = dm == VAPIC_DM_FIXED  ? VAPIC_IPI
		    : dm == VAPIC_DM_INIT ? VAPIC_INIT
					  : VAPIC_SIPI;
	out->reason = VAPIC_OK;
	out->vector = dm == VAPIC_DM_INIT ? 0 : vector;
	out->reg = 0;
	out->value = 0;
	out->targets = targets;
	return;
deny:
	vapic_deny(out, why);
}
