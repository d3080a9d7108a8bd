#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The attestation agent's core served on a Unix socket against a private
# swtpm with an EK certificate (docs/attest-agent.md, "On the host"):
#   tests/attest/agent-check.sh [build/tests/attest]
# Builds nothing (`make agent-check` does). agent-host serves; at-client
# asks: INFO (EK, its certificate, both AKs), QUOTE with each AK (the
# evidence files served back byte for byte, the policy verdict from the
# DRTM log), ACTIVATE of tpm2_makecredential blobs, garbage before a good
# request (resync), malformed and version-2 requests (ERROR), a client
# that disconnects mid-frame (the agent serves the next one). Then, with
# the agent stopped, tpm2-tools judge what it sent: tpm2_checkquote on each
# quote with the PCR values tpm2_pcrread gives (equal to the PCRS item),
# and the EK certificate's key against the EK. swtpm and agent-host are
# killed by PID and everything removed on exit. Exit status 0 only when
# every check passed.
set -euo pipefail
bindir=${1:-build/tests/attest}
host=$bindir/agent-host client=$bindir/at-client
for b in "$host" "$client"; do
	[ -x "$b" ] || { echo "agent-check: $b not built (make agent-check)"; exit 1; }
done
for t in swtpm_setup swtpm_localca tpm2_makecredential tpm2_checkquote tpm2_pcrread \
	tpm2_loadexternal tpm2_readpublic openssl python3; do
	command -v "$t" >/dev/null || { echo "agent-check: $t not installed"; exit 1; }
done

