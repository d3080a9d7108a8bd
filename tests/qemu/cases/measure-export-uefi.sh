#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The "export" menu entry, selected in a private copy of build/parapet.img
# through /boot/grub/grubenv (no rebuild): the hypervisor gets
# `console=com1 export-logs`, and PCR 17-19 read back from the TPM equal
# build/reference-export.json (PCR17 differs from reference.json: the
# command line is measured). The exported DRTM log (evlog-decode) holds
# the predicted events plus the platform's (PCR 20: memory map, RSDP,
# every ACPI table, which no build predicts) and replays, with our parser
# and with tpm2_eventlog (tests/eventlog/crosscheck.sh), to the same PCR
# 17-19 and to the PCR 20 the TPM holds.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
decode=build/tests/evlog-export/evlog-decode
tool=build/tests/eventlog/evlog-tool
make --no-print-directory -s "$decode" "$tool" >/dev/null 2>&1 ||
	t_fail "cannot build $decode / $tool"
m_image_with_entry "$T_TMP/export.img" export
t_boot "$T_TMP/export.img" FIRMWARE=uefi CPUS=3 IOMMU=amd TPM=tis
# export-logs prints both event logs first: allow for the extra console output
t_wait "parapet: ready" $((3 * T_TIMEOUT))
t_expect_summary
t_expect_line 'hv: command line: "console=com1 export-logs"'
ref=$T_TMP/reference-export.json
m_expect_ref "$ref"
m_expect_ref "$T_TMP/reference.json" 17

# The exported DRTM log against the prediction.
mkdir -p "$T_TMP/decoded"
"$decode" "$T_CONSOLE" "$T_TMP/decoded" >"$T_TMP/decode.txt" 2>&1 ||
	t_fail "evlog-decode: $(tr '\n' ' ' <"$T_TMP/decode.txt")"
log=$T_TMP/decoded/drtm.bin
[ -s "$log" ] || t_fail "no DRTM log in the export"
"$tool" dump "$log" >"$T_TMP/dump.txt" 2>"$T_TMP/replay.err" ||
	t_fail "exported DRTM log rejected: $(head -n1 "$T_TMP/replay.err")"
platform=$(grep -c ': pcr 20 type ' "$T_TMP/dump.txt" || true)
others=$(grep -c '^event .*: pcr \(17\|18\|19\) ' "$T_TMP/dump.txt" || true)
[ "$others" = "$(jq -r .event_count "$ref")" ] ||
	t_fail "exported DRTM log: $others events on PCR 17-19, $ref predicts $(jq -r .event_count "$ref")"
# memory map, RSDP and at least the root table and the MADT
[ "$platform" -ge 4 ] || t_fail "exported DRTM log: $platform platform (PCR 20) events, expected >= 4"
grep -q ': pcr 20 type 0x607 ' "$T_TMP/dump.txt" || t_fail "no memory-map event (0x607) on PCR 20"
"$tool" replay "$log" >"$T_TMP/replay.txt" 2>"$T_TMP/replay.err" ||
	t_fail "exported DRTM log does not replay: $(head -n1 "$T_TMP/replay.err")"
t_console
for bank in $M_TPM_BANKS; do # every bank the TPM has (m_expect_ref checked $ref has them)
	for p in 17 18 19 20; do
		rgot=$(awk -v p="$p" -v b="$bank" '$2 == p && $3 == b { print $4 }' "$T_TMP/replay.txt")
		if [ "$p" = 20 ]; then # the machine's, not the build's: the TPM holds it
			rwant=$(sed -nE "s/^measure: pcr20 $bank ([0-9a-f]+)\$/\1/p" "$T_CONSOLE" | tail -n1)
			[ -n "$rwant" ] || t_fail "no console line 'measure: pcr20 $bank'"
		else
			rwant=$(jq -r --arg b "$bank" --arg p "$p" '.pcrs[$b][$p]' "$ref")
		fi
		[ "$rgot" = "$rwant" ] || t_fail "exported DRTM log replays PCR $p $bank to $rgot, expected $rwant"
	done
done
EVLOG_TOOL=$tool tests/eventlog/crosscheck.sh "$log" >"$T_TMP/crosscheck.txt" 2>&1 ||
	t_fail "tpm2_eventlog cross-check of the exported DRTM log: $(grep -v ' 0 differ' "$T_TMP/crosscheck.txt" | head -n3 | tr '\n' ' ')"
t_pass
