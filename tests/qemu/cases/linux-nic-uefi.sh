#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# An assigned NIC in a Linux partition (issue 13 item 5; docs/linux-partition.md,
# "An assigned NIC"): policy/linux.pol with the linux partition's RAM `dma
# yes` and QEMU's virtio-net (modern only, behind the AMD-Vi unit with
# intremap=on, at 00:03.0) as its `device`. The hypervisor maps its BARs
# 1:1, builds its DMA domain from the partition's RAM, points its DTE at a
# direct interrupt table (vector v to CPU 3 for v >= 32) and shows the
# guest conf1 with a host bridge at 00:00.0 and the NIC at 00:01.0. The
# guest's kernel (bus 0 of the DSDT's root bridge PCI0, over conf1) must see both with
# the physical IDs and the BARs at the addresses the hypervisor mapped;
# the stop report counts its configuration accesses. Then the kit's `net`
# action (image/linux/init): virtio_net binds the NIC as eth0, which QEMU's
# user networking connects to a host TCP service (tests/qemu/tcp-service.py)
# at 10.0.2.2: the guest's reply line is sha256(key:nonce) and the service
# logged the exchange. Its MSI-X messages (the guest's own, vector v to APIC
# 3) are remapped by the unit through the direct table to APIC 3 with the
# same vector (QEMU's amdvi_ir trace). Then `reboot -f` (the reset register,
# a byte at 0xCF9, still vports' beside vpci): the stop blocks the NIC (Bus
# Master off, its DTE the deny entry), the restart reloads the partition,
# rebuilds its PCI view and attaches the NIC again with its direct table,
# and the second boot's `net` round trip works the same. The other
# partitions never notice.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
. tests/qemu/dma-lib.sh
. tests/qemu/linux-lib.sh

NIC_BDF=$LINUX_NIC_BDF
linux_tcp_start "$T_TMP" || t_fail "the host TCP service did not start"
NONCE=nic$RANDOM$RANDOM
# the policy: linux's RAM is its NIC's DMA domain, the NIC its device
linux_device_image "$T_TMP/linux.img" \
	"parapet.test=net,reboot $(linux_net_args "$NONCE")" "$NIC_BDF"
# the AMD-Vi unit remaps interrupts (linux_boot_ir); virtio-net
# modern-only (no I/O BAR), no option ROM, its DMA through the unit
# (iommu_platform), after the unit
# shellcheck disable=SC2034 # t_boot's (lib.sh)
T_QEMU_EXTRA=("${LINUX_NET_QEMU[@]}" -trace "amdvi_ir_remap_msi" -D "$T_TMP/ir-trace.log")
linux_boot_ir "$T_TMP/linux.img" EDU=0
# the hypervisor: BARs mapped 1:1, the DMA domain, the PCI view
t_expect_match '^partition linux: ram gpa 0x0 -> hpa 0x[0-9a-f]+ \(256 MiB, dma\)$'
t_expect_match '^partition linux: device 0000:00:03\.0 BAR1 at 0x[0-9a-f]+ \(0x1000 bytes\), mapped 1:1$'
t_expect_match '^partition linux: device 0000:00:03\.0 BAR4 at 0x[0-9a-f]+ \(0x4000 bytes\), mapped 1:1$'
t_expect_match '^partition linux: pci: device 00:03\.0 as 00:01\.0 behind a host bridge at 00:00\.0, [1-9][0-9]* capabilities shown$'
bar1=$(sed -nE 's/^partition linux: device 0000:00:03\.0 BAR1 at 0x([0-9a-f]+) .*/\1/p' "$T_CONSOLE")
bar4=$(sed -nE 's/^partition linux: device 0000:00:03\.0 BAR4 at 0x([0-9a-f]+) .*/\1/p' "$T_CONSOLE")
# the guest: conf1, the host bridge and the NIC with its physical IDs
t_wait "linux-init: net: done" 600
t_wait "svm: linux stopped: reset (port write)" 120
t_wait "partition linux: restarted from its measured image" 120
attack_wait_after "partition linux: restarted from its measured image" '^linux: linux-init: net: done$' 1 600
t_console
t_expect_match '^linux: \[ *[0-9.]+\] PCI: Using configuration type 1 for base access$'
# bus 0 from the DSDT's root bridge, no pci= option; no BAR reassigned
t_expect_match '^linux: \[ *[0-9.]+\] ACPI: PCI Root Bridge \[PCI0\] \(domain 0000 \[bus 00\]\)$'
! grep -qE '^linux: \[ *[0-9.]+\] pci 0000:00:0[01]\.0: BAR [0-9].*assigned' "$T_CONSOLE" ||
	t_fail "the guest reassigned a BAR: $(grep -m1 -E 'pci 0000:00:0[01]\.0: BAR [0-9].*assigned' "$T_CONSOLE")"
