#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# `make policy-machine-check` (part of `make test-host`): the machine
# loader (policy/cli/machine_dir.c) and the shared validator end to end on
# the QEMU samples tests/data/machine/qemu-q35-{amd,intel,none}, captured
# from the machine `make run` boots (capture.sh), through the test driver
# build/tests/policy/machine-check (tests/policy/machine-check.c):
#  1. what the loader makes of each sample (CPUs, GSIs, IOMMU units, ECAM,
#     the IOMMU unit of the edu device, the platform string);
#  2. the fixture policy moved onto q35 passes on its sample, and a policy
#     broken one way at a time is refused with the rule class the
#     hypervisor would report: CPU not present, device not present,
#     device in no IOMMU unit's scope (the intel policy on the IOMMU=none
#     sample), fixed RAM outside usable RAM, over the hypervisor's memory,
#     MMIO over the IOMMU's registers, another platform, a GSI the IOAPIC
#     lacks;
#  3. damaged directories are refused with the file (and line) at fault.
set -euo pipefail
cd "$(dirname "$0")/../.."
MC=${MC:-build/tests/policy/machine-check}
S=tests/data/machine
dir=$(mktemp -d "${TMPDIR:-/tmp}/parapet-machine.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
fails=0
pass() { echo "machine: ok   $1"; }
fail() { echo "machine: FAIL $1"; fails=$((fails + 1)); }

# has NAME TEXT PATTERN: TEXT contains the fixed string PATTERN
has() {
	if grep -qF -- "$3" <<<"$2"; then pass "$1"; else
		fail "$1: no \"$3\" in:"
		printf '    %s\n' "$2"
	fi
}

# 1. the samples as loaded
for s in amd intel none; do
	out=$("$MC" dump "$S/qemu-q35-$s" 2>&1) || { fail "dump $s: $out"; continue; }
	has "$s: platform" "$out" "platform BOCHS/BXPC"
	has "$s: 4 CPUs" "$out" "cpus 4"
	has "$s: 24 GSIs" "$out" "gsis 24"
	has "$s: ECAM forbidden" "$out" "forbidden 0xb0000000 0x10000000"
	has "$s: LAPIC forbidden" "$out" "forbidden 0xfee00000 0x1000"
	has "$s: usable RAM to 1 GiB" "$out" "usable 0x100000 0x3ff00000"
done
out=$("$MC" dump "$S/qemu-q35-amd")
has "amd: one unit" "$out" "iommus 1"
has "amd: AMD-Vi registers forbidden" "$out" "forbidden 0xfed80000 0x80000"
has "amd: edu behind unit 0" "$out" "device 0000:00:02.0 iommu 0"
has "amd: address bits 40" "$out" "addr-bits 40"
out=$("$MC" dump "$S/qemu-q35-intel")
has "intel: DRHD registers forbidden" "$out" "forbidden 0xfed90000 0x1000"
has "intel: edu behind unit 0 (INCLUDE_PCI_ALL)" "$out" "device 0000:00:01.0 iommu 0"
has "intel: DMAR host address width 39" "$out" "addr-bits 39"
out=$("$MC" dump "$S/qemu-q35-none")
has "none: no unit" "$out" "iommus 0"
has "none: edu behind none" "$out" "device 0000:00:01.0 no-iommu"

# 2. policies against the samples
for n in amd intel amd-cpu amd-device amd-memory amd-hv amd-iommu-mmio amd-platform amd-gsi; do
	"$MC" sample "$n" "$dir/$n.bin" || fail "sample $n"
done
# check NAME POLICY SAMPLE WANT: the verdict line contains WANT
check() {
	local out
	out=$("$MC" check "$dir/$2.bin" "$S/qemu-q35-$3" 2>&1) || true
	has "$1" "$out" "$4"
}
check "amd policy on the amd sample" amd amd "ok"
check "intel policy on the intel sample" intel intel "ok"
check "cpu 4 of 4" amd-cpu amd "refused: cpu-set: partition \"app\": cpu 4, this machine has 4"
check "device not present" amd-device amd \
	"refused: device-ownership: partition \"app\": device 0000:00:05.0 is not on this machine's bus"
check "the amd policy's edu (00:02.0) is not on the intel machine" amd intel \
	"refused: device-ownership: partition \"app\": device 0000:00:02.0 is not on this machine's bus"
check "no IOMMU: the intel policy on the none sample" intel none \
	"refused: iommu-scope: partition \"app\": device 0000:00:01.0 is in no IOMMU unit's scope"
check "fixed RAM beyond usable RAM" amd-memory amd \
	"refused: memory: partition \"service\": ram hpa 0x40000000+0x200000 is not usable RAM on this machine"
check "fixed RAM over the hypervisor" amd-hv amd \
	"refused: hypervisor-memory: partition \"service\": ram hpa 0x1000000+0x200000 overlaps the hypervisor's memory"
check "MMIO over the AMD-Vi registers" amd-iommu-mmio amd \
	"refused: forbidden-resource: partition \"app\": mmio hpa 0xfed80000+0x1000 maps 0xfed80000+0x80000"
check "another platform" amd-platform amd \
	"refused: binding: policy bound to platform \"LENOVO/TP-N2H\", this machine is \"BOCHS/BXPC\""
check "GSI 24 of 24" amd-gsi amd \
	"refused: interrupt-ownership: partition \"app\": interrupt 24, this machine's IOAPICs have 24"
if "$MC" check "$dir/amd-cpu.bin" "$S/qemu-q35-amd" >/dev/null 2>&1; then
	fail "a refused policy exits 0"
else pass "a refused policy exits non-zero"; fi

# 3. damaged directories
# broken NAME EDIT WANT: a copy of the amd sample, EDIT run inside it
broken() {
	local d="$dir/broken" out
	rm -rf "$d"
	cp -r "$S/qemu-q35-amd" "$d"
	(cd "$d" && eval "$2")
	if out=$("$MC" dump "$d" 2>&1); then fail "$1: accepted"; else has "$1" "$out" "$3"; fi
}
broken "no lspci.txt" "rm lspci.txt" "broken/lspci.txt: missing"
broken "no memmap.txt" "rm memmap.txt" "broken/memmap.txt: missing"
broken "no MADT" "rm apic.dat" "no MADT (apic.dat)"
broken "lspci without -D" "echo '00:05.0 0200: 8086:100e' >>lspci.txt" \
	"broken/lspci.txt:7: expected \"SSSS:BB:DD.F CCCC: VVVV:DDDD\" (lspci -D -n)"
broken "memmap line" "sed -i '2s/.*/0x0 RAM/' memmap.txt" \
	"broken/memmap.txt:2: expected \"0xSTART 0xEND TYPE\""
broken "machine.txt key" "echo 'maxphybits 40' >>machine.txt" \
	"broken/machine.txt:6: unknown key \"maxphybits\""
broken "machine.txt ioapic" "echo 'ioapic-gsis 7 24' >>machine.txt" \
	"broken/machine.txt:6: ioapic-gsis: the MADT has no IOAPIC 7"
broken "a table cut short" "head -c 100 apic.dat >t && mv t apic.dat" \
	"broken/apic.dat: header Length 144, the file has 100 bytes"
broken "a checksum" "printf '\\x55' | dd of=apic.dat bs=1 seek=60 conv=notrunc status=none" \
	"broken/apic.dat: checksum of the 144 bytes is not zero"
broken "two MADTs" "cp apic.dat apic1.dat" "the ACPI tables together: second APIC table"
cp -r "$S/qemu-q35-amd" "$dir/pins" && echo 'ioapic-gsis 0 32' >>"$dir/pins/machine.txt"
has "ioapic-gsis 0 32: 32 GSIs" "$("$MC" dump "$dir/pins")" "gsis 32"
echo "machine: $fails failure(s)"
[ "$fails" -eq 0 ]
