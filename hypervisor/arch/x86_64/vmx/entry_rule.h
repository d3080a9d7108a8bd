/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the two VM-entry rule tables share (entry_check.c for the guest,
 * entry_check_host.c for the host): the context a rule reads, the rule
 * entry, and the address and PAT predicates. Internal to vmx/; pure.
 * Hardware-only, host-tested (docs/vmx.md).
 */
#ifndef PARAPET_HV_VMX_ENTRY_RULE_H
#define PARAPET_HV_VMX_ENTRY_RULE_H

#include "controls.h"
#include "entry_check.h"

struct vmx_rule_ctx {
	const struct vmx_guest_state *g;
	const struct vmx_host_state *h;
	const struct vmx_entry_ctls *c;
	const struct vmx_check_env *e;
};

typedef bool (*vmx_rule_fn)(const struct vmx_rule_ctx *x);
struct vmx_rule {
	vmx_rule_fn broken;
	const char *msg;
};

static inline bool vmx_canonical(u64 a, u32 linear_bits)
{
	const u32 n = linear_bits >= 32 && linear_bits < 64 ? linear_bits : 48;
	const u64 top = a >> (n - 1);
	return top == 0 || top == (~0ull >> (n - 1));
}
static inline bool vmx_beyond_phys(u64 a, u32 phys_bits)
{
	return phys_bits < 64 && (a >> phys_bits) != 0;
}
/* Every byte of a PAT value one of UC, WC, WT, WP, WB, UC- (0, 1, 4-7). */
static inline bool vmx_pat_ok(u64 pat)
{
	for (unsigned i = 0; i < 8; i++) {
		const u64 t = (pat >> (8 * i)) & 0xff;
		if (t == 2 || t == 3 || t > 7)
			return false;
	}
	return true;
}

#endif
