#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Attack test (docs/testing.md, "Attack tests"; issue 10): the default
# appliance's three partitions plus `probe` on its own core (CPU 3) running
# guest/probe-mem.c, which maps 2 MiB pages at 64 MiB, 1 GiB and 3 GiB (past
# its 16 MiB of RAM: where another partition's memory or the hypervisor's
# could be) into its own page tables and writes to each in turn. Its own
# tables allow it; its nested page table maps nothing there, so the first
# write is a nested page fault (a write: EXITINFO1 bit 1, APM vol. 2
# 15.25.6) at guest-physical 64 MiB, and the hypervisor stops it with the
# reason on the console. It never gets to the second address. The other
# three keep printing heartbeats, at their rates, and work-a and work-b keep
# exchanging messages.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
attack_image "$T_TMP/attack.img" mem
t_boot "$T_TMP/attack.img" FIRMWARE=uefi CPUS=4 IOMMU=amd TPM=tis
t_wait "parapet: ready"
t_expect_summary
attack_expect_ref
t_wait "probe: probe-mem: start"
attack_expect_running service work-a work-b probe
t_wait "partition probe: stopped after "
t_expect_line "probe: probe-mem: writing 0x4000000"
t_expect_match '^svm: probe stopped: nested page fault: write at gpa 0x4000000, outside its memory \(exitinfo1 0x[0-9a-f]+, rip 0x[0-9a-f]+\)$'
info1=$(sed -nE 's/^svm: probe stopped: nested page fault: .*\(exitinfo1 (0x[0-9a-f]+), .*/\1/p' "$T_CONSOLE")
[ $((info1 & 2)) = 2 ] || t_fail "the nested page fault's EXITINFO1 $info1 is not a write"
t_expect_absent "probe-mem: writing 0x40000000"
t_expect_absent "probe-mem: writing 0xc0000000"
t_expect_absent "probe-mem: still running"
t_expect_match '^partition probe: stopped after [0-9]+ exits, [0-9]+ hypercalls \(0 refused\)$'
attack_expect_others_alive "partition probe: stopped after " 4
t_pass
