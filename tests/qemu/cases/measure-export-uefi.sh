#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The "export" menu entry, selected in a private copy of build/parapet.img
# through /boot/grub/grubenv (no rebuild): the hypervisor gets
# `console=com1 export-logs`, and PCR 17-19 read back from the TPM equal
# build/reference-export.json (PCR17 differs from reference.json: the
# command line is measured). The exported DRTM log (evlog-decode) holds
# the predicted number of events and replays, with our parser and with
# tpm2_eventlog (tests/eventlog/crosscheck.sh), to the same PCR 17-19.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
decode=build/tests/evlog-export/evlog-decode
tool=build/tests/eventlog/evlog-tool
make --no-print-directory -s "$decode" "$tool" >/dev/null 2>&1 ||
	t_fail "cannot build $decode / $tool"
m_image_with_entry "$T_TMP/export.img" export
t_boot "$T_TMP/export.img" FIRMWARE=uefi CPUS=2 IOMMU=amd TPM=tis
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
"$tool" replay "$log" "$(jq -r .event_count "$ref")" >"$T_TMP/replay.txt" 2>"$T_TMP/replay.err" ||
	t_fail "exported DRTM log rejected (event count $(jq -r .event_count "$ref")): $(head -n1 "$T_TMP/replay.err")"
for bank in $M_TPM_BANKS; do # every bank the TPM has (m_expect_ref checked $ref has them)
	for p in 17 18 19; do
		rgot=$(awk -v p="$p" -v b="$bank" '$2 == p && $3 == b { print $4 }' "$T_TMP/replay.txt")
		rwant=$(jq -r --arg b "$bank" --arg p "$p" '.pcrs[$b][$p]' "$ref")
		[ "$rgot" = "$rwant" ] || t_fail "exported DRTM log replays PCR $p $bank to $rgot, $ref has $rwant"
	done
done
EVLOG_TOOL=$tool tests/eventlog/crosscheck.sh "$log" >"$T_TMP/crosscheck.txt" 2>&1 ||
	t_fail "tpm2_eventlog cross-check of the exported DRTM log: $(grep -v ' 0 differ' "$T_TMP/crosscheck.txt" | head -n3 | tr '\n' ' ')"
t_pass
