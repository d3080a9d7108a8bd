/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot-module roles (docs/measurements.md, "Boot modules"): the first word
 * of a module string is its role: `hypervisor <command line>`, `policy`,
 * `pd <name>` (name [a-z0-9-], 1..32 characters, unique). Exactly one
 * hypervisor, at most one policy. Pure; host-tested (test_sl_roles.c).
 */
#ifndef PARAPET_LAUNCH_SL_ROLES_H
#define PARAPET_LAUNCH_SL_ROLES_H

#include <parapet/err.h>
#include <parapet/types.h>

#define SL_PD_NAME_MAX 32u
#define SL_MAX_MODULES 32u

enum sl_role { SL_ROLE_HYPERVISOR = 1, SL_ROLE_POLICY, SL_ROLE_PD };

struct sl_role_info {
	enum sl_role role;
	u32 arg_off, arg_len; /* hypervisor: command line; pd: name; policy: 0/0 */
};

/* Classify one module string s[0, len) (no NUL needed inside len). */
int sl_module_role(const char *s, u32 len, struct sl_role_info *out, struct pp_err *err);

/*
 * Classify n module strings (strs[i], lens[i]) into out[i] and check the
 * set: exactly one hypervisor (its index in *hv), at most one policy,
 * unique pd names.
 */
int sl_module_roles(const char *const *strs, const u32 *lens, u32 n, struct sl_role_info *out,
		    u32 *hv, struct pp_err *err);

#endif
