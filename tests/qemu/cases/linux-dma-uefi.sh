#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A Linux partition attacks with its assigned device (issue 13 acceptance:
# "a DMA the guest programs into memory outside its partition is blocked
# (and, on VT-d, logged); a forged MSI-X entry (NMI, or another
# partition's core) is not delivered"; docs/linux-partition.md, "An
# assigned device attacks": AMD-Vi only, edu has MSI, not MSI-X).
# policy/linux.pol with the linux partition's RAM cut to 128 MiB and `dma
# yes`, and QEMU's edu (00:02.0: the AMD-Vi unit is 00:01.0, as in
# dma-amdvi-uefi) as its `device`; the unit with intremap=on. The guest's
# /init (`parapet.test=edu`, image/linux/init) drives edu from user space
# through /dev/mem and the device's sysfs config file:
#  - DMA: a pattern (dma-lib.sh's xorshift64*, 256 bytes) into the device
#    from a page it owns, that page zeroed, the pattern back into page T
#    (gpa 0xd8000, in the e820 hole [0xC0000, 0xE0000) of its own RAM),
#    then aimed at every 16 MiB from its RAM's end (128 MiB) to 240 MiB:
#    gpas its DMA domain does not map. Proof: QEMU's memory dump (the host
#    side) holds the pattern exactly once, at the partition's RAM hpa (the
#    hypervisor's `ram gpa 0x0 -> hpa` line) + T;
#  - MSIs forged in edu's MSI capability, each raised once: (i) delivery
#    mode NMI at APIC ID 0 (service's core): the unit aborts it (the DTE's
#    NMIPass is clear): no NMI anywhere (the guest's NMI count unchanged,
#    no "NMI received", no hypervisor EXCEPTION, the partition's exit
#    histogram counts no NMI), QEMU's trace shows the abort; (i') delivery
#    mode INIT at APIC ID 0: aborted the same way (INITPass clear); (ii) fixed,
#    vector 0x61, at APIC ID 1 (work-a's core): the unit remaps it by the
#    device's own table, entry 0x61 = vector 0x61 at APIC ID 3, the
#    partition's own core, so the guest's kernel itself reports the vector
#    it has no handler for, and work-a keeps its heartbeat rate.
# Then `poweroff -f` stops the partition for good (its RAM is kept: the
# dump is taken after the stop, when its device is blocked too).
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
. tests/qemu/dma-lib.sh
. tests/qemu/linux-lib.sh

EDU_BDF=0000:00:02.0
# the policy: linux's RAM 128 MiB (edu's 28-bit DMA then reaches 128 MiB
# it does not own) and its device's DMA domain, edu its device
linux_device_image "$T_TMP/linux.img" "parapet.test=edu,poweroff" "$EDU_BDF" 128M
# the monitor for the memory dump; QEMU's own interrupt-remapping trace
# shellcheck disable=SC2034 # t_boot's (lib.sh)
T_QEMU_EXTRA=(-monitor "unix:$T_TMP/monitor.sock,server=on,wait=off"
	-trace "amdvi_ir_*" -trace "amdvi_mem_ir_*" -D "$T_TMP/ir-trace.log")
# the AMD-Vi unit remaps interrupts
linux_boot_ir "$T_TMP/linux.img" EDU=1
linux_edu_boot 0000:00:02.0
t_expect_match '^partition linux: pci: device 00:02\.0 as 00:01\.0 behind a host bridge at 00:00\.0, [1-9][0-9]* capabilities shown$'
linux_edu_dma

# (i) the NMI: not delivered anywhere
t_expect_match '^linux: linux-init: edu: msi nmi: address 0xfee00000 data 0x400 raised; NMIs [0-9]+ -> [0-9]+$'
nmis=$(sed -nE 's/^linux: linux-init: edu: msi nmi: .* NMIs ([0-9]+) -> ([0-9]+)$/\1 \2/p' "$T_CONSOLE")
[ "${nmis% *}" = "${nmis#* }" ] || t_fail "the guest's NMI count went from ${nmis% *} to ${nmis#* }"
t_expect_absent "NMI received"
t_expect_absent "Dazed and confused"
# INIT at APIC ID 0 (service's core): not delivered either (a delivered
# one would reset that core: service would stop printing)
t_expect_match '^linux: linux-init: edu: msi init: address 0xfee00000 data 0x500 raised; NMIs [0-9]+ -> [0-9]+$'
# (ii) at another core: remapped to the partition's own core, where the
# kernel finds no handler for vector 0x61 (97; arch/x86/kernel/irq.c,
# __common_interrupt: CPU.VECTOR in decimal)
t_expect_match '^linux: linux-init: edu: msi foreign: address 0xfee01000 data 0x61 raised; NMIs [0-9]+ -> [0-9]+$'
t_expect_match '^linux: \[ *[0-9.]+\] __common_interrupt: 0\.97 No irq handler for vector$'
t_expect_match '^linux: linux-init: edu: MSI off, command 0x[0-9a-f]+$'

