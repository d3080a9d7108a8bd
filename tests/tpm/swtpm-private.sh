# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the host TPM tests (tests/tpm/run.sh, nv-run.sh,
# nvfloor-provision.sh): one private swtpm with UnixIO sockets in a mktemp
# directory (no TCP ports), killed by PID and the directory removed on exit.
#
#   swtpm_private_start TAG STATE CTRL
#     TAG    prefix of the messages ("tpm: ...") and of the mktemp directory
#     STATE  the TPM state directory ("" = the mktemp directory itself)
#     CTRL   the control socket's file name inside the directory
#   Sets SWTPM_DIR (tpm.sock, CTRL and swtpm.log inside) and SWTPM_PID;
#   installs the EXIT/INT/TERM trap; exits 1 (message on stderr) when swtpm
#   does not come up within 5 s.
SWTPM_DIR='' SWTPM_PID=''

# shellcheck disable=SC2317 # run by the trap
swtpm_private_stop() {
	if [ -n "$SWTPM_PID" ] && kill -0 "$SWTPM_PID" 2>/dev/null; then
		kill "$SWTPM_PID" 2>/dev/null || true
		wait "$SWTPM_PID" 2>/dev/null || true
	fi
	[ -z "$SWTPM_DIR" ] || rm -rf "$SWTPM_DIR"
}

swtpm_private_start() {
	local tag=$1 state=$2 ctrl=$3 _
	command -v swtpm >/dev/null || { echo "$tag: swtpm not installed" >&2; exit 1; }
	SWTPM_DIR=$(mktemp -d "${TMPDIR:-/tmp}/parapet-$tag.XXXXXX")
	trap swtpm_private_stop EXIT INT TERM
	swtpm socket --tpm2 --tpmstate dir="${state:-$SWTPM_DIR}" \
		--server type=unixio,path="$SWTPM_DIR/tpm.sock" \
		--ctrl type=unixio,path="$SWTPM_DIR/$ctrl" \
		--flags not-need-init --log file="$SWTPM_DIR/swtpm.log" </dev/null &
	SWTPM_PID=$!
	for _ in $(seq 250); do
		[ -S "$SWTPM_DIR/tpm.sock" ] && [ -S "$SWTPM_DIR/$ctrl" ] && return 0
		if ! kill -0 "$SWTPM_PID" 2>/dev/null; then
			echo "$tag: swtpm exited:" >&2
			tail -n 5 "$SWTPM_DIR/swtpm.log" >&2
			exit 1
		fi
		sleep 0.02
	done
	echo "$tag: swtpm sockets did not appear" >&2
	exit 1
}
