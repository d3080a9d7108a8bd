# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Helpers for the measurement tests (docs/measurements.md, docs/testing.md).
# Source after tests/qemu/lib.sh. Private media are made in $T_TMP from the
# built ones without rebuilding: mtools writes into the ESP of a copy of
# build/parapet.img (the ESP starts at 1 MiB, docs/image.md).
#
#   m_image_with_entry OUT.img ENTRY    copy build/parapet.img; ENTRY other
#                                       than "parapet" is selected through
#                                       /boot/grub/grubenv (parapet_entry)
#   m_iso_copy OUT.iso                  copy build/parapet.iso
# Both also copy build/reference.json and build/reference-export.json to
# $T_TMP/ at the same moment, so a test compares a medium with the values
# of the same build even if the tree is rebuilt while it runs; the tests
# read $T_TMP/reference*.json.
#   m_image_get IMG NAME FILE           copy /boot/parapet/NAME out of IMG
#   m_image_put IMG NAME FILE           replace /boot/parapet/NAME in IMG
#   m_image_cfg IMG CFG                 replace /boot/grub/grub.cfg in IMG
#   m_slot_get IMG a|b FILE             copy policy slot A's /policy-a.bin
#                                       (or B's) out of IMG
#   m_slot_put IMG a|b FILE             replace it (docs/policy-update.md;
#                                       what `parapet policy install`
#                                       does, without its checks)
#   m_refgen CFG JSON [GRUBPATH=FILE..] [--verdict=TEXT]
#                                       refgen over CFG's "parapet" entry
#                                       with the built modules (and these;
#                                       a later mapping of a path wins), the
#                                       policy verdict TEXT if given
#   m_flip_byte FILE OFFSET             xor one byte with 0x5a
#   m_hv_harmless_offset ELF            print the offset of a byte no code
#                                       reads: the middle of the first
#                                       non-allocated section with file
#                                       bytes (.shstrtab in the stripped
#                                       ELF the image ships, .debug_* in an
#                                       unstripped one); 1 if none. Launch
#                                       and the SL read only the ELF and
#                                       program headers and PT_LOAD bytes
#                                       (launch/elf.c)
#   m_ref_pcrs JSON BANK                "h17 h18 h19" from a reference file
#   m_console_pcrs BANK                 M_PCRS="h17 h18 h19" from the
#                                       console's `measure: pcrN BANK <hex>`
#                                       lines (the last of each)
#   m_tpm_banks                         M_TPM_BANKS="sha1 sha256 ..." (the
#                                       TPM's active banks, its order) from
#                                       the hypervisor's `hv: tpm: banks ...`
#                                       line; fails if there is none
#   m_expect_tpm_banks "B1 B2 ..."      the TPM's active banks are exactly
#                                       these, in this order
#   m_expect_profile "B1 B2 ..."        after a boot with TPMBANKS (a TPM
#                                       profile, docs/testing.md): the
#                                       hypervisor and the SL found exactly
#                                       these banks, the DRTM harness read
#                                       PCR17 back in each (and no other)
#                                       equal to H(0 || H(SLB)), and the
#                                       firmware log replays to PCR 0-9 in
#                                       each
#   m_expect_ref JSON [DIFF_PCR]        every bank the TPM has: JSON predicts
#                                       it, and PCR 17-19 on the console equal
#                                       JSON's, except DIFF_PCR which must
#                                       differ. A bank JSON lists and the TPM
#                                       lacks is not checked.
export MTOOLS_SKIP_CHECK=1
M_ESP_OFFSET=1M
# The slot partitions follow the 64 MiB ESP, 1 MiB each (image/mkimage.sh).
M_SLOT_A_OFFSET=65M
M_SLOT_B_OFFSET=66M

m_copy_refs() {
	local f
	for f in reference.json reference-export.json; do
		[ -f "build/$f" ] || t_fail "build/$f missing (make all builds it)"
		cp "build/$f" "$T_TMP/$f"
	done
}

m_iso_copy() {
	[ -f build/parapet.iso ] || t_fail "build/parapet.iso missing (make all)"
	cp build/parapet.iso "$1"
	m_copy_refs
}