t_expect_match '^linux: \[ *[0-9.]+\] pci 0000:00:00\.0: \[1b36:0008\] type 00 class 0x060000$'
t_expect_match '^linux: \[ *[0-9.]+\] pci 0000:00:01\.0: \[1af4:1041\] type 00 class 0x020000$'
# its BARs where the hypervisor mapped them (the guest claims, never moves them)
# (6.1.192 prints "BAR 1 [mem ...]", older 6.1 "reg 0x14: [mem ...]")
t_expect_match "^linux: \\[ *[0-9.]+\\] pci 0000:00:01\\.0: (BAR 1|reg 0x14:) \\[mem 0x0*$bar1-0x[0-9a-f]+\\]\$"
t_expect_match "^linux: \\[ *[0-9.]+\\] pci 0000:00:01\\.0: (BAR 4|reg 0x20:) \\[mem 0x0*$bar4-0x[0-9a-f]+ 64bit pref\\]\$"
grep -qE '^linux: \[ *[0-9.]+\] pci 0000:00:0[2-9a-f]' "$T_CONSOLE" &&
	t_fail "the guest saw a PCI function other than 00:00.0 and 00:01.0"
t_expect_absent "BAR 1: no space"
t_expect_absent "BAR 4: no space"
t_expect_absent "can't claim BAR"
# the guest's init: the PCI functions it sees, virtio_net on eth0, the
# round trip through QEMU's user networking to the host service
want=$(linux_tcp_reply "$NONCE")
t_expect_line "linux: linux-init: pci 0000:00:00.0 1b36:0008"
t_expect_line "linux: linux-init: pci 0000:00:01.0 1af4:1041"
t_expect_match '^linux: linux-init: net: eth0 ([0-9a-f]{2}:){5}[0-9a-f]{2} driver virtio_net$'
t_expect_line "linux: linux-init: net: eth0 up 10.0.2.15/24 via 10.0.2.2"
grep -q '^linux: linux-init: net failed' "$T_CONSOLE" &&
	t_fail "$(grep -m1 '^linux: linux-init: net failed' "$T_CONSOLE")"
# both boots (and any later one: the guest reboots after each round trip
# until the test ends): the same reply, as many exchanges in the service's log
replies=$(grep -cxF "linux: linux-init: net reply $want" "$T_CONSOLE" || true)
[ "$replies" -ge 2 ] ||
	t_fail "not two 'net reply $want' lines: $(grep 'linux-init: net reply' "$T_CONSOLE" | head -n3)"
[ "$(grep -cx "conn [0-9]* line $NONCE reply $want" "$LINUX_TCP_LOG" || true)" -ge 2 ] ||
	t_fail "the host service did not log two exchanges for nonce $NONCE"
echo "TCP round trip in both boots: nonce $NONCE, reply $want"
# the restart rebuilt the PCI view (vpci reset by the reload) and the NIC
# is attached again: its second boot found it and bound it
[ "$(grep -cE '^partition linux: pci: device 00:03\.0 as 00:01\.0 ' "$T_CONSOLE" || true)" -ge 2 ] ||
	t_fail "the PCI view was not rebuilt at the restart"
attack_wait_after "partition linux: restarted from its measured image" \
	'^linux: linux-init: net: eth0 [0-9a-f:]+ driver virtio_net$' 1 10
# its MSIs: each remapped by the unit to APIC 3 with the guest's own vector
ok_msi='\(addr 0xfee03000, data 0x([2-9a-e][0-9a-f])\) -> \(addr 0xfee03000, data 0x40\1\)$'
msix=$(grep -cE "amdvi_ir_remap_msi $ok_msi" "$T_TMP/ir-trace.log")
[ "$msix" -gt 0 ] ||
	t_fail "no MSI of the NIC remapped to APIC 3 with its vector: $(grep -m3 amdvi_ir_remap_msi "$T_TMP/ir-trace.log")"
# (one message with data 0 passes unchanged before the secure loader turns
# the unit on: vector 0 is no vector, and entry 0 of the direct table is
# blocked, so it never came through the NIC's table; every other message
# must be the NIC's, remapped as above)
bad=$(grep -E 'amdvi_ir_remap_msi ' "$T_TMP/ir-trace.log" | grep -vE "$ok_msi" |
	grep -vxF 'amdvi_ir_remap_msi (addr 0xfee00000, data 0x0) -> (addr 0xfee00000, data 0x0)' |
	head -n1 || true)
[ -z "$bad" ] || t_fail "an MSI remapped elsewhere: $bad"
echo "NIC MSIs remapped to APIC 3 with their vectors: $msix"
# the reset's stop report, with the PCI counters
t_expect_match '^linux: pci: [1-9][0-9]* reads, [0-9]+ writes \([0-9]+ to the device, [1-9][0-9]* BAR sizings, [1-9][0-9]* MSI\), [0-9]+ filtered$'
attack_expect_others_alive "partition linux: restarted from its measured image" 2
t_expect_absent "restart failed"
t_pass
