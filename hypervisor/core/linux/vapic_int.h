/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internals of the xAPIC write filter (vapic.h), shared by vapic.c (the
 * registers) and vapic_icr.c (the ICR rules). Not for other users.
 */
#ifndef PARAPET_HV_LINUX_VAPIC_INT_H
#define PARAPET_HV_LINUX_VAPIC_INT_H

#include "hypervisor/core/linux/vapic.h"

/* Fill *out with a drop or a refusal (kind from the reason's class). */
void vapic_deny(struct vapic_action *out, enum vapic_reason reason);

/*
 * The ICR rules (SDM 11.6.1): what an ICR_LOW write of `lo` by vCPU `vcpu`
 * does, with ICR_HIGH `icr_high` (that vCPU's stored copy). Fills *out
 * with VAPIC_IPI, VAPIC_INIT, VAPIC_SIPI, a drop or a refusal.
 */
void vapic_icr(const struct vapic_part *p, u32 vcpu, u32 icr_high, u32 lo,
	       struct vapic_action *out);

#endif
