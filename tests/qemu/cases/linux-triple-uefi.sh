#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A Linux partition stopped and restarted from another partition, then its
# triple fault (issue 13; docs/linux-partition.md, "Kicks by NMI" and
# "Reset and poweroff"). The partition `probe` (CPU 4, guest/probe-ctl.c,
# `capability control linux`) stops the Linux partition 2 s after its own
# start, in the middle of the kernel's boot: the request kicks the Linux
# core with an NMI (its fixed vectors are the guest's own), the stop is
# served with the reason and the exit histogram; a second stop is estate;
# a restart reloads it from its measured images. That boot then runs to
# `linux-init: ready`, and `parapet.test=reboot reboot=t` makes the kernel
# reboot by a deliberate triple fault (arch/x86/kernel/reboot.c,
# BOOT_TRIPLE: an empty IDT, then int3): the SHUTDOWN intercept stops the
# partition and the hypervisor restarts it once more: another `ready`. The
# other partitions never stop. On an intel-iommu machine (VT-d; the other
# Linux tests run on amd-iommu): the platform a Linux partition sees does
# not depend on the IOMMU.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
. tests/qemu/linux-lib.sh

linux_cmdline "$T_TMP/cmdline.txt" "parapet.test=reboot reboot=t"
LINUX_PROBE=ctl LINUX_PROBE_CAPS="capability control linux" \
	linux_image "$T_TMP/linux.img" "$T_TMP/cmdline.txt"
t_boot "$T_TMP/linux.img" FIRMWARE=uefi CPUS=5 IOMMU=intel TPM=tis
t_wait "parapet: ready"
linux_expect_ref
# the stop from another CPU, in the middle of the kernel's boot
t_wait "probe: probe-ctl: restart: ok" 120
t_expect_line "probe: probe-ctl: control sel 1, target 4"
t_expect_line "probe: probe-ctl: stop: ok"
t_expect_line "svm: linux stopped: stopped by probe (PP_HC_PART_STOP)"
t_expect_match '^linux: exits [0-9]+: cpuid [0-9]+, .*, nmi [0-9]+, other 0$'
t_expect_line "probe: probe-ctl: stop again: estate"
[ "$(grep -c '^linux: linux-init: ready$' "$T_CONSOLE")" = 0 ] ||
	t_fail "the kernel reached init before the stop (the stop must land mid-boot)"
# the restarted boot runs to init, then its triple fault restarts it again
t_wait "linux: linux-init: ready" 240
t_wait "svm: linux stopped: shutdown (triple fault)" 120
attack_wait_after "svm: linux stopped: shutdown (triple fault)" '^linux: linux-init: ready$' 1 240
[ "$(grep -c '^partition linux: restarted from its measured image$' "$T_CONSOLE")" = 2 ] ||
	t_fail "not two restarts of linux (after the stop, after the triple fault)"
t_expect_absent "svm: linux stopped: reset (port write)"
t_expect_absent "EXCEPTION: cpu"
attack_expect_others_alive "svm: linux stopped: shutdown (triple fault)" 3
t_pass
