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

NIC_BDF=0000:00:03.0
awk -v bdf="$NIC_BDF" '
	/^partition linux \{/ { in_l = 1 }
	in_l && /^ *ram gpa 0x0 .* dma no$/ { sub(/dma no$/, "dma yes") }
	in_l && /^\}/ { print "    device " bdf " iommu 0"; in_l = 0 }
	{ print }
' policy/linux.pol >"$T_TMP/nic.pol"
sed -n '/^partition linux {/,/^}/p' "$T_TMP/nic.pol" | grep -q "device $NIC_BDF iommu 0" ||
	t_fail "could not give the NIC to linux in the policy"
build/bin/parapet policy compile "$T_TMP/nic.pol" -o "$T_TMP/nic.bin" >"$T_TMP/pol.log" 2>&1 &&
	build/bin/parapet policy sign "$T_TMP/nic.bin" --key keys/dev/policy.pem -o "$T_TMP/nic.sbin" \
		>>"$T_TMP/pol.log" 2>&1 || t_fail "nic policy: $(tail -n1 "$T_TMP/pol.log")"
LINUX_POLICY_BIN=$T_TMP/nic.sbin
linux_cmdline "$T_TMP/cmdline.txt" "pci=lastbus=1 parapet.test=poweroff"
linux_image "$T_TMP/linux.img" "$T_TMP/cmdline.txt"
m_slot_put "$T_TMP/linux.img" a "$T_TMP/nic.sbin"
m_slot_put "$T_TMP/linux.img" b "$T_TMP/nic.sbin"
# shellcheck disable=SC2034 # t_boot's (lib.sh)
T_QEMU_EXTRA=(-device "virtio-net-pci,iommu_platform=on,disable-legacy=on,romfile=,netdev=n0,addr=0x3"
	-netdev "user,id=n0")
t_boot "$T_TMP/linux.img" FIRMWARE=uefi CPUS=4 IOMMU=intel TPM=tis EDU=0
t_wait "parapet: ready"
t_expect_line "partition linux: not started: device 00:03.0: behind VT-d unit 0 a Linux partition's device needs an MSI capability (no MSI capability; the MSI-X table trap is planned)"
t_expect_absent "partition linux: running on cpu"
t_expect_absent "partition linux: pci:"
attack_expect_others_alive "parapet: ready" 2
t_pass
