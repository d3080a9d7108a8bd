#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Cross-check the virtual ACPI platform of a Linux partition
# (hypervisor/core/linux/vacpi*, docs/linux-partition.md "Virtual ACPI
# platform") against ACPICA's iasl, a parser that is not ours:
#  - the unit-test binary dumps the built tables (test vacpi_dump: 2 vCPUs
#    with APIC IDs 0 and 2, a TPM, a log at 0x7FF0000 + 0x10000);
#  - `iasl -d` disassembles XSDT, FACP, DSDT, APIC and TPM2; any "Incorrect
#    checksum" or error fails, and the fields that matter to Linux are
#    grepped from its output (iasl prints NameSegs without trailing '_':
#    \_S5_ is "\_S5", TPM_ is "TPM");
#  - the disassembled DSDT is compiled again (`iasl -oa`, no optimisation)
#    and its AML must equal ours byte for byte;
#  - negative controls: a table with a wrong checksum and a DSDT with one
#    AML byte changed must each be caught by the same checks.
# The RSDP is not given to iasl (iasl 20200925 does not disassemble a bare
# RSDP file); the unit tests check it with our parser.
# Prints "vacpi-check: N passed, N failed"; exit 2 when a tool is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
unit=${UNIT_BIN:-build/tests/unit/unit-tests}
[ -x "$unit" ] || { echo "vacpi-check: $unit missing (make $unit)"; exit 2; }
command -v iasl >/dev/null || { echo "vacpi-check: iasl not installed (acpica-tools; make deps)"; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { echo "vacpi-check: $*"; fail=$((fail + 1)); }

VACPI_DUMP_DIR=$work "$unit" vacpi_dump >"$work/unit.out" || { cat "$work/unit.out"; exit 1; }

# disasm NAME: iasl -d NAME.dat -> NAME.dsl; 0 when it ran without error or
# checksum complaint (its log in NAME.log).
disasm() {
	(cd "$work" && iasl -d "$1.dat") >"$work/$1.log" 2>&1 || return 1
	[ -f "$work/$1.dsl" ] || return 1
	! grep -qiE 'incorrect checksum|error' "$work/$1.log" "$work/$1.dsl"
}

# expect NAME REGEX: the disassembly of NAME has a line matching REGEX.
expect() {
	if grep -qE -- "$2" "$work/$1.dsl"; then ok; else bad "$1: no line matching '$2'"; fi
}

for t in xsdt facp dsdt apic tpm2; do
	if disasm "$t"; then ok; else bad "$t: iasl -d failed or complained:"; cat "$work/$t.log"; fi
done

expect xsdt 'Table Length : 0000003C'
expect facp 'Table Length : 00000114'
expect facp 'Revision : 06'
expect facp 'FADT Minor Revision : 05'
expect facp 'Hardware Reduced \(V5\) : 1'
expect facp 'Use APIC Physical Destination Mode \(V4\) : 1'
expect facp 'Reset Register Supported \(V2\) : 1'
expect facp 'Boot Flags \(decoded below\) : 0024'
expect facp 'VGA Not Present \(V4\) : 1'
expect facp 'CMOS RTC Not Present \(V5\) : 1'
expect facp 'Address : 0000000000000CF9'
expect facp 'Value to cause reset : 06'
expect facp 'Address : 0000000000000B00'
expect facp 'Address : 0000000000000B01'
expect facp 'SCI Interrupt : 0000'
expect dsdt 'Name \(\\_S5, Package \(0x04\)'
expect dsdt '^ +0x05, *$'
expect dsdt 'Device \(TPM\)'
expect dsdt 'Name \(_HID, "MSFT0101"'
expect dsdt 'Memory32Fixed \(ReadWrite,'
expect dsdt '0xFED40000, +// Address Base'
expect dsdt '0x00001000, +// Address Length'
expect dsdt 'Method \(_STA, 0, NotSerialized\)'
expect dsdt 'Return \(0x0F\)'
expect apic 'Local Apic Address : FEE00000'
expect apic 'PC-AT Compatibility : 0'
expect apic 'Local Apic ID : 00'
expect apic 'Local Apic ID : 02'
[ "$(grep -c 'Processor Enabled : 1' "$work/apic.dsl")" = 2 ] && ok ||
	bad "apic: not 2 enabled processors"
expect tpm2 'Revision : 04'
expect tpm2 'Table Length : 0000004C'
expect tpm2 'Start Method : 06'
expect tpm2 'Control Address : 0000000000000000'
expect tpm2 'Minimum Log Length : 00010000'
expect tpm2 'Log Address : 0000000007FF0000'

# roundtrip NAME: recompile NAME.dsl without optimisation; the AML after the
# 36-byte header (whose creator fields iasl rewrites) must equal NAME.dat's.
roundtrip() {
	(cd "$work" && iasl -oa -p "rt_$1" "$1.dsl") >"$work/$1.rt.log" 2>&1 || return 1
	cmp -s <(tail -c +37 "$work/rt_$1.aml") <(tail -c +37 "$work/$1.dat")
}
if roundtrip dsdt; then ok; else bad "dsdt: iasl recompiles different AML"; cat "$work/dsdt.rt.log"; fi

# Negative controls: the checks above must notice a broken table.
cp "$work/facp.dat" "$work/badsum.dat"
printf '\x00' | dd of="$work/badsum.dat" bs=1 seek=9 conv=notrunc status=none
if disasm badsum; then bad "control: a wrong FACP checksum went unnoticed"; else ok; fi
cp "$work/dsdt.dat" "$work/badaml.dat"
# \_S5_'s SLP_TYPa 5 -> 7 (byte 36 + 10), checksum fixed so only the AML differs.
printf '\x07' | dd of="$work/badaml.dat" bs=1 seek=46 conv=notrunc status=none
sum=$(od -An -tu1 -v "$work/badaml.dat" | tr -s ' ' '\n' | awk 'NF { s += $1 } END { print s % 256 }')
old=$(od -An -tu1 -j9 -N1 "$work/badaml.dat" | tr -d ' ')
printf "\\x$(printf %02x $(((old - sum + 512) % 256)))" |
	dd of="$work/badaml.dat" bs=1 seek=9 conv=notrunc status=none
if disasm badaml && ! grep -qE '^ +0x05, *$' "$work/badaml.dsl" &&
	grep -qE '^ +0x07, *$' "$work/badaml.dsl"; then ok; else bad "control: the changed \\_S5_ was not seen"; fi

echo "vacpi-check: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