m_image_with_entry() {
	local out=$1 entry=$2
	[ -f build/parapet.img ] || t_fail "build/parapet.img missing (make all)"
	cp --sparse=always build/parapet.img "$out"
	m_copy_refs
	[ "$entry" = parapet ] && return 0
	local env=$T_TMP/grubenv.$entry
	rm -f "$env"
	if ! grub-editenv "$env" create || ! grub-editenv "$env" set "parapet_entry=$entry"; then
		t_fail "grub-editenv failed"
	fi
	mcopy -o -i "$out@@$M_ESP_OFFSET" "$env" ::/boot/grub/grubenv ||
		t_fail "mcopy of grubenv into $out failed"
}

m_image_get() {
	rm -f "$3"
	mcopy -i "$1@@$M_ESP_OFFSET" "::/boot/parapet/$2" "$3" ||
		t_fail "mcopy of /boot/parapet/$2 out of $1 failed"
}

m_image_put() {
	local img=$1 name=$2 file=$3
	mcopy -o -i "$img@@$M_ESP_OFFSET" "$file" "::/boot/parapet/$name" ||
		t_fail "mcopy of $file into $img failed"
}

m_image_cfg() {
	mcopy -o -i "$1@@$M_ESP_OFFSET" "$2" ::/boot/grub/grub.cfg ||
		t_fail "mcopy of $2 into $1 as grub.cfg failed"
}

m_slot_offset() {
	case "$1" in
	a) echo "$M_SLOT_A_OFFSET" ;;
	b) echo "$M_SLOT_B_OFFSET" ;;
	*) t_fail "m_slot: slot $1 (a or b)" ;;
	esac
}

m_slot_get() {
	rm -f "$3"
	mcopy -i "$1@@$(m_slot_offset "$2")" "::/policy-$2.bin" "$3" ||
		t_fail "mcopy of slot $2's policy-$2.bin out of $1 failed"
}

m_slot_put() {
	mcopy -o -i "$1@@$(m_slot_offset "$2")" "$3" "::/policy-$2.bin" ||
		t_fail "mcopy of $3 into slot $2 of $1 failed"
}

m_refgen() {
	local cfg=$1 json=$2 f
	shift 2
	local -a files=(--file /boot/parapet/hypervisor.elf=build/hypervisor/hypervisor.elf
		--file '($pp_slot_a)/policy-a.bin=build/image/modules/policy.bin'
		--file '($pp_slot_b)/policy-b.bin=build/image/modules/policy.bin'
		--file /boot/parapet/pd-service.bin=build/image/modules/pd-service.bin
		--file /boot/parapet/pd-work-a.bin=build/image/modules/pd-work-a.bin
		--file /boot/parapet/pd-work-b.bin=build/image/modules/pd-work-b.bin)
	for f in "$@"; do
		case "$f" in
		--verdict=*) files+=(--verdict "${f#--verdict=}") ;;
		*) files+=(--file "$f") ;;
		esac
	done
	build/tools/refgen/refgen --sl build/launch/sl.bin --grub-cfg "$cfg" --entry parapet \
		--banks sha1,sha256,sha384,sha512 "${files[@]}" --log "$json.log" --json "$json" \
		>"$json.err" 2>&1 || t_fail "refgen on $cfg: $(cat "$json.err")"
}

m_flip_byte() {
	local f=$1 off=$2 b
	b=$(od -An -tu1 -j"$off" -N1 "$f" | tr -d ' ')
	[ -n "$b" ] || t_fail "m_flip_byte: $f has no byte at $off"
	# shellcheck disable=SC2059 # an octal escape built on purpose
	printf "\\$(printf '%03o' $(((b ^ 0x5a) & 255)))" |
		dd of="$f" bs=1 seek="$off" conv=notrunc status=none
}

