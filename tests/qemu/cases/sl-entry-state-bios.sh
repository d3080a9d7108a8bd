#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The emulated DRTM enters the secure loader in the state SKINIT leaves
# (docs/drtm.md, "The emulated entry"; launch/sl_enter.S). QEMU starts
# paused with a gdb stub; gdb runs it to a hardware breakpoint on the SL's
# first instruction (SLB base + entry offset: the stops the DRTM harness
# causes over QMP on the way are continued) and dumps the CPU there with
# QEMU's `info registers`: the hidden segment state no software can read.
# Then the boot goes on, and what the SL itself saw and tested must agree:
# EFLAGS, CR0/CR4/EFER, IDTR, the selectors, and GIF (a self-NMI held
# pending until STGI). The SL still launches, to the reference PCRs.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
command -v gdb >/dev/null || t_fail "gdb not installed (make deps)"
m_iso_copy "$T_TMP/parapet.iso"
off=$(od -An -tu2 -N2 build/launch/sl.bin | tr -d ' ')
at=$(printf '0x%x' $((0x400000 + off)))
t_gdb_stub
t_boot "$T_TMP/parapet.iso" FIRMWARE=bios CPUS=3 IOMMU=amd TPM=tis
t_gdb_stop_at "$at" "the SL's entry" 'monitor info registers'
regs=$T_TMP/gdb.log
r_expect() { grep -qE -- "$1" "$regs" || t_fail "CPU at the SL's entry: no match for '$1' (see $regs)"; }
r_expect "EAX=00400000 "
r_expect "ESP=00410000"
r_expect "EFL=00000002 "
r_expect "^CS =0008 00000000 ffffffff 00cf9b00 "
r_expect "^SS =0010 00000000 ffffffff 00cf9300 "
for s in DS ES FS GS; do r_expect "^$s =[0-9a-f]{4} 00000000 0000ffff 00009300 "; done
r_expect "^GDT= +00000000 0000ffff"
r_expect "^IDT= +00000000 0000ffff"
r_expect "^CR0=00000011 CR2=[0-9a-f]+ CR3=00000000 CR4=00000000"
r_expect "^EFER=0000000000001000"
t_wait "parapet: ready"
t_expect_summary
t_expect_line 'sl: entry: eflags 0x2, cr0 0x11, cr4 0x0, efer 0x1000, edx 0x'"$(grep -oE 'EDX=[0-9a-f]+' "$regs" | head -1 | cut -d= -f2 | sed 's/^0*//')"
t_expect_match '^sl: entry: idtr base 0x0 limit 0xffff; cs 0x8 ss 0x10 ds 0x18 es 0x18 fs 0x18 gs 0x18$'
t_expect_line 'sl: entry: gif clear: a self-NMI stays pending'
t_expect_line 'sl: gif set (STGI): 1 NMI arrived, the self-NMI held pending since entry'
m_expect_ref "$T_TMP/reference.json"
t_pass
