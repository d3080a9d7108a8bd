#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# (Also attested: `parapet attest challenge` names PCR 18 and the event of the policy.)
# Negative: a private copy of build/parapet.img whose policy slot b (the
# signed appliance policy) differs in one byte from the file
# build/reference.json was computed from: byte 10, in the header's format
# field, which the signature covers.
# The secure loader measures it as it is: PCR 18 differs from reference.json
# while the other two of PCR 17-19 equal it, in every bank (docs/measurements.md,
# PCR plan). Then the hypervisor finds slot b not usable (the signature no
# longer verifies), says why, and enforces slot a, which is intact
# (docs/policy-update.md, "The slot rule at boot").
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attest-lib.sh
m_image_with_entry "$T_TMP/neg.img" parapet
m_slot_get "$T_TMP/neg.img" b "$T_TMP/policy.bin"
cp "$T_TMP/policy.bin" "$T_TMP/policy.bin.orig"
off=10
m_flip_byte "$T_TMP/policy.bin" "$off"
cmp -s "$T_TMP/policy.bin.orig" "$T_TMP/policy.bin" && t_fail "the byte did not change"
m_slot_put "$T_TMP/neg.img" b "$T_TMP/policy.bin"
t_boot "$T_TMP/neg.img" FIRMWARE=uefi CPUS=3 IOMMU=amd TPM=tis AGENT=1
t_wait "parapet: ready"
t_expect_match '^policy: slot b: not usable: signature: Ed25519 signature does not verify under the policy key [0-9a-f]{16}$'
t_expect_line 'policy: slot a: usable: "appliance" version 1 epoch 1'
t_expect_line "policy: enforcing slot a (trial 1 of 3)"
t_expect_line 'policy: verdict "enforced: slot a": PCR 18 extended, DRTM log event 0x60a'
t_expect_summary
m_expect_ref "$T_TMP/reference.json" 18
# The verifier sees it too: the agent's quote and logs, judged against
# reference.json (the emulated launch accepted), are contraindicated, and
# the failure names PCR 18 and its event.
a_wait_agent
a_enroll
a_challenge neg --accept-launch emulated
a_expect_status neg contraindicated 1
a_expect_failure neg reference-mismatch '^PCR 18\b.*event'
t_pass
