#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A TPM that stops answering after the secure loader is done: QEMU starts
# paused with a gdb stub; gdb runs it to where the hypervisor opens the TPM
# (a hardware breakpoint on hv_tpm_init: the SL has measured, released
# locality 2 and jumped; the stops the DRTM harness causes over QMP on the
# way are continued), swtpm is killed there, and the CPU goes on. QEMU then answers every TPM command with a
# fatal response (tag 0x00C4, TPM_FAIL). The hypervisor must record that
# code, mark the TPM failed, never use it again and say so in its summary
# instead of "tpm: TIS at ..." (docs/tpm.md, "Failures").
. "$(dirname "$0")/../lib.sh"
command -v gdb >/dev/null || t_fail "gdb not installed (make deps)"
# The shipped ELF is stripped: symbols from the unstripped one, whose loaded
# bytes and addresses are the same (docs/hypervisor.md, "Debugging").
at=$(nm build/hypervisor/hypervisor.unstripped.elf | awk '$3 == "hv_tpm_init" { print $1 }')
[ -n "$at" ] || t_fail "no hv_tpm_init in build/hypervisor/hypervisor.unstripped.elf"
at=$(printf '0x%x' "0x$at")
T_QEMU_EXTRA=(-gdb "unix:$T_TMP/gdb.sock,server=on,wait=off" -S)
t_boot build/parapet.iso FIRMWARE=bios CPUS=1 IOMMU=amd TPM=tis
for _ in $(seq 100); do [ -S "$T_TMP/gdb.sock" ] && break; sleep 0.05; done
cat >"$T_TMP/gdb.cmd" <<GDB
set pagination off
set confirm off
target remote $T_TMP/gdb.sock
hbreak *$at
continue
while \$pc != $at
  continue
end
printf "stopped at %#lx\\n", \$pc
shell kill -KILL $PP_SWTPM_PID
delete
detach
GDB
timeout 120 gdb -batch -nx -x "$T_TMP/gdb.cmd" >"$T_TMP/gdb.log" 2>&1 ||
	t_fail "gdb failed: $(tail -n2 "$T_TMP/gdb.log" | tr '\n' ' ')"
grep -q "^stopped at $at\$" "$T_TMP/gdb.log" ||
	t_fail "gdb never stopped at hv_tpm_init ($at): $(tail -n1 "$T_TMP/gdb.log")"
kill -0 "$PP_SWTPM_PID" 2>/dev/null && t_fail "swtpm still alive"
t_wait "parapet: ready"
t_console
t_expect_match '^sl: launch type: emulated$'
t_expect_match '^sl: handoff: '
t_expect_match '^summary: tpm: failed: .+'
t_expect_absent 'summary: tpm: TIS at'
t_expect_absent '^measure: pcr17 '
t_pass
