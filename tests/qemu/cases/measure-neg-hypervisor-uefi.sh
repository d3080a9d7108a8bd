#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# (Also attested: `parapet attest challenge` names PCR 17 and the event of the hypervisor.)
# Negative: a private copy of build/parapet.img in which /boot/parapet/hypervisor.elf
# differs in one byte from the file build/reference.json was computed from:
# the middle of its first non-allocated section (the shipped ELF is
# stripped: its section-name table, which nothing loads or reads, so the
# hypervisor still boots).
# It boots, and PCR 17 differs from reference.json while the other two of
# PCR 17-19 equal it, in every bank (docs/measurements.md, PCR plan); the
# hypervisor's `hv: build-id` line equals the file's build-id note
# (readelf), so it names the unstripped ELF to debug with.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attest-lib.sh
m_image_with_entry "$T_TMP/neg.img" parapet
m_image_get "$T_TMP/neg.img" hypervisor.elf "$T_TMP/hypervisor.elf"
cp "$T_TMP/hypervisor.elf" "$T_TMP/hypervisor.elf.orig"
off=$(m_hv_harmless_offset "$T_TMP/hypervisor.elf") || t_fail "no harmless byte in hypervisor.elf"
m_flip_byte "$T_TMP/hypervisor.elf" "$off"
cmp -s "$T_TMP/hypervisor.elf.orig" "$T_TMP/hypervisor.elf" && t_fail "the byte did not change"
m_image_put "$T_TMP/neg.img" hypervisor.elf "$T_TMP/hypervisor.elf"
t_boot "$T_TMP/neg.img" FIRMWARE=uefi CPUS=3 IOMMU=amd TPM=tis AGENT=1
t_wait "parapet: ready"
t_expect_summary
m_expect_ref "$T_TMP/reference.json" 17
id=$(readelf -nW "$T_TMP/hypervisor.elf.orig" | sed -nE 's/.*Build ID: ([0-9a-f]+).*/\1/p')
[ -n "$id" ] || t_fail "no build-id note in the image's hypervisor.elf"
t_expect_line "hv: build-id $id"
# The verifier sees it too: the agent's quote and logs, judged against
# reference.json (the emulated launch accepted), are contraindicated, and
# the failure names PCR 17 and its event.
a_wait_agent
a_enroll
a_challenge neg --accept-launch emulated
a_expect_status neg contraindicated 1
a_expect_failure neg reference-mismatch '^PCR 17\b.*event'
t_pass
