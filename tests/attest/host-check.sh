#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# `make attest-host-check` (part of `make test-host`): the online half of
# the verifier (docs/attestation.md, "Enrollment", "Challenges"):
#  1. our software MakeCredential (attest/verifier/makecred.c) against a
#     real TPM: on a private swtpm, tpm2-tools makes the EK and an AK, we
#     wrap a random credential for the AK's name under the EK
#     (build/tests/attest/makecred-tool), and tpm2_activatecredential (EK
#     authorized by a PolicySecret(endorsement) session, as the tpm2-tools
#     manual shows) recovers exactly it; for another AK's name it refuses;
#  2. the commands against the host test agent (build/tests/attest/agent-host,
#     the real agent core over a private swtpm): skipped, and said so, until
#     that agent exists in this tree.
set -euo pipefail
cd "$(dirname "$0")/../.."
P=build/bin/parapet
MC=build/tests/attest/makecred-tool
AGENT=build/tests/attest/agent-host
# shellcheck source=tests/tpm/swtpm-private.sh
. tests/tpm/swtpm-private.sh
fails=0
pass() { echo "attest-host: ok   $1"; }
fail() { echo "attest-host: FAIL $1"; fails=$((fails + 1)); }

# ---- 1. MakeCredential against swtpm ---------------------------------------
swtpm_private_start attest-host "" tpm.sock.ctrl
d=$SWTPM_DIR
export TPM2TOOLS_TCTI="swtpm:path=$d/tpm.sock"
# tpm CMD...: a tpm2-tools command, its output in tools.log; no resource
# manager here, so the transient objects it leaves loaded are flushed
tpm() {
	local rc=0
	echo "+ $*" >>"$d/tools.log"
	"$@" >>"$d/tools.log" 2>&1 || rc=$?
	tpm2_flushcontext -t >>"$d/tools.log" 2>&1 || true
	[ "$rc" -eq 0 ] || { echo "attest-host: $1 failed: $(tail -n 3 "$d/tools.log")" >&2; }
	return "$rc"
}
tpm tpm2_startup -c
tpm tpm2_createek -c "$d/ek.ctx" -G rsa -u "$d/ek.pub"
tpm tpm2_createak -C "$d/ek.ctx" -c "$d/ak.ctx" -G rsa -g sha256 -s rsassa \
	-u "$d/ak.pub" -n "$d/ak.name"
tpm tpm2_createak -C "$d/ek.ctx" -c "$d/ak2.ctx" -G ecc -g sha256 -s ecdsa \
	-u "$d/ak2.pub" -n "$d/ak2.name"
head -c 32 /dev/urandom >"$d/cred"
# activate AKCTX BLOB OUT: ActivateCredential with the EK's policy session
activate() {
	local rc=0
	tpm2_startauthsession --policy-session -S "$d/session.ctx" >>"$d/tools.log" 2>&1 &&
		tpm2_policysecret -S "$d/session.ctx" -c e >>"$d/tools.log" 2>&1 &&
		tpm tpm2_activatecredential -c "$1" -C "$d/ek.ctx" -i "$2" -o "$3" \
			-P "session:$d/session.ctx" || rc=$?
	tpm2_flushcontext -s >>"$d/tools.log" 2>&1 || true
	return "$rc"
}
if $MC "$d/ek.pub" "$d/ak.name" "$d/cred" "$d/blob" && activate "$d/ak.ctx" "$d/blob" "$d/got" &&
	cmp -s "$d/cred" "$d/got"; then
	pass "makecred: swtpm's ActivateCredential recovers our credential (RSA AK)"
else
	fail "makecred: our blob was not activated (tools log: $(tail -n 3 "$d/tools.log"))"
fi
if $MC "$d/ek.pub" "$d/ak2.name" "$d/cred" "$d/blob2" &&
	activate "$d/ak2.ctx" "$d/blob2" "$d/got2" && cmp -s "$d/cred" "$d/got2"; then
	pass "makecred: the same for the ECC AK"
else
	fail "makecred: ECC AK's blob not activated"
fi
if activate "$d/ak2.ctx" "$d/blob" "$d/got3"; then
	fail "makecred: a blob for the RSA AK's name was activated with the ECC AK"
else
	pass "makecred: a blob for another AK's name is refused by the TPM"
fi

# ---- 2. enroll / challenge / serve against the host test agent --------------
if [ ! -x "$AGENT" ]; then
	echo "attest-host: skip enroll/challenge/serve: $AGENT is not built in this tree (issue 12 item 1)"
fi

[ "$fails" -eq 0 ] || { echo "attest-host: $fails failed"; exit 1; }
echo "attest-host: all passed"