# shellcheck source=tests/tpm/swtpm-private.sh
. "$(dirname "$0")/../tpm/swtpm-private.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/parapet-agent-check.XXXXXX")
agent_pid=''
cleanup() {
	if [ -n "$agent_pid" ] && kill -0 "$agent_pid" 2>/dev/null; then
		kill "$agent_pid" 2>/dev/null || true
		wait "$agent_pid" 2>/dev/null || true
	fi
	swtpm_private_stop
	[ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT INT TERM

passed=0 failed=0
check() { # check NAME COMMAND...
	local name=$1
	shift
	if "$@" >>"$work/check.log" 2>&1; then
		passed=$((passed + 1))
		echo "ok   $name"
	else
		failed=$((failed + 1))
		echo "FAIL $name (check.log, agent.log:)"
		tail -n 5 "$work/check.log"
		tail -n 5 "$work/agent.log"
	fi
}

# A TPM with an EK certificate from a local CA (as tools/run.sh's setup_tpm).
mkdir -p "$work/state" "$work/ca"
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
	{ echo "agent-check: swtpm_setup failed:"; tail -n 20 "$work/setup.log"; exit 1; }
swtpm_private_start agent-check "$work/state" tpm.sock.ctrl
trap cleanup EXIT INT TERM # swtpm_private_start installed its own
T="swtpm:path=$SWTPM_DIR/tpm.sock"

# The evidence: a DRTM log ending with a verdict, firmware log and fault
# page stand-ins (the agent serves them as they are).
"$client" mklog "$work/drtm.bin" "enforced: slot a"
head -c 5000 /dev/urandom >"$work/fw.bin"
head -c 4096 /dev/urandom >"$work/faults.bin"
# PCR 9 made unpredictable, so the quotes and PCRS cover a value of this run
tpm2_startup -c -T "$T" >>"$work/check.log" 2>&1
tpm2_pcrextend "9:sha256=$(head -c 32 /dev/urandom | od -An -tx1 -v | tr -d ' \n')" -T "$T" \
	>>"$work/check.log" 2>&1
sock=$work/agent.sock
"$host" --tpm "$SWTPM_DIR/tpm.sock" --ctrl "$SWTPM_DIR/tpm.sock.ctrl" --listen "$sock" \
	--fw-log "$work/fw.bin" --drtm-log "$work/drtm.bin" --faults "$work/faults.bin" \
	2>"$work/agent.log" &
agent_pid=$!
for _ in $(seq 500); do
	grep -q 'ready on' "$work/agent.log" && break
	kill -0 "$agent_pid" 2>/dev/null || { echo "agent-check: agent-host exited:"; cat "$work/agent.log"; exit 1; }
	sleep 0.02
done
grep -q 'ready on' "$work/agent.log" || { echo "agent-check: agent-host not ready"; exit 1; }

ask() { # ask DIR REQUEST... : one request, the reply's files in $work/DIR
	mkdir -p "$work/$1"
	local d=$work/$1
	shift
	"$client" "$sock" "$d" "$@" >"$d/stdout"
}
reply_is() { [ "$(cat "$work/$1/type")" = "$2" ]; }
error_is() { # error_is DIR CODE TEXT
	reply_is "$1" ERROR && grep -q "^ERROR $2: .*$3" "$work/$1/stdout"
}
alive() { kill -0 "$agent_pid"; }

# INFO
ask info info
check "INFO: a reply with the agent's name" \
	bash -c "[ \"\$(cat '$work/info/type')\" = 'INFO reply' ] &&
		[ \"\$(cat '$work/info/AGENT.bin')\" = 'parapet-agent 1' ]"
check "INFO: EK_PUB, EK_CERT and two AK_PUB (RSA, ECC)" \
	test -s "$work/info/EK_PUB.bin" -a -s "$work/info/EK_CERT.bin" -a \
	-s "$work/info/AK_PUB.bin" -a -s "$work/info/AK_PUB.1.bin" -a ! -e "$work/info/AK_PUB.2.bin"
check "INFO: the EK certificate is DER X.509" \
	openssl x509 -inform der -in "$work/info/EK_CERT.bin" -noout

# QUOTE with each AK
nonce=$(head -c 32 /dev/urandom | od -An -tx1 -v | tr -d ' \n')
ask quote-rsa quote rsa "$nonce"
ask quote-ecc quote ecc "$nonce"
for k in rsa ecc; do
	check "QUOTE $k: QUOTE_MSG, QUOTE_SIG, PCRS" \
		bash -c "[ \"\$(cat '$work/quote-$k/type')\" = 'QUOTE reply' ] &&
			test -s '$work/quote-$k/QUOTE_MSG.bin' -a -s '$work/quote-$k/QUOTE_SIG.bin' &&
			[ \$(wc -l <'$work/quote-$k/PCRS.txt') = 14 ]"
	check "QUOTE $k: the nonce is the quote's extraData" \
		grep -q "$nonce" <(od -An -tx1 -v "$work/quote-$k/QUOTE_MSG.bin" | tr -d ' \n')
	check "QUOTE $k: FW_LOG, DRTM_LOG, FAULTS are the files given, byte for byte" \
		bash -c "cmp '$work/fw.bin' '$work/quote-$k/FW_LOG.bin' &&
			cmp '$work/drtm.bin' '$work/quote-$k/DRTM_LOG.bin' &&
			cmp '$work/faults.bin' '$work/quote-$k/FAULTS.bin'"
	check "QUOTE $k: POLICY is the DRTM log's verdict" \
		bash -c "[ \"\$(cat '$work/quote-$k/POLICY.bin')\" = 'enforced: slot a' ]"
done

# ACTIVATE: the credential comes back for the RSA AK's Name, not another's
head -c 32 /dev/urandom >"$work/secret.bin"
for which in good:AK_PUB other:AK_PUB.1; do
	tpm2_makecredential -T none -e "$work/info/EK_PUB.bin" -s "$work/secret.bin" \
		-n "$(cat "$work/info/${which#*:}.name")" -o "$work/cred-${which%%:*}.out" \
		>>"$work/check.log" 2>&1
done
ask act-good activate rsa "$work/cred-good.out"
check "ACTIVATE: CERT_INFO is the secret tpm2_makecredential wrapped" \
	cmp "$work/secret.bin" "$work/act-good/CERT_INFO.bin"
ask act-other activate rsa "$work/cred-other.out"
check "ACTIVATE for another key's Name: ERROR 3 (TPM) naming the TPM's code" \
	error_is act-other 3 "0x"

# Garbage, then a good request: the receiver resynchronizes
"$client" -w "$work/info.req" "$work" info
{ printf 'garbage PPA PPPAT\001\000'; head -c 300 /dev/urandom | tr -d 'P'; cat "$work/info.req"; } \
	>"$work/garbage.req"
ask garbage raw "$work/garbage.req"
check "garbage then INFO: INFO reply" reply_is garbage "INFO reply"

# Malformed requests get ERROR (and the agent lives on)
python3 - "$work" <<'PY'
import struct, sys, zlib
d = sys.argv[1]
def frame(t, items, ver=1):
    pl = b''.join(struct.pack('<HI', tag, len(b)) + b for tag, b in items)
    h = b'PPAT' + struct.pack('<HHI', ver, t, len(pl)) + pl
    return h + struct.pack('<I', zlib.crc32(h))
open(d + '/short-nonce.req', 'wb').write(frame(3, [(5, b'\x01\x00'), (9, bytes(31))]))
open(d + '/v2.req', 'wb').write(frame(1, [], ver=2))
open(d + '/unknown-tag.req', 'wb').write(frame(1, [(0x77, b'x')]))
bad = bytearray(frame(3, [(5, b'\x01\x00'), (9, bytes(32))]))
bad[30] ^= 1
open(d + '/bad-crc.req', 'wb').write(bytes(bad))
PY
ask short-nonce raw "$work/short-nonce.req"
check "a 31-byte NONCE: ERROR 1 (MALFORMED)" error_is short-nonce 1 "31 bytes, expected exactly 32"
ask v2 raw "$work/v2.req"
check "a version-2 request: version-1 ERROR 2 (UNSUPPORTED)" \
	error_is v2 2 "version 2 at offset 4, this end speaks 1"
ask unknown-tag raw "$work/unknown-tag.req"
check "an unknown tag: ERROR 1" error_is unknown-tag 1 "unknown tag 0x0077"
ask bad-crc raw "$work/bad-crc.req"
check "a flipped bit: ERROR 1 naming the CRC" error_is bad-crc 1 "CRC 0x"

# A client that disconnects mid-frame costs only its connection
"$client" -w "$work/quote.req" "$work" quote rsa "$nonce"
"$client" "$sock" "$work" cut "$work/quote.req" 20
"$client" "$sock" "$work" cut "$work/quote.req" 5
ask after-cut info
check "after two clients left mid-frame: the agent serves INFO" \
	bash -c "kill -0 $agent_pid && [ \"\$(cat '$work/after-cut/type')\" = 'INFO reply' ]"
check "the agent counted what it served and refused" \
	grep -q "6 served, 5 refused in all" "$work/agent.log"

# A second agent on the same TPM (a restarted service partition): it
# flushes the first one's keys and makes the same ones
kill "$agent_pid"
wait "$agent_pid" 2>/dev/null || true
"$host" --tpm "$SWTPM_DIR/tpm.sock" --ctrl "$SWTPM_DIR/tpm.sock.ctrl" --listen "$sock" --once \
	2>"$work/agent2.log" &
agent_pid=$!
for _ in $(seq 500); do
	grep -q 'ready on' "$work/agent2.log" && break
	kill -0 "$agent_pid" 2>/dev/null || break
	sleep 0.02
done
ask again info
check "a restarted agent flushes the 3 objects the first left" \
	grep -q "agent-host: 3 transient objects flushed" "$work/agent2.log"
check "a restarted agent has the same EK and AKs" \
	bash -c "cmp '$work/info/EK_PUB.bin' '$work/again/EK_PUB.bin' &&
		cmp '$work/info/AK_PUB.bin' '$work/again/AK_PUB.bin' &&
		cmp '$work/info/AK_PUB.1.bin' '$work/again/AK_PUB.1.bin'"
wait "$agent_pid" 2>/dev/null || true # --once: gone after one connection
agent_pid=''

# tpm2-tools judge what the agent sent
tpm2_flushcontext -t -T "$T" >>"$work/check.log" 2>&1
pcrs=sha256:0,1,2,3,4,5,6,7,8,9,17,18,19,20
tpm2_pcrread "$pcrs" -F serialized -o "$work/pcrs.bin" -T "$T" >"$work/pcrread.txt" 2>>"$work/check.log"
awk -F': *' '/0x/ { gsub(" ", "", $1); printf "0x000b %d %s\n", $1, tolower(substr($2, 3)) }' \
	"$work/pcrread.txt" >"$work/pcrs.txt"
check "PCRS equals tpm2_pcrread (SHA-256, PCR 0-9 and 17-20)" \
	cmp "$work/pcrs.txt" "$work/quote-rsa/PCRS.txt"
for k in rsa:AK_PUB ecc:AK_PUB.1; do
	tpm2_loadexternal -C o -u "$work/info/${k#*:}.bin" -c "$work/${k%%:*}.ctx" -T "$T" \
		>>"$work/check.log" 2>&1
	tpm2_readpublic -c "$work/${k%%:*}.ctx" -f pem -o "$work/${k%%:*}.pem" -T "$T" \
		>>"$work/check.log" 2>&1
	tpm2_flushcontext -t -T "$T" >>"$work/check.log" 2>&1
	check "tpm2_checkquote accepts the ${k%%:*} quote" \
		tpm2_checkquote -u "$work/${k%%:*}.pem" -m "$work/quote-${k%%:*}/QUOTE_MSG.bin" \
		-s "$work/quote-${k%%:*}/QUOTE_SIG.bin" -f "$work/pcrs.bin" -g sha256 -q "$nonce"
done
tpm2_loadexternal -C o -u "$work/info/EK_PUB.bin" -c "$work/ek.ctx" -T "$T" >>"$work/check.log" 2>&1
tpm2_readpublic -c "$work/ek.ctx" -f pem -o "$work/ek.pem" -T "$T" >>"$work/check.log" 2>&1
openssl x509 -inform der -in "$work/info/EK_CERT.bin" -noout -pubkey >"$work/ekcert.pem"
check "the EK certificate certifies the EK the agent sent" cmp "$work/ekcert.pem" "$work/ek.pem"

echo "agent-check: $passed passed, $failed failed"
[ "$failed" = 0 ]
