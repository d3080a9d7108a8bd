#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A `boot real16` partition (docs/partitions.md, "Boot state for real16";
# issue 10 item 3): the default three partitions plus `probe` on CPU 3 with
# `boot real16`, `entry 0x0` and the console capability only, running
# guest/real16.S (a flat image loaded at gpa 0, the start of its RAM). Its
# VMCB passed the VMRUN checks (it was built), it starts in real mode at
# CS:IP 0000:0000, prints its line through PP_HC_CONSOLE_WRITE (registers
# set with 32-bit operand-size moves) and stops on `cli; hlt` (HLT with
# interrupts off). The other three keep their heartbeats, at their rates,
# and work-a and work-b keep exchanging messages.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
ATTACK_BOOT=real16
ATTACK_ENTRY=0x0
ATTACK_PROBE_BIN=build/guest/real16.bin
attack_image "$T_TMP/attack.img" real16
t_boot "$T_TMP/attack.img" FIRMWARE=uefi CPUS=4 IOMMU=amd TPM=tis
t_wait "parapet: ready"
t_expect_summary
attack_expect_ref
size=$(stat -c %s build/guest/real16.bin)
t_expect_line "partition probe: built: cpu 3, 1 region(s), image flat at 0x0 ($size bytes), entry 0x0, 1 capabilities, asid 5"
t_wait "partition probe: stopped after "
attack_expect_running service work-a work-b probe
t_expect_line "probe: real16: hello from real mode"
t_expect_line "svm: probe stopped: hlt with interrupts off (nothing can wake it)"
t_expect_match '^partition probe: stopped after [0-9]+ exits, 1 hypercalls \(0 refused\)$'
t_expect_absent "svm: probe: refused"
attack_expect_others_alive "partition probe: stopped after " 4
t_pass
