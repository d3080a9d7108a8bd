#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# linux-dma-uefi on VT-d (issue 13 acceptance: "a DMA the guest programs
# into memory outside its partition is blocked (and, on VT-d, logged)";
# docs/linux-partition.md, "An assigned device on VT-d"). The same policy
# (linux's RAM 128 MiB `dma yes`, QEMU's edu its `device`) on q35 with
# `intel-iommu,intremap=on`, where edu is 00:01.0 (the VT-d unit is no
# PCI function). The guest's /init (`parapet.test=edu` with
# `parapet.eduown`, image/linux/init) drives edu from user space:
#  - DMA: the pattern into its own page T (gpa 0xd8000): it lands; then
#    at every 16 MiB from 128 to 240 MiB: each blocked by the unit AND
#    logged by the hypervisor (`dma fault: 0000:00:01.0 write at A: ...,
#    owner linux`); QEMU's memory dump after the stop holds the pattern
#    exactly once, at linux's RAM hpa + T;
#  - MSIs written into edu's MSI capability, each raised once. VT-d blocks
#    compatibility-format MSIs, so the hypervisor traps the capability:
#    the device holds the remappable message of one entry it owns (the
#    `pci: VT-d: MSI at ... shadowed` line), and each message the guest
#    enables is judged. (i) NMI and (i') INIT at APIC ID 0 are refused
#    for their delivery mode, (ii) fixed vector 0x61 at APIC ID 1 as
#    foreign: for each the entry stays blocked, so edu's message reaches
#    the unit (QEMU trace `vtd_ir_remap_msi_req`) and is not remapped; no
#    NMI in the guest, no 0x61 anywhere; (iv) fixed vector 0x62 at the
#    partition's own APIC ID 3 is accepted: the entry becomes vector 0x62
#    at APIC ID 3, QEMU remaps edu's message to it, and the guest's kernel
#    reports the vector it has no handler for (0.98).
# Then `poweroff -f`: the stop blocks and frees the entry with the trap's
# counts (1 remapped, 3 refused).
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
. tests/qemu/dma-lib.sh
. tests/qemu/linux-lib.sh

EDU_BDF=0000:00:01.0
# linux-dma-uefi's policy: RAM 128 MiB `dma yes`, edu its device
linux_device_image "$T_TMP/linux.img" "parapet.eduown parapet.test=edu,poweroff" "$EDU_BDF" 128M
DMA_IOMMU_OPTS=intremap=on
dma_iommu_opts
# shellcheck disable=SC2034 # t_boot's (lib.sh)
T_QEMU_EXTRA=(-monitor "unix:$T_TMP/monitor.sock,server=on,wait=off"
	-trace "vtd_ir_*" -D "$T_TMP/ir-trace.log")
linux_boot "$T_TMP/linux.img" CPUS=4 IOMMU=intel EDU=1
linux_edu_boot 0000:00:01.0
t_expect_line "partition linux: pci: device 00:01.0 as 00:01.0 behind a host bridge at 00:00.0, 1 capabilities shown"
# the device's message: the remappable format (bit 4) of the trap's entry
t_expect_match '^partition linux: pci: VT-d: MSI at 0x[0-9a-f]+ shadowed, the device holds message 0xfee[0-9a-f]{5}/0x0 \(a blocked entry until the guest.s message is accepted\); MSI-X hidden \(its table trap is planned\)$'
hvmsg=$(sed -nE 's|^partition linux: pci: VT-d: MSI at 0x[0-9a-f]+ shadowed, the device holds message (0x[0-9a-f]+)/0x0 .*|\1|p' "$T_CONSOLE")
(((hvmsg & 0x10) != 0)) || t_fail "the device's message $hvmsg is not in remappable format (bit 4)"

linux_edu_dma
# each aimed transfer: done in the guest, blocked by the unit and logged by
# the hypervisor (a new device, address, reason each: none rate-limited)
for ((a = 0x8000000; a <= 0xf000000; a += 0x1000000)); do
	t_expect_match "^dma fault: 0000:00:01\\.0 write at $(printf '0x%x' $a): [a-z-]+ \\(vt-d code [0-9]+\\), owner linux, [0-9]+ so far\$"
done
if grep -qE '^dma fault: .* at 0x[0-7]?[0-9a-f]{1,6}: ' "$T_CONSOLE"; then
	t_fail "a DMA fault inside linux's own RAM: $(grep -m1 -E '^dma fault: .* at 0x[0-7]?[0-9a-f]{1,6}: ' "$T_CONSOLE")"
fi

