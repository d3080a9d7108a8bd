#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The ENDBR64 check of a CET build (docs/hypervisor.md "CET", docs/testing.md):
#
#   tests/cet/endbr-check.sh [--ld-script LDS] [--shipped ELF] [--stub-prefix P] RELOCS_ELF
#
# RELOCS_ELF is the program linked with --emit-relocs, so the linker's
# relocations say exactly where code refers to what. With IBT on
# (IA32_S_CET.ENDBR_EN), every indirect CALL/JMP and every IDT delivery must
# land on ENDBR64 (F3 0F 1E FA). The check fails unless:
#
#  1. every address-taken code location begins with ENDBR64. Address-taken
#     means: the target of a relocation in an allocated section (but not in
#     .eh_frame, whose ranges are unwind data) that is not the rel32 of a
#     direct CALL, JMP or Jcc (told from the opcode bytes in front of it, not
#     from the relocation type alone). The target is symbol value + addend,
#     + 4 for a PC-relative field in code (`lea f(%rip)` carries addend -4
#     for the rel32 that ends it). A code target must be the start of an
#     STT_FUNC symbol or an IDT stub, and is reported by name; a code address
#     that is neither (a jump-table entry, a label inside a function) fails
#     too. Symbols the linker script defines (--ld-script: range bounds such
#     as __text_start, which equals hv_start's address) are not branch
#     targets.
#  2. every IDT stub (symbols named P*, default isr_stub_) begins with
#     ENDBR64: the IDT is filled by arithmetic on the stub array's base, which
#     no relocation shows.
#  3. no `notrack` branch exists (S_CET.NO_TRACK_EN stays clear, so a notrack
#     jump would need ENDBR64 at a target nobody checked).
#  4. with --shipped, the shipped ELF's loaded bytes equal RELOCS_ELF's (the
#     check is about the file that ships).
#
# Prints one summary line; on failure one line per finding and exit 1.
set -euo pipefail

lds='' shipped='' prefix=isr_stub_
while [ $# -gt 1 ]; do
	case "$1" in
	--ld-script) lds=$2; shift 2 ;;
	--shipped) shipped=$2; shift 2 ;;
	--stub-prefix) prefix=$2; shift 2 ;;
	*) break ;;
	esac
