#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make run`: boot Parapet in QEMU with a private software TPM, console on
# this terminal. docs/running.md describes every knob:
#   FIRMWARE=uefi|bios  IOMMU=amd|intel|none  CPUS=N  MEM=1G  TPM=tis|crb|none
#   TPMBANKS=sha256     the TPM's active PCR banks: a comma-separated list
#                       of sha1, sha256, sha384, sha512, or all
#   EDU=1|0             DRTM=emulated|none (the emulated-DRTM harness
#                       between QEMU and swtpm; its log, result and SLB
#                       dump go to build/run/drtm-harness.log,
#                       drtm-result.txt, slb.bin)
#                       RUN_EXIT=1 (stop after "parapet: ready", exit 0;
#                       exit 1 on PANIC:/EXCEPTION:/timeout)
#   RUN_TIMEOUT=300     seconds RUN_EXIT waits for the ready line
#   RUN_MEDIA=FILE      boot another image/ISO (e.g. build/tests/null/null.img)
#   RUN_READY=TEXT      ready line to wait for with RUN_EXIT (parapet: ready)
#   RUN_GDB=PORT        QEMU starts halted with a gdb stub on 127.0.0.1:PORT
#                       (docs/hypervisor.md, "Debugging")
#
# The TPM's state lives in build/tpm/ and survives reruns (the same EK, as
# on a real machine); OVMF's variable store is a fresh copy every run so
# that firmware measurements repeat. Whatever way this script ends, it
# stops the QEMU, DRTM harness and swtpm it started (by PID) and removes
# its temp dir.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/qemu-args.sh

TPMBANKS=${TPMBANKS:-sha256} # swtpm_setup's default (a fresh swtpm has all four)
pp_config_check || exit 2
RUN_EXIT=${RUN_EXIT:-0}
RUN_TIMEOUT=${RUN_TIMEOUT:-300}
RUN_READY=${RUN_READY:-parapet: ready}
if [ -n "${RUN_MEDIA:-}" ]; then
	media=$RUN_MEDIA
elif [ "$FIRMWARE" = uefi ]; then
	media=build/parapet.img
else
	media=build/parapet.iso
fi
[ -f "$media" ] || pp_die "$media missing: run 'make image' (or 'make run')"

tpmdir=build/tpm
rundir=build/run
mkdir -p "$rundir"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/parapet-run.XXXXXX")
qemu_pid='' PP_SWTPM_PID='' PP_DRTM_PID='' tty_state=''
[ -t 0 ] && tty_state=$(stty -g 2>/dev/null || true)