# the MSIs: each refused by the trap with its line, then the accepted one
t_expect_match '^linux: linux-init: edu: MSI capability at 0x[0-9a-f]+, control 0x80$' # MMC 0: one message
t_expect_match '^linux: linux-init: edu: msi nmi: address 0xfee00000 data 0x400 raised; NMIs [0-9]+ -> [0-9]+$'
nmis=$(sed -nE 's/^linux: linux-init: edu: msi nmi: .* NMIs ([0-9]+) -> ([0-9]+)$/\1 \2/p' "$T_CONSOLE")
[ "${nmis% *}" = "${nmis#* }" ] || t_fail "the guest's NMI count went from ${nmis% *} to ${nmis#* }"
t_expect_match '^linux: linux-init: edu: msi init: address 0xfee00000 data 0x500 raised; NMIs [0-9]+ -> [0-9]+$'
t_expect_match '^linux: linux-init: edu: msi foreign: address 0xfee01000 data 0x61 raised; NMIs [0-9]+ -> [0-9]+$'
t_expect_match '^linux: linux-init: edu: msi own: address 0xfee03000 data 0x62 raised; NMIs [0-9]+ -> [0-9]+$'
t_expect_match '^partition linux: device 00:01\.0: refused MSI address 0xfee00000 data 0x400 \(delivery\): delivery mode nmi \(only fixed or lowest priority\); entry [0-9]+ stays blocked$'
t_expect_match '^partition linux: device 00:01\.0: refused MSI address 0xfee00000 data 0x500 \(delivery\): delivery mode init \(only fixed or lowest priority\); entry [0-9]+ stays blocked$'
t_expect_match "^partition linux: device 00:01\\.0: refused MSI address 0xfee01000 data 0x61 \\(foreign\\): destination APIC ID 1 is not the partition's \\(3\\); entry [0-9]+ stays blocked\$"
t_expect_match '^partition linux: device 00:01\.0: MSI address 0xfee03000 data 0x62 remapped: entry [0-9]+, vector 0x62 at APIC ID 3$'
[ "$(grep -c '^partition linux: device 00:01\.0: refused MSI ' "$T_CONSOLE")" = 3 ] ||
	t_fail "not exactly 3 refused MSIs: $(grep '^partition linux: device 00:01\.0: refused MSI ' "$T_CONSOLE" | tr '\n' ';')"
t_expect_absent "NMI received"
t_expect_absent "Dazed and confused"
# the foreign fixed vector reached nobody (on AMD-Vi it is redirected to
# the partition's core, here its entry is blocked); the own one arrived
t_expect_absent "__common_interrupt: 0.97 No irq handler for vector"
t_expect_match '^linux: \[ *[0-9.]+\] __common_interrupt: 0\.98 No irq handler for vector$'
t_expect_match '^linux: linux-init: edu: MSI off, command 0x[0-9a-f]+$'

# QEMU's unit (hw/i386/intel_iommu.c): every message edu sent named the
# trap's entry (the device never held the guest's address), and only the
# last (the own vector) was remapped, to vector 0x62 at APIC ID 3
log=$T_TMP/ir-trace.log
[ -s "$log" ] || t_fail "no QEMU interrupt-remapping trace in $log"
reqs=$(grep -c "^vtd_ir_remap_msi_req addr $hvmsg " "$log" || true)
[ "${reqs:-0}" -ge 4 ] || t_fail "QEMU saw $reqs message(s) from the trap's address $hvmsg, want 4 or more: $(grep -m3 '^vtd_ir_remap_msi_req' "$log" | tr '\n' ';')"
# (QEMU's trace has no requester ID: the one compatibility-format message
# before the hypervisor sets IRE, `addr 0xfee00000 data 0x0`, is QEMU's
# own from boot; none after carries a message the guest wrote)
if grep -qE '^vtd_ir_remap_msi_req addr 0xfee0[013]000 data 0x(400|500|61|62)$' "$log"; then
	t_fail "a message the guest wrote reached QEMU's unit: $(grep -m1 -E '^vtd_ir_remap_msi_req addr 0xfee0[013]000 data 0x(400|500|61|62)$' "$log")"
fi
# the three refused messages read the trap's entry not present (QEMU:
# vtd_irte_get, "detected non-present IRTE"), the accepted one read it as
# vector 0x62 (98), fixed, physical, APIC ID 3
entry=$(sed -nE 's/^partition linux: device 00:01\.0: MSI address 0xfee03000 data 0x62 remapped: entry ([0-9]+), .*/\1/p' "$T_CONSOLE")
[ "$(grep -c "^vtd_ir_irte_get index $entry low 0x0 high 0x0\$" "$log")" -ge 3 ] ||
	t_fail "QEMU's unit did not find entry $entry not present for the 3 refused messages: $(grep '^vtd_ir_irte_get' "$log" | tr '\n' ';')"
grep -qx "vtd_ir_remap index $entry trigger 0 vector 98 deliver 0 dest 0x3 mode 0" "$log" ||
	t_fail "QEMU's unit did not remap entry $entry as vector 98 at APIC ID 3: $(grep '^vtd_ir_remap index' "$log" | tr '\n' ';')"
remaps=$(grep -E "^vtd_ir_remap_msi \\(addr $hvmsg, data 0x0\\) -> " "$log" | sort -u)
echo "$remaps" | grep -qE '^vtd_ir_remap_msi \(addr 0x[0-9a-f]+, data 0x0\) -> \(addr 0xfee03000, data 0x[0-9a-f]*62\)$' ||
	t_fail "QEMU did not remap the trap's message to APIC ID 3, vector 0x62: '$remaps'"
[ "$(echo "$remaps" | grep -c .)" = 1 ] || t_fail "QEMU remapped the trap's message to more than one interrupt: '$remaps'"

attack_expect_others_alive "linux: linux-init: edu: MSI capability at" 4
t_expect_absent "EXCEPTION:"

# poweroff: stopped for good; the stop frees the trap's entry with its counts
t_wait "partition linux: stopped after " 120
t_expect_match '^svm: linux stopped: powered off \(ACPI sleep control, S5\) \(rip 0x[0-9a-f]+\)$'
t_expect_match '^linux: exits [0-9]+: .*, nmi 0, other [0-9]+$'
t_expect_match '^partition linux: device 00:01\.0: MSI trap: entry [0-9]+ blocked and freed, 1 message\(s\) remapped, 3 refused$'
t_expect_absent "partition linux: restarted"

linux_edu_dump
t_pass
