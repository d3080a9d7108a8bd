#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The service partition of the default signed policy (docs/partitions.md):
# built from the enforced policy (its memory plan, NPT, the measured `pd
# service` module loaded at 1 MiB, long-mode boot state, capability table,
# a VMCB that passes the VMRUN checks), run on CPU 0; the boot is ready
# (and the policy confirmed) once it has started: its first exit comes
# before any line it prints. What the guest prints (through the console hypercall, prefixed by
# the hypervisor with its partition name) is asserted: the ABI version it
# read, its partition id and the four capabilities of the policy in
# selector order, the DRTM event log it mapped read-only through its
# eventlog-read capability (its header and the hypervisor's policy verdict
# in it), the firmware log and the DMA fault summary (faultlog-read), the
# TSC frequency from the hypervisor's CPUID leaf 0x40000010, and two
# consecutive heartbeats on APIC 0. Also the hypervisor's wall clock. (Its attestation agent: attest-uefi.)
. "$(dirname "$0")/../lib.sh"
t_boot build/parapet.img FIRMWARE=uefi CPUS=3 IOMMU=amd TPM=tis
t_wait "service: heartbeat 1 apic 0"
t_expect_summary
t_expect_line "partition service: running on cpu 0"
t_expect_line "service: guest kit up, abi 1 (ok), apic 0"
t_expect_line "service: partition 1, 4 capabilities"
t_expect_line "service: cap 0: console target 0 rights ----u"
t_expect_line "service: cap 1: tpm target 0 rights ----u"
t_expect_line "service: cap 2: eventlog-read target 0 rights ----u"
t_expect_line "service: cap 3: faultlog-read target 0 rights ----u"
# the DRTM log through PP_HC_LOG_MAP, read-only, with the policy verdict
t_expect_match '^service: drtm log: [0-9]+ bytes mapped read-only at 0x2000000, Spec ID Event03 header$'
t_expect_line 'service: drtm log: policy verdict "enforced: slot a"'
# the firmware's log and the DMA fault summary, the agent's other evidence
t_expect_match '^service: firmware log: [0-9]+ bytes mapped read-only at 0x2200000$'
t_expect_line "service: fault summary: 4096 bytes mapped read-only at 0x2400000"
# the enforced policy's signed file (PP_HC_LOG_POLICY), as big as the image's
pol=$(stat -c %s build/image/modules/policy.bin)
t_expect_line "service: policy: $pol bytes (the enforced signed file) mapped read-only at 0x2600000"
t_expect_match '^service: tsc [0-9]+ kHz \(cpuid 0x40000010\), heartbeat every 1000 ms$'
t_expect_line "service: heartbeat 0 apic 0"
t_expect_absent "partition service: stopped"
# its TPM page (docs/partitions.md, "The TPM before the handover"): mapped
# only at ready, after the hypervisor released its locality; never held,
# since ready comes at its first exit, before it runs any further
t_expect_line "partition service: TPM mapped after the handover (0 access(es) held before)"
t_expect_absent "partition service: TPM access held"
order=$(grep -oE '^(hv: tpm: locality [0-9] released|partition service: TPM mapped|parapet: ready)' \
	"$T_CONSOLE" | tr '\n' '|')
[[ "$order" =~ ^hv:\ tpm:\ locality\ [0-9]\ released\|partition\ service:\ TPM\ mapped\|parapet:\ ready\|$ ]] ||
	t_fail "order of the TPM release, the mapping, ready: $order"
# the hypervisor's wall clock (hypervisor/core/wallclock.c): QEMU's RTC
# starts at the host's UTC time, so the CMOS reading lies between this
# test's start and now
wc=$(sed -nE 's/^hv: wallclock: ([0-9-]+ [0-9:]+) UTC \(host CMOS clock\)$/\1/p' "$T_CONSOLE" | head -n1)
[ -n "$wc" ] || t_fail "no 'hv: wallclock: ... (host CMOS clock)' line"
wc_s=$(date -u -d "$wc" +%s)
[ "$wc_s" -ge $((T_START / 1000000000 - 2)) ] && [ "$wc_s" -le $(($(date -u +%s) + 2)) ] ||
	t_fail "wall clock $wc is outside this test's run ($(date -u -d @$((T_START / 1000000000))) .. now)"
# the boot is ready once the partition has started, before it prints
order=$(grep -nE '^(parapet: ready|partition service: running on cpu 0|service: heartbeat 0 apic 0)$' \
	"$T_CONSOLE" | cut -d: -f2- | tr '\n' '|')
[ "$order" = "partition service: running on cpu 0|parapet: ready|service: heartbeat 0 apic 0|" ] ||
	t_fail "order of ready, partition start, first heartbeat: $order"
t_pass
