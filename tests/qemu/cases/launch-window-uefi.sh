#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The launch window (issue 11, acceptance "The launch window"; docs/testing.md):
# a private copy of build/parapet.img whose /boot/parapet/launch.elf is the
# test build build/test/launch-dma-attack/launch.elf (launch/test/
# dma_attack.c): right before the emulated DRTM, the untrusted pre-launch
# stage loads a pattern into QEMU's edu device (and zeroes it in RAM), then
# arms a device -> RAM transfer of it (QEMU completes it on a 100 ms
# virtual-time timer) aimed at module 0's copy in the secure loader's copy
# area, which launch computes the way the SL will. Boots with EDU=1 (edu
# with dma_mask=0xffffffff: QEMU's default 28-bit mask cannot reach the
# copy area at the top of 1 GiB) and IOMMU=amd, then requires:
#   - the shipped launch.elf holds no attack code, the test build does;
#   - the attack was armed (launch checked the device took the command) and
#     aimed inside module 0's copy, where the SL's `sl: copies:` line puts
#     the area;
#   - a memory dump (QEMU's, after the ready line) holds the pattern
#     nowhere;
#   - PCR 17-19 equal the reference computed for the image (launch.elf is
#     measured by GRUB only, so it is build/reference.json);
#   - the SL's DMA guard (`sl: dma guard: on at tsc 0x..`) came up less than
#     100 ms after the transfer was armed, by both the hypervisor's
#     calibrated `hv: tsc: N MHz` and edu's own 100 ms timer measured in
#     TSC ticks by launch (the pattern's transfer); otherwise the test is
#     inconclusive and FAILS: a
#     transfer that fired before the guard could have landed before the SL
#     copied (and been overwritten), proving nothing.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/dma-lib.sh
# launch/test/dma_attack.c's pattern (dma_pattern_hits regenerates it)
DMA_SEED=0x243f6a8885a308d3
WIN_ELF=build/test/launch-dma-attack/launch.elf
WIN_MEM_BYTES=0x40000000 # MEM=1G, all below 4 GiB on q35
WIN_WINDOW_MS=100        # edu's DMA timer

[ -f "$WIN_ELF" ] || t_fail "$WIN_ELF missing (make all)"
grep -q 'dma attack: armed at tsc' "$WIN_ELF" || t_fail "$WIN_ELF lacks the attack"
m_image_with_entry "$T_TMP/window.img" parapet
m_image_get "$T_TMP/window.img" launch.elf "$T_TMP/shipped-launch.elf"
for f in build/launch/launch.elf "$T_TMP/shipped-launch.elf"; do
	if grep -q 'dma attack' "$f"; then t_fail "the shipped $f contains the attack code"; fi
done
m_image_put "$T_TMP/window.img" launch.elf "$WIN_ELF"

# edu with a 32-bit DMA mask: tools/qemu-args.sh's command line, its
# `-device edu` argument extended in place
eval "$(declare -f pp_qemu_args | sed '1s/^pp_qemu_args/win_orig_qemu_args/')"
# shellcheck disable=SC2317 # called by t_boot
pp_qemu_args() {
	win_orig_qemu_args "$@" || return 1
	local i
	for i in "${!PP_QEMU[@]}"; do
		[ "${PP_QEMU[$i]}" = edu ] && PP_QEMU[i]=edu,dma_mask=0xffffffff
	done
	return 0
}
# shellcheck disable=SC2034 # t_boot's (lib.sh)
T_QEMU_EXTRA=(-monitor "unix:$T_TMP/monitor.sock,server=on,wait=off")
t_boot "$T_TMP/window.img" FIRMWARE=uefi CPUS=3 IOMMU=amd TPM=tis EDU=1 MEM=1G
grep -qF -- '-device edu\,dma_mask=0xffffffff' "$T_TMP/qemu.cmd" || t_fail "QEMU started without edu's 32-bit DMA mask"
t_wait "parapet: ready"
t_expect_summary

# armed, and aimed inside module 0's copy, where the SL put the area
hex='0x[0-9a-f]+'
line=$(grep -m1 -E "^launch: dma attack: edu 00:[0-9a-f]{2}\\.0 BAR0 $hex; module 0's copy will be $hex\\+$hex\$" "$T_CONSOLE") ||
	t_fail "no line 'launch: dma attack: edu ... module 0's copy will be 0x..+0x..'"
