#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The attestation agent's TPM commands against a private swtpm with an EK
# certificate (docs/attest-agent.md, "TPM commands"):
#   tests/tpm/attest-run.sh [build/tests/tpm/attest-tpm-test]
# Builds nothing (`make attest-tpm-test` does). swtpm_setup makes a TPM
# with EK and platform certificates (a local CA, as tools/run.sh does) in a
# mktemp directory; swtpm runs on UnixIO sockets (no TCP ports) and
# tpm2-tools reach it through the swtpm TCTI's path=. Between the test
# program's phases (keys, use, again) tpm2-tools give the references:
# tpm2_createek's EK, tpm2_nvread's certificate, tpm2_makecredential's
# blobs, tpm2_checkquote's verdicts; swtpm is restarted before `again`.
# Everything is removed and swtpm killed by PID on exit. Exit status 0 only
# when every check passed.
set -euo pipefail
bin=${1:-build/tests/tpm/attest-tpm-test}
[ -x "$bin" ] || { echo "attest-tpm: $bin not built (make attest-tpm-test)"; exit 1; }
for t in swtpm_setup swtpm_localca tpm2_createek tpm2_makecredential tpm2_checkquote openssl; do
	command -v "$t" >/dev/null || { echo "attest-tpm: $t not installed"; exit 1; }
done

# shellcheck source=tests/tpm/swtpm-private.sh
. "$(dirname "$0")/swtpm-private.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/parapet-attest-state.XXXXXX")
cleanup() { swtpm_private_stop; rm -rf "$work"; }
trap cleanup EXIT INT TERM

passed=0 failed=0
check() { # check NAME COMMAND...
	local name=$1
	shift
	if "$@" >>"$work/tools.log" 2>&1; then
		passed=$((passed + 1))
		echo "ok   $name"
	else
		failed=$((failed + 1))
		echo "FAIL $name (tools.log:)"
		tail -n 5 "$work/tools.log"
	fi
}

mkdir -p "$work/state" "$work/ca" "$work/out"
cat >"$work/localca.conf" <<CONF
statedir = $work/ca
signingkey = $work/ca/signkey.pem
issuercert = $work/ca/issuercert.pem
certserial = $work/ca/certserial
CONF
cat >"$work/localca.options" <<CONF
--platform-manufacturer Parapet
--platform-version 1.0
--platform-model QEMU
CONF
cat >"$work/swtpm_setup.conf" <<CONF
create_certs_tool = $(command -v swtpm_localca)
create_certs_tool_config = $work/localca.conf
create_certs_tool_options = $work/localca.options
active_pcr_banks = sha256
CONF
swtpm_setup --tpm2 --tpmstate "$work/state" --config "$work/swtpm_setup.conf" \
	--create-ek-cert --create-platform-cert --pcr-banks sha256 \
	--logfile "$work/setup.log" >/dev/null 2>&1 ||
	{ echo "attest-tpm: swtpm_setup failed:"; tail -n 20 "$work/setup.log"; exit 1; }

start() {
	swtpm_private_start attest "$work/state" tpm.sock.ctrl
	trap cleanup EXIT INT TERM # swtpm_private_start installed its own
	T="swtpm:path=$SWTPM_DIR/tpm.sock"
}
run() { # run PHASE
	local rc=0
	timeout 300 "$bin" "$SWTPM_DIR/tpm.sock" "$SWTPM_DIR/tpm.sock.ctrl" "$out" "$1" || rc=$?
	[ "$rc" = 0 ] || failed=$((failed + 1))
}
out=$work/out
start

# 1. our keys and certificate read, then tpm2-tools' EK and certificate
run keys
(cd "$out" && tpm2_startup -c -T "$T" && tpm2_createek -c ek.ctx -G rsa -u ek.tools.pub -T "$T" &&
	tpm2_flushcontext -t -T "$T" &&
	tpm2_nvread 0x01c00002 -o ekcert.tools.der -T "$T") >>"$work/tools.log" 2>&1 ||
	{ echo "attest-tpm: tpm2-tools failed:"; tail -n 20 "$work/tools.log"; exit 1; }
check "EK public area equals tpm2_createek -G rsa byte for byte" \
	cmp "$out/ek.ours.pub" "$out/ek.tools.pub"
check "EK certificate read from NV equals tpm2_nvread's" \
	cmp "$out/ekcert.ours.der" "$out/ekcert.tools.der"
openssl x509 -inform der -in "$out/ekcert.ours.der" -noout -pubkey >"$out/ekcert.pub.pem"
check "the EK certificate certifies our EK's public key" \
	cmp "$out/ekcert.pub.pem" "$out/ek.ours.pem"

# 2. credentials for the RSA AK's Name and for the ECC AK's (the wrong one)
head -c 32 /dev/urandom >"$out/secret.bin"
head -c 32 /dev/urandom >"$out/nonce.bin"
for which in good:rsa other:ecc; do
	tpm2_makecredential -T none -e "$out/ek.tools.pub" -s "$out/secret.bin" \
		-n "$(tr -d '\n' <"$out/ak-${which#*:}.name")" \
		-o "$out/cred-${which%%:*}.out" >>"$work/tools.log" 2>&1 ||
		{ echo "attest-tpm: tpm2_makecredential failed:"; tail -n 5 "$work/tools.log"; exit 1; }
done
run use
(tpm2_getcap handles-transient -T "$T" && tpm2_getcap handles-loaded-session -T "$T") \
	>"$out/handles.txt" 2>>"$work/tools.log" || true
check "no transient object or session left behind" test ! -s "$out/handles.txt"

# 3. the quotes verify with tpm2_checkquote (and not with another nonce)
tpm2_pcrread sha256:0,1,2,3,4,5,6,7,8,9,17,18,19,20 -F serialized -o "$out/pcrs.bin" -T "$T" \
	>>"$work/tools.log" 2>&1
nonce=$(od -An -tx1 -v "$out/nonce.bin" | tr -d ' \n')
other=ff${nonce:2} # another nonce: its first byte changed
[ "${nonce:0:2}" != ff ] || other=00${nonce:2}
for k in rsa ecc; do
	check "Quote with the $k AK verifies with tpm2_checkquote" \
		tpm2_checkquote -u "$out/ak-$k.pem" -m "$out/quote-$k.msg" -s "$out/quote-$k.sig" \
		-f "$out/pcrs.bin" -g sha256 -q "$nonce"
	check "the $k quote is refused for another nonce (tpm2_checkquote: nonce)" \
		bash -c "! tpm2_checkquote -u '$out/ak-$k.pem' -m '$out/quote-$k.msg' \
			-s '$out/quote-$k.sig' -f '$out/pcrs.bin' -g sha256 -q $other \
			>'$out/bad-$k.log' 2>&1 && grep -q 'Error validating nonce' '$out/bad-$k.log'"
done

# 4. the same keys after a restart of the TPM
swtpm_private_stop
start
run again

echo "attest-tpm: shell checks $passed passed, $failed failed"
[ "$failed" = 0 ]
