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
#  2. the commands' usage errors and refusals without an agent: exit
#     statuses, precise messages, serve --once over two hosts without
#     agents recording no-evidence, the status table;
#  3. the commands against the host test agent (build/tests/attest/agent-host,
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

# ---- 2. the commands without an agent ---------------------------------------
# expect STATUS NAME CMD...: the exit status, and the output kept in $d/out
expect() {
	local want=$1 name=$2 rc=0
	shift 2
	"$@" >"$d/out" 2>&1 || rc=$?
	if [ "$rc" -eq "$want" ]; then pass "$name"; else
		fail "$name: exit $rc, expected $want"
		cat "$d/out"
	fi
}
# says TEXT NAME: the last output contains TEXT
says() {
	if grep -qF -- "$1" "$d/out"; then pass "$2"; else
		fail "$2: no '$1' in:"
		cat "$d/out"
	fi
}
db=$d/hosts.db
expect 2 "enroll: no --ek-ca nor --no-ek-cert" $P attest enroll --agent unix:/x --host h --db "$db"
expect 2 "enroll: both --ek-ca and --no-ek-cert" $P attest enroll --agent unix:/x --host h \
	--db "$db" --ek-ca tests/data/attest/ek-ca-swtpm.pem --no-ek-cert
expect 2 "enroll: bad --ak-alg" $P attest enroll --agent unix:/x --host h --db "$db" \
	--no-ek-cert --ak-alg dsa
expect 1 "enroll: no agent at the address" $P attest enroll --agent "unix:$d/none.sock" \
	--host h --db "$db" --no-ek-cert
says "h refused: agent unix:$d/none.sock: connect: No such file or directory" \
	"enroll: the refusal names the address and why"
expect 2 "challenge: host not enrolled" $P attest challenge --agent "unix:$d/none.sock" \
	--host h --db "$db"
says "h is not enrolled in $db" "challenge: says the host is not enrolled"
expect 2 "challenge: unknown option" $P attest challenge --agent unix:/x --host h --db "$db" --ak x
printf '# two hosts\nalpha unix:%s/a.sock\n\nbeta tcp:127.0.0.1:1\n' "$d" >"$d/hosts"
expect 1 "serve --once: hosts without agents" $P attest serve --hosts "$d/hosts" --db "$db" --once
says "no-evidence" "serve: no-evidence recorded"
expect 0 "status" $P attest status --db "$db"
if grep -q "^alpha .*no-evidence .*not enrolled" "$d/out" &&
	grep -q "^beta .*no-evidence" "$d/out"; then
	pass "status: both hosts, their verdicts and reasons"
else
	fail "status table:"
	cat "$d/out"
fi
printf 'alpha\n' >"$d/bad-hosts"
expect 2 "serve: a hosts line without an address" $P attest serve --hosts "$d/bad-hosts" \
	--db "$db" --once
says "line 1" "serve: names the line"
expect 2 "serve: --interval 0" $P attest serve --hosts "$d/hosts" --db "$db" --interval 0

# ---- 3. enroll / challenge / serve against the host test agent --------------
if [ ! -x "$AGENT" ]; then
	echo "attest-host: skip enroll/challenge/serve: $AGENT is not built in this tree (issue 12 item 1)"
fi

[ "$fails" -eq 0 ] || { echo "attest-host: $fails failed"; exit 1; }
echo "attest-host: all passed"