copy=$(sed -nE "s/.*copy will be ($hex)\\+$hex\$/\\1/p" <<<"$line")
len0=$(sed -nE "s/.*copy will be $hex\\+($hex)\$/\\1/p" <<<"$line")
line=$(grep -m1 -E "^launch: dma attack: armed at tsc $hex, aimed at $hex \\(0x800 bytes\\)\$" "$T_CONSOLE") ||
	t_fail "no line 'launch: dma attack: armed at tsc 0x.., aimed at 0x.. (0x800 bytes)'"
armed=$(sed -nE "s/.*armed at tsc ($hex), .*/\\1/p" <<<"$line")
aim=$(sed -nE "s/.*aimed at ($hex) .*/\\1/p" <<<"$line")
sl_copy=$(sed -nE "s/^sl: copies: ($hex)-$hex: [0-9]+ modules, .*/\\1/p" "$T_CONSOLE")
[ -n "$sl_copy" ] || t_fail "no line 'sl: copies: 0x..-0x..: N modules, ...'"
[ $((sl_copy)) = $((copy)) ] ||
	t_fail "the attack computed the copy area at $copy, the SL put it at $sl_copy"
if [ $((aim)) -lt $((copy)) ] || [ $((aim + 0x800)) -gt $((copy + len0)) ]; then
	t_fail "the attack aimed at $aim, outside module 0's copy $copy+$len0"
fi

# the pattern nowhere in RAM: not in module 0's copy, not anywhere else
dma_monitor stop "pmemsave 0 $WIN_MEM_BYTES \"$T_TMP/mem.dump\""
[ "$(stat -c %s "$T_TMP/mem.dump")" = $((WIN_MEM_BYTES)) ] ||
	t_fail "the memory dump is not $((WIN_MEM_BYTES)) bytes"
hits=$(dma_pattern_hits "$T_TMP/mem.dump" | tr '\n' ' ') || t_fail "cannot search the memory dump"
rm -f "$T_TMP/mem.dump"
[ -z "$hits" ] ||
	t_fail "the DMA landed: the pattern is at physical [ ${hits}] (aimed at $aim, in module 0's copy $copy+$len0)"

# the measurements as if nothing had happened
m_expect_ref "$T_TMP/reference.json"

# the guard came up before the transfer could fire
guard=$(sed -nE "s/^sl: dma guard: on at tsc ($hex)( .*)?\$/\\1/p" "$T_CONSOLE")
[ -n "$guard" ] || t_fail "no line 'sl: dma guard: on at tsc 0x..' (the SL raised no DMA guard)"
mhz=$(sed -nE 's/^hv: tsc: ([0-9]+)\.([0-9]{3}) MHz .*/\1\2/p' "$T_CONSOLE")
[ -n "$mhz" ] || t_fail "no line 'hv: tsc: N.NNN MHz ...' (TSC not calibrated)"
khz=$((10#$mhz))
edu=$(sed -nE "s/^launch: dma attack: pattern loaded; the transfer took ($hex) TSC ticks \(edu's 100 ms timer\)\$/\1/p" "$T_CONSOLE")
[ -n "$edu" ] || t_fail "no line 'launch: dma attack: pattern loaded; the transfer took 0x.. TSC ticks ...'"
[ $((guard)) -gt $((armed)) ] || t_fail "the guard's tsc $guard is not after the attack's $armed"
delta=$((guard - armed))
# the window in TSC ticks by both yardsticks, the smaller one counts: the
# hypervisor's PIT calibration (after the fact) and edu's own 100 ms timer
# as launch measured it right before arming (under TCG on a loaded host
# the TSC's rate against virtual time varies from run to run)
win_hv=$((khz * WIN_WINDOW_MS))
win_edu=$((edu))
window=$((win_hv < win_edu ? win_hv : win_edu))
ms() { local us=$(($1 * 1000 / khz)); printf '%d.%03d' $((us / 1000)) $((us % 1000)); }
pct=$((delta * 100 / window))
[ $delta -lt $window ] ||
	t_fail "inconclusive: the guard came up after the DMA fired ($delta TSC ticks after it was armed: $pct% of the window; by hv: tsc $(ms $delta) ms, edu's 100 ms were $(ms $win_edu) ms)"
echo "  guard up $delta TSC ticks after the DMA was armed, $pct% of the window (hv: tsc: $(ms $delta) ms of 100; edu's 100 ms timer took $win_edu ticks = $(ms $win_edu) ms by hv: tsc)"
t_pass
