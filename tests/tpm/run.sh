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

# shellcheck source=tests/tpm/swtpm-private.sh
. "$(dirname "$0")/swtpm-private.sh"
swtpm_private_start tpm "" ctrl.sock
dir=$SWTPM_DIR

status=0
timeout 60 "$bin" "$dir/tpm.sock" "$dir/ctrl.sock" || status=$?
exit $status
