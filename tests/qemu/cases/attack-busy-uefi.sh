#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Attack test (docs/testing.md, "Attack tests"; issue 10): a busy loop on
# a time-shared core. work-b's CPU 2 is shared in this test's policy
# (5 ms in every 10 ms), and `probe` gets the other half of it, running
# guest/probe-busy.c: it spins forever with no exit of its own. The host
# tick takes the core back at the end of each slice, so the busy loop
# cannot take more than its slice: work-b, on the same core, keeps printing
# heartbeats at the rate of work-a on its own core, service does too, and
# work-a and work-b keep exchanging messages. The probe is not stopped (a
# busy loop is no offence). Needs time slices (docs/partitions.md).
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
slices="shared slice-us 5000 period-us 10000"
ATTACK_BASE_SED="s/^    cpu 2 exclusive\$/    cpu 2 $slices/"
attack_image "$T_TMP/attack.img" busy "cpu 2 $slices"
[ "$(grep -c "^    cpu 2 $slices\$" "$T_TMP/attack.pol")" = 2 ] ||
	t_fail "CPU 2 is not shared by work-b and the probe in $T_TMP/attack.pol"
t_boot "$T_TMP/attack.img" FIRMWARE=uefi CPUS=4 IOMMU=amd TPM=tis
t_wait "parapet: ready"
t_expect_summary
attack_expect_ref
t_wait "probe: probe-busy: start"
attack_expect_running service work-a work-b probe
t_wait "probe: probe-busy: spinning"
attack_expect_others_alive "probe: probe-busy: spinning" 6
t_expect_absent "partition probe: stopped"
t_pass
