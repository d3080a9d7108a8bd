#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Stop and restart through the control capability (docs/hypercalls.md,
# docs/partitions.md "Running"; issue 10 item 4): the default three
# partitions plus `probe` on CPU 3 running guest/probe-ctl.c, whose policy
# gives it `capability control work-b`. It stops work-b (ok: work-b's CPU
# is kicked, the stop is served before its next VMRUN, with the reason),
# stops it again (estate: not running), then restarts it (ok: reloaded from
# its measured module on its own CPU, RAM zeroed, a fresh boot state): a
# second `guest kit up` from work-b, on the same APIC, and its heartbeats
# again from 0. work-a and service are untouched throughout.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
ATTACK_CAPS="capability control work-b"
attack_image "$T_TMP/attack.img" ctl
t_boot "$T_TMP/attack.img" FIRMWARE=uefi CPUS=4 IOMMU=amd TPM=tis
t_wait "parapet: ready"
t_expect_summary
attack_expect_ref
t_wait "probe: probe-ctl: start"
t_expect_line "probe: probe-ctl: control sel 1, target 3"
t_wait "probe: probe-ctl: restart: ok"
t_expect_line "probe: probe-ctl: stop: ok"
t_expect_line "svm: work-b stopped: stopped by probe (PP_HC_PART_STOP)"
t_expect_match '^partition work-b: stopped after [0-9]+ exits, [0-9]+ hypercalls \(0 refused\)$'
t_expect_line "probe: probe-ctl: stop again: estate"
t_expect_line "partition work-b: restarted from its measured image"
attack_wait_after "partition work-b: restarted from its measured image" \
	'^work-b: guest kit up, partition 3, 2 capabilities \(ok\), apic 2$' 1
attack_wait_after "partition work-b: restarted from its measured image" \
	'^work-b: heartbeat 0 apic 2 ' 1
attack_expect_heartbeats work-b 3 "partition work-b: restarted from its measured image"
attack_expect_heartbeats work-a 6 "probe: probe-ctl: stop: ok"
attack_expect_heartbeats service 3 "probe: probe-ctl: stop: ok"
t_expect_absent "partition work-a: stopped"
t_expect_absent "partition service: stopped"
[ "$(grep -c '^partition work-b: running on cpu 2$' "$T_CONSOLE")" = 2 ] ||
	t_fail "work-b did not run twice on cpu 2"
t_pass
