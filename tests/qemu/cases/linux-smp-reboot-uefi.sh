#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A Linux partition with two vCPUs restarts as a whole (issue 13;
# docs/linux-partition.md, "SMP"): policy/linux-smp.pol as in
# linux-smp-uefi, with `parapet.test=cpus,reboot`. The kernel brings vCPU 1
# up, init shows both CPUs online, then `reboot -f` writes the FADT reset
# register: vCPU 0 stops for the reset, vCPU 1 is stopped with it and
# waits for a SIPI again, the hypervisor restarts the partition from its
# measured images, and the second boot starts vCPU 1 again by SIPI and
# brings both CPUs up again. The other three partitions keep their
# heartbeats throughout. (The second boot reboots again; the test ends
# after its `cpus` lines.)
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
. tests/qemu/linux-lib.sh

linux_smp_image "$T_TMP/linux.img" "parapet.test=cpus,reboot"
linux_boot "$T_TMP/linux.img" CPUS=5 IOMMU=amd
attack_expect_running service work-a work-b linux
t_wait "linux: linux-init: cpus: done" 300
t_wait "svm: linux stopped: reset (port write)" 120
t_wait "partition linux: restarted from its measured image" 60
t_console
t_expect_line "svm: linux.1 stopped: the partition stops"
R="partition linux: restarted from its measured image"
attack_wait_after "$R" '^partition linux: vCPU 1 started by SIPI at 0x[0-9a-f]+000 on cpu 4$' 1 240
attack_wait_after "$R" '^linux: \[ *[0-9.]+\] smp: Brought up 1 node, 2 CPUs$' 1 120
attack_wait_after "$R" '^linux: linux-init: cpus: online 0-1$' 1 240
attack_wait_after "$R" '^linux: linux-init: cpus: pinned to cpu 1, ran on cpu 1$' 1 60
t_console
[ "$(grep -c '^partition linux: vCPU 1 started by SIPI' "$T_CONSOLE")" -ge 2 ] ||
	t_fail "vCPU 1 was not started again after the restart"
t_expect_absent "svm: linux stopped: shutdown"
t_expect_absent "an application processor has not stopped yet"
attack_expect_others_alive "$R" 2
t_pass
