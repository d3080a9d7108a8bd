#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# `make bench`, attestation part (docs/attestation.md, "Speed"): the
# offline verifier's appraisals per second of one bundle against OpenSSL's
# bare RSA-2048 verification in the same run (attest-bench: the ratio and
# whether it meets the 30 % target), then tpm2_checkquote 5.4 on the same
# bundle (quote, signature and PCR values only: no log, no reference; one
# process per check, as it is used). The load average comes first: the
# figures depend on what else the host runs. Where an appraisal's time
# goes: build/tests/bench/attest-bench --profile.
set -euo pipefail
cd "$(dirname "$0")/../.."
bench=${ATTEST_BENCH:-build/tests/bench/attest-bench}
dir=$(mktemp -d "${TMPDIR:-/tmp}/parapet-attest-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
echo "attest-bench: load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
"$bench" "$dir"
n=50
nonce=$(tr -d '\n' <"$dir/nonce.hex")
t0=$(date +%s.%N)
for _ in $(seq $n); do
	tpm2_checkquote -u "$dir/ak.pem" -m "$dir/quote.msg" -s "$dir/quote.sig" \
		-f "$dir/quote.pcrs" -g sha256 -q "$nonce" >/dev/null
done
t1=$(date +%s.%N)
awk -v n=$n -v a="$t0" -v b="$t1" 'BEGIN { printf "attest-bench: tpm2_checkquote %.0f/s (a process per check)\n", n / (b - a) }'
