#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The Intel TXT MLE's entry (docs/drtm.md, "The MLE"; launch/sl/entry_txt.S)
# under QEMU, which has no TXT: the boot option test=txt-entry makes launch
# place build/launch/mle.bin with its page table and enter it in the state
# GETSEC[SENTER] leaves (launch/sl_enter.S), with no DRTM at all. gdb stops
# at the MLE header's entry point and QEMU's `info registers` shows that
# state: paging off, CS flat, EBX = the entry, ECX = the page table, the
# undefined segments hostile (64 KiB limits), ESP 0. The MLE must then run
# its entry on that (a use of DS or the stack before its own reload would
# fault), report what it found, parse its own header, check EBX, find no
# TXT (QEMU has no TXT configuration space), find PCR17 all 0xFF, and let
# the launch policy decide: with drtm=auto a static launch, never more;
# with drtm=strict (second boot) it halts, PCR17 capped first.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
command -v gdb >/dev/null || t_fail "gdb not installed (make deps)"
[ -f build/launch/mle.bin ] || t_fail "build/launch/mle.bin missing (make all)"
m_image_with_entry "$T_TMP/txt.img" parapet
sed 's|^\(\tmultiboot2 /boot/parapet/launch.elf.*\)$|\1 test=txt-entry|' image/grub.cfg >"$T_TMP/grub.cfg"
grep -q 'launch.elf test=txt-entry$' "$T_TMP/grub.cfg" || t_fail "no multiboot2 line to add test=txt-entry to"
grep -q 'launch.elf drtm=strict test=txt-entry$' "$T_TMP/grub.cfg" || t_fail "no strict entry to add test=txt-entry to"
m_image_cfg "$T_TMP/txt.img" "$T_TMP/grub.cfg"
# MLE header (MLE guide Table 1): EntryPoint at 0x18, linear from the MLE base
ep=$(od -An -tu4 -j24 -N4 build/launch/mle.bin | tr -d ' ')
at=$(printf '0x%x' $((0x440000 + ep)))
t_gdb_stub
t_boot "$T_TMP/txt.img" FIRMWARE=uefi CPUS=3 IOMMU=amd TPM=tis DRTM=none
t_gdb_stop_at "$at" "the MLE's entry" 'monitor info registers'
regs=$T_TMP/gdb.log
r_expect() { grep -qE -- "$1" "$regs" || t_fail "CPU at the MLE's entry: no match for '$1' (see $regs)"; }
r_expect "EBX=$(printf '%08x' $((0x440000 + ep))) "
r_expect "ECX=0043c000 "
r_expect "ESP=00000000"
r_expect "EFL=00000002 "
r_expect "^CS =0008 00000000 ffffffff 00cf9b00 "
for s in SS DS ES FS GS; do r_expect "^$s =0018 00000000 0000ffff 00009300 "; done
r_expect "^IDT= +00000000 0000ffff"
r_expect "^CR0=00000031 CR2=[0-9a-f]+ CR3=00000000 CR4=00000000"
t_wait "parapet: ready"
t_expect_summary
t_expect_match "^launch: mle: [0-9]+ bytes at 0x440000, entry $at; page table 0x43c000, 12288 bytes$"
t_expect_line 'launch: drtm: test=txt-entry: NO DRTM; entering the MLE as GETSEC[SENTER] leaves it (a test of its entry: at most a static launch)'
t_expect_match "^sl: secure loader at 0x440000, measured [0-9]+ bytes$"
# EFLAGS: ZF and PF from the entry's EBX compare, as entry_txt.S documents
t_expect_match "^sl: entry: txt: ebx $at, ecx 0x43c000, eflags 0x46, cr0 0x31, cr4 0x0, efer 0x"
t_expect_line 'sl: entry: txt: selectors as left: cs 0x8 ss 0x18 ds 0x18 es 0x18 fs 0x18 gs 0x18'
t_expect_match '^sl: launch policy: TXT not ready \(pre-DRTM\): fall back to static launch .*: launch attempted txt but no TXT configuration space \(TXT\.DIDVID 0x(0|ffffffff)\): no SENTER ran'
t_expect_line 'sl: no DRTM: continuing as a static launch'
t_expect_line 'sl: launch type: static'
t_expect_absent 'launch type: txt'
t_stop

mv "$T_SERIAL" "$T_TMP/serial-auto.log"
T_QEMU_EXTRA=() # no gdb stub this time
m_image_with_entry "$T_TMP/strict.img" strict
m_image_cfg "$T_TMP/strict.img" "$T_TMP/grub.cfg"
t_boot "$T_TMP/strict.img" FIRMWARE=uefi CPUS=1 IOMMU=amd TPM=tis DRTM=none
t_wait "PANIC: "
t_console
t_expect_line 'launch: options: drtm=strict test=txt-entry'
t_expect_match '^sl: entry: txt: ebx '"$at"', ecx 0x43c000, '
t_expect_match '^sl: launch failed: PCR17 capped'
t_expect_match '^PANIC: sl: launch policy: TXT not ready \(pre-DRTM\): halt: launch attempted txt but no TXT configuration space'
t_expect_absent 'launch type: static'
t_expect_absent 'hv: '
t_pass
