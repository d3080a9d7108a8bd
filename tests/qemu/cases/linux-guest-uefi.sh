#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The TPM and the event log inside a Linux partition (issue 13 item 4;
# docs/linux-partition.md, "TPM in the guest"): policy/linux.pol with the
# TPM's locality-0 page and the tpm capability moved from service to
# linux. The hypervisor gives the guest the DSDT's MSFT0101 and a TPM2 table
# whose LASA is the DRTM log's read-only copy; the kernel's tpm_tis binds
# through ACPI (no tpm_tis.force), /dev/tpmrm0 works once the hypervisor
# hands locality 0 over at ready, `tpm2_pcrread` in the guest shows the
# PCR 17-19 the hypervisor reported, and securityfs's
# binary_bios_measurements has exactly the bytes of the hypervisor's copy,
# and a PCR 17 extend from the guest fails with TPM_RC_LOCALITY.
# MSRs (docs/linux-partition.md, "CPUID and MSRs"): then the guest's init
# loads the kernel's msr module and, through /dev/cpu/0/msr, reads
# APIC_BASE (0x1B: emulated, 0xfee00900: the xAPIC at 0xFEE00000, enabled,
# BSP) and writes VM_CR (0xC0010114: not in the allowlist). The write is a
# #GP inside the guest only: the kernel's wrmsr_safe turns it into EIO,
# the guest goes on, the hypervisor counts and prints the refusal.
# IPIs (docs/linux-partition.md, "xAPIC writes"): the kit's test module
# ipitest.ko writes the xAPIC ICR itself (ICR_HIGH with destination APIC
# ID 0, the service partition's core, then ICR_LOW) three times: fixed
# vector 0xf3, NMI, INIT. The hypervisor refuses each (foreign-apic-id,
# nmi, foreign-apic-id), prints and counts it; the guest goes on, the
# other partitions keep their heartbeat rates. Last, `poweroff -f`: the
# ACPI sleep register stops the partition for good.
# The other partitions never notice any of it.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
. tests/qemu/linux-lib.sh

# the policy: service without the TPM page and capability, linux with them
linux_tpm_policy policy/linux.pol
linux_slots_image "$T_TMP/linux.img" "parapet.test=tpm,msr,ipi,poweroff parapet.ipi=0x0"
t_boot "$T_TMP/linux.img" FIRMWARE=uefi CPUS=4 IOMMU=amd TPM=tis
t_wait "parapet: ready"
linux_expect_ref
t_expect_match '^partition linux: linux: kernel .* RAM 256 MiB, TPM page and TPM2 table$'
t_expect_match '^partition linux: linux: the DRTM log \([0-9]+ bytes, sha256 [0-9a-f]{64}\) read-only at 0x[0-9a-f]+ \(TPM2 LASA\)$'
t_expect_line "hv: tpm: locality 0 released; locality 0 is partition linux's from now on"
# its TPM page entered its NPT only then (docs/partitions.md, "The TPM
# before the handover"); the kernel probes the TPM later under TCG
t_expect_match '^partition linux: TPM mapped after the handover \([0-9]+ access\(es\) held before\)$'
t_wait "linux: linux-init: tpm: done" 240
t_console
t_expect_match '^linux: \[ *[0-9.]+\] ACPI: TPM2 0x[0-9A-F]+ 00004C \(v04 PARAPT'
t_expect_line "linux: linux-init: tpm: /dev/tpmrm0 present"
t_expect_line "linux: linux-init: tpm: pcrread: exit 0"
t_expect_line "linux: linux-init: tpm: getrandom: exit 0"
# PCR 17-19 in the guest = the hypervisor's report (measure_report.c)
for pcr in 17 18 19; do
	hv=$(sed -nE "s/^measure: pcr$pcr sha256 ([0-9a-f]{64})$/\1/p" "$T_CONSOLE" | tail -n1)
	[ -n "$hv" ] || t_fail "no hypervisor report of PCR $pcr"
	guest=$(sed -nE "s/^linux: linux-init: +$pcr *: 0x([0-9A-Fa-f]{64})$/\1/p" "$T_CONSOLE" | tail -n1 | tr 'A-F' 'a-f')
	[ "$guest" = "$hv" ] || t_fail "PCR $pcr: the guest read '$guest', the hypervisor reported $hv"
	echo "PCR $pcr equal in guest and hypervisor: $hv"
