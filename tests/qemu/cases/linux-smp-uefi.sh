#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Debian's own cloud kernel in a partition with two vCPUs (issue 13;
# docs/linux-partition.md, "SMP"): policy/linux-smp.pol (the appliance's
# three partitions plus `linux` on cpus 3 and 4) in both policy slots of a
# copy of build/linux/parapet.img, 5 CPUs, with
# `parapet.test=cpus,poweroff` on the kernel's command line. vCPU 0 boots
# on cpu 3 as a one-vCPU partition does; the MADT lists both cores' APIC
# IDs; the kernel sends vCPU 1 INIT and SIPI through the xAPIC filter, the
# hypervisor starts it on cpu 4 in real mode at the SIPI's page, and the
# kernel brings it up ("smp: Brought up 1 node, 2 CPUs"). Its init then
# shows both CPUs online, local timer interrupts on each, and a process
# pinned to CPU 1 running there; then `poweroff -f` stops the whole
# partition: vCPU 1 is stopped with it and the exit histogram is summed
# over both. PCR 17-19 equal refgen's prediction for this policy, and the
# other three partitions keep their heartbeats at their rates throughout.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
. tests/qemu/linux-lib.sh

linux_smp_image "$T_TMP/linux.img" "parapet.test=cpus,poweroff"
linux_boot "$T_TMP/linux.img" CPUS=5 IOMMU=amd
t_expect_line 'policy: in force: 4 partition(s)'
t_expect_line 'partition linux: linux: 2 vCPUs: vCPU 0 on cpu 3, the others on cpu 4 (wait for SIPI)'
t_expect_match '^partition linux: built: cpu 3, 1 region\(s\), image bzimage at 0x1000000 \([0-9]+ bytes\), entry 0x1000200, 0 capabilities, asid 5$'
attack_expect_running service work-a work-b linux
t_wait "linux: linux-init: ready" 300
t_console
# the kernel found both vCPUs in the MADT and started the second through
# INIT and SIPI (its trampoline page below 1 MiB)
t_expect_match '^linux: \[ *[0-9.]+\] smpboot: Allowing 2 CPUs, 0 hotplug CPUs$'
t_expect_match '^partition linux: vCPU 1 started by SIPI at 0x[0-9a-f]+000 on cpu 4$'
t_expect_match '^linux: \[ *[0-9.]+\] smp: Brought up 1 node, 2 CPUs$'
t_expect_match '^linux: \[ *[0-9.]+\] smpboot: Total of 2 processors activated '
t_expect_absent "CPU1 failed to boot"
t_wait "linux: linux-init: cpus: done" 120
t_console
t_expect_line "linux: linux-init: cpus: online 0-1"
t_expect_line "linux: linux-init: cpus: 2 processors"
t_expect_line "linux: linux-init: cpus: pinned to cpu 1, ran on cpu 1"
# each CPU took its own local timer interrupts (its own core's LAPIC)
loc=$(sed -nE 's/^linux: linux-init: cpus: LOC: ([0-9]+) ([0-9]+) Local timer interrupts$/\1 \2/p' "$T_CONSOLE")
[ -n "$loc" ] || t_fail "no LOC line from init"
read -r loc0 loc1 <<<"$loc"
if [ "$loc0" -eq 0 ] || [ "$loc1" -eq 0 ]; then t_fail "local timer interrupts per CPU: $loc"; fi
echo "local timer interrupts: cpu0 $loc0, cpu1 $loc1"
# poweroff stops the whole partition: vCPU 1 first, then the histogram
t_wait "partition linux: stopped after " 120
t_console
t_expect_match '^svm: linux stopped: powered off \(ACPI sleep control, S5\) \(rip 0x[0-9a-f]+\)$'
t_expect_line "svm: linux.1 stopped: the partition stops"
hist=$(grep -E '^linux: exits [0-9]+: ' "$T_CONSOLE" | tail -n1)
[ -n "$hist" ] || t_fail "no exit histogram"
echo "$hist"
grep -E '^linux: vCPU [01] exits [0-9]+: ' "$T_CONSOLE" || t_fail "no per-vCPU histogram"
total=$(sed -nE 's/^linux: exits ([0-9]+): .*/\1/p' <<<"$hist")
v0=$(sed -nE 's/^linux: vCPU 0 exits ([0-9]+): .*/\1/p' "$T_CONSOLE" | tail -n1)
v1=$(sed -nE 's/^linux: vCPU 1 exits ([0-9]+): .*/\1/p' "$T_CONSOLE" | tail -n1)
if [ -z "$v0" ] || [ -z "$v1" ] || [ "$v1" -eq 0 ]; then t_fail "per-vCPU exits: '$v0' '$v1'"; fi
[ $((v0 + v1)) -eq "$total" ] || t_fail "the histogram's sum $total is not $v0 + $v1"
[ "$total" -le 100000 ] || t_fail "exit budget: $total exits in all"
t_expect_absent "partition linux: restarted"
t_expect_absent "an application processor has not stopped yet"
attack_expect_others_alive "partition linux: stopped after " 2
t_pass
