#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# `make bench`, attestation latency (docs/attestation.md, "Speed"): the
# time from `parapet attest challenge` starting to its verdict, against the
# agent core served on a private swtpm (build/tests/attest/agent-host on a
# Unix socket, the same code the service partition runs, without QEMU's
# serial line), against a bare `tpm2_quote` on the same swtpm in the same
# run (the TPM's own share: a quote over the same PCRs with an AK loaded
# from a context file, one process each). Both are median wall times of N
# runs; the ratio is what the agent's protocol, PCR reads, logs and the
# verifier's appraisal add. The binaries are the ASan/UBSan host builds
# `make all` makes: the ratio is an upper bound.
set -euo pipefail
cd "$(dirname "$0")/../.."
P=${PARAPET_BENCH:-build/tests/bench/parapet} host=build/tests/attest/agent-host client=build/tests/attest/at-client
n=${ATTEST_LATENCY_N:-15}
for b in "$P" "$host" "$client"; do
	[ -x "$b" ] || { echo "attest-latency: $b not built (make build/tests/bench/parapet agent-check)" >&2; exit 1; }
done
# shellcheck source=tests/tpm/swtpm-private.sh
. tests/tpm/swtpm-private.sh
agent_pid=''
stop_agent() {
	if [ -n "$agent_pid" ] && kill -0 "$agent_pid" 2>/dev/null; then
		kill "$agent_pid" 2>/dev/null || true
		wait "$agent_pid" 2>/dev/null || true
	fi
	agent_pid=''
}
swtpm_private_start attest-latency "" tpm.sock.ctrl
trap 'stop_agent; swtpm_private_stop' EXIT INT TERM
w=$SWTPM_DIR T="swtpm:path=$SWTPM_DIR/tpm.sock"
tpm2_startup -c -T "$T" >/dev/null 2>&1
"$client" mklog "$w/drtm.bin" "enforced: slot a"
head -c 10240 /dev/urandom >"$w/fw.bin"
"$host" --tpm "$w/tpm.sock" --ctrl "$w/tpm.sock.ctrl" --listen "$w/agent.sock" \
	--fw-log "$w/fw.bin" --drtm-log "$w/drtm.bin" 2>"$w/agent.log" &
agent_pid=$!
for _ in $(seq 500); do
	grep -q 'ready on' "$w/agent.log" && break
	sleep 0.02
done
grep -q 'ready on' "$w/agent.log" || { echo "attest-latency: agent-host not ready" >&2; exit 1; }
"$P" attest enroll --agent "unix:$w/agent.sock" --host bench --no-ek-cert --db "$w/v.db" >/dev/null

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ms_now() { date +%s%N; }
for _ in $(seq "$n"); do
	t0=$(ms_now)
	"$P" attest challenge --agent "unix:$w/agent.sock" --host bench --db "$w/v.db" \
		>/dev/null 2>&1 || true # no reference, no DRTM: a verdict, not affirming
	t1=$(ms_now)
	echo $(((t1 - t0) / 1000))
done >"$w/challenge.us"
stop_agent # swtpm serves one client at a time

tpm2_flushcontext -T "$T" -t >/dev/null # the agent's EK and AKs
tpm2_createek -T "$T" -c "$w/ek.ctx" -G rsa -u "$w/ek.pub" >/dev/null
tpm2_createak -T "$T" -C "$w/ek.ctx" -c "$w/ak.ctx" -G rsa -g sha256 -s rsassa \
	-u "$w/ak.pub" -n "$w/ak.name" >/dev/null
tpm2_flushcontext -T "$T" -t >/dev/null
for _ in $(seq "$n"); do
	t0=$(ms_now)
	tpm2_quote -T "$T" -c "$w/ak.ctx" -l sha256:0,1,2,3,4,5,6,7,8,9,17,18,19,20 \
		-q 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff \
		-m "$w/q.msg" -s "$w/q.sig" -o "$w/q.pcrs" >/dev/null
	t1=$(ms_now)
	echo $(((t1 - t0) / 1000))
	tpm2_flushcontext -T "$T" -t >/dev/null
done >"$w/quote.us"
c=$(median <"$w/challenge.us") q=$(median <"$w/quote.us")
awk -v c="$c" -v q="$q" -v n="$n" 'BEGIN {
	printf "attest-latency: challenge to verdict %.1f ms, bare tpm2_quote %.1f ms (medians of %d), ratio %.2f\n",
		c / 1000, q / 1000, n, c / q }'
