#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A TPM that stops answering after the secure loader is done: QEMU starts
# paused with a gdb stub; gdb runs it to where the hypervisor opens the TPM
# (a hardware breakpoint on hv_tpm_init: the SL has measured, released
# locality 2 and jumped; the stops the DRTM harness causes over QMP on the
# way are continued), swtpm is killed there, and the CPU goes on. QEMU then answers every TPM command with a
# fatal response (tag 0x00C4, TPM_FAIL). The hypervisor must record that
# code, mark the TPM failed and never use it again (docs/tpm.md,
# "Failures"). After this DRTM launch the policy's rollback floor cannot be
# read, so the policy is refused with that reason and nothing starts
# (docs/policy.md, "At boot": a floor that cannot be read never counts as 0).
. "$(dirname "$0")/../lib.sh"
command -v gdb >/dev/null || t_fail "gdb not installed (make deps)"
# The shipped ELF is stripped: symbols from the unstripped one, whose loaded
# bytes and addresses are the same (docs/hypervisor.md, "Debugging").
at=$(nm build/hypervisor/hypervisor.unstripped.elf | awk '$3 == "hv_tpm_init" { print $1 }')
[ -n "$at" ] || t_fail "no hv_tpm_init in build/hypervisor/hypervisor.unstripped.elf"
at=$(printf '0x%x' "0x$at")
t_gdb_stub
t_boot build/parapet.iso FIRMWARE=bios CPUS=3 IOMMU=amd TPM=tis
t_gdb_stop_at "$at" "hv_tpm_init" "shell kill -KILL $PP_SWTPM_PID"
kill -0 "$PP_SWTPM_PID" 2>/dev/null && t_fail "swtpm still alive"
t_wait "policy: no partition started; halting"
t_console
t_expect_match '^sl: launch type: emulated$'
t_expect_match '^sl: handoff: '
t_expect_match '^hv: tpm: failed: TPM2_Startup at locality 0: .*TPM_FAIL'
t_expect_match '^policy: refused: rollback: TPM failed: TPM2_Startup at locality 0: '
t_expect_absent '^measure: pcr17 '
t_expect_absent 'parapet: ready'
t_pass
