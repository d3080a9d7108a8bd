#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Runs the TPM 2.0 command-layer host test against a private swtpm:
#   tests/tpm/run.sh [build/tests/tpm/tpm-host-test]
# Builds nothing (`make tpm-host-test` does). swtpm gets its own mktemp
# state directory and UnixIO sockets (no TCP ports); it is killed by PID on
# exit and the directory removed. Exit status = the test's.
set -euo pipefail
bin=${1:-build/tests/tpm/tpm-host-test}
[ -x "$bin" ] || { echo "tpm: $bin not built (make tpm-host-test)"; exit 1; }
command -v swtpm >/dev/null || { echo "tpm: swtpm not installed"; exit 1; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/parapet-tpm.XXXXXX")
pid=
cleanup() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM

swtpm socket --tpm2 --tpmstate dir="$dir" \
	--server type=unixio,path="$dir/tpm.sock" \
	--ctrl type=unixio,path="$dir/ctrl.sock" \
	--flags not-need-init --log file="$dir/swtpm.log" &
pid=$!

for _ in $(seq 100); do
	[ -S "$dir/tpm.sock" ] && [ -S "$dir/ctrl.sock" ] && break
	kill -0 "$pid" 2>/dev/null || { echo "tpm: swtpm exited"; cat "$dir/swtpm.log"; exit 1; }
	sleep 0.02
done
[ -S "$dir/tpm.sock" ] || { echo "tpm: swtpm sockets did not appear"; exit 1; }

status=0
timeout 60 "$bin" "$dir/tpm.sock" "$dir/ctrl.sock" || status=$?
exit $status
