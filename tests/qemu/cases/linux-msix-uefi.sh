#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A Linux partition forges its assigned NIC's MSI-X entry (issue 13
# acceptance: "a forged MSI-X entry (NMI, or another partition's core) is
# not delivered"; docs/linux-partition.md, "An assigned device attacks").
# The machine of linux-nic-uefi: policy/linux.pol with linux's RAM `dma yes`
# and QEMU's virtio-net (modern only, MSI-X, at 00:03.0 behind the AMD-Vi
# unit with intremap=on) its `device`; the hypervisor points the NIC's DTE
# at a direct table (entry v: vector v to APIC ID 3, linux's core, for
# v >= 32; entries below 32 not valid; NMIPass, INITPass, EIntPass clear:
# hypervisor/core/dma/dma_linux.c). The guest's init (`parapet.test=
# net,msix,poweroff`, image/linux/init's msix_run) binds virtio_net, makes
# the TCP round trip, then rewrites entry 0 of the NIC's MSI-X table (the
# configuration-change interrupt, virtio0-config) through /dev/mem
# (iomem=relaxed: Debian's kernel has IO_STRICT_DEVMEM, and the device's
# configuration BAR is the driver's), one message at a time; for each the
# test changes the NIC's link with QEMU's monitor (set_link), which makes
# the device send entry 0's message:
#  (a) delivery mode NMI at APIC ID 0 (service's core): QEMU's unit drops
#      it (NMIPass clear): the guest's NMI count and config count unchanged,
#      its carrier not updated, no NMI exit in linux's histogram, no
#      EXCEPTION anywhere;
#  (c) fixed, vector 0x12 (< 32: #MC's) at its own APIC ID: the table's
#      entry 0x12 is not valid: target abort, nothing delivered;
#  (b) fixed, its own vector, at APIC ID 0: remapped by the NIC's table to
#      APIC ID 3 with the same vector: the guest's config count +1 and its
#      carrier follows the link (down); the heartbeat partitions keep their
#      rates;
# then the entry as the driver wrote it: delivered as before (carrier up),
# and the TCP round trip works again. Then `poweroff -f`. The guest's
# own counts cannot see (a) or (c) fail: a passed NMI hits core 0 (it
# stopped service in a run with NMIPass set), a vector 0x12 that was
# delivered left no trace in the guest. The witnesses are QEMU's trace and
# the other partitions.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
. tests/qemu/dma-lib.sh
. tests/qemu/linux-lib.sh

NIC_BDF=$LINUX_NIC_BDF
NIC_DEVID=0x18 # its requester ID in QEMU's trace: bus 0, device 3, function 0
linux_tcp_start "$T_TMP" || t_fail "the host TCP service did not start"
NONCE=msix$RANDOM$RANDOM
linux_device_image "$T_TMP/linux.img" \
	"iomem=relaxed parapet.test=net,msix,poweroff $(linux_net_args "$NONCE")" "$NIC_BDF"
# the NIC of linux-nic-uefi, the monitor (set_link), QEMU's unit's
# interrupt-remapping trace
# shellcheck disable=SC2034 # t_boot's (lib.sh)
T_QEMU_EXTRA=("${LINUX_NET_QEMU[@]}" -monitor "unix:$T_TMP/monitor.sock,server=on,wait=off"
	-trace "amdvi_ir_*" -trace "amdvi_mem_ir_*" -D "$T_TMP/ir-trace.log")
linux_boot_ir "$T_TMP/linux.img" EDU=0
t_expect_match '^partition linux: device 0000:00:03\.0 BAR1 at 0x[0-9a-f]+ \(0x1000 bytes\), mapped 1:1$'
bar1=$(sed -nE 's/^partition linux: device 0000:00:03\.0 BAR1 at (0x[0-9a-f]+) .*/\1/p' "$T_CONSOLE")

