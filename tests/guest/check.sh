#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make guest-check` (part of `make test-host`): the guest kit's flat
# images (docs/guest-kit.md, "Image") are what a loader expects. For each
# NAME given (default: service work-a work-b), build/guest/NAME.bin and its
# ELF build/guest/NAME.elf:
#   1. exist; the header has the magic, version 1, size 64;
#   2. link address 0x100000 and entry offset 0x40 in the header, which is
#      where the ELF's entry and its _start symbol are;
#   3. the header's file size is the .bin's size, its memory size covers it
#      and ends at the ELF's __gk_bss_end;
#   4. the entry offset holds the entry stub: `lea disp32(%rip),%rsp`
#      (48 8d 25) loading gk_stack_top, byte for byte the ELF's code there;
#   5. nothing to relocate: an ET_EXEC with no relocation section, no
#      dynamic segment and no interpreter;
#   6. the interrupt stubs (guest/kit/vectors.S, docs/guest-kit.md
#      "Interrupts"): gk_vector_stubs[v] points, for each of the 256
#      vectors, at code that pushes a 0 unless v is one of the exceptions
#      that push an error code (8, 10-14, 17, 21, 29, 30: AMD64 APM vol. 2
#      Table 8-1), then pushes v and jumps to gk_vec_common; and _start
#      calls gk_idt_init before main.
# Then the same checks must fail on damaged copies (a moved entry offset, a
# clobbered stub, a truncated file, two swapped vector stubs and, with
# RELINK_OBJS set to the first program's objects, that program linked with
# --emit-relocs), so the checker itself is checked.
# Prints "guest-check: N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
dir=${GUEST_DIR:-build/guest}
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(service work-a work-b)
pass=0 fail=0
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT

LINK=$((0x100000))
ENTRY_OFF=$((0x40))

# u64/u32 little-endian at offset of a file.
le() { od -An -tu"$3" -j "$2" -N "$3" "$1" | tr -d ' '; }
bytes() { od -An -tx1 -j "$2" -N "$3" "$1" | tr -d ' \n'; }
sym() { nm "$1" | awk -v s="$2" '$3 == s { print $1 }'; }

# Exception vectors that push an error code (APM vol. 2 Table 8-1).
ERRCODE=" 8 10 11 12 13 14 17 21 29 30 "

# check_vectors BIN ELF: property 6.
check_vectors() {
	local bin=$1 elf=$2 tab common init b V
	tab=$(sym "$elf" gk_vector_stubs) common=$(sym "$elf" gk_vec_common)
	init=$(sym "$elf" gk_idt_init)
	[ -n "$tab" ] && [ -n "$common" ] && [ -n "$init" ] ||
		{ echo "$elf: no gk_vector_stubs, gk_vec_common or gk_idt_init"; return 1; }
	read -ra b <<<"$(od -An -v -tx1 "$bin" | tr '\n' ' ')"
	local n=${#b[@]} t=$((0x$tab - LINK)) v
	# V = the little-endian value of $2 bytes at offset $1 of the image
	val() {
		local i
		V=0
		for ((i = $2 - 1; i >= 0; i--)); do V=$(((V << 8) | 0x${b[$1 + i]})); done
	}
	[ $((t + 256 * 8)) -le "$n" ] || { echo "$bin: gk_vector_stubs beyond the file"; return 1; }
	for ((v = 0; v < 256; v++)); do
		local at i
		val $((t + 8 * v)) 8
		at=$V i=$((V - LINK))
		[ "$i" -ge $ENTRY_OFF ] && [ $((i + 16)) -le "$n" ] ||
			{ echo "$bin: vector $v's stub 0x$(printf %x "$at") outside the image"; return 1; }
		if [[ $v -ge 32 || $ERRCODE != *" $v "* ]]; then
			[ "${b[i]}${b[i + 1]}" = 6a00 ] || { echo "$bin: vector $v's stub pushes no 0 for the error code"; return 1; }
			i=$((i + 2))
		fi
		if [ $v -lt 128 ]; then
			[ "${b[i]}" = 6a ] && [ $((0x${b[i + 1]})) = $v ] || { echo "$bin: vector $v's stub does not push $v"; return 1; }
			i=$((i + 2))
		else
			[ "${b[i]}" = 68 ] && val $((i + 1)) 4 && [ $V = $v ] || { echo "$bin: vector $v's stub does not push $v"; return 1; }
			i=$((i + 5))
		fi
		local to
		case ${b[i]} in
		e9) val $((i + 1)) 4; to=$((V >= (1 << 31) ? V - (1 << 32) : V)); to=$((LINK + i + 5 + to)) ;;
		eb) val $((i + 1)) 1; to=$((V >= 128 ? V - 256 : V)); to=$((LINK + i + 2 + to)) ;;
		*) to=0 ;;
		esac
		[ $to = $((0x$common)) ] || { echo "$bin: vector $v's stub does not jump to gk_vec_common"; return 1; }
	done
	local calls
	calls=$(objdump -d --no-show-raw-insn --start-address=0x"$(sym "$elf" _start)" \
		--stop-address=0x"$(sym "$elf" gk_stop)" "$elf" |
		sed -nE 's/.*call +[0-9a-f]+ <([a-z_]+)>.*/\1/p' | tr '\n' ' ')
	[[ $calls == "gk_idt_init main "* ]] || { echo "$elf: _start calls '$calls', not gk_idt_init then main"; return 1; }
}

