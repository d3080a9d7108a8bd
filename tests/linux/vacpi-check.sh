#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Cross-check the virtual ACPI platform of a Linux partition
# (hypervisor/core/linux/vacpi*, docs/linux-partition.md "Virtual ACPI
# platform") against ACPICA's iasl, a parser that is not ours:
#  - the unit-test binary dumps the built tables (test vacpi_dump: 2 vCPUs
#    with APIC IDs 0 and 2, a TPM, a log at 0x7FF0000 + 0x10000), and the
#    DSDT again with a device's PCI root bridge (dsdtpci: \_SB.PCI0 with
#    windows at 0xC0001000 + 4 KiB and 0xE000000000 + 16 KiB prefetchable);
#  - `iasl -d` disassembles XSDT, FACP, DSDT, APIC and TPM2; any "Incorrect
#    checksum" or error fails, and the fields that matter to Linux are
#    grepped from its output (iasl prints NameSegs without trailing '_':
#    \_S5_ is "\_S5", TPM_ is "TPM");
#  - the disassembled DSDTs are compiled again (`iasl -oa`, no optimisation)
#    and their AML must equal ours byte for byte;
#  - ACPICA's AML interpreter (acpiexec, the code Linux runs) loads FACP,
#    DSDT, APIC and TPM2 without an error or warning, evaluates \_S5_,
#    \_SB.TPM_._HID/_STA/_CRS (and, with dsdtpci, \_SB.PCI0's _HID, _UID,
#    _SEG, _BBN, _CRS), and simulates S5: it must take the
#    hardware-reduced path (HwExtendedSleep, the sleep control register)
#    with SLP_TYP 5;
#  - negative controls: a table with a wrong checksum, a DSDT with one AML
#    byte changed and a DSDT with an invalid opcode must each be caught by
#    the same checks.
# The RSDP is not given to iasl (iasl 20200925 does not disassemble a bare
# RSDP file); the unit tests check it with our parser.
# Prints "vacpi-check: N passed, N failed"; exit 2 when a tool is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
unit=${UNIT_BIN:-build/tests/unit/unit-tests}
[ -x "$unit" ] || { echo "vacpi-check: $unit missing (make $unit)"; exit 2; }
for t in iasl acpiexec; do
	command -v $t >/dev/null || { echo "vacpi-check: $t not installed (acpica-tools; make deps)"; exit 2; }
done
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

for t in xsdt facp dsdt dsdtpci apic tpm2; do
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
if grep -q 'PCI0' "$work/dsdt.dsl"; then bad "dsdt: a root bridge without a device"; else ok; fi
expect dsdtpci 'Device \(PCI0\)'
expect dsdtpci 'Name \(_HID, EisaId \("PNP0A03"\)'
expect dsdtpci 'Name \(_UID, Zero\)'
expect dsdtpci 'Name \(_SEG, Zero\)'
expect dsdtpci 'Name \(_BBN, Zero\)'
expect dsdtpci 'WordBusNumber \(ResourceProducer, MinFixed, MaxFixed, PosDecode,'
expect dsdtpci 'IO \(Decode16,'
expect dsdtpci '0x0CF8, +// Range Minimum'
expect dsdtpci 'QWordMemory \(ResourceProducer, PosDecode, MinFixed, MaxFixed, NonCacheable, ReadWrite,'
expect dsdtpci 'QWordMemory \(ResourceProducer, PosDecode, MinFixed, MaxFixed, Prefetchable, ReadWrite,'
expect dsdtpci '0x00000000C0001000, +// Range Minimum'
expect dsdtpci '0x00000000C0001FFF, +// Range Maximum'
expect dsdtpci '0x000000E000000000, +// Range Minimum'
expect dsdtpci '0x000000E000003FFF, +// Range Maximum'
expect dsdtpci '0x0000000000004000, +// Length'
if grep -qE '_OSC|_PRT' "$work/dsdtpci.dsl"; then bad "dsdtpci: an _OSC or _PRT"; else ok; fi
expect apic 'Local Apic Address : FEE00000'
expect apic 'PC-AT Compatibility : 0'
expect apic 'Local Apic ID : 00'
expect apic 'Local Apic ID : 02'
if [ "$(grep -c 'Processor Enabled : 1' "$work/apic.dsl")" = 2 ]; then ok; else
	bad "apic: not 2 enabled processors"
fi
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
for t in dsdt dsdtpci; do
	if roundtrip $t; then ok; else bad "$t: iasl recompiles different AML"; cat "$work/$t.rt.log"; fi
done