M='linux: linux-init: msix:'
wait_msix() { # a line "$M REGEX" within SECONDS, or t_fail on `msix: failed`
	attack_wait_after "parapet: ready" "^$M ($1|failed)\$" 1 "$2"
	t_console
	if grep -qx "$M failed" "$T_CONSOLE"; then
		t_fail "the guest's msix steps failed: $(grep "^$M " "$T_CONSOLE" | tail -n2 | head -n1)"
	fi
}
# the first round trip
t_wait "linux: linux-init: net: done" 600
want=$(linux_tcp_reply "$NONCE")
t_expect_line "linux: linux-init: net reply $want"
# the table: in BAR1, the BAR the hypervisor mapped 1:1; entry 0 as the
# driver wrote it: its own vector at APIC ID 3
wait_msix 'entry 0 at 0x[0-9a-f]+: .*' 120
t_expect_match "^$M device 0000:00:01\\.0 \\(virtio0\\) MSI-X capability at 0x[0-9a-f]+, control 0x[89a-f][0-9a-f]{3} \\([0-9]+ entries\\), table in BAR 1 at $bar1 \\+ 0x[0-9a-f]+\$"
e0=$(sed -nE "s/^$M entry 0 at 0x[0-9a-f]+: address (0x[0-9a-f]+) data (0x[0-9a-f]+) control 0x[0-9a-f]+; link on, carrier 1, virtio0-config [0-9]+\$/\\1 \\2/p" "$T_CONSOLE")
[ -n "$e0" ] || t_fail "no entry 0 line with the link on: $(grep "^$M entry 0" "$T_CONSOLE")"
read -r own_addr own_data <<<"$e0"
[ "$own_addr" = 0xfee03000 ] || t_fail "the driver's entry 0 is not aimed at APIC ID 3: $own_addr"
vec=$((own_data & 0xff))
if [ "$vec" -lt 32 ] || [ $((own_data & 0x700)) != 0 ]; then
	t_fail "the driver's entry 0 is not fixed with a vector >= 32: $own_data"
fi
echo "entry 0 (virtio0-config): address $own_addr data $own_data"

# each case: the guest's entry, the link change it asks for, its counts
for c in nmi low foreign restored; do
	wait_msix "$c: entry 0 address 0x[0-9a-f]+ data 0x[0-9a-f]+; waiting for link (on|off)" 120
	link=$(sed -nE "s/^$M $c: .*; waiting for link (on|off)\$/\\1/p" "$T_CONSOLE")
	dma_monitor "set_link n0 $link"
	wait_msix "$c: link $link; .*" 180
	grep "^$M $c: link" "$T_CONSOLE"
	r=$(sed -nE "s/^$M $c: link (on|off); NMIs ([0-9]+) -> ([0-9]+), virtio0-config ([0-9]+) -> ([0-9]+), carrier ([01]) -> ([01])\$/\\2 \\3 \\4 \\5 \\6 \\7/p" "$T_CONSOLE")
	[ -n "$r" ] || t_fail "case $c: no counts line"
	read -r n0 n1 c0 c1 k0 k1 <<<"$r"
	[ "$n0" = "$n1" ] || t_fail "case $c: the guest's NMI count went from $n0 to $n1"
	case $c in
	nmi | low) # not delivered: the driver never learnt of the link change
		[ "$c0" = "$c1" ] || t_fail "case $c: virtio0-config went from $c0 to $c1"
		[ "$k0" = "$k1" ] || t_fail "case $c: the carrier changed ($k0 -> $k1)"
		;;
	foreign | restored) # delivered once, on linux's own core
		[ "$c1" = $((c0 + 1)) ] || t_fail "case $c: virtio0-config went from $c0 to $c1, not +1"
		if [ "$k1" != "$([ "$link" = on ] && echo 1 || echo 0)" ] || [ "$k0" = "$k1" ]; then
			t_fail "case $c: the carrier went $k0 -> $k1 with the link $link"
		fi
		;;
	esac
done
wait_msix 'done' 120
# the round trip after the entry was restored: a second reply and exchange
[ "$(grep -cxF "linux: linux-init: net reply $want" "$T_CONSOLE" || true)" = 2 ] ||
	t_fail "not two 'net reply $want' lines: $(grep 'linux-init: net' "$T_CONSOLE" | tail -n3)"
