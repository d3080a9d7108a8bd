// SPDX-License-Identifier: GPL-2.0-only
/*
 * The default trusted policy keys of `parapet attest verify`, `challenge`
 * and `serve` (docs/attestation.md, "Policy"): without --policy-key, the
 * keys built into this build's hypervisor (build/gen/policy_keys.c,
 * keys/README.md), the same list the hypervisor accepts a policy under.
 * Linked into parapet only: the verifier's library, unit tests and fuzz
 * target are given their keys explicitly.
 */
#include <string.h>
#include <parapet/policy_keys.h>
#include "attest/verifier/cli_common.h"

void av_judge_default_policy_keys(struct av_judge *j)
{
	static const char *const src[] = {"built-in policy key", "built-in backup key"};
	if (j->pol.nkeys)
		return;
	for (u32 i = 0; i < pp_pol_n_keys && j->pol.nkeys < AV_MAX_POLKEYS; i++) {
		j->pol.keys[j->pol.nkeys] = pp_pol_keys[i];
		j->pol.source[j->pol.nkeys++] =
		    !strcmp(pp_pol_keys[i].role, "backup") ? src[1] : src[0];
	}
}
