#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The TPM held until the handover (docs/partitions.md, "The TPM before the
# handover"; issue 13): the appliance with the TPM's locality-0 page and
# the tpm capability moved from service to `probe` (CPU 3), which runs
# guest/probe-tpm.c: its first access that leaves the guest is a read of
# TPM_DID_VID. The hypervisor still drives the TPM then (the policy confirm
# at ready), so the page is not in probe's NPT: the read is a nested page
# fault, held (told once), until hv_tpm_handover has released the
# hypervisor's locality; then the page is mapped and the read completes
# with QEMU's tpm-tis DID/VID (0x0001, IBM 0x1014). The order on the
# console is the assertion: held, released, mapped, the value read. The
# probe then beats; the others keep their rates; nothing stopped.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
ATTACK_BASE_SED='/^    mmio hpa 0xfed40000 gpa 0xfed40000 size 4K perm rw-$/d; /^    capability tpm$/d'
ATTACK_CAPS='mmio hpa 0xfed40000 gpa 0xfed40000 size 4K perm rw-
    capability tpm'
T_PARTS=(service:0:3 work-a:1:2 work-b:2:2) # service without the tpm capability
attack_image "$T_TMP/attack.img" tpm
t_boot "$T_TMP/attack.img" FIRMWARE=uefi CPUS=4 IOMMU=amd TPM=tis
t_wait "parapet: ready"
t_expect_summary
attack_expect_ref
attack_expect_running service work-a work-b probe
t_wait "probe: probe-tpm: did_vid "
t_expect_line "partition probe: TPM access held until the handover (gpa 0xfed40f00)"
t_expect_match "^hv: tpm: locality [0-9] released; locality 0 is partition probe's from now on$"
t_expect_match '^partition probe: TPM mapped after the handover \([1-9][0-9]* access\(es\) held before\)$'
t_expect_match '^probe: probe-tpm: did_vid 0x00011014 after [0-9]+ us, access 0x[0-9a-f]{2} after [0-9]+ us$'
# the order: held before the hypervisor let go of the TPM, mapped after
order=$(grep -oE "^(partition probe: TPM access held|hv: tpm: locality [0-9] released|partition probe: TPM mapped|probe: probe-tpm: did_vid)" \
	"$T_CONSOLE" | sed -E 's/^hv: tpm: locality [0-9] released$/released/' | tr '\n' '|')
[ "$order" = "partition probe: TPM access held|released|partition probe: TPM mapped|probe: probe-tpm: did_vid|" ] ||
	t_fail "order of hold, release, mapping, read: $order"
# the held read took at least a millisecond by the guest's own clock (the
# confirm's TPM commands came first); the next read does not wait
held_us=$(sed -nE 's/^probe: probe-tpm: did_vid 0x[0-9a-f]+ after ([0-9]+) us, .*/\1/p' "$T_CONSOLE")
[ "$held_us" -ge 1000 ] || t_fail "the held read took $held_us us (no hold?)"
t_expect_line "service: agent: not started: no tpm capability"
attack_expect_heartbeats probe 2 "probe: probe-tpm: did_vid "
attack_expect_others_alive "probe: probe-tpm: did_vid " 2
t_expect_absent "partition probe: stopped"
t_expect_absent "svm: probe stopped"
t_pass
