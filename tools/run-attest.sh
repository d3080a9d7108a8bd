#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make run`'s last step (docs/running.md, docs/attest-agent.md): attest the
# appliance that is booting. Waits for the service partition's agent
# (`service: agent: ready` on the console), enrolls this TPM's AK once
# (credential activation against the EK certificate from make run's local
# CA), then challenges the agent and prints the verifier's verdict.
#
#   tools/run-attest.sh SERIAL_LOG AGENT_SOCK TIMEOUT_S
#
# The verifier's state (enrolled AK, last TPM clock) is build/tpm/verifier.db,
# next to the TPM whose identity it enrolled: removing build/tpm makes both
# anew. The evidence of the last challenge is kept in build/run/evidence/.
# RUN_REFERENCE: the reference values of the booted media (default
# build/reference.json; `make run POLICY=...`: build/linux/reference.json).
# The emulated DRTM is accepted here, and said so: make run is QEMU, where
# no hardware launch exists; a production verifier keeps the default
# (hardware launches only). Exit status: the challenge's (0 affirming, 1
# warning or contraindicated, 2 usage), 3 when the agent never came up.
set -euo pipefail
cd "$(dirname "$0")/.."
serial=$1 sock=$2 timeout=${3:-300}
P=build/bin/parapet
db=build/tpm/verifier.db
ca=build/tpm/ca
host=appliance
start=$SECONDS
while :; do
	if grep -q "service: agent: ready" "$serial" 2>/dev/null; then
		break
	fi
	line=$(grep -ao "service: agent: not started: .*" "$serial" 2>/dev/null | head -n 1 || true)
	if [ -n "$line" ]; then
		echo "parapet: attest: the agent did not start (${line#service: agent: })" >&2
		exit 3
	fi
	if [ $((SECONDS - start)) -ge "$timeout" ]; then
		echo "parapet: attest: no 'service: agent: ready' within ${timeout}s" >&2
		exit 3
	fi
	sleep 0.2
done
if [ ! -f "$ca/ca-bundle.pem" ] && [ -f "$ca/issuercert.pem" ]; then
	cat "$ca/swtpm-localca-rootca-cert.pem" "$ca/issuercert.pem" >"$ca/ca-bundle.pem"
fi
if ! "$P" attest status --db "$db" 2>/dev/null | grep -q "^$host "; then
	echo "parapet: attest: enrolling this TPM's attestation key (once; state $db)"
	if [ -f "$ca/ca-bundle.pem" ]; then
		"$P" attest enroll --agent "unix:$sock" --host "$host" --ek-ca "$ca/ca-bundle.pem" --db "$db"
	else
		"$P" attest enroll --agent "unix:$sock" --host "$host" --no-ek-cert --db "$db"
	fi
fi
echo "parapet: attest: challenging the appliance (emulated DRTM accepted: this is QEMU)"
rm -rf build/run/evidence && mkdir -p build/run/evidence
rc=0
"$P" attest challenge --agent "unix:$sock" --host "$host" --db "$db" \
	--reference "${RUN_REFERENCE:-build/reference.json}" --accept-launch emulated --out build/run/evidence || rc=$?
echo "parapet: attest: verdict exit status $rc (evidence in build/run/evidence)"
exit "$rc"
