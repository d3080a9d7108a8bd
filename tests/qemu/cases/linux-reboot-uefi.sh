#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A Linux partition's reboot (issue 13; docs/linux-partition.md, "Reset and
# poweroff"): with `parapet.test=reboot` the guest's init runs `reboot -f`;
# with the kit's `reboot=acpi` the kernel writes the FADT reset register
# (port 0xCF9, value 6): the hypervisor stops the partition and restarts it
# from its measured images, and it boots again to a second `linux-init:
# ready` (and reboots again, and so on). The other partitions never stop.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
. tests/qemu/linux-lib.sh

linux_cmdline "$T_TMP/cmdline.txt" "parapet.test=reboot"
linux_image "$T_TMP/linux.img" "$T_TMP/cmdline.txt"
t_boot "$T_TMP/linux.img" FIRMWARE=uefi CPUS=4 IOMMU=amd TPM=tis
t_wait "parapet: ready"
t_wait "linux: linux-init: ready" 240
t_wait "svm: linux stopped: reset (port write)" 120
t_wait "partition linux: restarted from its measured image" 60
attack_wait_after "partition linux: restarted from its measured image" '^linux: linux-init: ready$' 1 240
attack_wait_after "partition linux: restarted from its measured image" '^linux: \[ *[0-9.]+\] Linux version ' 1 10
t_expect_absent "svm: linux stopped: shutdown"
attack_expect_others_alive "partition linux: restarted from its measured image" 3
t_pass
