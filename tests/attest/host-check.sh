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
AGENT=${AGENT:-build/tests/attest/agent-host}
MITM=build/tests/attest/at-mitm
MK=build/tests/attest/mkbundle
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
# Two TPMs manufactured by swtpm_setup with EK certificates from one local CA
# (as tools/run.sh does), each served by agent-host; the fixture's firmware
# events extended into each (mkbundle fwlog) and served as the firmware log.
swtpms=() agents=()
cleanup3() {
	local p
	for p in "${agents[@]}" "${swtpms[@]}"; do
		kill "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	swtpm_private_stop
}
# manufacture NAME: $d/NAME/state with an EK certificate from $d/ca
manufacture() {
	mkdir -p "$d/$1/state" "$d/ca"
	cat >"$d/localca.conf" <<-CONF
	statedir = $d/ca
	signingkey = $d/ca/signkey.pem
	issuercert = $d/ca/issuercert.pem
	certserial = $d/ca/certserial
	CONF
	printf -- '--platform-manufacturer Parapet\n--platform-version 1.0\n--platform-model QEMU\n' \
		>"$d/localca.options"
	cat >"$d/swtpm_setup.conf" <<-CONF
	create_certs_tool = $(command -v swtpm_localca)
	create_certs_tool_config = $d/localca.conf
	create_certs_tool_options = $d/localca.options
	active_pcr_banks = sha256
	CONF
	swtpm_setup --tpm2 --tpmstate "$d/$1/state" --config "$d/swtpm_setup.conf" \
		--create-ek-cert --pcr-banks sha256 --logfile "$d/$1/setup.log" >/dev/null 2>&1 ||
		{ fail "swtpm_setup $1: $(tail -n 3 "$d/$1/setup.log")"; return 1; }
}
# serve NAME: swtpm and agent-host for $d/NAME, the agent on $d/NAME/agent.sock
serve_tpm() {
	local s=$d/$1 _
	swtpm socket --tpm2 --tpmstate dir="$s/state" --server type=unixio,path="$s/tpm.sock" \
		--ctrl type=unixio,path="$s/tpm.sock.ctrl" --flags not-need-init \
		--log file="$s/swtpm.log" </dev/null &
	swtpms+=($!)
	for _ in $(seq 250); do [ -S "$s/tpm.sock.ctrl" ] && break; sleep 0.02; done
	tpm2_startup -c -T "swtpm:path=$s/tpm.sock" >>"$d/tools.log" 2>&1
	while read -r pcr hex; do
		tpm2_pcrextend "$pcr:sha256=$hex" -T "swtpm:path=$s/tpm.sock" >>"$d/tools.log" 2>&1
	done <"$d/extends"
	tpm2_nvread 0x01c00002 -o "$s/ek-cert.der" -T "swtpm:path=$s/tpm.sock" >>"$d/tools.log" 2>&1
	"$AGENT" --tpm "$s/tpm.sock" --ctrl "$s/tpm.sock.ctrl" --listen "$s/agent.sock" \
		--fw-log "$d/fw.log" 2>"$s/agent.log" &
	agents+=($!)
	for _ in $(seq 500); do grep -q 'ready on' "$s/agent.log" && return 0; sleep 0.02; done
	fail "agent-host $1 not ready: $(tail -n 3 "$s/agent.log")"
	return 1
}
# mitm NAME ARGS...: at-mitm on $d/NAME.sock in front of agent a
mitm() {
	local name=$1 _
	shift
	$MITM --listen "$d/$name.sock" --agent "$d/a/agent.sock" "$@" 2>"$d/$name.log" &
	agents+=($!)
	for _ in $(seq 250); do grep -q 'ready on' "$d/$name.log" && return 0; sleep 0.02; done
	fail "at-mitm $name not ready"
	return 1
}
if [ ! -x "$AGENT" ]; then
	echo "attest-host: skip enroll/challenge/serve: $AGENT is not built in this tree"
