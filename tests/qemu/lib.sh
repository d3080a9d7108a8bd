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
# QEMU_TEST_KEEP=1 keeps the temp dir of passing tests too, QEMU_TEST_DRTM=none
# makes DRTM=none the default of t_boot (A/B runs without the harness).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
. tools/qemu-args.sh

T_NAME=$(basename "$0" .sh)
T_TIMEOUT=${QEMU_TEST_TIMEOUT:-120}
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/parapet-qemu-$T_NAME.XXXXXX")
T_SERIAL=$T_TMP/serial.log
T_DRTM_LOG=$T_TMP/drtm-harness.log
T_DRTM_RESULT=$T_TMP/drtm-result.txt
T_DRTM_SLB=$T_TMP/slb.bin
T_START=$(date +%s%N)
T_DONE=0
T_QEMU_PID='' PP_SWTPM_PID='' PP_DRTM_PID=''
T_QEMU_EXTRA=()
# The partitions of the policy the boot enforces, in id order, as
# NAME:CPU:CAPABILITIES[:LOAD:ENTRY] (the flat image's load address and the
# entry, default 0x100000 and 0x100040): the default signed policy (policy/appliance.pol);
# a test that boots another policy sets its own (tests/qemu/attack-lib.sh).
# t_expect_summary checks each one's `built:` line (its ASID is its index
# + 2), t_boot_parapet the CPU count they need.
T_PARTS=(service:0:4 work-a:1:2 work-b:2:2)

t_elapsed() { printf '%d.%d' $((($(date +%s%N) - T_START) / 1000000000)) \
	$((($(date +%s%N) - T_START) / 100000000 % 10)); }

t_stop() {
	pp_kill_pid "$T_QEMU_PID"
	pp_kill_pid "$PP_DRTM_PID"
	pp_kill_pid "$PP_SWTPM_PID"
	# the host TCP service of tests/qemu/linux-lib.sh, when one runs
	pp_kill_pid "${LINUX_TCP_PID:-}"
	T_QEMU_PID='' PP_SWTPM_PID='' PP_DRTM_PID=''
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
	if [ -s "$T_DRTM_LOG" ]; then
		echo "  --- DRTM harness log tail ($T_DRTM_LOG) ---"
		tail -n 10 "$T_DRTM_LOG" | sed 's/^/  | /'
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
#        [DRTM=emulated|none] [TPMBANKS=all|LIST] [AGENT=0|1] [EKCERT=0|1]
# AGENT=1: the attestation agent's serial line (COM3, 0x3e8) as the Unix
# socket $T_TMP/agent.sock (tests/qemu/attest-lib.sh); EKCERT=1: the fresh
# TPM is manufactured with an EK certificate from a local CA whose bundle
# is $T_TMP/ca/ca-bundle.pem (pp_swtpm_manufacture, about 1 s).
# Starts swtpm (unless TPM=none) on a fresh state in $T_TMP/tpm with the
# banks TPMBANKS asks for (default all: swtpm's sha1 sha256 sha384 sha512;
# LIST, e.g. sha1,sha256: provisioned by swtpm_setup), the emulated-DRTM
# harness (with a TPM, unless DRTM=none; its files are in $T_TMP, see
# t_drtm_*) and QEMU in the background.
t_boot() {
	local media=$1 kv
	shift
	FIRMWARE=uefi IOMMU=amd CPUS=4 MEM=1G TPM=tis EDU=0 DRTM=${QEMU_TEST_DRTM:-emulated}
	TPMBANKS=all AGENT=0 EKCERT=0
	for kv in "$@"; do
		case "$kv" in
		FIRMWARE=* | IOMMU=* | CPUS=* | MEM=* | TPM=* | EDU=* | DRTM=* | TPMBANKS=* | AGENT=* | EKCERT=*)
			eval "${kv%%=*}=\${kv#*=}"
			;;
		*) t_fail "t_boot: unknown setting $kv" ;;
		esac
	done
	local why
	why=$(pp_config_check 2>&1) || t_fail "bad configuration: $why"
	pp_config_check
	[ -f "$media" ] || t_fail "boot medium $media missing (make all)"
	if [ "$TPM" != none ]; then
		# every boot a fresh TPM, even the second of a test, unless the test
		# sets T_KEEP_TPM=1 (a TPM whose NV state carries over, e.g. the floor)
		[ "${T_KEEP_TPM:-0}" = 1 ] || rm -rf "$T_TMP/tpm"
		if [ "$EKCERT" = 1 ]; then
			pp_swtpm_manufacture "$T_TMP/tpm" "$T_TMP/ca" "$T_TMP/tpm-setup.log" ||
				t_fail "the TPM could not be manufactured with an EK certificate"
		fi
		pp_swtpm_start "$T_TMP/tpm" "$T_TMP/swtpm.sock" "$T_TMP/swtpm.log" ||
			t_fail "swtpm did not start"
		pp_drtm_start "$T_TMP" "$T_TMP" "$T_TMP/swtpm.sock" ||
			t_fail "the DRTM harness did not start"
	fi
	PP_AGENT_SOCK=''
	[ "$AGENT" = 1 ] && PP_AGENT_SOCK=$T_TMP/agent.sock
	pp_qemu_args "$media" "$T_TMP/OVMF_VARS_4M.fd" "$T_TMP/swtpm.sock" ||
		t_fail "cannot build the QEMU command line"
	# a test's own extra QEMU arguments (e.g. a gdb stub), set before t_boot
	PP_QEMU+=("${T_QEMU_EXTRA[@]}")
	printf '%q ' "${PP_QEMU[@]}" >"$T_TMP/qemu.cmd"
	: >"$T_SERIAL"
	"${PP_QEMU[@]}" -serial "file:$T_SERIAL" </dev/null 2>"$T_TMP/qemu.log" &
	T_QEMU_PID=$!
}