done
[ $# -eq 1 ] || { echo "usage: $0 [--ld-script LDS] [--shipped ELF] [--stub-prefix P] RELOCS_ELF" >&2; exit 2; }
elf=$1
[ -f "$elf" ] || { echo "cet: endbr64: $elf missing" >&2; exit 2; }
readelf -W -S "$elf" | grep -E '\.rela\.' | grep -qv '\.rela\.debug' ||
	{ echo "cet: endbr64: $elf has no relocations: link it with --emit-relocs" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/endbr-check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

fail=0
if [ -n "$shipped" ]; then
	objcopy -O binary "$elf" "$tmp/relocs.bin"
	objcopy -O binary "$shipped" "$tmp/shipped.bin"
	if ! cmp -s "$tmp/relocs.bin" "$tmp/shipped.bin"; then
		echo "cet: endbr64: FAIL $shipped and $elf differ in their loaded bytes"
		fail=1
	fi
fi

bounds=''
[ -n "$lds" ] && bounds=$(grep -oE '\b[A-Za-z_][A-Za-z0-9_]*[[:space:]]*=' "$lds" | tr -d ' =\t' | tr '\n' ' ')

notrack=$(objdump -d --no-show-raw-insn "$elf" | grep -c 'notrack' || true)

# One stream for awk: section table, symbols, relocations, then the bytes of
# every executable section (address, then od's hex bytes).
{
	echo '#SECTIONS'
	readelf -W -S "$elf"
	echo '#SYMBOLS'
	readelf -W -s "$elf"
	echo '#RELOCS'
	readelf -W -r "$elf"
	readelf -W -S "$elf" | sed -E 's/^ *\[ *[0-9]+\] //' |
		awk 'NF >= 10 && $7 ~ /X/ { print $1, $3 }' | while read -r name addr; do
		objcopy -O binary --only-section="$name" "$elf" "$tmp/sec.bin"
		echo "#BYTES $addr"
		od -An -v -tx1 "$tmp/sec.bin"
	done
} | awk -v bounds="$bounds" -v prefix="$prefix" -v notrack="$notrack" -v elf="$elf" -v prefail="$fail" '
function hex(s,   i, v) {
	s = tolower(s); v = 0
	for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
	return v
}
BEGIN { nb = split(bounds, b, " "); for (i = 1; i <= nb; i++) isbound[b[i]] = 1; fail = prefail }
/^#SECTIONS/ { mode = "S"; next }
/^#SYMBOLS/ { mode = "Y"; next }
/^#RELOCS/ { mode = "R"; next }
/^#BYTES/ { mode = "B"; pos = hex($2); next }
mode == "S" && /^ *\[ *[0-9]+\]/ {
	line = $0; sub(/^ *\[ *[0-9]+\] /, "", line); n = split(line, f, " ")
	if (n < 10 || f[1] == "") next
	ns++; sname[ns] = f[1]; saddr[ns] = hex(f[3]); ssize[ns] = hex(f[5]); sflags[ns] = f[7]
	byname[f[1]] = ns
	next
}
mode == "Y" && $1 ~ /^[0-9]+:$/ && NF >= 8 {
	v = hex($2)
	if ($4 == "FUNC") { nm = (v in fn) ? fn[v] "/" $8 : $8; fn[v] = nm }
	if (index($8, prefix) == 1) { nstub++; stubname[nstub] = $8; stubaddr[nstub] = v }
	next
}
mode == "R" && /^Relocation section/ {
	t = $3; gsub(/\047/, "", t); sub(/^\.rela/, "", t)
	relsec = (t in byname) ? byname[t] : 0
	next
}
mode == "R" && $3 ~ /^R_X86_64_/ {
	if (!relsec || sflags[relsec] !~ /A/ || $3 == "R_X86_64_NONE") next
	if (sname[relsec] ~ /^\.eh_frame/) next # unwind ranges, not branch targets
	nr++; rsec[nr] = relsec; roff[nr] = hex($1); rtype[nr] = $3; rsym[nr] = $5
	rval[nr] = hex($4); radd[nr] = ($6 == "-" ? -hex($7) : hex($7))
	next
}
mode == "B" { for (i = 1; i <= NF; i++) byte[pos++] = $i; next }
function in_exec(a,   i) {
	for (i = 1; i <= ns; i++)
		if (sflags[i] ~ /X/ && a >= saddr[i] && a < saddr[i] + ssize[i]) return i
	return 0
}
function is_endbr(a) { return byte[a] == "f3" && byte[a + 1] == "0f" && byte[a + 2] == "1e" && byte[a + 3] == "fa" }
function direct_branch(p,   o) {
	if (byte[p - 1] == "e8" || byte[p - 1] == "e9") return 1
	o = byte[p - 2]; return o == "0f" && byte[p - 1] ~ /^8[0-9a-f]$/
}
function need(a, name, why) {
	if (a in needed) return
	needed[a] = 1; nneed++
	if (!is_endbr(a)) {
		printf "cet: endbr64: FAIL %s at 0x%x: %s, but its first instruction is not endbr64\n", name, a, why
		fail = 1
	}
}
END {
	for (r = 1; r <= nr; r++) {
		pcrel = rtype[r] == "R_X86_64_PC32" || rtype[r] == "R_X86_64_PLT32"
		if (!pcrel && rtype[r] != "R_X86_64_32" && rtype[r] != "R_X86_64_32S" && rtype[r] != "R_X86_64_64") {
			printf "cet: endbr64: FAIL relocation %s at 0x%x: type not understood by this check\n", rtype[r], roff[r]
			fail = 1; continue
		}
		if (pcrel && sflags[rsec[r]] ~ /X/ && direct_branch(roff[r])) continue
		if (rsym[r] in isbound) continue
		tgt = rval[r] + radd[r] + (pcrel && sflags[rsec[r]] ~ /X/ ? 4 : 0)
		if (!in_exec(tgt)) continue
		why = sprintf("address taken (%s %s at 0x%x)", rtype[r], rsym[r], roff[r])
		if (tgt in fn) { need(tgt, fn[tgt], why); nfunc[tgt] = 1; continue }
		stub = ""
		for (s = 1; s <= nstub; s++) if (stubaddr[s] == tgt) stub = stubname[s]
		if (stub != "") { need(tgt, stub, why); continue }
		printf "cet: endbr64: FAIL code address 0x%x (%s%+d) %s is not the start of a function or IDT stub\n", tgt, rsym[r], radd[r], why
		fail = 1
	}
	for (s = 1; s <= nstub; s++) need(stubaddr[s], stubname[s], "an IDT stub (" prefix "*)")
	nf = 0; for (a in nfunc) nf++
	if (notrack + 0 > 0) {
		printf "cet: endbr64: FAIL %d notrack branch(es): build without jump tables (-fno-jump-tables)\n", notrack
		fail = 1
	}
	printf "cet: endbr64: %d address-taken functions, %d IDT stubs, %d notrack branches in %s: %s\n", nf, nstub, notrack, elf, fail ? "FAIL" : "pass"
	exit fail
}'
