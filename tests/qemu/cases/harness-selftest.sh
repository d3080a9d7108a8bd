#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The harness must be able to fail. Boot the null kernel (it prints
# "null: ready", never "parapet: ready"), then check in subshells that
# t_wait reports a timeout for a line that never comes and a failure for
# an injected PANIC line, and that an injected GRUB error line fails
# t_expect_quiet_grub and t_expect_summary.
. "$(dirname "$0")/../lib.sh"
t_boot build/tests/null/null.iso FIRMWARE=bios CPUS=1 TPM=none
t_wait "null: ready" 30
t_expect_line "null: ready"

# expect_harness_fail PATTERN CMD...: CMD, run as a sub-test, must print a
# FAIL line matching PATTERN. The sub-test's t_fail stops QEMU (fine: the
# console file is all that is needed afterwards).
expect_harness_fail() {
	local pattern=$1 out
	shift
	out=$( (trap - EXIT; "$@") 2>&1) && t_fail "harness did not fail: $*"
	[[ "$out" == *"FAIL $T_NAME: "$pattern* ]] || t_fail "unexpected harness output: $out"
}
expect_harness_fail "timeout (2s) waiting for 'parapet: ready'" t_wait "parapet: ready" 2
printf 'PANIC: selftest: injected\r\n' >>"$T_SERIAL"
expect_harness_fail "failure on the console while waiting for 'parapet: ready': PANIC: selftest: injected" \
	t_wait "parapet: ready" 5
expect_harness_fail "missing console line 'summary: cpus online: 1'" t_expect_summary
# what GRUB EFI printed on every UEFI boot before grub.cfg set gfxpayload=text
printf '\033[0m\r\nerror: no suitable video mode found.\r\n' >>"$T_SERIAL"
expect_harness_fail "GRUB printed 'error: no suitable video mode found.'" t_expect_quiet_grub
expect_harness_fail "GRUB printed 'error: no suitable video mode found.'" t_expect_summary
t_pass
