#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Attack test (docs/testing.md, "Attack tests"; issue 10): `probe` on its
# own core (CPU 3) runs guest/probe-port.c: 1000 OUTs to port 0x80, then
# 1000 INs from port 0x61, neither in its policy. Each is refused and
# counted (one counter per partition), the console shows the first eight
# and then every 1024th (`svm: probe: refused #N`, rate-limited), every IN
# reads all ones, and the partition keeps running: its heartbeats go on,
# and so do the other three's, at their rates, and work-a and work-b keep
# exchanging messages.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
attack_image "$T_TMP/attack.img" port
t_boot "$T_TMP/attack.img" FIRMWARE=uefi CPUS=4 IOMMU=amd TPM=tis
t_wait "parapet: ready"
t_expect_summary
attack_expect_ref
t_wait "probe: probe-port: start"
attack_expect_running service work-a work-b probe
done_line="probe: probe-port: 2000 refused accesses done"
t_wait "$done_line"
t_expect_line "probe: probe-port: in 0x61 read 0xff 1000 of 1000 times"
for n in 1 2 3 4 5 6 7 8; do
	t_expect_match "^svm: probe: refused #$n: out to port 0x80 \\(rip 0x[0-9a-f]+\\)\$"
done
t_expect_match '^svm: probe: refused #1025: in from port 0x61 \(rip 0x[0-9a-f]+\)$'
t_console
shown=$(grep -cE '^svm: probe: refused #' "$T_CONSOLE" || true)
[ "$shown" = 9 ] || t_fail "$shown refusal lines for 2000 refused accesses, expected 9 (#1-#8, #1025)"
attack_expect_heartbeats probe 4 "$done_line"
attack_expect_others_alive "$done_line" 4
t_expect_absent "partition probe: stopped"
t_pass
