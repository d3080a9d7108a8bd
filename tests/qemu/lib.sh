# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# The QEMU integration-test harness (docs/testing.md). Every test in
# tests/qemu/cases/ is a bash script that sources this file, boots one
# virtual machine with t_boot, waits with t_wait and asserts on the serial
# console (docs/console.md) with t_expect_*; it ends with t_pass. Each test
# has its own temp dir, swtpm (unix socket, no TCP), OVMF_VARS copy and
# serial log. QEMU and swtpm are ended by PID however the test ends; the
# temp dir is removed on success and kept (path and console tail printed)
# on failure.
#
# Output: one line "PASS <name> (<secs>s)" or "FAIL <name>: <reason>".
# Environment: QEMU_TEST_TIMEOUT (seconds per wait, default 120),
# QEMU_TEST_KEEP=1 keeps the temp dir of passing tests too.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
. tools/qemu-args.sh

T_NAME=$(basename "$0" .sh)
T_TIMEOUT=${QEMU_TEST_TIMEOUT:-120}
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/parapet-qemu-$T_NAME.XXXXXX")
T_SERIAL=$T_TMP/serial.log
T_START=$(date +%s%N)
T_DONE=0
T_QEMU_PID='' PP_SWTPM_PID=''

t_elapsed() { printf '%d.%d' $((($(date +%s%N) - T_START) / 1000000000)) \
	$((($(date +%s%N) - T_START) / 100000000 % 10)); }

t_stop() {
	pp_kill_pid "$T_QEMU_PID"
	pp_kill_pid "$PP_SWTPM_PID"
	T_QEMU_PID='' PP_SWTPM_PID=''
}

t_cleanup() {
	local rc=$?
	trap - EXIT INT TERM HUP
	t_stop
	if [ "$T_DONE" = pass ]; then
		if [ "${QEMU_TEST_KEEP:-0}" = 1 ]; then echo "  kept $T_TMP"; else rm -rf "$T_TMP"; fi
	elif [ "$T_DONE" != fail ]; then
		echo "FAIL $T_NAME: interrupted or harness error (exit $rc; kept $T_TMP)"
		rc=1
	fi
	exit "$rc"
}
trap t_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# The serial log without CRs and escape codes, for assertions: written to
# $T_TMP/console.txt (grep a file, not a pipe: with pipefail, grep -q
# closing a pipe early would count as a failure).
T_CONSOLE=$T_TMP/console.txt
t_console() {
	if [ -f "$T_SERIAL" ]; then pp_serial_clean "$T_SERIAL" >"$T_CONSOLE"; else : >"$T_CONSOLE"; fi
}

t_fail() {
	T_DONE=fail
	t_stop
	echo "FAIL $T_NAME: $* ($(t_elapsed)s; kept $T_TMP)"
	echo "  --- console tail ($T_SERIAL) ---"
	t_console
	tail -n 25 "$T_CONSOLE" | sed 's/^/  | /'
	if [ -s "$T_TMP/qemu.log" ] && grep -qv "TCG doesn't support" "$T_TMP/qemu.log"; then
		echo "  --- QEMU stderr ---"
		grep -v "TCG doesn't support" "$T_TMP/qemu.log" | tail -n 10 | sed 's/^/  | /'
	fi
	exit 1
}

t_pass() {
	T_DONE=pass
	t_stop
	echo "PASS $T_NAME ($(t_elapsed)s)"
	exit 0
}

