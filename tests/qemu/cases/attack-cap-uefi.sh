#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Attack test (docs/testing.md, "Attack tests"; issue 10): `probe` on its
# own core (CPU 3), with the console capability only, runs
# guest/probe-cap.c: PP_HC_PART_STOP and PP_HC_PART_RESTART with each
# selector it holds (none is a control capability) and with selector 9999.
# Each is refused (eperm) and nothing is stopped or restarted: every
# partition was started once, the others' heartbeats go on numbered
# without a gap, at their rates, work-a and work-b keep exchanging
# messages, and the probe keeps running.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
attack_image "$T_TMP/attack.img" cap
t_boot "$T_TMP/attack.img" FIRMWARE=uefi CPUS=4 IOMMU=amd TPM=tis
t_wait "parapet: ready"
t_expect_summary
attack_expect_ref
t_wait "probe: probe-cap: start"
attack_expect_running service work-a work-b probe
last="probe: probe-cap: restart sel 9999: eperm"
t_wait "probe: probe-cap: restart sel 9999: "
t_expect_line "probe: probe-cap: 1 capabilities (ok)"
for sel in 0 9999; do
	t_expect_line "probe: probe-cap: stop sel $sel: eperm"
	t_expect_line "probe: probe-cap: restart sel $sel: eperm"
done
attack_expect_heartbeats probe 4 "$last"
attack_expect_others_alive "$last" 4
for name in service work-a work-b probe; do
	n=$(grep -c "^partition $name: running on cpu " "$T_CONSOLE" || true)
	[ "$n" = 1 ] || t_fail "partition $name started $n times"
done
t_expect_absent "partition probe: stopped"
t_pass
