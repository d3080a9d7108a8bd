#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# `make x86dec-check` (part of `make test-host`): the decoder's hand-encoded
# test table (tests/x86dec/cases.h) against binutils. Each case's bytes,
# followed by a NOP, are assembled with `as` (.byte) and disassembled with
# `objdump -d -M intel`; objdump must see one MOV/MOVABS/MOVZX (after any
# prefixes it prints on lines of their own, such as an ignored REX) ending
# exactly at the NOP, and its length, memory operand size (the PTR size, or
# the register's for moffs), register or immediate and direction must equal
# what the decoder prints (x86dec-print). Then forms the decoder refuses
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

# objdump's view of HEX followed by 90: "len=N size=S op=OP kind=K", or an
# explanation of why it is not one MOV.
objdump_view() {
	local hex=$1 bytes
	bytes=$(sed -E 's/([0-9a-f]{2})/0x\1,/g; s/ //g; s/,$//' <<<"$hex")
	printf '.byte %s,0x90\n' "$bytes" >"$dir/c.s"
	"$AS" --64 "$dir/c.s" -o "$dir/c.o"
	"$OBJDUMP" -d -M intel --insn-width=16 "$dir/c.o" |
		awk -F'\t' '
		/^ *[0-9a-f]+:\t/ {
			n = split($2, b, " "); text = $3; sub(/ +#.*$/, "", text)
			txt[++lines] = text; total += n; last_n = n
		}
		END {
			if (txt[lines] != "nop" || last_n != 1) { print "no NOP after it: " txt[lines]; exit }
			for (i = 1; i < lines - 1; i++)
				if (txt[i] !~ /^(rex(\.[WRXB]+)?|data16|addr32|[cdefgs]s)$/) {
					print "two instructions: " txt[i]; exit
				}
			prev_text = txt[lines - 1]
			t = prev_text
			while (t ~ /^(rex(\.[WRXB]+)?|data16|addr32|[cdefgs]s) /) sub(/^[^ ]+ /, "", t)
			split(t, mo, / +/); mn = mo[1]; ops = substr(t, length(mn) + 1); gsub(/ /, "", ops)
			if (mn !~ /^(mov|movabs|movzx)$/) { print "not a MOV: " prev_text; exit }
			split(ops, o, ",")
			mem = (o[1] ~ /\[|:/) ? 1 : 2; other = o[3 - mem]
			kind = (mn == "movzx") ? "ldzx" : (mem == 2 ? "ld" : (other ~ /^0x/ ? "sti" : "st"))
			size = 0
			if (o[mem] ~ /^BYTEPTR/) size = 1; else if (o[mem] ~ /^WORDPTR/) size = 2
			else if (o[mem] ~ /^DWORDPTR/) size = 4; else if (o[mem] ~ /^QWORDPTR/) size = 8
			else if (other ~ /^(al|ah)$/) size = 1; else if (other == "ax") size = 2
			else if (other == "eax") size = 4; else if (other == "rax") size = 8
			printf "len=%d size=%d op=%s kind=%s\n", total - 1, size, other, kind
		}'
}

mapfile -t cases < <("$PRINT" --table)
[ "${#cases[@]}" -gt 50 ] || { echo "x86dec-check: only ${#cases[@]} cases from $PRINT" >&2; exit 1; }
mapfile -t mine < <(printf '%s\n' "${cases[@]}" | "$PRINT")
for i in "${!cases[@]}"; do
	theirs=$(objdump_view "${cases[$i]}")
	if [ "$theirs" = "${mine[$i]}" ]; then
		pass=$((pass + 1))
	else
		bad "${cases[$i]}: objdump \"$theirs\", decoder \"${mine[$i]}\""
	fi
done

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

echo "x86dec-check: $pass passed, $fail failed (${#cases[@]} table cases against $("$OBJDUMP" --version | head -1))"
[ "$fail" -eq 0 ]