m_hv_harmless_offset() {
	local name type off size rest
	while read -r name type _ off size rest; do
		# rest: ES Flg Lk Inf Al; the flags column may be empty
		case "$type" in NULL | NOBITS) continue ;; esac
		if [[ ! "$rest" =~ ^[0-9a-f]+\ +[A-Za-z]*A ]] && [ $((16#$size)) -gt 0 ]; then
			echo $((16#$off + 16#$size / 2))
			return 0
		fi
	done < <(readelf -SW "$1" | sed -nE 's/^ *\[ *[0-9]+\] +//p')
	echo "no non-allocated section with file bytes in $1" >&2
	return 1
}

m_ref_pcrs() {
	jq -r --arg b "$2" '[.pcrs[$b]."17", .pcrs[$b]."18", .pcrs[$b]."19"] | join(" ")' "$1"
}

# Sets M_PCRS to "h17 h18 h19" (no subshell: t_fail must end the test).
m_console_pcrs() {
	local p v
	t_console
	M_PCRS=''
	for p in 17 18 19; do
		v=$(sed -nE "s/^measure: pcr$p $1 ([0-9a-f]+)\$/\\1/p" "$T_CONSOLE" | tail -n1)
		[ -n "$v" ] || t_fail "no console line 'measure: pcr$p $1 <hex>'"
		M_PCRS+="${M_PCRS:+ }$v"
	done
}

# Sets M_TPM_BANKS (no subshell: t_fail must end the test).
m_tpm_banks() {
	local line
	t_console
	line=$(grep -m1 -E '^hv: tpm: banks ' "$T_CONSOLE" || true)
	[ -n "$line" ] || t_fail "no console line 'hv: tpm: banks ...'"
	M_TPM_BANKS=$(sed -E 's/^hv: tpm: banks (.*) \([A-Z]+ at locality [0-9]+, .*\)$/\1/' <<<"$line")
	if [ "$M_TPM_BANKS" = "$line" ] || [ "$M_TPM_BANKS" = none ] || [ -z "$M_TPM_BANKS" ]; then
		t_fail "no active TPM bank in '$line'"
	fi
}

m_expect_tpm_banks() {
	m_tpm_banks
	[ "$M_TPM_BANKS" = "$1" ] || t_fail "TPM banks '$M_TPM_BANKS', expected '$1'"
}

m_expect_profile() {
	local want=$1 bank read
	m_expect_tpm_banks "$want"
	t_expect_line "sl: tpm: active banks: $want"
	t_drtm_expect_measured
	read=$(sed -nE 's/^pcr17_([a-z0-9_]+)_read .*/\1/p' "$T_DRTM_RESULT" | tr '\n' ' ')
	[ "$read" = "$want " ] || t_fail "DRTM harness read PCR17 in banks '$read', expected '$want'"
	for bank in $want; do
		[ "$(t_drtm_value "pcr17_${bank}_read")" = "$(t_drtm_value "pcr17_${bank}_expected")" ] ||
			t_fail "DRTM harness: PCR17 $bank is not H(0 || H(SLB))"
	done
	t_expect_line "hv: firmware log: replay equals the TPM in PCR 0-9 (banks $want)"
}

m_expect_ref() {
	local json=$1 diff=${2:-0} bank i
	local -a want got
	[ -f "$json" ] || t_fail "$json missing (make all builds it)"
	jq -e '.pcrs | type == "object"' "$json" >/dev/null || t_fail "$json: not a reference file"
	m_tpm_banks
	for bank in $M_TPM_BANKS; do
		jq -e --arg b "$bank" '.pcrs[$b]' "$json" >/dev/null ||
			t_fail "the TPM has bank $bank, $json does not predict it (banks $(jq -r '.banks | join(" ")' "$json"))"
		read -ra want <<<"$(m_ref_pcrs "$json" "$bank")"
		m_console_pcrs "$bank"
		read -ra got <<<"$M_PCRS"
		for i in 0 1 2; do
			if [ $((17 + i)) = "$diff" ]; then
				[ "${got[$i]}" != "${want[$i]}" ] ||
					t_fail "PCR $((17 + i)) $bank equals $json although its input changed"
			else
				[ "${got[$i]}" = "${want[$i]}" ] ||
					t_fail "PCR $((17 + i)) $bank: TPM ${got[$i]}, $json ${want[$i]}"
			fi
		done
	done
}