# check_image BIN ELF: 0 when every property holds, else 1 with the reason.
check_image() {
	local bin=$1 elf=$2
	[ -s "$bin" ] || { echo "$bin: missing or empty"; return 1; }
	[ -s "$elf" ] || { echo "$elf: missing or empty"; return 1; }
	[ "$(bytes "$bin" 0 8)" = "5050475545535400" ] || { echo "$bin: no PPGUEST magic"; return 1; }
	[ "$(le "$bin" 8 4)" = 1 ] || { echo "$bin: header version is not 1"; return 1; }
	[ "$(le "$bin" 12 4)" = 64 ] || { echo "$bin: header size is not 64"; return 1; }
	local link entry fsize msize
	link=$(le "$bin" 16 8) entry=$(le "$bin" 24 8) fsize=$(le "$bin" 32 8) msize=$(le "$bin" 40 8)
	[ "$link" = $LINK ] || { echo "$bin: link address $link, not $LINK"; return 1; }
	[ "$entry" = $ENTRY_OFF ] || { echo "$bin: entry offset $entry, not $ENTRY_OFF"; return 1; }
	local elf_entry start
	elf_entry=$(readelf -h "$elf" | awk '/Entry point address/ { print $4 }')
	start=$(sym "$elf" _start)
	[ $((elf_entry)) = $((link + entry)) ] ||
		{ echo "$elf: entry $elf_entry is not link + entry offset"; return 1; }
	[ -n "$start" ] && [ $((0x$start)) = $((link + entry)) ] ||
		{ echo "$elf: _start is not at the entry"; return 1; }
	[ "$fsize" = "$(stat -c %s "$bin")" ] || { echo "$bin: header file size $fsize is not the file's"; return 1; }
	local bss_end
	bss_end=$(sym "$elf" __gk_bss_end)
	[ -n "$bss_end" ] && [ "$msize" -ge "$fsize" ] && [ $((link + msize)) = $((0x$bss_end)) ] ||
		{ echo "$bin: memory size $msize does not end at __gk_bss_end"; return 1; }
	local stub want off
	stub=$(bytes "$bin" "$entry" 16)
	[ "${stub:0:6}" = 488d25 ] || { echo "$bin: no 'lea disp32(%rip),%rsp' at the entry ($stub)"; return 1; }
	local disp top
	disp=$(od -An -td4 -j $((entry + 3)) -N 4 "$bin" | tr -d ' ')
	top=$(sym "$elf" gk_stack_top)
	[ -n "$top" ] && [ $((link + entry + 7 + disp)) = $((0x$top)) ] ||
		{ echo "$bin: the entry stub does not load gk_stack_top"; return 1; }
	off=$(readelf -lW "$elf" | awk -v a="$(printf '0x%016x' $((link)))" '$1 == "LOAD" && $3 == a { print $2 }')
	[ -n "$off" ] || { echo "$elf: no PT_LOAD at the link address"; return 1; }
	want=$(bytes "$elf" $((off + entry)) 16)
	[ "$stub" = "$want" ] || { echo "$bin: entry bytes differ from the ELF's code"; return 1; }
	readelf -h "$elf" | grep -q 'Type: *EXEC' || { echo "$elf: not ET_EXEC"; return 1; }
	readelf -r "$elf" | grep -q 'There are no relocations' || { echo "$elf: has relocations"; return 1; }
	if readelf -lW "$elf" | grep -Eq '^ *(DYNAMIC|INTERP) '; then
		echo "$elf: dynamic segment or interpreter"
		return 1
	fi
	check_vectors "$bin" "$elf"
}

expect_ok() {
	local why
	if why=$(check_image "$1" "$2"); then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $3: $why"
	fi
}

expect_bad() {
	if check_image "$1" "$2" >/dev/null; then
		fail=$((fail + 1))
		echo "FAIL $3: a damaged image passed"
	else
		pass=$((pass + 1))
	fi
}

for n in "${names[@]}"; do
	expect_ok "$dir/$n.bin" "$dir/$n.elf" "$n"
done

# The checker catches damage (on copies of the first image).
n=${names[0]}
if [ -s "$dir/$n.bin" ] && [ -s "$dir/$n.elf" ]; then
	cp "$dir/$n.bin" "$w/moved.bin"
	printf '\x48' | dd of="$w/moved.bin" bs=1 seek=24 conv=notrunc status=none
	expect_bad "$w/moved.bin" "$dir/$n.elf" "moved entry offset"
	cp "$dir/$n.bin" "$w/stub.bin"
	printf '\x90' | dd of="$w/stub.bin" bs=1 seek=$ENTRY_OFF conv=notrunc status=none
	expect_bad "$w/stub.bin" "$dir/$n.elf" "clobbered entry stub"
	cp "$dir/$n.bin" "$w/short.bin"
	truncate -s -8 "$w/short.bin"
	expect_bad "$w/short.bin" "$dir/$n.elf" "truncated file"
	# gk_vector_stubs[13] pointing at vector 14's stub
	tab=$(sym "$dir/$n.elf" gk_vector_stubs)
	cp "$dir/$n.bin" "$w/swapped.bin"
	dd if="$dir/$n.bin" of="$w/swapped.bin" bs=1 skip=$((0x$tab - LINK + 14 * 8)) \
		seek=$((0x$tab - LINK + 13 * 8)) count=8 conv=notrunc status=none
	expect_bad "$w/swapped.bin" "$dir/$n.elf" "swapped vector stubs"
	# the same program linked with --emit-relocs: only the relocation check fails
	if [ -n "${RELINK_OBJS:-}" ] && ld -q -nostdlib -static -no-pie -z noexecstack --gc-sections --build-id=none \
		-T guest/kit/guest.ld -o "$w/reloc.elf" $RELINK_OBJS 2>/dev/null; then
		objcopy -O binary "$w/reloc.elf" "$w/reloc.bin"
		expect_bad "$w/reloc.bin" "$w/reloc.elf" "kept relocations"
	fi
fi

echo "guest-check: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
