# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Helpers for the attestation tests (docs/attest-agent.md, docs/testing.md).
# Source after tests/qemu/lib.sh; boot with t_boot ... AGENT=1 (EKCERT=1
# for an EK certificate). The verifier is build/bin/parapet, its state
# $T_TMP/verifier.db; every command's output is kept in $T_TMP.
#
#   a_wait_agent                  wait for `service: agent: ready`; fail on
#                                 `service: agent: not started`
#   a_enroll [ARGS...]            parapet attest enroll (host "appliance";
#                                 with EKCERT=1 the CA bundle, else
#                                 --no-ek-cert); must exit 0
#   a_challenge NAME [ARGS...]    parapet attest challenge --json --out
#                                 $T_TMP/NAME (reference build/reference.json
#                                 unless ARGS give one); A_RC = its exit
#                                 status, $T_TMP/NAME.json its result
#   a_expect_status NAME STATUS [RC]
#                                 the result's status (and exit status)
#   a_expect_failure NAME ID REGEX
#                                 a failure with this id whose message
#                                 matches REGEX (extended, Python re)
#   a_expect_no_failure NAME ID   no failure with this id
#   a_json NAME EXPR              print a field of the result
#                                 (EXPR: Python over `r`, e.g. r["launch_type"])
A_P=build/bin/parapet
A_DB=$T_TMP/verifier.db
A_HOST=appliance
A_RC=0

a_wait_agent() {
	local deadline=$((SECONDS + ${1:-$T_TIMEOUT}))
	while :; do
		grep -qF "service: agent: ready" "$T_SERIAL" && return 0
		if grep -qF "service: agent: not started" "$T_SERIAL"; then
			t_console
			t_fail "the agent did not start: $(grep -m1 -F 'service: agent: not started' "$T_CONSOLE")"
		fi
		kill -0 "$T_QEMU_PID" 2>/dev/null || t_fail "QEMU exited before the agent was ready"
		[ $SECONDS -lt $deadline ] || t_fail "timeout waiting for 'service: agent: ready'"
		sleep 0.1
	done
}

a_enroll() {
	local ca=()
	if [ -f "$T_TMP/ca/ca-bundle.pem" ]; then ca=(--ek-ca "$T_TMP/ca/ca-bundle.pem"); else ca=(--no-ek-cert); fi
	"$A_P" attest enroll --agent "unix:$T_TMP/agent.sock" --host "$A_HOST" --db "$A_DB" \
		"${ca[@]}" "$@" >"$T_TMP/enroll.out" 2>&1 ||
		t_fail "enroll failed: $(tail -n 3 "$T_TMP/enroll.out")"
}

a_challenge() {
	local name=$1 ref=(--reference build/reference.json) a
	shift
	for a in "$@"; do [ "$a" = --reference ] && ref=(); done
	rm -rf "${T_TMP:?}/$name" && mkdir -p "$T_TMP/$name"
	A_RC=0
	"$A_P" attest challenge --agent "unix:$T_TMP/agent.sock" --host "$A_HOST" --db "$A_DB" \
		--json --out "$T_TMP/$name" "${ref[@]}" "$@" >"$T_TMP/$name.json" \
		2>"$T_TMP/$name.err" || A_RC=$?
	[ "$A_RC" -le 1 ] || t_fail "challenge $name: usage error $A_RC: $(tail -n 3 "$T_TMP/$name.err")"
}

a_json() {
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
		"$T_TMP/$1.json" "$2" || t_fail "challenge $1: no JSON result ($(head -c 300 "$T_TMP/$1.json"))"
}

a_expect_status() {
	local name=$1 want=$2 rc=${3:-} got
	got=$(a_json "$name" 'r["status"]')
	[ "$got" = "$want" ] || t_fail "challenge $name: status $got, expected $want: $(a_json "$name" '[f["id"] + ": " + f["message"] for f in r["failures"]]')"
	[ -z "$rc" ] || [ "$A_RC" = "$rc" ] || t_fail "challenge $name: exit status $A_RC, expected $rc"
}

a_expect_failure() {
	local name=$1 id=$2 re=$3
	python3 - "$T_TMP/$name.json" "$id" "$re" <<-'PY' || t_fail "challenge $name: no failure $id matching /$re/: $(a_json "$name" '[f["id"] + ": " + f["message"] for f in r["failures"]]')"
	import json, re, sys
	r = json.load(open(sys.argv[1]))
	sys.exit(0 if any(f["id"] == sys.argv[2] and re.search(sys.argv[3], f["message"])
	                  for f in r["failures"]) else 1)
	PY
}

a_expect_no_failure() {
	local name=$1 id=$2
	python3 - "$T_TMP/$name.json" "$id" <<-'PY' || t_fail "challenge $name: unexpected failure $id"
	import json, sys
	r = json.load(open(sys.argv[1]))
	sys.exit(1 if any(f["id"] == sys.argv[2] for f in r["failures"]) else 0)
	PY
}
