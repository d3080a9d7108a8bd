#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Attack test (docs/testing.md, "Attack tests"; issue 10): `probe` on its
# own core (CPU 3) runs guest/probe-msr.c, which writes VM_HSAVE_PA
# (0xc0010117, SVM's host save area: not on the hypervisor's MSR
# allowlist). The hypervisor refuses it, with the reason on the console,
# and injects #GP(0) at the WRMSR (not completed: the guest kit's exception
# line names the same RIP); the kit stops with interrupts off (cli; hlt),
# which stops the partition. The other three keep printing heartbeats, at
# their rates, and work-a and work-b keep exchanging messages.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
attack_image "$T_TMP/attack.img" msr
t_boot "$T_TMP/attack.img" FIRMWARE=uefi CPUS=4 IOMMU=amd TPM=tis
t_wait "parapet: ready"
t_expect_summary
attack_expect_ref
t_wait "probe: probe-msr: start"
attack_expect_running service work-a work-b probe
t_wait "partition probe: stopped after "
t_expect_line "probe: probe-msr: wrmsr 0xc0010117"
t_expect_match '^svm: probe: refused #1: wrmsr 0xc0010117 \(rip 0x[0-9a-f]+\)$'
t_expect_match '^probe: exception #GP \(13\), error 0x0, rip 0x[0-9a-f]+$'
rip_hv=$(sed -nE 's/^svm: probe: refused #1: wrmsr 0xc0010117 \(rip (0x[0-9a-f]+)\)$/\1/p' "$T_CONSOLE")
rip_gp=$(sed -nE 's/^probe: exception #GP \(13\), error 0x0, rip (0x[0-9a-f]+)$/\1/p' "$T_CONSOLE")
[ "$rip_hv" = "$rip_gp" ] || t_fail "#GP at rip $rip_gp, the refused WRMSR at $rip_hv"
t_expect_line 'svm: probe stopped: hlt with interrupts off (nothing can wake it)'
t_expect_absent "probe-msr: still running"
t_expect_match '^partition probe: stopped after [0-9]+ exits, [0-9]+ hypercalls \(0 refused\)$'
attack_expect_others_alive "partition probe: stopped after " 4
t_pass
