/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Equality of the xAPIC filter's structs (hypervisor/core/linux/vapic.h)
 * for its unit tests and fuzz target: field by field, since the structs
 * have padding (clang-tidy bugprone-suspicious-memory-comparison).
 */
#ifndef PARAPET_TESTS_VAPIC_EQ_H
#define PARAPET_TESTS_VAPIC_EQ_H

#include <string.h>
#include "hypervisor/core/linux/vapic.h"

static inline bool action_eq(const struct vapic_action *a, const struct vapic_action *b)
{
	return a->kind == b->kind && a->reason == b->reason && a->vector == b->vector &&
	       a->reg == b->reg && a->value == b->value && a->targets == b->targets;
}

static inline bool part_eq(const struct vapic_part *a, const struct vapic_part *b)
{
	if (a->cpu_count != b->cpu_count || memcmp(a->apic_id, b->apic_id, sizeof(a->apic_id)) != 0)
		return false;
	for (u32 i = 0; i < VAPIC_MAX_CPUS; i++) {
		const struct vapic_vcpu *x = &a->vcpu[i], *y = &b->vcpu[i];
		if (x->icr_high != y->icr_high ||
		    memcmp(x->kinds, y->kinds, sizeof(x->kinds)) != 0 ||
		    memcmp(x->reasons, y->reasons, sizeof(x->reasons)) != 0)
			return false;
	}
	return true;
}

#endif
