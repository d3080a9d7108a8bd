#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Provisions the TPM NV rollback floor (docs/tpm-nv-floor.md) in a swtpm
# state directory that no swtpm is using (make run's build/tpm/state, a
# QEMU test's private state):
#   tests/tpm/nvfloor-provision.sh STATE_DIR [build/tests/tpm/nvfloor-provision]
# Idempotent: an already provisioned floor is checked and left alone.
# Starts its own swtpm on the directory with UnixIO sockets in a mktemp
# directory (no TCP ports), stops it by PID, removes the sockets. Exit
# status 0 when the floor is provisioned and ours, 1 otherwise.
set -euo pipefail
state=${1:?usage: $0 STATE_DIR [nvfloor-provision binary]}
bin=${2:-build/tests/tpm/nvfloor-provision}
[ -x "$bin" ] || { echo "nvfloor: $bin not built (make nvfloor-provision)" >&2; exit 1; }
command -v swtpm >/dev/null || { echo "nvfloor: swtpm not installed" >&2; exit 1; }
[ -d "$state" ] || { echo "nvfloor: no TPM state directory $state" >&2; exit 1; }
case "$state" in *,*)
	echo "nvfloor: TPM state directory $state: a comma in the path breaks swtpm's options" >&2
	exit 1
	;;
esac

dir=$(mktemp -d "${TMPDIR:-/tmp}/parapet-nvfloor.XXXXXX")
pid=
# shellcheck disable=SC2317 # run by the traps
cleanup() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM

swtpm socket --tpm2 --tpmstate dir="$state" \
	--server type=unixio,path="$dir/tpm.sock" \
	--ctrl type=unixio,path="$dir/ctrl.sock" \
	--flags not-need-init --log file="$dir/swtpm.log" </dev/null &
pid=$!
for _ in $(seq 250); do
	[ -S "$dir/tpm.sock" ] && [ -S "$dir/ctrl.sock" ] && break
	kill -0 "$pid" 2>/dev/null || { echo "nvfloor: swtpm exited:" >&2; tail -n 5 "$dir/swtpm.log" >&2; exit 1; }
	sleep 0.02
done
[ -S "$dir/tpm.sock" ] || { echo "nvfloor: swtpm sockets did not appear" >&2; exit 1; }
timeout 60 "$bin" "$dir/tpm.sock" "$dir/ctrl.sock"
