/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot-module roles (docs/measurements.md, "Boot modules"): the first word
 * of a module string is its role: `hypervisor <command line>`, `policy`,
 * `policy a`, `policy b` (the A/B slots of docs/policy-update.md),
 * `pd <name>` (name [a-z0-9-], 1..32 characters, unique). Exactly one
 * hypervisor; policies: none, one bare `policy`, or slot a and/or slot b,
 * each at most once (a bare one and a slotted one never together). One classifier for the secure
 * loader (which measures by role) and the reference generator (which predicts), so both accept and
 * reject the same module sets. Pure, freestanding-clean; host-tested
 * (tests/unit/test_module_role.c).
 */
#ifndef PARAPET_MODULE_ROLE_H
#define PARAPET_MODULE_ROLE_H

#include <parapet/err.h>
#include <parapet/types.h>

#define PP_PD_NAME_MAX 32u
#define PP_MAX_MODULES 32u

enum pp_role { PP_ROLE_HYPERVISOR = 1, PP_ROLE_POLICY, PP_ROLE_PD };

struct pp_module_role_info {
	enum pp_role role;
	u32 arg_off, arg_len; /* hypervisor: command line; pd: name; policy: slot or 0/0 */
	char slot;	      /* policy: 'a', 'b', or 0 for a bare `policy`; else 0 */
};

/* Classify one module string s[0, len) (no NUL needed inside len). */
int pp_module_role(const char *s, u32 len, struct pp_module_role_info *out, struct pp_err *err);

/*
 * Classify n module strings (strs[i], lens[i]) into out[i] and check the
 * set: exactly one hypervisor (its index in *hv), the policy rule above,
 * unique pd names.
 */
int pp_module_roles(const char *const *strs, const u32 *lens, u32 n,
		    struct pp_module_role_info *out, u32 *hv, struct pp_err *err);

#endif
