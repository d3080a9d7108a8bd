#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The firmware event log carried forward replays to the firmware's PCRs
# (issue 3 acceptance; docs/eventlog.md "Firmware log"). OVMF + swtpm boot
# of the `export` menu entry (hypervisor option export-logs): the
# hypervisor prints the firmware log it kept and PCR 0-9 read back from the
# TPM; tests/evlog-export/evlog-decode turns the console back into the
# binary log (byte count and SHA-256 trailer checked); the log is replayed
# by our parser (evlog-tool) and by tpm2_eventlog, and both must give PCR
# 0-9 equal to the TPM's, in every bank both replay (sha256 at least). The
# log must hold GRUB's measurements: grub.cfg and every loaded file in
# PCR 9, the commands and the command lines in PCR 8. Control: the same log
# without the two Final Events (ExitBootServices, PCR 5) differs in PCR 5.
. "$(dirname "$0")/../lib.sh"

decode=build/tests/evlog-export/evlog-decode
tool=build/tests/eventlog/evlog-tool
make --no-print-directory -s "$decode" "$tool" >/dev/null 2>&1 ||
	t_fail "cannot build $decode / $tool"
command -v tpm2_eventlog >/dev/null || t_fail "tpm2_eventlog not installed"

# An image copy that boots the `export` entry.
img=$T_TMP/export.img
if [ -f tests/qemu/measure-lib.sh ] && grep -q 'm_image_with_entry()' tests/qemu/measure-lib.sh; then
	. tests/qemu/measure-lib.sh
	m_image_with_entry "$img" export || t_fail "m_image_with_entry failed"
else
	# grub.cfg reads parapet_entry from /boot/grub/grubenv on the ESP
	# (GPT partition 1 at 1 MiB).
	cp build/parapet.img "$img"
	grub-editenv "$T_TMP/grubenv" create
	grub-editenv "$T_TMP/grubenv" set parapet_entry=export
	mcopy -o -i "$img@@1048576" "$T_TMP/grubenv" ::/boot/grub/grubenv ||
		t_fail "mcopy grubenv into the image copy"
fi

t_boot "$img" FIRMWARE=uefi CPUS=3 IOMMU=none TPM=tis EDU=0
t_wait "parapet: ready"
t_expect_quiet_grub
t_expect_match '^hv: firmware log: [0-9]+ events, [0-9]+ bytes \(format crypto-agile, source handoff\)$'
t_expect_match '^hv: firmware log: replay equals the TPM in PCR 0-9 \(banks .*sha256.*\)$'
t_expect_match '^evlog-begin fw [0-9]+$'

out=$T_TMP/decoded
mkdir -p "$out"
"$decode" "$T_CONSOLE" "$out" >"$T_TMP/decode.txt" 2>&1 ||
	t_fail "evlog-decode: $(tr '\n' ' ' <"$T_TMP/decode.txt")"
[ -s "$out/fw.bin" ] || t_fail "no firmware log in the export"
grep -q '^sha256 ' "$out/pcrs.txt" || t_fail "no sha256 PCR values in the export"

# GRUB's measurements are in the log (EV_IPL strings).
strings -n 6 "$out/fw.bin" >"$T_TMP/strings.txt"
for s in 'grub.cfg' '/boot/parapet/launch.elf' '/boot/parapet/hypervisor.elf' \
	'grub_cmd: multiboot2' 'export-logs'; do
	grep -qF -- "$s" "$T_TMP/strings.txt" || t_fail "firmware log lacks a GRUB measurement of '$s'"
done

# Our replay: "pcr N bank hex".
"$tool" replay "$out/fw.bin" >"$T_TMP/ours.txt" 2>"$T_TMP/ours.err" ||
	t_fail "our parser rejected the exported log: $(head -n1 "$T_TMP/ours.err")"
