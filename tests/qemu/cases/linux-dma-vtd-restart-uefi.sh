#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The VT-d MSI trap across a Linux partition's restart (docs/linux-partition.md,
# "An assigned device on VT-d": the stop blocks and frees the trap's entry,
# the restart holds one again, blocked, before the guest runs).
# linux-dma-vtd-uefi's setup with `parapet.test=edu,reboot`: the first boot
# runs the edu action (three MSIs refused, the own one remapped), then
# `reboot -f`; the stop prints the trap's counts and frees its entry; the
# restart rebuilds the PCI view with the same entry (the table's first free
# one again: it was freed) and the second boot's messages are judged the
# same way: three refusals, one remapped and delivered (the guest's kernel
# reports 0.98 a second time; QEMU's unit remaps edu's message twice and
# finds the entry not present six times). The guest then reboots after
# each boot until the test ends.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
. tests/qemu/dma-lib.sh
. tests/qemu/linux-lib.sh

EDU_BDF=0000:00:01.0
awk -v bdf="$EDU_BDF" '
	/^partition linux \{/ { in_l = 1 }
	in_l && /^ *ram gpa 0x0 hpa any size 256M perm rwx dma no$/ { sub(/size 256M/, "size 128M"); sub(/dma no$/, "dma yes") }
	in_l && /^\}/ { print "    device " bdf " iommu 0"; in_l = 0 }
	{ print }
' policy/linux.pol >"$T_TMP/edu.pol"
sed -n '/^partition linux {/,/^}/p' "$T_TMP/edu.pol" | grep -q "device $EDU_BDF iommu 0" ||
	t_fail "could not give edu to linux in the policy"
sed -n '/^partition linux {/,/^}/p' "$T_TMP/edu.pol" | grep -q 'size 128M perm rwx dma yes$' ||
	t_fail "could not make linux's RAM 128 MiB and dma yes in the policy"
build/bin/parapet policy compile "$T_TMP/edu.pol" -o "$T_TMP/edu.bin" >"$T_TMP/pol.log" 2>&1 &&
	build/bin/parapet policy sign "$T_TMP/edu.bin" --key keys/dev/policy.pem -o "$T_TMP/edu.sbin" \
		>>"$T_TMP/pol.log" 2>&1 || t_fail "edu policy: $(tail -n1 "$T_TMP/pol.log")"
LINUX_POLICY_BIN=$T_TMP/edu.sbin
linux_cmdline "$T_TMP/cmdline.txt" "pci=lastbus=1 parapet.eduown parapet.test=edu,reboot"
linux_image "$T_TMP/linux.img" "$T_TMP/cmdline.txt"
m_slot_put "$T_TMP/linux.img" a "$T_TMP/edu.sbin"
m_slot_put "$T_TMP/linux.img" b "$T_TMP/edu.sbin"
DMA_IOMMU_OPTS=intremap=on
dma_iommu_opts
# shellcheck disable=SC2034 # t_boot's (lib.sh)
T_QEMU_EXTRA=(-trace "vtd_ir_*" -D "$T_TMP/ir-trace.log")
t_boot "$T_TMP/linux.img" FIRMWARE=uefi CPUS=4 IOMMU=intel TPM=tis EDU=1
t_wait "parapet: ready"
linux_expect_ref
t_expect_match '^partition linux: device 0000:00:01\.0 BAR0 at 0x[0-9a-f]+ \(0x100000 bytes\), mapped 1:1$'
t_expect_line "partition linux: pci: device 00:01.0 as 00:01.0 behind a host bridge at 00:00.0, 1 capabilities shown"
# the device's message: the remappable format (bit 4) of the trap's entry
t_expect_match '^partition linux: pci: VT-d: MSI at 0x[0-9a-f]+ shadowed, the device holds message 0xfee[0-9a-f]{5}/0x0 \(a blocked entry until the guest.s message is accepted\); MSI-X hidden \(its table trap is planned\)$'
hvmsg=$(sed -nE 's|^partition linux: pci: VT-d: MSI at 0x[0-9a-f]+ shadowed, the device holds message (0x[0-9a-f]+)/0x0 .*|\1|p' "$T_CONSOLE")
(((hvmsg & 0x10) != 0)) || t_fail "the device's message $hvmsg is not in remappable format (bit 4)"

refused_re='^partition linux: device 00:01\.0: refused MSI address 0xfee0[01]000 data 0x(400|500|61) \((delivery|foreign)\): .*; entry [0-9]+ stays blocked$'
remap_re='^partition linux: device 00:01\.0: MSI address 0xfee03000 data 0x62 remapped: entry [0-9]+, vector 0x62 at APIC ID 3$'
# the first boot, its stop and the restart
t_wait "partition linux: restarted from its measured image" 600
t_expect_match '^partition linux: device 00:01\.0: MSI trap: entry [0-9]+ blocked and freed, 1 message\(s\) remapped, 3 refused$'
t_expect_match '^svm: linux stopped: reset \(.*\) \(rip 0x[0-9a-f]+\)$'
# the restart's view: the same message, i.e. the same entry, held again
[ "$(grep -c '^partition linux: pci: VT-d: MSI at 0x[0-9a-f]* shadowed, the device holds message '"$hvmsg"'/0x0 ' "$T_CONSOLE")" = 2 ] ||
	t_fail "the restart did not hold the same entry again: $(grep '^partition linux: pci: VT-d: MSI' "$T_CONSOLE" | tr '\n' ';')"
# the second boot: the same judgements
attack_wait_after "partition linux: restarted from its measured image" "$remap_re" 1 600
[ "$(grep -cE "$refused_re" "$T_CONSOLE")" = 6 ] ||
	t_fail "not 3 refusals per boot: $(grep -E '^partition linux: device 00:01\.0: refused MSI' "$T_CONSOLE" | tr '\n' ';')"
[ "$(grep -cE "$remap_re" "$T_CONSOLE")" = 2 ] || t_fail "not one remapped message per boot"
attack_wait_after "partition linux: restarted from its measured image" '__common_interrupt: 0\.98 No irq handler for vector$' 1 120
t_expect_absent "__common_interrupt: 0.97 No irq handler for vector"
t_expect_absent "NMI received"
t_expect_absent "EXCEPTION:"
log=$T_TMP/ir-trace.log
entry=$(sed -nE 's/^partition linux: device 00:01\.0: MSI address 0xfee03000 data 0x62 remapped: entry ([0-9]+), .*/\1/p' "$T_CONSOLE" | sort -u)
[ "$(echo "$entry" | grep -c .)" = 1 ] || t_fail "the two boots used different entries: $entry"
sleep 2 # QEMU's trace file is written as it goes
n=$(grep -cx "vtd_ir_remap index $entry trigger 0 vector 98 deliver 0 dest 0x3 mode 0" "$log" || true)
[ "${n:-0}" = 2 ] || t_fail "QEMU's unit remapped entry $entry to vector 98 at APIC ID 3 ${n:-0} time(s), want 2"
n=$(grep -c "^vtd_ir_irte_get index $entry low 0x0 high 0x0\$" "$log" || true)
[ "${n:-0}" -ge 6 ] || t_fail "QEMU's unit found entry $entry not present ${n:-0} time(s), want 6 or more"
if grep -qE '^vtd_ir_remap_msi_req addr 0xfee0[013]000 data 0x(400|500|61|62)$' "$log"; then
	t_fail "a message the guest wrote reached QEMU's unit"
fi
attack_expect_others_alive "partition linux: restarted from its measured image" 4
t_pass
