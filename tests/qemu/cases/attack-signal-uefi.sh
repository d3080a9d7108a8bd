#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Attack test (docs/testing.md, "Attack tests"; issue 10): `probe` on its
# own core (CPU 3), with the console capability only and no channel to
# anyone, runs guest/probe-signal.c: PP_HC_CHAN_SIGNAL with each selector
# it holds and with selector 9999. Each is refused (eperm): no partition is
# interrupted or stopped, the others' heartbeats go on at their rates,
# work-a and work-b keep exchanging messages (and signals) over their own
# channel, and the probe keeps running.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
attack_image "$T_TMP/attack.img" signal
t_boot "$T_TMP/attack.img" FIRMWARE=uefi CPUS=4 IOMMU=amd TPM=tis
t_wait "parapet: ready"
t_expect_summary
attack_expect_ref
t_wait "probe: probe-signal: start"
attack_expect_running service work-a work-b probe
last="probe: probe-signal: signal sel 9999: eperm"
t_wait "probe: probe-signal: signal sel 9999: "
t_expect_line "probe: probe-signal: 1 capabilities (ok)"
t_expect_line "probe: probe-signal: signal sel 0: eperm"
t_expect_line "$last"
attack_expect_heartbeats probe 4 "$last"
attack_expect_others_alive "$last" 4
t_expect_absent "partition probe: stopped"
t_pass