done
# a PCR 17 extend from the guest's locality 0 is refused (TPM_RC_LOCALITY),
# and PCR 17 keeps its value
t_expect_match '^linux: linux-init: tpm: pcrextend 17: exit [1-9][0-9]*$'
grep -iqE '^linux: linux-init: .*locality' "$T_CONSOLE" || t_fail "the refused extend does not name the locality"
after=$(sed -n '/linux-init: tpm: pcrextend 17: exit/,$p' "$T_CONSOLE" |
	sed -nE 's/^linux: linux-init: +17 *: 0x([0-9A-Fa-f]{64})$/\1/p' | head -n1 | tr 'A-F' 'a-f')
hv17=$(sed -nE 's/^measure: pcr17 sha256 ([0-9a-f]{64})$/\1/p' "$T_CONSOLE" | tail -n1)
[ "$after" = "$hv17" ] || t_fail "PCR 17 after the refused extend: '$after', was $hv17"
# the event log in securityfs = the hypervisor's copy, byte for byte (its digest)
want=$(sed -nE 's/^partition linux: linux: the DRTM log \([0-9]+ bytes, sha256 ([0-9a-f]{64})\).*/\1/p' "$T_CONSOLE")
t_expect_line "linux: linux-init: tpm: eventlog sha256 $want"
# MSRs
t_wait "linux: linux-init: msr: done" 120
t_expect_line "linux: linux-init: msr read 0x1b: 0xfee00900"
t_expect_line "linux: linux-init: msr write 0xc0010114: refused (Input/output error)"
t_expect_match '^linux: #GP for wrmsr 0xc0010114 \(VM_CR\): WRMSR 0xc0010114 \(VM_CR\) value 0x0: no SVM'
# IPIs to APIC ID 0 (the service partition's core): each ICR_LOW write
# refused, after its insmod line and before the next one
t_wait "linux: linux-init: ipi: done" 120
for m in fixed nmi init; do
	t_expect_line "linux: linux-init: ipi: mode $m dest 0x0: written"
done
t_expect_match '^linux: \[ *[0-9.]+\] ipitest: wrote ICR_HIGH 0x00000000 ICR_LOW 0x000040f3 \(dest 0x0 mode fixed vector 0xf3\)$'
t_expect_match '^linux: \[ *[0-9.]+\] ipitest: wrote ICR_HIGH 0x00000000 ICR_LOW 0x00004400 \(dest 0x0 mode nmi vector 0x0\)$'
t_expect_match '^linux: \[ *[0-9.]+\] ipitest: wrote ICR_HIGH 0x00000000 ICR_LOW 0x00004500 \(dest 0x0 mode init vector 0x0\)$'
# ICR_LOW values: SDM vol. 3A 11.6.1 (level assert 0x4000, NMI 0x400, INIT 0x500)
order=$(awk '
	/^linux: linux-init: ipi: insmod ipitest.ko dest=0x0 mode=/ { mode = $NF; sub(/^mode=/, "", mode) }
	/^linux: refused xAPIC write 0x[0-9a-f]+ at offset 0x300 \(vCPU 0\): / && mode != "" { print mode ":" $5 ":" $NF }
' "$T_CONSOLE" | tr '\n' ' ')
[ "$order" = "fixed:0x40f3:foreign-apic-id nmi:0x4400:nmi init:0x4500:foreign-apic-id " ] ||
	t_fail "ICR refusals after the insmod lines: '$order' (want fixed:0x40f3:foreign-apic-id nmi:0x4400:nmi init:0x4500:foreign-apic-id)"
echo "ICR writes refused: $order"
attack_expect_others_alive "linux: refused xAPIC write 0x40f3 at offset 0x300 (vCPU 0): foreign-apic-id" 2
# poweroff: stopped for good, with its exit histogram
t_wait "partition linux: stopped after " 120
t_expect_match '^svm: linux stopped: powered off \(ACPI sleep control, S5\) \(rip 0x[0-9a-f]+\)$'
t_expect_match '^linux: exits [0-9]+: cpuid [0-9]+, rdmsr [0-9]+, wrmsr [0-9]+ \([1-9][0-9]* #GP\), '
# the histogram counts every refused xAPIC write; the first 8 are printed
refused=$(sed -nE 's/^linux: exits .*, xapic [0-9]+ \(([0-9]+) refused\),.*/\1/p' "$T_CONSOLE" | tail -n1)
lines=$(grep -c '^linux: refused xAPIC write ' "$T_CONSOLE" || true)
[ -n "$refused" ] && [ "$refused" -ge 3 ] || t_fail "xAPIC refusals counted: '$refused' (the three ICR writes at least)"
[ "$lines" -ge 8 ] || [ "$refused" = "$lines" ] ||
	t_fail "xAPIC refusals: $refused counted, $lines printed"
echo "xAPIC refusals: $refused counted, $lines printed"
attack_expect_others_alive "partition linux: stopped after " 2
t_expect_absent "partition linux: restarted"
t_pass
