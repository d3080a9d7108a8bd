/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by policy_boot.c (one bare `policy` module, the confirm) and
 * policy_slots.c (the A/B slots `policy a` / `policy b`): not an API for
 * anything else. docs/policy.md, "At boot"; docs/policy-update.md.
 */
#ifndef PARAPET_HV_POLICY_INT_H
#define PARAPET_HV_POLICY_INT_H

#include <parapet/handoff.h>
#include <parapet/policy.h>
#include <parapet/policy_signed.h>
#include <parapet/tpm2_nv.h>

/* The one exit of a refused policy: say why, start nothing, halt. */
PP_NORETURN void policy_refuse(const char *stage, const char *detail, const char *msg);

/* A module string's policy role: -1 not a policy module, 0 a bare
 * `policy`, 'a' / 'b' a slot, -2 a malformed slot word. */
int policy_module_slot(const char *s, u32 len);

/* A DRTM launch: TPM locality 2 is the hypervisor's alone. */
bool policy_drtm(const struct pp_handoff *h);

/* The stage name of a pp_policy_load_signed refusal, and its detail (the
 * rule's name for stage RULES, else NULL). */
const char *policy_stage_name(const struct pp_polsig_result *res);
const char *policy_stage_detail(const struct pp_polsig_result *res);

/* The machine this hypervisor booted on, built and printed once; refuses
 * the boot when it cannot be built. */
const struct pp_pol_machine *policy_machine_get(const struct pp_handoff *h);

/* `policy: verified: ...` for p, signed by built-in key `key`. */
void policy_print_verified(const struct pp_policy *p, u32 key);

/* After a DRTM launch: reads the rollback floor at locality 2 into
 * policy_floor (a missing, foreign or unreadable floor refuses the boot)
 * and returns true; after a static launch returns false. */
bool policy_floor_read(const struct pp_handoff *h);
/* The floor line for the enforced epoch (checked against the floor read),
 * or the not-rollback-protected line after a static launch. */
void policy_floor_print(u32 epoch);
extern struct nvfloor_state policy_floor;
extern bool policy_floor_checked;

/* Back to locality 0 after a locality-2 step (errors ignored). */
void policy_locality0(void);

/* The verdict (policy_verdict.c): PCR 18 and the DRTM log say which policy
 * is enforced ("enforced: slot a", slot 0: a bare policy), or the refusal;
 * then the PCRs are printed. policy_verdict_enforced fails only when the
 * extend or the log append failed (no DRTM log is not a failure). */
int policy_verdict_enforced(char slot, struct pp_err *err);
/* Records the enforced policy's bytes (policy_enforced_bytes). */
void policy_set_enforced_bytes(const u8 *bytes, u64 len);
void policy_verdict_refused(const char *line);

/* The slot path (policy_slots.c): enforces slot a / b into hv_policy. */
void policy_slots_enforce(const struct pp_handoff *h);
/* Slot mode only: writes the confirm record (the enforced slot's digest
 * confirmed, its trial entry cleared) at locality 2; returns the enforced
 * slot's name ('a'/'b'), or 0 when the boot was not in slot mode. On a
 * record write failure *ok is false and the console says why. */
char policy_slots_confirm(bool *ok);

#endif
