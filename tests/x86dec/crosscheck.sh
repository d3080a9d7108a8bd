#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# `make x86dec-check` (part of `make test-host`): the decoder's hand-encoded
# test table (tests/x86dec/cases.h) against binutils. Each case's bytes,
# followed by a NOP, are assembled with `as` (.byte) and disassembled with
# `objdump -d -M intel`; objdump must see one MOV/MOVABS/MOVZX (after any
# prefixes it prints on lines of their own, such as an ignored REX) ending
# exactly at the NOP, and its length, memory operand size (the PTR size, or
# the register's for moffs), register or immediate, direction and memory
# operand (base, index, scale, displacement, RIP-relative, FS/GS) must
# equal what the decoder prints (x86dec-print). Then forms the decoder refuses
# (over 15 bytes, C6/C7 /1, LOCK, REP, register operands, other opcodes)
# must look to objdump like what they are, not a plain MOV to memory (F3
# before a MOV store is XRELEASE, SDM vol. 1 chapter 16 "HLE", as objdump names it).
# Usage: tests/x86dec/crosscheck.sh build/tests/x86dec/x86dec-print
set -euo pipefail
cd "$(dirname "$0")/../.."
PRINT=${1:-build/tests/x86dec/x86dec-print}
AS=${AS:-as}
OBJDUMP=${OBJDUMP:-objdump}
dir=$(mktemp -d "${TMPDIR:-/tmp}/parapet-x86dec.XXXXXX")
trap 'rm -rf "$dir"' EXIT
pass=0
fail=0

bad() {
	echo "x86dec-check: FAIL: $*" >&2
	fail=$((fail + 1))
}

