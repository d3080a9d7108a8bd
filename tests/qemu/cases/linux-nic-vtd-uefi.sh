#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A Linux partition's NIC behind a VT-d unit is refused, precisely, before
# the partition runs (docs/linux-partition.md, "An assigned device on
# VT-d": VT-d blocks compatibility-format MSIs, so the hypervisor traps the
# MSI capability; QEMU's virtio-net has MSI-X only, whose table trap is
# planned, so it has nothing to trap). The policy of linux-nic-uefi
# (linux's RAM `dma yes`, QEMU's virtio-net at 00:03.0 its `device`) on
# q35 with intel-iommu: the hypervisor names the unit and the reason, the
# device stays blocked, and the other partitions run.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
. tests/qemu/linux-lib.sh

NIC_BDF=$LINUX_NIC_BDF
linux_device_image "$T_TMP/linux.img" "parapet.test=poweroff" "$NIC_BDF"
# shellcheck disable=SC2034 # t_boot's (lib.sh)
T_QEMU_EXTRA=("${LINUX_NET_QEMU[@]}")
linux_boot "$T_TMP/linux.img" CPUS=4 IOMMU=intel EDU=0
t_expect_line "partition linux: not started: device 00:03.0: behind VT-d unit 0 a Linux partition's device needs an MSI capability (no MSI capability; the MSI-X table trap is planned)"
t_expect_absent "partition linux: running on cpu"
t_expect_absent "partition linux: pci:"
attack_expect_others_alive "parapet: ready" 2
t_pass
