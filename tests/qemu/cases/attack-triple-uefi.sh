#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Attack test (docs/testing.md, "Attack tests"; issue 10): `probe` on its
# own core (CPU 3) runs guest/probe-triple.c: it loads an IDT with limit 0
# and executes INT3, so #BP, then #GP, then #DF find no gate: a triple
# fault, the shutdown intercept (exit code 0x7f, APM vol. 2 15.9). The
# hypervisor stops the partition with the reason on the console, and
# nothing after the INT3 runs. The other three keep printing heartbeats, at
# their rates, and work-a and work-b keep exchanging messages.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
attack_image "$T_TMP/attack.img" triple
t_boot "$T_TMP/attack.img" FIRMWARE=uefi CPUS=4 IOMMU=amd TPM=tis
t_wait "parapet: ready"
t_expect_summary
attack_expect_ref
t_wait "probe: probe-triple: start"
attack_expect_running service work-a work-b probe
t_wait "partition probe: stopped after "
t_expect_line "probe: probe-triple: int3 with an empty IDT"
t_expect_line 'svm: probe stopped: shutdown (triple fault)'
t_expect_absent "probe-triple: still running"
t_expect_absent "probe: exception "
t_expect_match '^partition probe: stopped after [0-9]+ exits, [0-9]+ hypercalls \(0 refused\)$'
attack_expect_others_alive "partition probe: stopped after " 4
t_pass