# t_gdb_stub: call before t_boot; QEMU starts halted with a gdb stub on
# $T_TMP/gdb.sock (t_gdb_stop_at attaches to it and lets the guest run).
t_gdb_stub() {
	T_QEMU_EXTRA=(-gdb "unix:$T_TMP/gdb.sock,server=on,wait=off" -S)
}

# t_gdb_stop_at ADDR WHAT [GDB-COMMAND...]: after t_boot with t_gdb_stub,
# run the guest to a hardware breakpoint at ADDR (skipping stops elsewhere),
# run the GDB-COMMANDs there, detach and let it go on. The log, with a
# "stopped at ADDR" line, is $T_TMP/gdb.log. Fails the test when gdb fails
# or never stops at ADDR (WHAT names it in the message).
t_gdb_stop_at() {
	local at=$1 what=$2 _
	shift 2
	for _ in $(seq 100); do [ -S "$T_TMP/gdb.sock" ] && break; sleep 0.05; done
	{
		printf '%s\n' 'set pagination off' 'set confirm off' \
			"target remote $T_TMP/gdb.sock" "hbreak *$at" continue \
			"while \$pc != $at" '  continue' end \
			"printf \"stopped at %#lx\\n\", \$pc" "$@" delete detach
	} >"$T_TMP/gdb.cmd"
	timeout 120 gdb -batch -nx -x "$T_TMP/gdb.cmd" >"$T_TMP/gdb.log" 2>&1 ||
		t_fail "gdb failed: $(tail -n2 "$T_TMP/gdb.log" | tr '\n' ' ')"
	grep -q "^stopped at $at\$" "$T_TMP/gdb.log" ||
		t_fail "gdb never stopped at $what ($at): $(tail -n1 "$T_TMP/gdb.log")"
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

# --- The emulated-DRTM harness (docs/drtm.md, docs/testing.md) ---
# $T_DRTM_LOG, $T_DRTM_SLB (the 64 KiB it read) and $T_DRTM_RESULT (one
# "key value" per line: slb_base, entry_offset, measured_len, measured,
# slb_<bank>, pcr17_<bank>_expected, pcr17_<bank>_read, pcr18_<bank>_zero,
# status ok|error, error).

# t_drtm_wait [SECONDS]: wait until the harness has answered a request
# (its result file has a status line).
t_drtm_wait() {
	local limit=${1:-$T_TIMEOUT} deadline
	deadline=$((SECONDS + limit))
	while ! grep -q '^status ' "$T_DRTM_RESULT" 2>/dev/null; do
		kill -0 "$T_QEMU_PID" 2>/dev/null || t_fail "QEMU exited before the emulated SKINIT"
		[ $SECONDS -lt $deadline ] || t_fail "timeout (${limit}s): no emulated SKINIT request reached the harness"
		sleep 0.1
	done
}

# t_drtm_value KEY: a value from the result file (empty if absent).
t_drtm_value() {
	sed -n "s/^$1 //p" "$T_DRTM_RESULT" 2>/dev/null | head -n 1
}

t_drtm_expect_log() {
	grep -qF -- "$1" "$T_DRTM_LOG" || t_fail "DRTM harness log lacks '$1'"
}

# The harness measured the SLB and read back, in every bank it checked,
# PCR17 == H(0^n || H(SLB[0:len])); the sha256 value is recomputed here
# from the SLB dump with OpenSSL, independently of the harness's code.
t_drtm_expect_measured() {
	local st len want got
	st=$(t_drtm_value status)
	[ "$st" = ok ] || t_fail "DRTM harness status '$st': $(t_drtm_value error)"
	[ "$(t_drtm_value measured)" = yes ] || t_fail "DRTM harness did not measure the SLB"
	len=$(t_drtm_value measured_len)
	if [ -z "$len" ] || [ ! -s "$T_DRTM_SLB" ]; then t_fail "DRTM harness left no SLB dump"; fi
	want=$( {
		head -c 32 /dev/zero
		head -c "$len" "$T_DRTM_SLB" | openssl dgst -sha256 -binary
	} | openssl dgst -sha256 -r | cut -d' ' -f1)
	got=$(t_drtm_value pcr17_sha256_read)
	[ "$got" = "$want" ] || t_fail "PCR17 sha256 read back '$got', H(0||H(SLB)) = '$want'"
	t_drtm_expect_log "drtm-harness: pcr17 sha256 $want == H(0||H(SLB)) ok"
	[ "$(t_drtm_value pcr18_sha256_zero)" = yes ] || t_fail "PCR18 sha256 not zero after the hash sequence"
	if grep -q 'MISMATCH' "$T_DRTM_LOG"; then t_fail "DRTM harness logged a PCR17 mismatch"; fi
}

# GRUB printed no error and no warning: a good boot shows none. GRUB EFI
# writes to the firmware console, which OVMF mirrors to COM1, so its
# `error: ...` and `WARNING: ...` lines are in the console log (every
# Parapet line begins with its component instead: docs/console.md).
# i386-pc GRUB prints nothing on COM1, so BIOS boots pass trivially.
t_expect_quiet_grub() {
	local line
	t_console
	line=$(grep -m1 -E '^(error|WARNING): ' "$T_CONSOLE") || return 0
	t_fail "GRUB printed '$line' (docs/image.md: a good boot shows no GRUB message)"
}

# The end-of-boot summary (docs/console.md) must describe the machine
# t_boot started: CPU count, IOMMU and TPM, then the ready line; and GRUB
# printed no error or warning before it.
t_expect_summary() {
	t_expect_quiet_grub
	t_expect_line "summary: cpus online: $CPUS"
	t_expect_match '^summary: memory usable: [0-9]+ MiB$'
	case "$IOMMU" in
	amd) t_expect_line "summary: iommu: AMD-Vi at 0xfed80000" ;;
	intel) t_expect_line "summary: iommu: VT-d at 0xfed90000" ;;
	none) t_expect_line "summary: iommu: none" ;;
	esac
	# the secure loader's DMA guard before any copy, and the hypervisor
	# taking the unit over without disabling it (docs/launch.md, "DMA guard")
	case "$IOMMU" in
	amd) t_expect_line "sl: dma guard: AMD-Vi at 0xfed80000: every device blocked"
	     t_expect_line "hv: dma: AMD-Vi at 0xfed80000 taken over from the secure loader, every device blocked" ;;
	intel) t_expect_line "sl: dma guard: VT-d at 0xfed90000: every device blocked"
	       t_expect_line "hv: dma: VT-d at 0xfed90000 taken over from the secure loader, every device blocked" ;;
	none) t_expect_line "sl: dma guard: no IOMMU in the ACPI tables: devices are not blocked" ;;
	esac
	t_expect_match '^sl: dma guard: on at tsc 0x[0-9a-f]+$'
	case "$TPM" in
	tis) t_expect_line "summary: tpm: TIS at 0xfed40000" ;;
	crb) t_expect_line "summary: tpm: CRB at 0xfed40000" ;;
	none) t_expect_line "summary: tpm: none" ;;
	esac
	# the signed appliance policy: a slot chosen by the slot rule
	# (docs/policy-update.md), verified and enforced (docs/policy.md, "At boot")
	t_expect_match '^policy: slot [ab]: usable: "appliance" version [0-9]+ epoch [0-9]+$'
	t_expect_match '^policy: enforcing slot [ab] \((trial [1-3] of 3|confirmed|static launch: no slot record, not rollback-protected)\)$'
	t_expect_match '^policy: verified: "appliance" version [0-9]+ epoch [0-9]+ platform "BOCHS/BXPC", signed by the policy key [0-9a-f]{16}$'
	# the verdict in PCR 18 (docs/policy-update.md), unless nothing was measured
	t_expect_match '^policy: verdict "enforced: slot [ab]": (PCR 18 extended, DRTM log event 0x60a|not recorded: no DRTM log \(the launch measured nothing\))$'
	t_expect_match "^policy: machine: platform \"BOCHS/BXPC\", $CPUS CPUs, [0-9]+ PCI functions, "
	t_expect_line "policy: in force: ${#T_PARTS[@]} partition(s)"
	# every partition built from it (docs/partitions.md), where the CPU has
	# SVM with nested paging (else `partitions: none started: WHY`) and the
	# boot carries its `pd NAME` module (else `partition NAME: not started:
	# WHY`); the policy is confirmed only when all were built, otherwise it
	# could not be shown to work on this machine
	local ent name cpu caps load entry asid=2 built=0 none=0
	grep -qE '^partitions: none started: ' "$T_CONSOLE" && none=1
	for ent in "${T_PARTS[@]}"; do
		IFS=: read -r name cpu caps load entry <<<"$ent"
		if [ $none = 0 ] && grep -q "^partition $name: built: " "$T_CONSOLE"; then
			t_expect_match "^partition $name: built: cpu $cpu( \\(slice [0-9]+ of [0-9]+ us\\))?, [0-9]+ region\\(s\\), image flat at ${load:-0x100000} \\([0-9]+ bytes\\), entry ${entry:-0x100040}, $caps capabilities, asid $asid\$"
			built=$((built + 1))
		elif [ $none = 0 ]; then
			t_expect_match "^partition $name: not started: "
		fi
		asid=$((asid + 1))
	done
	if [ $built -lt ${#T_PARTS[@]} ]; then
		t_expect_line "policy: not confirmed: $built of ${#T_PARTS[@]} partition(s) started"
		t_expect_absent "policy: confirmed"
	elif grep -q '^policy: rollback floor: not checked' "$T_CONSOLE"; then
		# a DRTM boot checks the TPM rollback floor and raises it at ready; a
		# static one (no TPM, no locality 2) says it is not rollback-protected
		t_expect_line "policy: confirmed without a rollback floor (not rollback-protected)"
	else
		t_expect_match '^policy: rollback floor [0-9]+ \(NV counter 0x01500a00\): epoch [0-9]+ accepted$'
		t_expect_match '^policy: confirmed: slot [ab], epoch [0-9]+, rollback floor (stays [0-9]+|raised from [0-9]+ to [0-9]+)$'
	fi
	t_expect_line "parapet: ready"
	t_expect_absent "PANIC: "
	t_expect_absent "EXCEPTION: "
}

# t_policy_cpus: how many CPUs the partitions of T_PARTS need (the highest
# policy CPU + 1): a machine with fewer is refused by the machine rule.
t_policy_cpus() {
	local ent name cpu caps n=0
	for ent in "${T_PARTS[@]}"; do
		IFS=: read -r name cpu caps <<<"$ent"
		[ $((cpu + 1)) -gt $n ] && n=$((cpu + 1))
	done
	echo $n
}

# The machine t_boot started has fewer CPUs than the policy names: both
# slots are refused by the machine rule cpu-set, naming the first partition
# (in id order) whose CPU it lacks, with the message `parapet policy check
# --machine` gives offline (docs/policy.md, "At boot"); the refusal is in
# PCR 18 when the launch measured (DRTM); nothing is built, the boot never
# reaches ready.
t_expect_machine_refusal() {
	local ent name cpu caps why=''
	for ent in "${T_PARTS[@]}"; do
		IFS=: read -r name cpu caps <<<"$ent"
		if [ "$cpu" -ge "$CPUS" ]; then
			why="rule cpu-set: partition \"$name\": cpu $cpu, this machine has $CPUS"
			break
		fi
	done
	[ -n "$why" ] || t_fail "t_expect_machine_refusal: the policy fits $CPUS CPUs"
	t_expect_quiet_grub
	t_expect_match "^policy: machine: platform \"BOCHS/BXPC\", $CPUS CPUs, [0-9]+ PCI functions, "
	t_expect_line "policy: slot a: not usable: $why"
	t_expect_line "policy: slot b: not usable: $why"
	t_expect_line "policy: refused: slot: a: $why; b: $why"
	t_expect_match '^policy: verdict "refused": (PCR 18 extended, DRTM log event 0x60a|not recorded: no DRTM log \(the launch measured nothing\))$'
	t_expect_line "policy: no partition started; halting"
	t_expect_absent "policy: in force"
	if grep -qE '^(partition |partitions: )' "$T_CONSOLE"; then
		t_fail "a partition line after the refusal: $(grep -m1 -E '^(partition |partitions: )' "$T_CONSOLE")"
	fi
	t_expect_absent "summary: "
	t_expect_absent "parapet: ready"
	t_expect_absent "PANIC: "
	t_expect_absent "EXCEPTION: "
}

# Boot Parapet with the given settings and check the whole summary; on a
# machine with fewer CPUs than the default policy needs, its precise
# refusal instead.
t_boot_parapet() {
	local media=build/parapet.img kv
	for kv in "$@"; do [ "$kv" = FIRMWARE=bios ] && media=build/parapet.iso; done
	t_boot "$media" "$@"
	if [ "$CPUS" -lt "$(t_policy_cpus)" ]; then
		t_wait "policy: no partition started; halting"
		t_expect_machine_refusal
	else
		t_wait "parapet: ready"
		t_expect_summary
	fi
}
