/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The machine this hypervisor booted on, as the policy's machine rules see
 * it (struct pp_pol_machine, built by the shared pp_pol_machine_build so
 * that `parapet policy check --machine` computes the same thing offline;
 * docs/policy-machine.md).
 */
#ifndef PARAPET_HV_POLICY_MACHINE_H
#define PARAPET_HV_POLICY_MACHINE_H

#include <parapet/handoff.h>
#include <parapet/policy.h>

int hv_machine_build(const struct pp_handoff *h, struct pp_pol_machine *m, struct pp_err *err);

#endif