# tpm2_eventlog (it extends EV_NO_ACTION: give it the log without them).
"$tool" strip-noaction "$out/fw.bin" "$T_TMP/fw.stripped" >/dev/null
tpm2_eventlog "$T_TMP/fw.stripped" >"$T_TMP/tpm2.yaml" 2>"$T_TMP/tpm2.err" ||
	t_fail "tpm2_eventlog failed: $(head -n1 "$T_TMP/tpm2.err")"
awk '/^pcrs:/ { p = 1; next }
	p && /^  [a-z0-9_]+:$/ { b = $1; sub(":", "", b); next }
	p && /^    [0-9]+ *: 0x/ { v = $3; sub("0x", "", v); print "pcr", $1, b, tolower(v) }
	p && /^[^ ]/ { p = 0 }' "$T_TMP/tpm2.yaml" >"$T_TMP/theirs.txt"

compared=0 sha256_both=0
while read -r bank pcr tpm; do
	[ "$pcr" -le 9 ] || continue
	ours=$(awk -v p="$pcr" -v b="$bank" '$2 == p && $3 == b { print $4 }' "$T_TMP/ours.txt")
	theirs=$(awk -v p="$pcr" -v b="$bank" '$2 == p && $3 == b { print $4 }' "$T_TMP/theirs.txt")
	# tpm2_eventlog prints only PCRs an event extended: the others are 0.
	if [ -z "$theirs" ] && grep -q " $bank " "$T_TMP/theirs.txt"; then
		theirs=$(printf '%s' "$tpm" | tr '0-9a-f' '0')
	fi
	if [ -n "$ours" ]; then
		[ "$ours" = "$tpm" ] || t_fail "pcr$pcr $bank: TPM $tpm, our replay $ours"
		compared=$((compared + 1))
	fi
	if [ -n "$theirs" ]; then
		[ "$theirs" = "$tpm" ] || t_fail "pcr$pcr $bank: TPM $tpm, tpm2_eventlog $theirs"
		compared=$((compared + 1))
	fi
	if [ "$bank" = sha256 ] && [ -n "$ours" ] && [ -n "$theirs" ]; then
		sha256_both=$((sha256_both + 1))
	fi
done <"$out/pcrs.txt"
[ "$sha256_both" = 10 ] ||
	t_fail "sha256 PCR 0-9 compared with both replays: $sha256_both of 10"

# Negative control, and the Final Events hand-over: the last two events are
# ExitBootServices' PCR 5 EV_EFI_ACTIONs, which only the Final Events table
# holds. Without them PCR 5 (and only PCR 5) must differ from the TPM.
"$tool" dump "$out/fw.bin" >"$T_TMP/dump.txt"
tail -n 2 "$T_TMP/dump.txt" | grep -c ': pcr 5 type 0x80000007 ' | grep -qx 2 ||
	t_fail "the log does not end with the two ExitBootServices events (PCR 5)"
cut_at=$(tail -n 2 "$T_TMP/dump.txt" | head -n 1 | sed -E 's/^event [0-9]+ @([0-9]+):.*/\1/')
head -c "$cut_at" "$out/fw.bin" >"$T_TMP/fw-no-final.bin"
"$tool" replay "$T_TMP/fw-no-final.bin" >"$T_TMP/no-final.txt" ||
	t_fail "our parser rejected the log cut before the final events"
for pcr in 0 1 2 3 4 5 6 7 8 9; do
	tpm=$(awk -v p="$pcr" '$1 == "sha256" && $2 == p { print $3 }' "$out/pcrs.txt")
	ours=$(awk -v p="$pcr" '$2 == p && $3 == "sha256" { print $4 }' "$T_TMP/no-final.txt")
	if [ "$pcr" = 5 ]; then
		[ "$ours" != "$tpm" ] || t_fail "control: PCR 5 unchanged without the final events"
	else
		[ "$ours" = "$tpm" ] || t_fail "control: PCR $pcr changed without the final events"
	fi
done
echo "  firmware log $(stat -c %s "$out/fw.bin") bytes; $compared PCR values equal" \
	"(TPM vs our replay / tpm2_eventlog; banks $(cut -d' ' -f1 "$out/pcrs.txt" | sort -u | tr '\n' ' '))"
t_pass
