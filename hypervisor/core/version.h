/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's version as policies see it: a policy's min-hypervisor
 * must not exceed it (docs/policy-invariants.md, class 12 `binding`).
 * Raised when a release changes what a policy can ask for.
 */
#ifndef PARAPET_HV_VERSION_H
#define PARAPET_HV_VERSION_H

#define HV_VERSION 1u

#endif
