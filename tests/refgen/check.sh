#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Host check of tools/refgen (docs/measurements.md, "Reference values"):
#  1. refgen on stand-in inputs (an SL image, hypervisor, policy, two pd
#     images, a stand-in grub.cfg) against PCR chains computed here with
#     `openssl dgst`, in all four banks (sha1, sha256, sha384, sha512: the
#     default), emulated and static launches, and with --banks subsets;
#  2. its log replayed by evlog-tool equals its JSON;
#  3. one changed byte in the policy / a pd image / the hypervisor changes
#     exactly PCR 18 / 19 / 17; so does --verdict (PCR 18 only), and
#     --verdict none leaves the verdict event out;
#  4. tpm2_eventlog (tests/eventlog/crosscheck.sh) replays the stand-in log
#     and build/reference-drtm.log (if built) to the same values as ours;
#  5. the measured binaries (if built) do not hold the checkout's absolute
#     path, so reference.json does not depend on where the tree is built;
#     nor does the unstripped hypervisor, whose hash is the build-id note
#     the shipped one carries;
#  6. the shipped hypervisor ELF (if built) is the unstripped one without
#     symbols and debug sections: the same build-id note, the same program
#     headers and PT_LOAD bytes.
# Prints "refgen: N passed, N failed"; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
refgen=${REFGEN:-build/tools/refgen/refgen}
tool=${EVLOG_TOOL:-build/tests/eventlog/evlog-tool}
for x in "$refgen" "$tool"; do [ -x "$x" ] || { echo "refgen: $x missing (make $x)"; exit 2; }; done
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "refgen: FAIL: $*"; fail=$((fail + 1)); }
eq() { if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', want '$3'"; fi; }

# --- stand-in inputs ---------------------------------------------------------
head -c 3000 /dev/urandom >"$w/sl.bin"
# SLB header: entry 0x10, measured length 2500 (the rest is not measured)
printf '\x10\x00\xc4\x09' | dd of="$w/sl.bin" conv=notrunc status=none
head -c 100000 /dev/urandom >"$w/hv.elf"
head -c 333 /dev/urandom >"$w/policy.bin"
head -c 4097 /dev/urandom >"$w/pd-a.bin"
printf 'b' >"$w/pd-b.bin"
cat >"$w/grub.cfg" <<'CFG'
menuentry "Stand-in" --id standin {
	multiboot2 /boot/parapet/launch.elf
	module2 /boot/parapet/hypervisor.elf hypervisor console=com1 x=y
	module2 /boot/parapet/pd-a.bin pd alpha
	module2 /boot/parapet/policy.bin policy
	module2 /boot/parapet/pd-b.bin pd b
	boot
}
CFG
files=(--file /boot/parapet/hypervisor.elf="$w/hv.elf" --file /boot/parapet/policy.bin="$w/policy.bin"
	--file /boot/parapet/pd-a.bin="$w/pd-a.bin" --file /boot/parapet/pd-b.bin="$w/pd-b.bin")

# --- independent chain -------------------------------------------------------
# H alg FILE -> hex; ext alg PCRHEX FILE -> H(pcr || H(file))
H() { openssl dgst -"$1" -binary "$2" | od -An -tx1 -v | tr -d ' \n'; }
ext() {
	{ printf '%s' "$2" | xxd -r -p; H "$1" "$3" | xxd -r -p; } >"$w/ext.in"
	H "$1" "$w/ext.in"
}
# The pd manifest (docs/measurements.md), written byte by byte here:
# "PPMODS01", u32 count, u32 80; per pd: role 3, name length, 6 zero bytes,
# u64 size, SHA-256, name padded to 32 bytes. All little-endian.
le() { # le BYTES VALUE -> the value's bytes, little-endian
	local hex i out=''
	hex=$(printf "%0$(($1 * 2))x" "$2")
	for ((i = $1 * 2 - 2; i >= 0; i -= 2)); do out+="\\x${hex:$i:2}"; done
	printf "$out"
}
manifest() { # manifest OUT NAME FILE ...
	local out=$1 name file
	shift
	{
		printf 'PPMODS01'
		le 4 $(($# / 2))
		le 4 80
		while [ $# -gt 0 ]; do
			name=$1 file=$2
			shift 2
			printf '\x03'
			le 1 "${#name}"
			le 6 0
			le 8 "$(stat -c %s "$file")"
			openssl dgst -sha256 -binary "$file"
			printf '%s' "$name"
			head -c $((32 - ${#name})) /dev/zero
		done
	} >"$out"
}
predict() { # alg launch [verdict] -> "p17 p18 p19"
	local alg=$1 launch=$2 verdict=${3-enforced: policy} n init p17 p18 p19
	n=$(($(openssl dgst -"$alg" -binary /dev/null | wc -c) * 2))
	if [ "$launch" = static ]; then init=$(printf 'f%.0s' $(seq "$n")); else init=$(printf '0%.0s' $(seq "$n")); fi
	p17=$init p18=$init p19=$init
	if [ "$launch" != static ]; then
		head -c 2500 "$w/sl.bin" >"$w/slb"
		p17=$(ext "$alg" "$p17" "$w/slb")
	fi
	printf '%s' "$launch" >"$w/t"
	p17=$(ext "$alg" "$p17" "$w/t")
	p17=$(ext "$alg" "$p17" "$w/hv.elf")
	printf 'console=com1 x=y' >"$w/t"
	p17=$(ext "$alg" "$p17" "$w/t")
	p18=$(ext "$alg" "$p18" "$w/policy.bin")
	if [ -n "$verdict" ]; then # the hypervisor's policy verdict, last
		printf '%s' "$verdict" >"$w/t"
		p18=$(ext "$alg" "$p18" "$w/t")
	fi
	p19=$(ext "$alg" "$p19" "$w/pd-a.bin")
	p19=$(ext "$alg" "$p19" "$w/pd-b.bin")
	manifest "$w/manifest" alpha "$w/pd-a.bin" b "$w/pd-b.bin"
	p19=$(ext "$alg" "$p19" "$w/manifest")
	echo "$p17 $p18 $p19"
}
json_pcrs() { jq -r --arg b "$2" '[.pcrs[$b]."17", .pcrs[$b]."18", .pcrs[$b]."19"] | join(" ")' "$1"; }
replay_pcrs() {
	"$tool" replay "$1" | awk -v b="$2" '$3 == b && $2 >= 17 && $2 <= 19 { printf "%s%s", sep, $4; sep = " " } END { print "" }'
}

all_banks="sha1 sha256 sha384 sha512"
for launch in emulated static; do
	"$refgen" --launch "$launch" --sl "$w/sl.bin" --grub-cfg "$w/grub.cfg" --entry standin \
		"${files[@]}" --log "$w/$launch.log" --json "$w/$launch.json"
	eq "$launch default banks" "$(jq -r '.banks | join(" ")' "$w/$launch.json")" "$all_banks"
	eq "$launch banks in pcrs" "$(jq -r '.pcrs | keys_unsorted | join(" ")' "$w/$launch.json")" "$all_banks"
	for alg in $all_banks; do
		eq "$launch $alg PCR 17-19 vs openssl" "$(json_pcrs "$w/$launch.json" "$alg")" "$(predict "$alg" "$launch")"
		eq "$launch $alg log replay vs json" "$(replay_pcrs "$w/$launch.log" "$alg")" "$(json_pcrs "$w/$launch.json" "$alg")"
	done
	eq "$launch launch_type" "$(jq -r .launch_type "$w/$launch.json")" "$launch"
done
# --banks: exactly those banks, in that order, with the same values
for list in sha256 sha1,sha256 sha512,sha1; do
	"$refgen" --banks "$list" --sl "$w/sl.bin" --grub-cfg "$w/grub.cfg" --entry standin \
		"${files[@]}" --log "$w/sub.log" --json "$w/sub.json"
	eq "--banks $list: banks" "$(jq -r '.banks | join(",")' "$w/sub.json")" "$list"
	for alg in ${list//,/ }; do
		eq "--banks $list: $alg" "$(json_pcrs "$w/sub.json" "$alg")" "$(json_pcrs "$w/emulated.json" "$alg")"
		eq "--banks $list: $alg log replay" "$(replay_pcrs "$w/sub.log" "$alg")" "$(json_pcrs "$w/emulated.json" "$alg")"
	done
done
if "$refgen" --banks sha256,md5 --sl "$w/sl.bin" --grub-cfg "$w/grub.cfg" --entry standin \
	"${files[@]}" --log "$w/x.log" --json "$w/x.json" 2>"$w/err"; then
	bad "--banks sha256,md5 was accepted"
else
	if grep -q "md5: unknown bank" "$w/err"; then ok; else bad "message: $(cat "$w/err")"; fi
fi
eq "event names" "$(jq -r '[.events[].name] | join(",")' "$w/emulated.json")" \
	"launch-marker,drtm-start,launch-type,hypervisor,cmdline,policy,pd,pd,modules,policy-verdict"
eq "event count" "$(jq -r '.event_count' "$w/emulated.json")" "10"
eq "verdict event" "$(jq -r '.events[-1] | "\(.pcr) \(.type) \(.data_hex)"' "$w/emulated.json")" \
	"18 0x60a $(printf 'enforced: policy' | od -An -tx1 -v | tr -d ' \n')"

# --- --verdict: the verdict's data, or none ----------------------------------
for v in 'enforced: slot b' 'refused: policy: signature does not verify' none; do
	"$refgen" --sl "$w/sl.bin" --grub-cfg "$w/grub.cfg" --entry standin "${files[@]}" \
		--verdict "$v" --log "$w/v.log" --json "$w/v.json"
	want=$v
	[ "$v" = none ] && want=''
	for alg in sha1 sha256; do
		eq "--verdict '$v' $alg vs openssl" "$(json_pcrs "$w/v.json" "$alg")" "$(predict "$alg" emulated "$want")"
		eq "--verdict '$v' $alg log replay" "$(replay_pcrs "$w/v.log" "$alg")" "$(json_pcrs "$w/v.json" "$alg")"
	done
	eq "--verdict '$v': last event" "$(jq -r '.events[-1].name' "$w/v.json")" \
		"$([ "$v" = none ] && echo modules || echo policy-verdict)"
done
for v in 'enforced slot a' 'refused: ' "$(printf 'enforced: a\tb')"; do
	if "$refgen" --sl "$w/sl.bin" --grub-cfg "$w/grub.cfg" --entry standin "${files[@]}" \
		--verdict "$v" --log "$w/x.log" --json "$w/x.json" 2>"$w/err"; then
		bad "--verdict '$v' was accepted"
	elif grep -qE 'refgen: --verdict: verdict.*(must be "enforced: ..." or "refused: ..."|not printable ASCII)' "$w/err"; then
		ok
	else
		bad "--verdict '$v': message: $(cat "$w/err")"
	fi
done
# a slotted entry: slot a by default, slot b alone; no policy: no verdict
slots() { # slots "module2 lines" -> the last event's name, and its data if a verdict
	printf 'menuentry "S" --id s {\n\tmodule2 /boot/parapet/hypervisor.elf hypervisor\n%s}\n' "$1" >"$w/s.cfg"
	"$refgen" --launch static --grub-cfg "$w/s.cfg" --entry s "${files[@]}" \
		--file '($pp_slot_a)/policy-a.bin'="$w/policy.bin" --file '($pp_slot_b)/policy-b.bin'="$w/policy.bin" \
		--log "$w/s.log" --json "$w/s.json"
	jq -r '.events[-1] | if .name == "policy-verdict" then "\(.name) \(.data_hex)" else .name end' \
		"$w/s.json" | {
		read -r n d
		printf '%s' "$n"
		[ -z "${d-}" ] || printf ' %s' "$(printf '%s' "$d" | xxd -r -p)"
	}
}
ab=$'\tmodule2 ($pp_slot_a)/policy-a.bin policy a\n\tmodule2 ($pp_slot_b)/policy-b.bin policy b\n'
eq "slots a and b: verdict" "$(slots "$ab")" "policy-verdict enforced: slot a"
eq "slot b alone: verdict" "$(slots $'\tmodule2 ($pp_slot_b)/policy-b.bin policy b\n')" "policy-verdict enforced: slot b"
eq "no policy: no verdict" "$(slots $'\tmodule2 /boot/parapet/pd-a.bin pd alpha\n')" "modules"
eq "json is valid, schema" "$(jq -r .schema "$w/emulated.json")" "parapet-reference-v1"

# --- one changed byte: exactly the plan's PCR --------------------------------
flip() { # file offset
	local b
	b=$(od -An -tu1 -j"$2" -N1 "$1" | tr -d ' ')
	# shellcheck disable=SC2059 # an octal escape built on purpose
	printf "\\$(printf '%03o' $(((b ^ 0x5a) & 255)))" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
differs_only() { # name pcr json
	local base changed i k
	for alg in $all_banks; do
		read -ra base <<<"$(json_pcrs "$w/emulated.json" "$alg")"
		read -ra changed <<<"$(json_pcrs "$3" "$alg")"
		for i in 0 1 2; do
			k=$((17 + i))
			if [ "$k" = "$2" ]; then
				if [ "${base[$i]}" != "${changed[$i]}" ]; then ok; else bad "$1: PCR $k $alg unchanged"; fi
			else
				eq "$1: PCR $k $alg unchanged" "${changed[$i]}" "${base[$i]}"
			fi
		done
	done
}
for t in "policy.bin 18 100" "pd-b.bin 19 0" "hv.elf 17 50000"; do
	read -r f pcr off <<<"$t"
	cp "$w/$f" "$w/$f.orig"
	flip "$w/$f" "$off"
	"$refgen" --sl "$w/sl.bin" --grub-cfg "$w/grub.cfg" --entry standin "${files[@]}" \
		--log "$w/neg.log" --json "$w/neg.json"
	differs_only "$f changed" "$pcr" "$w/neg.json"
	mv "$w/$f.orig" "$w/$f"
done
# a byte of the SL image past its measured length changes nothing
flip "$w/sl.bin" 2800
"$refgen" --sl "$w/sl.bin" --grub-cfg "$w/grub.cfg" --entry standin "${files[@]}" \
	--log "$w/neg.log" --json "$w/neg.json"
differs_only "unmeasured SL byte" 0 "$w/neg.json"

# --- rejected inputs ---------------------------------------------------------
if "$refgen" --sl "$w/sl.bin" --grub-cfg "$w/grub.cfg" --entry standin \
	--file /boot/parapet/hypervisor.elf="$w/hv.elf" --log "$w/x.log" --json "$w/x.json" 2>"$w/err"; then
	bad "a module without --file was accepted"
else
	if grep -q "without a --file mapping" "$w/err"; then ok; else bad "message: $(cat "$w/err")"; fi
fi
if "$refgen" --sl "$w/sl.bin" --grub-cfg "$w/grub.cfg" --entry nope "${files[@]}" \
	--log "$w/x.log" --json "$w/x.json" 2>"$w/err"; then
	bad "an unknown entry was accepted"
else
	if grep -q "no menuentry with --id nope" "$w/err"; then ok; else bad "message: $(cat "$w/err")"; fi
fi

# --- tpm2_eventlog on the stand-in log and the real reference log -----------
logs=("$w/emulated.log")
for l in build/reference-drtm.log build/reference-export-drtm.log; do [ -f "$l" ] && logs+=("$l"); done
if command -v tpm2_eventlog >/dev/null; then
	if out=$(EVLOG_TOOL=$tool tests/eventlog/crosscheck.sh "${logs[@]}" 2>&1); then
		ok
	else
		bad "crosscheck.sh ${logs[*]}:"
		printf '%s\n' "$out" | sed 's/^/  /'
	fi
	echo "$out" | grep -E '^eventlog: (arg|[0-9]+ passed)' | sed 's/^/refgen: /'
else
	bad "tpm2_eventlog not installed"
fi
# the built reference.json (if any) equals the replay of its log
for pair in "build/reference.json build/reference-drtm.log" \
	"build/reference-export.json build/reference-export-drtm.log"; do
	read -r j l <<<"$pair"
	if [ ! -f "$j" ] || [ ! -f "$l" ]; then continue; fi
	for alg in $(jq -r '.banks[]' "$j"); do
		eq "$j $alg vs replay of $l" "$(replay_pcrs "$l" "$alg")" "$(json_pcrs "$j" "$alg")"
	done
done

# --- 5. measured bytes independent of the checkout directory ---------------
hv=build/hypervisor/hypervisor.elf hv_full=build/hypervisor/hypervisor.unstripped.elf
for f in "$hv" "$hv_full" build/launch/sl.bin build/launch/launch.elf; do
	[ -f "$f" ] || continue
	if grep -qaF -- "$PWD" "$f"; then bad "$f holds the build path $PWD"; else ok; fi
done

# --- 6. the shipped hypervisor is the unstripped one, stripped --------------
build_id() { { readelf -nW "$1" 2>/dev/null || true; } | sed -nE 's/.*Build ID: ([0-9a-f]+).*/\1/p'; }
# "offset filesz" of every PT_LOAD
loads() { readelf -lW "$1" | awk '$1 == "LOAD" { print $2, $5 }'; }
if [ -f "$hv" ] && [ -f "$hv_full" ]; then
	id=$(build_id "$hv")
	if [[ "$id" =~ ^[0-9a-f]{40}$ ]]; then ok; else bad "$hv: no sha1 build-id note ('$id')"; fi
	eq "$hv build-id vs $hv_full" "$id" "$(build_id "$hv_full")"
	eq "$hv program headers vs $hv_full" "$(readelf -lW "$hv" | sed -n '/^Program Headers:/,/^$/p')" \
		"$(readelf -lW "$hv_full" | sed -n '/^Program Headers:/,/^$/p')"
	n=0
	while read -r o1 sz1 && read -r o2 sz2 <&3; do
		n=$((n + 1))
		if [ "$sz1" = "$sz2" ] &&
			cmp -s <(tail -c +$((o1 + 1)) "$hv" | head -c $((sz1))) \
				<(tail -c +$((o2 + 1)) "$hv_full" | head -c $((sz2))); then
			ok
		else
			bad "PT_LOAD $n: bytes of $hv differ from $hv_full"
		fi
	done < <(loads "$hv") 3< <(loads "$hv_full")
	[ "$n" -gt 0 ] || bad "$hv: no PT_LOAD"
	extra=$(readelf -SW "$hv" | grep -oE '\.(debug_[a-z_]+|symtab|strtab|comment)' | sort -u | tr '\n' ' ' || true)
	eq "$hv sections left by strip" "$extra" ""
fi

echo "refgen: $pass passed, $fail failed"
[ "$fail" = 0 ]
