#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The NV rollback floor against a fresh private swtpm (docs/tpm-nv-floor.md):
#   tests/tpm/nv-run.sh [build/tests/tpm/nv-floor-test]
# Builds nothing (`make nv-floor-test` does). swtpm gets its own mktemp
# state directory and UnixIO sockets (no TCP ports: tpm2-tools reach it
# through the swtpm TCTI's path=, which uses PATH and PATH.ctrl); it is
# killed by PID on exit and the directory removed. tpm2-tools compute the
# two policy digests with trial sessions first, for the test to compare.
# Exit status = the test's.
set -euo pipefail
bin=${1:-build/tests/tpm/nv-floor-test}
[ -x "$bin" ] || { echo "nv: $bin not built (make nv-floor-test)"; exit 1; }

# shellcheck source=tests/tpm/swtpm-private.sh
. "$(dirname "$0")/swtpm-private.sh"
swtpm_private_start nv "" tpm.sock.ctrl
dir=$SWTPM_DIR

# Policy digests from tpm2-tools' trial sessions (optional: skipped without them).
digests=()
if command -v tpm2_policylocality >/dev/null; then
	t="swtpm:path=$dir/tpm.sock"
	if (cd "$dir" && tpm2_startup -c -T "$t" &&
		tpm2_startauthsession -S s.ctx -T "$t" &&
		tpm2_policycommandcode -S s.ctx -L inc.dig TPM2_CC_NV_Increment -T "$t" &&
		tpm2_policylocality -S s.ctx -L inc.dig two -T "$t" &&
		tpm2_flushcontext s.ctx -T "$t" &&
		tpm2_startauthsession -S s.ctx -T "$t" &&
		tpm2_policylocality -S s.ctx -L write.dig two -T "$t" &&
		tpm2_flushcontext s.ctx -T "$t" &&
		tpm2_startauthsession -S s.ctx -T "$t" &&
		tpm2_policycommandcode -S s.ctx -L del.dig TPM2_CC_NV_UndefineSpaceSpecial -T "$t" &&
		tpm2_policylocality -S s.ctx -L del.dig two -T "$t" &&
		tpm2_flushcontext s.ctx -T "$t" &&
		tpm2_startauthsession -S s.ctx -T "$t" &&
		tpm2_policyor -S s.ctx -L counter.dig sha256:inc.dig,del.dig -T "$t" &&
		tpm2_flushcontext s.ctx -T "$t" &&
		tpm2_startauthsession -S s.ctx -T "$t" &&
		tpm2_policyor -S s.ctx -L baseline.dig sha256:write.dig,del.dig -T "$t" &&
		tpm2_flushcontext s.ctx -T "$t") >"$dir/tools.log" 2>&1; then
		digests=("$(od -An -tx1 -v "$dir/counter.dig" | tr -d ' \n')"
			"$(od -An -tx1 -v "$dir/baseline.dig" | tr -d ' \n')")
		echo "info tpm2-tools: counter policy ${digests[0]}, baseline policy ${digests[1]}"
	else
		echo "info tpm2-tools trial sessions failed (see below); digest cross-check skipped"
		cat "$dir/tools.log"
	fi
else
	echo "info tpm2-tools not installed: digest cross-check skipped"
fi

status=0
timeout 120 "$bin" "$dir/tpm.sock" "$dir/tpm.sock.ctrl" "${digests[@]}" || status=$?
exit $status
