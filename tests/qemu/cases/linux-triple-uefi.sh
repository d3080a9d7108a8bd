#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A Linux partition's triple fault (issue 13; docs/linux-partition.md,
# "Reset and poweroff"): `parapet.test=reboot reboot=t` makes the kernel
# reboot by a deliberate triple fault (arch/x86/kernel/reboot.c,
# BOOT_TRIPLE: an empty IDT, then int3). The SHUTDOWN intercept stops the
# partition and the hypervisor restarts it from its measured images: a
# second `linux-init: ready`. The other partitions never stop. On an
# intel-iommu machine (VT-d; the other Linux tests run on amd-iommu): the
# platform a Linux partition sees does not depend on the IOMMU.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
. tests/qemu/linux-lib.sh

linux_cmdline "$T_TMP/cmdline.txt" "parapet.test=reboot reboot=t"
linux_image "$T_TMP/linux.img" "$T_TMP/cmdline.txt"
t_boot "$T_TMP/linux.img" FIRMWARE=uefi CPUS=4 IOMMU=intel TPM=tis
t_wait "parapet: ready"
t_wait "linux: linux-init: ready" 240
t_wait "svm: linux stopped: shutdown (triple fault)" 120
t_wait "partition linux: restarted from its measured image" 60
attack_wait_after "partition linux: restarted from its measured image" '^linux: linux-init: ready$' 1 240
t_expect_absent "svm: linux stopped: reset (port write)"
attack_expect_others_alive "partition linux: restarted from its measured image" 3
t_pass