# QEMU's unit: what it did with each message edu sent. Both carry edu's
# requester ID (devid 0x10 = 00:02.0: QEMU's MSIs have one, its plain DMA
# writes do not, docs/iommu.md), so edu's own DTE and table judge them.
# (i) hw/i386/amd_iommu.c, amdvi_int_remap_msi: delivery mode NMI passes
# only with the DTE's NMIPass; Parapet's is clear, the message is dropped
# (`passthrough is not enabled`) and nothing is written to any APIC.
# (ii) the table's entry 0x61 (MSI data[10:0], #48882 §2.2.5): vector 0x61,
# destination APIC ID 3 (CPU 3, linux's core; QEMU numbers APIC IDs by
# CPU), whatever the address named.
log=$T_TMP/ir-trace.log
[ -s "$log" ] || t_fail "no QEMU interrupt-remapping trace in $log"
after_req() { # the 2 trace lines after the request for message $1
	awk -v req="amdvi_ir_remap_msi_req $1 devid 0x10" 'n { print; n-- } index($0, req) == 1 { n = 2 }' "$log" | tr '\n' ';'
}
[ "$(after_req 'addr 0xfee00000 data 0x400')" = "amdvi_ir_delivery_mode nmi;amdvi_ir_err passthrough is not enabled;" ] ||
	t_fail "QEMU's unit on the NMI message from edu: '$(after_req 'addr 0xfee00000 data 0x400')'"
grep -q 'amdvi_ir_remap_msi (addr 0xfee00000, data 0x400)' "$log" &&
	t_fail "QEMU remapped the NMI message: $(grep -m1 'amdvi_ir_remap_msi (addr 0xfee00000, data 0x400)' "$log")"
# INIT: the same with the DTE's INITPass
[ "$(after_req 'addr 0xfee00000 data 0x500')" = "amdvi_ir_delivery_mode init;amdvi_ir_err passthrough is not enabled;" ] ||
	t_fail "QEMU's unit on the INIT message from edu: '$(after_req 'addr 0xfee00000 data 0x500')'"
grep -qx 'amdvi_ir_remap_msi_req addr 0xfee01000 data 0x61 devid 0x10' "$log" ||
	t_fail "the message for APIC ID 1 never reached the IOMMU with edu's ID (QEMU trace)"
grep -qx 'amdvi_ir_remap_msi (addr 0xfee01000, data 0x61) -> (addr 0xfee03000, data 0x4061)' "$log" ||
	t_fail "QEMU did not remap the message for APIC ID 1 to APIC ID 3, vector 0x61: $(grep -m1 'amdvi_ir_remap_msi (addr 0xfee01000' "$log")"
grep -qx 'amdvi_mem_ir_write addr 0xfee03000 data 0x4061' "$log" ||
	t_fail "QEMU did not write the remapped message to APIC ID 3"
# from edu's first message on, the one interrupt written is that one
if sed -n '/ devid 0x10$/,$p' "$log" | grep '^amdvi_mem_ir_write addr' |
	grep -vx 'amdvi_mem_ir_write addr 0xfee03000 data 0x4061' >"$T_TMP/other.txt"; then
	t_fail "QEMU wrote another interrupt after edu's first message: $(head -n1 "$T_TMP/other.txt")"
fi

# nothing anywhere else: the others at their rates, no exception
attack_expect_others_alive "linux: linux-init: edu: MSI capability at" 4
t_expect_absent "EXCEPTION:"

# poweroff: stopped for good, no NMI exit
t_wait "partition linux: stopped after " 120
t_expect_match '^svm: linux stopped: powered off \(ACPI sleep control, S5\) \(rip 0x[0-9a-f]+\)$'
t_expect_match '^linux: exits [0-9]+: .*, nmi 0, other [0-9]+$'
t_expect_absent "partition linux: restarted"

# the pattern exists nowhere but in T's host page
linux_edu_dump
t_pass
