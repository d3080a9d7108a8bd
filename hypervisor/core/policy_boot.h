/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot enforcement of the signed partition policy (docs/policy.md,
 * "At boot"): the policy module the secure loader measured into PCR 18 is
 * verified against the keys built into this image, parsed, validated
 * against its own rules, and only then enforced. On any failure nothing is
 * built from it: the console states the exact reason and the machine halts
 * (policy_refuse: the one exit of a refused policy).
 */
#ifndef PARAPET_HV_POLICY_BOOT_H
#define PARAPET_HV_POLICY_BOOT_H

#include <parapet/handoff.h>
#include <parapet/policy.h>

/* The enforced policy (valid once policy_enforce returned). */
extern struct pp_policy hv_policy;

/* The enforced policy's signed file as measured (the module's bytes, read
 * in place), for PP_HC_LOG_POLICY; NULL before policy_enforce. */
const u8 *policy_enforced_bytes(u32 *len);

/* Verify and validate the boot policy; returns only when it is enforced. */
void policy_enforce(const struct pp_handoff *h);

/* Boot reached ready: raise the TPM rollback floor to the enforced
 * policy's epoch (when the floor was checked). */
void policy_confirm(void);

#endif