elif manufacture a && manufacture b; then
	trap cleanup3 EXIT INT TERM
	cat "$d/ca/issuercert.pem" "$d/ca/swtpm-localca-rootca-cert.pem" >"$d/ca.pem"
	(cd "$d" && "$OLDPWD/$MK" fwlog fw.log) >"$d/extends"
	serve_tpm a && serve_tpm b
	db=$d/enroll.db
	A=unix:$d/a/agent.sock B=unix:$d/b/agent.sock

	# enroll
	expect 1 "enroll: a CA that did not issue the EK certificate" $P attest enroll \
		--agent "$A" --host a --db "$db" --ek-ca tests/data/attest/ek-ca-other.pem
	says "not vouched for by tests/data/attest/ek-ca-other.pem" "enroll: says which CA refused"
	mitm other --ek-cert "$d/b/ek-cert.der"
	expect 1 "enroll: an EK certificate of another TPM" $P attest enroll \
		--agent "unix:$d/other.sock" --host a --db "$db" --ek-ca "$d/ca.pem"
	says "certifies another key than the EK public area" "enroll: says the certificate is another TPM's"
	mitm unres --unrestrict-ak
	expect 1 "enroll: an AK that is not restricted" $P attest enroll \
		--agent "unix:$d/unres.sock" --host a --db "$db" --ek-ca "$d/ca.pem"
	says "rsa AK is not a restricted signing key: AK attributes" "enroll: names the attribute"
	expect 0 "enroll a (both AKs, EK certificate checked)" $P attest enroll --agent "$A" \
		--host a --db "$db" --ek-ca "$d/ca.pem"
	says "enrolled a: EK " "enroll: prints the EK certificate's subject"
	if grep -q "rsa AK [0-9a-f]\{68\} (credential activated)" "$d/out" &&
		grep -q "ecc AK [0-9a-f]\{68\} (credential activated)" "$d/out"; then
		pass "enroll: both AKs activated"
	else fail "enroll: AKs:"; cat "$d/out"; fi
	expect 0 "enroll b with --no-ek-cert and --ak-alg ecc" $P attest enroll --agent "$B" \
		--host b --db "$db" --no-ek-cert --ak-alg ecc
	expect 1 "enroll: host a answered by another TPM" $P attest enroll --agent "$B" \
		--host a --db "$db" --no-ek-cert
	says "a is enrolled with another EK" "enroll: says another TPM answers"

	# challenge
	mkdir -p "$d/bundle"
	expect 1 "challenge a: contraindicated (no DRTM on swtpm)" $P attest challenge --agent "$A" \
		--host a --db "$db" --out "$d/bundle"
	if grep -q "launch-type-refused" "$d/out" &&
		[ "$(grep -c '^FAIL ' "$d/out")" = 1 ]; then
		pass "challenge: launch-type-refused and nothing else"
	else fail "challenge verdict:"; cat "$d/out"; fi
	says "agent policy:" "challenge: prints the agent's policy verdict"
	says "DMA faults:" "challenge: prints the fault summary"
	expect 1 "challenge a --reference fw.log --json: warning" $P attest challenge --agent "$A" \
		--host a --db "$db" --reference "$d/fw.log" --json --ak-alg ecc
	says '"status":"warning"' "challenge: warning without a DRTM reference"
	expect 1 "verify the kept bundle again against --state: refused" $P attest verify \
		--bundle "$d/bundle" --ak "$d/bundle/ak.pub" --state "$db"
	says "clockinfo-regressed" "a replayed bundle: clockinfo-regressed"
	expect 1 "challenge b with its ecc AK" $P attest challenge --agent "$B" --host b --db "$db"
	says "launch-type-refused" "challenge b: judged"

	# serve
	printf 'a %s\nb %s\n' "$A" "$B" >"$d/two"
	expect 1 "serve --once over two hosts" $P attest serve --hosts "$d/two" --db "$db" --once \
		--reference "$d/fw.log"
	if grep -Eq "^a +warning +[-0-9: ]+ [0-9]+/[0-9]+/[0-9]+ " "$d/out" &&
		grep -Eq "^b +warning +[-0-9: ]+ [0-9]+/[0-9]+/[0-9]+ " "$d/out"; then
		pass "serve: both hosts warning, each with its clock state"
	else fail "serve table:"; cat "$d/out"; fi
	expect 0 "status" $P attest status --db "$db"
	says "warning" "status: the last verdicts"
fi

[ "$fails" -eq 0 ] || { echo "attest-host: $fails failed"; exit 1; }
echo "attest-host: all passed"
