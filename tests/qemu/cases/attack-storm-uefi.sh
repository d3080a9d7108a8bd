#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Attack test (docs/testing.md, "Attack tests"; issue 10): `probe` on its
# own core (CPU 3) runs guest/probe-storm.c, an exit storm: OUT to port
# 0x80 (refused, so every one is an exit) in a tight loop, forever. The
# hypervisor keeps refusing and counting without flooding the console
# (the first eight refusals, then every 1024th), the probe is not stopped
# (refused port I/O is no offence), and the other three keep printing
# heartbeats at their rates on their own cores, while work-a and work-b keep
# exchanging messages.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
attack_image "$T_TMP/attack.img" storm
t_boot "$T_TMP/attack.img" FIRMWARE=uefi CPUS=4 IOMMU=amd TPM=tis
t_wait "parapet: ready"
t_expect_summary
attack_expect_ref
t_wait "probe: probe-storm: start"
attack_expect_running service work-a work-b probe
start="probe: probe-storm: start"
attack_expect_others_alive "$start" 6
t_expect_match '^svm: probe: refused #8: out to port 0x80 \(rip 0x[0-9a-f]+\)$'
# the storm went on (at least 1025 exits) and only every 1024th is shown
t_expect_match '^svm: probe: refused #1025: out to port 0x80 '
t_console
while read -r n; do
	[ "$n" -le 8 ] || [ $(((n - 1) % 1024)) = 0 ] || t_fail "refusal #$n shown (rate limit: #1-#8, then every 1024th)"
done < <(sed -nE 's/^svm: probe: refused #([0-9]+): .*/\1/p' "$T_CONSOLE")
t_expect_absent "partition probe: stopped"
t_pass