[ "$(grep -cx "conn [0-9]* line $NONCE reply $want" "$LINUX_TCP_LOG" || true)" = 2 ] ||
	t_fail "the host service did not log two exchanges for nonce $NONCE"
attack_expect_others_alive "$M nmi: entry 0 " 3

# QEMU's unit (hw/i386/amd_iommu.c, amdvi_int_remap_msi) on each message
# of the NIC's requester ID
log=$T_TMP/ir-trace.log
[ -s "$log" ] || t_fail "no QEMU interrupt-remapping trace in $log"
after_req() { # the trace lines after the request for message $1, up to the next request
	awk -v req="amdvi_ir_remap_msi_req $1 devid $NIC_DEVID" '
		n && /^amdvi_(ir_remap_msi_req|mem_ir_write_req) / { exit }
		n { print }
		index($0, req) == 1 { n = 1 }' "$log" | grep -v '^amdvi_mem_ir_write_req ' | tr '\n' ';'
}
# (a) NMI: dropped, NMIPass clear (#48882 §2.2.5, DTE bits NMIPass)
got=$(after_req 'addr 0xfee00000 data 0x400')
[ "$got" = "amdvi_ir_delivery_mode nmi;amdvi_ir_err passthrough is not enabled;" ] ||
	t_fail "QEMU's unit on the NIC's NMI message: '$got'"
# (c) vector 0x12: the table's entry 0x12 has RemapEn clear: target abort
got=$(after_req "addr $own_addr data 0x12")
if ! grep -q 'amdvi_ir_target_abort RemapEn is disabled;' <<<"$got" || grep -q 'amdvi_ir_remap_msi ' <<<"$got"; then
	t_fail "QEMU's unit on the NIC's vector-0x12 message: '$got'"
fi
# (b) at APIC ID 0: remapped to APIC ID 3, the same vector
hexv=$(printf '0x%x' "$vec")
grep -qx "amdvi_ir_remap_msi (addr 0xfee00000, data $hexv) -> (addr 0xfee03000, data 0x40$(printf '%02x' "$vec"))" "$log" ||
	t_fail "QEMU did not remap the NIC's message for APIC ID 0 to APIC ID 3: $(grep -m1 "amdvi_ir_remap_msi (addr 0xfee00000, data $hexv)" "$log" || echo none)"
# nothing but APIC ID 3 was ever written an interrupt: every remapped
# message (but the one with data 0 before the unit is on, linux-nic-uefi)
# and every write to an APIC
bad=$(grep -E '^amdvi_ir_remap_msi \(' "$log" | grep -v -- '-> (addr 0xfee03000, data ' |
	grep -vxF 'amdvi_ir_remap_msi (addr 0xfee00000, data 0x0) -> (addr 0xfee00000, data 0x0)' | head -n1 || true)
[ -z "$bad" ] || t_fail "a message remapped elsewhere: $bad"
bad=$(sed -n '/^amdvi_ir_remap_msi_req .* devid '"$NIC_DEVID"'$/,$p' "$log" | grep '^amdvi_mem_ir_write addr' |
	grep -v '^amdvi_mem_ir_write addr 0xfee03000 ' | head -n1 || true)
[ -z "$bad" ] || t_fail "QEMU wrote an interrupt to another APIC after the NIC's first message: $bad"
echo "the unit: NMI dropped, vector 0x12 aborted, APIC ID 0 remapped to APIC ID 3 vector $hexv"

# poweroff: no NMI reached linux's core, none anywhere
t_wait "partition linux: stopped after " 120
t_expect_match '^svm: linux stopped: powered off \(ACPI sleep control, S5\) \(rip 0x[0-9a-f]+\)$'
t_expect_match '^linux: exits [0-9]+: .*, nmi 0, other [0-9]+$'
t_expect_absent "EXCEPTION:"
t_expect_absent "NMI received"
t_expect_absent "Dazed and confused"
t_pass