# t_boot MEDIA [FIRMWARE=..] [IOMMU=..] [CPUS=..] [MEM=..] [TPM=..] [EDU=..]
# Starts swtpm (unless TPM=none) and QEMU in the background.
t_boot() {
	local media=$1 kv
	shift
	FIRMWARE=uefi IOMMU=amd CPUS=4 MEM=1G TPM=tis EDU=0
	for kv in "$@"; do
		case "$kv" in
		FIRMWARE=* | IOMMU=* | CPUS=* | MEM=* | TPM=* | EDU=*) eval "${kv%%=*}=\${kv#*=}" ;;
		*) t_fail "t_boot: unknown setting $kv" ;;
		esac
	done
	local why
	why=$(pp_config_check 2>&1) || t_fail "bad configuration: $why"
	pp_config_check
	[ -f "$media" ] || t_fail "boot medium $media missing (make all)"
	if [ "$TPM" != none ]; then
		pp_swtpm_start "$T_TMP/tpm" "$T_TMP/swtpm.sock" "$T_TMP/swtpm.log" ||
			t_fail "swtpm did not start"
	fi
	pp_qemu_args "$media" "$T_TMP/OVMF_VARS_4M.fd" "$T_TMP/swtpm.sock" ||
		t_fail "cannot build the QEMU command line"
	printf '%q ' "${PP_QEMU[@]}" >"$T_TMP/qemu.cmd"
	: >"$T_SERIAL"
	"${PP_QEMU[@]}" -serial "file:$T_SERIAL" </dev/null 2>"$T_TMP/qemu.log" &
	T_QEMU_PID=$!
}

# t_wait TEXT [SECONDS]: poll the console until a line contains TEXT.
# Fails the test on a PANIC:/EXCEPTION: line (unless TEXT is one), when
# QEMU exits, or after the timeout.
t_wait() {
	local text=$1 limit=${2:-$T_TIMEOUT} deadline watch_fail=1
	case "$text" in PANIC:* | EXCEPTION:*) watch_fail=0 ;; esac
	deadline=$((SECONDS + limit))
	while :; do
		if grep -qF -- "$text" "$T_SERIAL"; then
			sleep 0.2 # let the rest of the line(s) arrive
			return 0
		fi
		if [ $watch_fail = 1 ] && grep -qE '(PANIC|EXCEPTION): ' "$T_SERIAL"; then
			sleep 0.5
			t_console
			t_fail "failure on the console while waiting for '$text': $(grep -m1 -E '(PANIC|EXCEPTION): ' "$T_CONSOLE")"
		fi
		if ! kill -0 "$T_QEMU_PID" 2>/dev/null; then
			t_fail "QEMU exited before '$text'"
		fi
		[ $SECONDS -lt $deadline ] || t_fail "timeout (${limit}s) waiting for '$text'"
		sleep 0.05
	done
}

# t_wait_none TEXT SECONDS: succeed only if TEXT does NOT appear in time
# (used by the harness self-test to prove a missing line is noticed).
t_wait_none() {
	local text=$1 limit=$2 deadline=$((SECONDS + $2))
	while [ $SECONDS -lt $deadline ]; do
		grep -qF -- "$text" "$T_SERIAL" && t_fail "'$text' appeared"
		sleep 0.1
	done
}

t_expect_line() {
	t_console
	grep -qxF -- "$1" "$T_CONSOLE" || t_fail "missing console line '$1'"
}

t_expect_match() {
	t_console
	grep -qE -- "$1" "$T_CONSOLE" || t_fail "no console line matching /$1/"
}

t_expect_absent() {
	t_console
	if grep -qF -- "$1" "$T_CONSOLE"; then t_fail "unexpected console text '$1'"; fi
}

# The end-of-boot summary (docs/console.md) must describe the machine
# t_boot started: CPU count, IOMMU and TPM, then the ready line.
t_expect_summary() {
	t_expect_line "summary: cpus online: $CPUS"
	t_expect_match '^summary: memory usable: [0-9]+ MiB$'
	case "$IOMMU" in
	amd) t_expect_line "summary: iommu: AMD-Vi at 0xfed80000" ;;
	intel) t_expect_line "summary: iommu: VT-d at 0xfed90000" ;;
	none) t_expect_line "summary: iommu: none" ;;
	esac
	case "$TPM" in
	tis) t_expect_line "summary: tpm: TIS at 0xfed40000" ;;
	crb) t_expect_line "summary: tpm: CRB at 0xfed40000" ;;
	none) t_expect_line "summary: tpm: none" ;;
	esac
	t_expect_line "parapet: ready"
	t_expect_absent "PANIC: "
	t_expect_absent "EXCEPTION: "
}

# Boot Parapet with the given settings and check the whole summary.
t_boot_parapet() {
	local media=build/parapet.img kv
	for kv in "$@"; do [ "$kv" = FIRMWARE=bios ] && media=build/parapet.iso; done
	t_boot "$media" "$@"
	t_wait "parapet: ready"
	t_expect_summary
}