# shellcheck disable=SC2317 # run by the traps
cleanup() {
	local rc=$?
	trap - EXIT INT TERM HUP
	pp_kill_pid "$attest_pid"
	pp_kill_pid "$qemu_pid"
	pp_kill_pid "$PP_DRTM_PID"
	pp_kill_pid "$PP_SWTPM_PID"
	[ -n "$tty_state" ] && stty "$tty_state" 2>/dev/null
	rm -rf "$tmp"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# First run: manufacture the TPM (EK + platform certificates from a
# private local CA kept next to the state, pp_swtpm_manufacture) with the
# banks TPMBANKS asks for, so later runs see the same identity
# (pp_swtpm_start changes the banks of this state when TPMBANKS changes,
# keeping the EK). If swtpm_setup fails, pp_swtpm_start makes a TPM
# without certificates.
setup_tpm() {
	[ -e "$tpmdir/state/tpm2-00.permall" ] && return 0
	echo "parapet: creating the TPM in $tpmdir/state (once; EK certificate from $tpmdir/ca; banks $TPMBANKS)"
	pp_swtpm_manufacture "$tpmdir/state" "$tpmdir/ca" "$tpmdir/setup.log" ||
		echo "parapet: swtpm_setup failed (see $tpmdir/setup.log); using a TPM without EK certificate"
}

sock=$tmp/swtpm.sock
# The attestation agent's line (docs/attest-agent.md): make run attests the
# appliance once its agent is up (tools/run-attest.sh); RUN_ATTEST=0 skips.
RUN_ATTEST=${RUN_ATTEST:-1}
[ "$TPM" = none ] && RUN_ATTEST=0
attest_pid=''
[ "$RUN_ATTEST" = 1 ] && export PP_AGENT_SOCK=$tmp/agent.sock
if [ "$TPM" != none ]; then
	setup_tpm
	# pp_swtpm_start provisions the policy rollback floor (docs/tpm-nv-floor.md).
	pp_swtpm_start "$tpmdir/state" "$sock" "$rundir/swtpm.log" || exit 1
	pp_drtm_start "$rundir" "$tmp" "$sock" || exit 1
fi
vars=$rundir/OVMF_VARS_4M.fd
rm -f "$vars"
pp_qemu_args "$media" "$vars" "$sock" || exit 2
if [ -n "${RUN_GDB:-}" ]; then
	[[ "$RUN_GDB" =~ ^[1-9][0-9]*$ ]] && [ "$RUN_GDB" -le 65535 ] ||
		pp_die "RUN_GDB=$RUN_GDB: use a TCP port number"
	PP_QEMU+=(-gdb "tcp:127.0.0.1:$RUN_GDB" -S)
	echo "parapet: QEMU waits for gdb: target remote 127.0.0.1:$RUN_GDB (docs/hypervisor.md)"
fi

echo "parapet: run $(pp_config_banner) media=$media"
serial=$rundir/serial.log
: >"$serial"
if [ "$RUN_EXIT" = 1 ]; then
	"${PP_QEMU[@]}" -serial "file:$serial" </dev/null 2>"$rundir/qemu.log" &
	qemu_pid=$!
	start=$SECONDS
	result='' shown=0
	# Echo the console as it grows, without the firmware's escape codes.
	show_new() {
		local size
		size=$(stat -c %s "$serial")
		[ "$size" -gt "$shown" ] || return 0
		tail -c +$((shown + 1)) "$serial" | head -c $((size - shown)) | pp_serial_clean -
		shown=$size
	}
	while [ -z "$result" ]; do
		show_new
		if grep -qF "$RUN_READY" "$serial"; then
			result=ready
		elif grep -qE '(PANIC|EXCEPTION): ' "$serial"; then
			result=failure
		elif ! kill -0 "$qemu_pid" 2>/dev/null; then
			result='QEMU exited'
		elif [ $((SECONDS - start)) -ge "$RUN_TIMEOUT" ]; then
			result="timeout after ${RUN_TIMEOUT}s"
		else
			sleep 0.05
		fi
	done
	sleep 0.1
	show_new
	if [ "$result" = ready ]; then
		echo "parapet: run: reached '$RUN_READY' after $((SECONDS - start))s"
		if [ "$RUN_ATTEST" = 1 ]; then
			rc=0
			tools/run-attest.sh "$serial" "$PP_AGENT_SOCK" "$RUN_TIMEOUT" || rc=$?
			show_new
			echo "parapet: run: attested (exit status $rc), stopping"
			exit "$rc"
		fi
		echo "parapet: run: stopping"
		exit 0
	fi
	echo "parapet: run: $result (console log $serial, QEMU log $rundir/qemu.log)" >&2
	grep -v "TCG doesn't support" "$rundir/qemu.log" >&2 || true
	exit 1
fi

echo "parapet: console below; Ctrl-C stops QEMU and the TPM (log in $serial)"
# signal=on: Ctrl-C reaches QEMU and this script, and the trap cleans up.
"${PP_QEMU[@]}" -chardev "stdio,id=con0,signal=on,logfile=$serial" -serial chardev:con0 \
	<&0 2>"$rundir/qemu.log" &
qemu_pid=$!
# the verdict appears on this terminal, between the console's lines
if [ "$RUN_ATTEST" = 1 ]; then
	tools/run-attest.sh "$serial" "$PP_AGENT_SOCK" "$RUN_TIMEOUT" </dev/null &
	attest_pid=$!
fi
rc=0
wait "$qemu_pid" || rc=$?
qemu_pid=''
[ "$rc" -eq 0 ] || grep -v "TCG doesn't support" "$rundir/qemu.log" >&2 || true
exit "$rc"