# objdump's view of each hex line of $1 (each assembled followed by a NOP,
# all in one object): one line per case, "len=N size=S op=OP kind=K", or an
# explanation of why it is not one MOV. A case is everything objdump shows
# up to the next one-byte NOP, so a length objdump disagrees with shifts
# the grouping and shows as a failure.
objdump_views() {
	sed -E 's/ //g; s/([0-9a-f]{2})/0x\1,/g; s/^/.byte /; s/$/0x90/' "$1" >"$dir/c.s"
	"$AS" --64 "$dir/c.s" -o "$dir/c.o"
	"$OBJDUMP" -d -M intel --insn-width=16 "$dir/c.o" |
		awk -F'\t' '
		function view(   i, t, prev_text, mn, ops, o, mem, other, kind, size, mo, m, lo, v) {
			if (lines == 0) { print "nothing before the NOP"; return }
			for (i = 1; i < lines; i++)
				if (txt[i] !~ /^(rex(\.[WRXB]+)?|data16|addr32|[cdefgs]s)$/) {
					print "two instructions: " txt[i]; return
				}
			prev_text = txt[lines]
			t = prev_text
			while (t ~ /^(rex(\.[WRXB]+)?|data16|addr32|[cdefgs]s) /) sub(/^[^ ]+ /, "", t)
			split(t, mo, / +/); mn = mo[1]; ops = substr(t, length(mn) + 1); gsub(/ /, "", ops)
			if (mn !~ /^(mov|movabs|movzx)$/) { print "not a MOV: " prev_text; return }
			split(ops, o, ",")
			mem = (o[1] ~ /\[|:/) ? 1 : 2; other = o[3 - mem]
			kind = (mn == "movzx") ? "ldzx" : (mem == 2 ? "ld" : (other ~ /^0x/ ? "sti" : "st"))
			size = 0
			if (o[mem] ~ /^BYTEPTR/) size = 1; else if (o[mem] ~ /^WORDPTR/) size = 2
			else if (o[mem] ~ /^DWORDPTR/) size = 4; else if (o[mem] ~ /^QWORDPTR/) size = 8
			else if (other ~ /^(al|ah)$/) size = 1; else if (other == "ax") size = 2
			else if (other == "eax") size = 4; else if (other == "rax") size = 8
			# The memory operand: no size, no no-op segment (cs/ds/es/ss), no
			# "none" index (riz/eiz), no +0x0, brackets around an absolute one.
			m = o[mem]; sub(/^(BYTE|WORD|DWORD|QWORD)PTR/, "", m)
			sub(/^(cs|ds|es|ss):/, "", m)
			gsub(/\+[re]iz\*[1248]/, "", m); gsub(/\[[re]iz\*[1248]\+/, "[", m)
			sub(/\+0x0\]$/, "]", m)
			# objdump writes a negative RIP displacement as +2^64-d.
			if (m ~ /^\[rip\+0xffffffff[0-9a-f]+\]$/ && length(m) == 24) {
				lo = substr(m, length(m) - 8, 8); v = 0
				for (i = 1; i <= 8; i++) v = v * 16 + index("0123456789abcdef", substr(lo, i, 1)) - 1
				sub(/\+0x[0-9a-f]+\]$/, sprintf("-0x%x]", 4294967296 - v), m)
			}
			if (m !~ /\[/) { if (m ~ /^[fg]s:/) m = substr(m, 1, 3) "[" substr(m, 4) "]"; else m = "[" m "]" }
			printf "len=%d size=%d op=%s kind=%s mem=%s\n", total, size, other, kind, m
		}
		/^ *[0-9a-f]+:\t/ {
			n = split($2, b, " "); text = $3; sub(/ +#.*$/, "", text)
			if (text == "nop" && n == 1) { view(); lines = 0; total = 0; next }
			txt[++lines] = text; total += n
		}'
}

"$PRINT" --table >"$dir/table"
"$PRINT" --gen >"$dir/gen"
ntable=$(wc -l <"$dir/table")
ngen=$(wc -l <"$dir/gen")
if [ "$ntable" -le 50 ] || [ "$ngen" -le 1000 ]; then
	echo "x86dec-check: only $ntable table and $ngen generated cases from $PRINT" >&2
	exit 1
fi
cat "$dir/table" "$dir/gen" >"$dir/all"
"$PRINT" <"$dir/all" >"$dir/mine"
objdump_views "$dir/all" >"$dir/theirs"
[ "$(wc -l <"$dir/theirs")" -eq "$(wc -l <"$dir/all")" ] ||
	bad "objdump gave $(wc -l <"$dir/theirs") views for $(wc -l <"$dir/all") cases"
# Up to 20 mismatches shown; every one counts.
paste -d'|' "$dir/all" "$dir/theirs" "$dir/mine" | awk -F'|' '$2 != $3' >"$dir/diff"
while IFS='|' read -r hex theirs mine; do
	echo "x86dec-check: FAIL: $hex: objdump \"$theirs\", decoder \"$mine\"" >&2
done < <(head -20 "$dir/diff")
nfail=$(wc -l <"$dir/diff")
[ "$nfail" -le 20 ] || echo "x86dec-check: ... and $((nfail - 20)) more" >&2
fail=$((fail + nfail))
pass=$((pass + $(wc -l <"$dir/all") - nfail))

# Refusals: objdump shows each is not a plain MOV to memory (the pattern),
# and the decoder refuses it.
while IFS='|' read -r hex pattern; do
	bytes=$(sed -E 's/([0-9a-f]{2})/0x\1,/g; s/ //g; s/,$//' <<<"$hex")
	printf '.byte %s\n' "$bytes" >"$dir/r.s"
	"$AS" --64 "$dir/r.s" -o "$dir/r.o"
	theirs=$("$OBJDUMP" -d -M intel --insn-width=16 "$dir/r.o" | grep -cE "$pattern" || true)
	ours=$(printf '%s\n' "$hex" | "$PRINT")
	if [ "$theirs" -gt 0 ] && [[ $ours == refused:* ]]; then
		pass=$((pass + 1))
	else
		bad "$hex: objdump lines matching \"$pattern\": $theirs; decoder \"$ours\""
	fi
done <<'TABLE'
66 66 67 64 48 c7 84 88 78 56 34 12 78 56 34 12|\(bad\)
c6 08 00|\(bad\)
c7 c8 00 00 00 00|\(bad\)
f0 89 08|lock mov
f3 89 08|xrelease mov
f2 89 08|repnz mov
89 c8|mov +eax,ecx$
48 8b c1|mov +rax,rcx$
0f 11 08|movups
c4 e1 78 11 08|vmovups
8d 08|lea
TABLE

echo "x86dec-check: $pass passed, $fail failed ($ntable table and $ngen generated cases," \
	"11 refusals, against $("$OBJDUMP" --version | head -1))"
[ "$fail" -eq 0 ]
