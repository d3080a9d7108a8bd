#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A time-shared boot CPU (docs/partitions.md, "Running"): service and the
# probe share CPU 0, 5 ms of every 10 ms each, the probe running
# guest/probe-port.c (refused port accesses, then heartbeats). The boot is
# ready, and the policy confirmed, only once both partitions of the boot
# CPU have started (they run in turn, so the second one's first exit is
# the one that may wait for the other CPUs); then both keep printing
# heartbeats beside work-a and work-b.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
slices="shared slice-us 5000 period-us 10000"
ATTACK_BASE_SED="s/^    cpu 0 exclusive\$/    cpu 0 $slices/"
attack_image "$T_TMP/attack.img" port "cpu 0 $slices"
[ "$(grep -c "^    cpu 0 $slices\$" "$T_TMP/attack.pol")" = 2 ] ||
	t_fail "CPU 0 is not shared by service and the probe in $T_TMP/attack.pol"
t_boot "$T_TMP/attack.img" FIRMWARE=uefi CPUS=4 IOMMU=amd TPM=tis
t_wait "parapet: ready"
t_expect_summary
t_expect_line "policy: confirmed: slot a, epoch 1, rollback floor raised from 0 to 1"
attack_expect_running service work-a work-b probe
attack_expect_heartbeats probe 3 "parapet: ready"
attack_expect_others_alive "parapet: ready" 3
t_pass