# exec DSDT OUT: load FACP, DSDT, APIC, TPM2 into acpiexec, evaluate the
# DSDT's objects and simulate S5; 0 when nothing was reported as an error or
# warning (its output in OUT).
exec_tables() {
	(cd "$work" && timeout 60 acpiexec -b \
		'evaluate \_S5_; evaluate \_SB.TPM_._HID; evaluate \_SB.TPM_._STA; evaluate \_SB.TPM_._CRS; sleep 5' \
		facp.dat "$1.dat" apic.dat tpm2.dat) >"$work/$2" 2>&1 || return 1
	! grep -qiE 'error|warning|exception' "$work/$2"
}
# eexpect REGEX: acpiexec's output has a line matching REGEX.
eexpect() {
	if grep -qE -- "$1" "$work/exec.out"; then ok; else bad "acpiexec: no line matching '$1'"; fi
}
if exec_tables dsdt exec.out; then ok; else bad "acpiexec reported a problem:"; cat "$work/exec.out"; fi
eexpect '1 ACPI AML tables successfully acquired and loaded'
eexpect '\[Package\] Contains 4 Elements'
eexpect '\[Integer\] = 0000000000000005'
eexpect '\[String\] Length 08 = "MSFT0101"'
eexpect '\[Integer\] = 000000000000000F'
eexpect '\[Buffer\] Length 0E = +0000: 86 09 00 01 00 00 D4 FE 00 10 00 00 79 00'
eexpect 'Register values for sleep state S5: Sleep-A: 05'
eexpect 'HwExtendedSleep .*Entering sleep state \[S5\]'
eexpect 'No outstanding allocations'

# The root bridge's objects as ACPICA evaluates them (Linux's pci_root.c
# reads _SEG, _BBN and _CRS; acpi_scan matches _HID PNP0A03).
if (cd "$work" && timeout 60 acpiexec -b \
	'evaluate \_SB.PCI0._HID; evaluate \_SB.PCI0._UID; evaluate \_SB.PCI0._SEG; evaluate \_SB.PCI0._BBN; evaluate \_SB.PCI0._CRS; evaluate \_SB.PCI0._STA' \
	facp.dat dsdtpci.dat apic.dat tpm2.dat) >"$work/execpci.out" 2>&1 &&
	! grep -qiE 'error|warning|exception' "$work/execpci.out"; then ok; else
	bad "acpiexec reported a problem with dsdtpci:"
	cat "$work/execpci.out"
fi
pexpect() {
	if grep -qE -- "$1" "$work/execpci.out"; then ok; else bad "acpiexec dsdtpci: no line matching '$1'"; fi
}
pexpect '\[Integer\] = 00000000030AD041'
pexpect '\[Buffer\] Length 76 = *$'
pexpect '0000: 88 0D 00 02 0C 00 00 00 00 00 00 00 00 00 01 00'
pexpect '0070: 00 00 00 00 79 00 '
if [ "$(grep -c '\[Integer\] = 0000000000000000' "$work/execpci.out")" -ge 3 ]; then ok; else
	bad "acpiexec dsdtpci: _UID, _SEG, _BBN not all 0"
fi

# poke FILE OFFSET BYTE (hex, no 0x)
poke() { printf '%b' "\\x$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }

# fixsum FILE: set the SDT checksum (byte 9) so that all bytes sum to 0.
fixsum() {
	local sum old
	sum=$(od -An -tu1 -v "$1" | tr -s ' ' '\n' | awk 'NF { s += $1 } END { print s % 256 }')
	old=$(od -An -tu1 -j9 -N1 "$1" | tr -d ' ')
	poke "$1" 9 "$(printf %02x $(((old - sum + 512) % 256)))"
}

# Negative controls: the checks above must notice a broken table.
cp "$work/facp.dat" "$work/badsum.dat"
poke "$work/badsum.dat" 9 00
if disasm badsum; then bad "control: a wrong FACP checksum went unnoticed"; else ok; fi
# \_S5_'s SLP_TYPa 5 -> 7 (byte 36 + 10), checksum fixed so only the AML differs.
cp "$work/dsdt.dat" "$work/badaml.dat"
poke "$work/badaml.dat" 46 07
fixsum "$work/badaml.dat"
if disasm badaml && ! grep -qE '^ +0x05, *$' "$work/badaml.dsl" &&
	grep -qE '^ +0x07, *$' "$work/badaml.dsl"; then ok; else bad "control: the changed \\_S5_ was not seen"; fi

# An invalid opcode (0x02) in place of the first NameOp: ACPICA must complain.
cp "$work/dsdt.dat" "$work/badop.dat"
poke "$work/badop.dat" 36 02
fixsum "$work/badop.dat"
if exec_tables badop badop.out; then bad "control: acpiexec accepted an invalid opcode"; else ok; fi

echo "vacpi-check: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
