#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# (Also attested: `parapet attest challenge` names PCR 19 and the event of the service partition's image.)
# Negative: a private copy of build/parapet.img in which /boot/parapet/pd-service.bin
# differs in one byte from the file build/reference.json was computed from:
# byte 20, in the placeholder's name string.
# It boots, and PCR 19 differs from reference.json while the other two of
# PCR 17-19 equal it, in every bank (docs/measurements.md, PCR plan).
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attest-lib.sh
m_image_with_entry "$T_TMP/neg.img" parapet
m_image_get "$T_TMP/neg.img" pd-service.bin "$T_TMP/pd-service.bin"
cp "$T_TMP/pd-service.bin" "$T_TMP/pd-service.bin.orig"
off=20
m_flip_byte "$T_TMP/pd-service.bin" "$off"
cmp -s "$T_TMP/pd-service.bin.orig" "$T_TMP/pd-service.bin" && t_fail "the byte did not change"
m_image_put "$T_TMP/neg.img" pd-service.bin "$T_TMP/pd-service.bin"
t_boot "$T_TMP/neg.img" FIRMWARE=uefi CPUS=3 IOMMU=amd TPM=tis AGENT=1
t_wait "parapet: ready"
t_expect_summary
m_expect_ref "$T_TMP/reference.json" 19
# The verifier sees it too: the agent's quote and logs, judged against
# reference.json (the emulated launch accepted), are contraindicated, and
# the failure names PCR 19 and its event.
a_wait_agent
a_enroll
a_challenge neg --accept-launch emulated
a_expect_status neg contraindicated 1
a_expect_failure neg reference-mismatch '^PCR 19\b.*event'
t_pass
