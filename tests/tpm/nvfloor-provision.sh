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
[ -d "$state" ] || { echo "nvfloor: no TPM state directory $state" >&2; exit 1; }
case "$state" in *,*)
	echo "nvfloor: TPM state directory $state: a comma in the path breaks swtpm's options" >&2
	exit 1
	;;
esac

# shellcheck source=tests/tpm/swtpm-private.sh
. "$(dirname "$0")/swtpm-private.sh"
swtpm_private_start nvfloor "$state" ctrl.sock
dir=$SWTPM_DIR
timeout 60 "$bin" "$dir/tpm.sock" "$dir/ctrl.sock"
