#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# An application processor's own faults in a Linux partition with two
# vCPUs (issue 13; docs/linux-partition.md, "SMP"): policy/linux-smp.pol
# as in linux-smp-uefi but with the TPM moved from service to linux, and
# `parapet.test=cpus,apfault,poweroff` (image/linux/init's apfault tells
# the two boots apart by PCR 16: the restart clears the partition's RAM).
# First boot: CPU 1 triple-faults on its own (ipitest.ko triple=1: an
# empty IDT, then ud2): the SHUTDOWN intercept stops vCPU 1, which stops
# the whole partition through vCPU 0 (the path a DMA fault takes,
# part_stop_for_fault) with a restart; the second boot starts vCPU 1 by
# SIPI again and brings both CPUs up again. Second boot: the guest takes
# CPU 1 offline (its vCPU still runs, halted in the kernel's play_dead
# loop) and online again (the kernel's own INIT, then STARTUP, to that
# running vCPU: stopped, then started by SIPI a third time), offline
# again, and sends INIT to that running vCPU 1 (ipitest.ko mode=init): the
# hypervisor stops it and puts it back to wait-for-SIPI, the kernel keeps
# running on CPU 0, and `poweroff -f` stops the whole partition. The
# other three partitions keep their heartbeats throughout.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
. tests/qemu/linux-lib.sh

# policy/linux-smp.pol with the TPM moved from service to linux (as
# linux-guest-uefi does with policy/linux.pol): apfault's PCR 16
linux_tpm_policy policy/linux-smp.pol
linux_slots_image "$T_TMP/linux.img" "parapet.test=cpus,apfault,poweroff"
linux_boot "$T_TMP/linux.img" CPUS=5 IOMMU=amd
attack_expect_running service work-a work-b linux
t_expect_line "hv: tpm: locality 0 released; locality 0 is partition linux's from now on"

# (1) the first boot: vCPU 1's own triple fault restarts the partition
t_wait "linux: linux-init: cpus: done" 300
t_wait "linux: linux-init: apfault: " 120
t_expect_line "linux: linux-init: apfault: PCR 16 zero: the first boot"
t_wait "svm: linux.1 stopped: shutdown (triple fault)" 120
t_wait "partition linux: restarted from its measured image" 60
t_console
t_expect_match '^linux: \[ *[0-9.]+\] smp: Brought up 1 node, 2 CPUs$'
t_expect_line "linux: linux-init: cpus: pinned to cpu 1, ran on cpu 1"
t_expect_match '^linux: \[ *[0-9.]+\] ipitest: CPU 1: empty IDT, then ud2$'
t_expect_match '^svm: linux\.1 stopped: shutdown \(triple fault\) \(rip 0x[0-9a-f]+\)$'
t_expect_line "svm: linux stopped: its vCPU 1 stopped (reset: the partition restarts)"
# the histogram of the first boot, per vCPU, before the restart
R="partition linux: restarted from its measured image"
first=$(sed -n "/^$R\$/q;p" "$T_CONSOLE")
grep -qE '^linux: vCPU 0 exits [0-9]+: ' <<<"$first" || t_fail "no vCPU 0 histogram before the restart"
grep -qE '^linux: vCPU 1 exits [0-9]+: ' <<<"$first" || t_fail "no vCPU 1 histogram before the restart"
grep -E '^linux: (vCPU [01] )?exits [0-9]+: ' <<<"$first"
t_expect_absent "svm: linux stopped: shutdown"
t_expect_absent "apfault: still running"

# (2) the second boot: vCPU 1 started again, then the guest's INIT to it
attack_wait_after "$R" '^partition linux: vCPU 1 started by SIPI at 0x[0-9a-f]+000 on cpu 4$' 1 240
attack_wait_after "$R" '^linux: \[ *[0-9.]+\] smp: Brought up 1 node, 2 CPUs$' 1 120
attack_wait_after "$R" '^linux: linux-init: cpus: pinned to cpu 1, ran on cpu 1$' 1 240
attack_wait_after "$R" '^linux: linux-init: apfault: PCR 16 not zero: the second boot$' 1 60
t_wait "linux: linux-init: apfault: done" 120
t_console
# the kernel's own INIT (then STARTUP) to the running, offlined vCPU 1:
# the hypervisor stops it and the STARTUP starts it again
attack_wait_after "$R" '^linux: linux-init: apfault: CPU 1 offline and online again, online now 0-1$' 1 1
attack_wait_after "$R" '^partition linux: vCPU 1 started by SIPI at 0x[0-9a-f]+000 on cpu 4$' 2 1
# then ipitest's INIT to it, offline again
attack_wait_after "$R" '^linux: linux-init: apfault: CPU 1 offline, online now 0$' 1 1
attack_wait_after "$R" '^linux: linux-init: apfault: insmod ipitest.ko dest=4 mode=init \(CPU 1\), from cpu 0$' 1 1
attack_wait_after "$R" '^svm: linux\.1 stopped: INIT from a sibling: wait for SIPI$' 2 1
attack_wait_after "$R" '^linux: linux-init: apfault: mode init dest 4: written$' 1 1
attack_wait_after "$R" '^linux: linux-init: apfault: alive on cpu 0, online 0$' 1 1
# poweroff stops the whole partition (vCPU 1 waits for a SIPI already)
attack_wait_after "$R" '^partition linux: stopped after ' 1 180
t_console
t_expect_match '^svm: linux stopped: powered off \(ACPI sleep control, S5\) \(rip 0x[0-9a-f]+\)$'
second=$(sed -n "/^$R\$/,\$p" "$T_CONSOLE")
grep -qE '^linux: vCPU 0 exits [0-9]+: ' <<<"$second" || t_fail "no vCPU 0 histogram at the poweroff"
grep -qE '^linux: vCPU 1 exits [0-9]+: ' <<<"$second" || t_fail "no vCPU 1 histogram at the poweroff"
grep -E '^linux: (vCPU [01] )?exits [0-9]+: ' <<<"$second"
grep -E '^linux: \[ *[0-9.]+\] .*(stop|NMI|CPU)' <<<"$second" | tail -n 5 || true
[ "$(grep -c '^partition linux: restarted from its measured image$' "$T_CONSOLE")" = 1 ] ||
	t_fail "not one restart of linux"
[ "$(grep -cE '^linux: \[ *[0-9.]+\] smp: Brought up 1 node, 2 CPUs$' "$T_CONSOLE")" = 2 ] ||
	t_fail "not two boots with both CPUs up"
# two boots and the re-online; ipitest's INIT left vCPU 1 waiting
[ "$(grep -c '^partition linux: vCPU 1 started by SIPI' "$T_CONSOLE")" = 3 ] ||
	t_fail "vCPU 1 was not started exactly three times by SIPI"
t_expect_absent "to wakeup CPU#1"
t_expect_absent "CPU1 failed to boot"
t_expect_absent "svm: linux.1 stopped: the partition stops"
t_expect_absent "an application processor has not stopped yet"
t_expect_absent "EXCEPTION: cpu"
attack_expect_others_alive "$R" 2
t_pass
