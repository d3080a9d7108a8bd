#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# `make attest-check` (part of `make test-host`): `parapet attest verify`
# as a command (docs/attestation.md):
#  1. exit statuses (0 affirming, 1 warning/contraindicated, 2 usage), --help,
#     --json, --accept-launch, --state, both kinds of --reference, on
#     bundles written by build/tests/attest/mkbundle (the unit tests'
#     honest fixture), one of them carrying refgen's own predicted DRTM log
#     and judged against refgen's reference.json;
#  2. the file formats against real tpm2-tools 5.4 and a private swtpm:
#     an AK made by tpm2_createak, a log whose firmware events are extended
#     with tpm2_pcrextend, `tpm2_quote -m -s -f tss -o` over the PCR plan;
#     the verdict refuses only the launch type (no Parapet launch there),
#     and the two CVE forgeries: a wrong-magic structure the restricted AK
#     signed through TPM2_Hash + TPM2_Sign (CVE-2024-29038) and a
#     relabelled PCR selection (CVE-2024-29039), which tpm2_checkquote
#     5.4 accepts (printed, not asserted), get their failure ids; and every
#     other failure id from evidence the TPM made.
set -euo pipefail
cd "$(dirname "$0")/../.."
P=build/bin/parapet
MK=build/tests/attest/mkbundle
REFGEN=${REFGEN:-build/tools/refgen/refgen}
dir=$(mktemp -d "${TMPDIR:-/tmp}/parapet-attest.XXXXXX")
pid=
cleanup() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM
fails=0
pass() { echo "attest: ok   $1"; }
fail() { echo "attest: FAIL $1"; fails=$((fails + 1)); }

# expect STATUS NAME CMD... : the command's exit status is STATUS
expect() {
	local want=$1 name=$2 rc=0
	shift 2
	"$@" >"$dir/out" 2>"$dir/err" || rc=$?
	if [ "$rc" -eq "$want" ]; then pass "$name"; else
		fail "$name: exit $rc, expected $want"
		cat "$dir/out" "$dir/err"
	fi
}
# has ID NAME: the last output names failure id ID
has() {
	if grep -q "FAIL  $1 " "$dir/out" || grep -q "\"id\":\"$1\"" "$dir/out"; then pass "$2"; else
		fail "$2: no $1 in the verdict"
		cat "$dir/out"
	fi
}

# ---- 1. the command ---------------------------------------------------------
b=$dir/b
mkdir -p "$b" "$dir/emu"
$MK bundle "$b" skinit
$MK bundle "$dir/emu" emulated
ak=$b/enrolled.pub
expect 0 "parapet --help" $P --help
expect 2 "parapet (no command)" $P
expect 2 "parapet nosuch" $P nosuch
expect 0 "parapet attest --help" $P attest --help
expect 2 "parapet attest enroll (no options)" $P attest enroll
expect 0 "verify --help" $P attest verify --help
expect 2 "unknown option" $P attest verify --bundle "$b" --ak "$ak" --frobnicate
expect 2 "no --ak" $P attest verify --bundle "$b"
expect 2 "no --bundle" $P attest verify --ak "$ak"
expect 2 "--ak missing file" $P attest verify --bundle "$b" --ak "$dir/nope.pub"
expect 2 "--ak not a public area" $P attest verify --bundle "$b" --ak "$b/nonce.hex"
expect 2 "--accept-launch bad" $P attest verify --bundle "$b" --ak "$ak" --accept-launch qemu
expect 2 "--reference missing" $P attest verify --bundle "$b" --ak "$ak" --reference "$dir/nope"
echo '{"schema": "other"}' >"$dir/bad.json"
expect 2 "--reference wrong schema" $P attest verify --bundle "$b" --ak "$ak" --reference "$dir/bad.json"
expect 2 "--policy-key missing file" $P attest verify --bundle "$b" --ak "$ak" --policy-key "$dir/nope.pem"
expect 2 "--policy-key not PEM" $P attest verify --bundle "$b" --ak "$ak" --policy-key "$b/nonce.hex"
expect 2 "--policy-key not Ed25519" $P attest verify --bundle "$b" --ak "$ak" --policy-key "$b/ak.pem"
expect 2 "--min-policy-version not a number" $P attest verify --bundle "$b" --ak "$ak" --min-policy-version 2x
expect 2 "--min-policy-version negative" $P attest verify --bundle "$b" --ak "$ak" --min-policy-version -1
expect 2 "--min-policy-epoch too large" $P attest verify --bundle "$b" --ak "$ak" --min-policy-epoch 4294967296
openssl genpkey -algorithm ed25519 2>/dev/null | openssl pkey -pubout -out "$dir/pol.pem" 2>/dev/null
expect 1 "--policy-key without policy.bin" $P attest verify --bundle "$b" --ak "$ak" --reference "$b/reference.json" --policy-key "$dir/pol.pem"
has policy-missing "--policy-key without policy.bin: policy-missing"
expect 1 "--min-policy-version without policy.bin" $P attest verify --bundle "$b" --ak "$ak" --reference "$b/reference.json" --min-policy-version 1
has policy-missing "--min-policy-version without policy.bin: policy-missing"
cp -r "$b" "$dir/missing" && rm "$dir/missing/quote.sig"
expect 2 "bundle file missing" $P attest verify --bundle "$dir/missing" --ak "$ak"

expect 0 "affirming (reference.json)" $P attest verify --bundle "$b" --ak "$ak" --reference "$b/reference.json"
grep -q "^verdict      affirming" "$dir/out" && pass "table says affirming" || fail "table"
expect 0 "affirming (known-good DRTM log)" $P attest verify --bundle "$b" --ak "$ak" --reference "$b/drtm.log"
expect 0 "--json" $P attest verify --bundle "$b" --ak "$ak" --reference "$b/reference.json" --json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["status"]=="affirming" and r["failures"]==[] and r["launch_type"]=="skinit", r' "$dir/out" &&
	pass "--json is JSON, affirming" || fail "--json content"
expect 1 "no reference: warning" $P attest verify --bundle "$b" --ak "$ak" --json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["status"]=="warning" and r["warnings"], r' "$dir/out" &&
	pass "no reference is never affirming" || fail "no-reference status"
expect 1 "emulated refused by default" $P attest verify --bundle "$dir/emu" --ak "$dir/emu/enrolled.pub" --reference "$dir/emu/reference.json"
has launch-type-refused "emulated: launch-type-refused"
expect 0 "emulated accepted on request" $P attest verify --bundle "$dir/emu" --ak "$dir/emu/enrolled.pub" --reference "$dir/emu/reference.json" --accept-launch emulated
expect 1 "skinit bundle against the emulated reference" $P attest verify --bundle "$b" --ak "$ak" --reference "$dir/emu/reference.json"
has reference-mismatch "another launch's reference: reference-mismatch"
expect 1 "not enrolled" $P attest verify --bundle "$b" --ak "$dir/emu/enrolled.pub" --reference "$b/reference.json"
has ak-not-enrolled "another AK: ak-not-enrolled"
expect 0 "--state first" $P attest verify --bundle "$b" --ak "$ak" --reference "$b/reference.json" --state "$dir/state.db"
expect 1 "--state replay" $P attest verify --bundle "$b" --ak "$ak" --reference "$b/reference.json" --state "$dir/state.db"
has clockinfo-regressed "the same quote twice: clockinfo-regressed"
for f in quote.msg quote.sig quote.pcrs eventlog.bin nonce.hex ak.pub ak.pem; do
	cp -r "$b" "$dir/m" && : >"$dir/m/$f"
	expect 1 "empty $f: a verdict" $P attest verify --bundle "$dir/m" --ak "$ak" --reference "$b/reference.json"
	head -c 300 /dev/urandom >"$dir/m/$f"
	expect 1 "random $f: a verdict" $P attest verify --bundle "$dir/m" --ak "$ak" --reference "$b/reference.json"
	rm -rf "$dir/m"
done

# ---- refgen's own prediction as the DRTM log and the reference --------------
# (stand-in files: explicit form of docs/measurements.md's refgen command)
r=$dir/rg
mkdir -p "$r/b" "$r/b2"
head -c 3000 /dev/urandom >"$r/sl.bin"
printf '\x10\x00\xc4\x09' | dd of="$r/sl.bin" conv=notrunc status=none
head -c 50000 /dev/urandom >"$r/hv.elf"
head -c 333 /dev/urandom >"$r/policy.bin"
head -c 4097 /dev/urandom >"$r/pd.bin"
rg() { # rg OUT-PREFIX POLICY
	$REFGEN --launch emulated --sl "$r/sl.bin" --hypervisor "$r/hv.elf" --cmdline 'console=com1' \
		--policy "$2" --pd service="$r/pd.bin" --log "$1.log" --json "$1.json" >/dev/null
}
rg "$r/ref" "$r/policy.bin"
$MK bundle-drtm "$r/b" "$r/ref.log"
expect 0 "refgen's DRTM log and reference.json: affirming" $P attest verify --bundle "$r/b" \
	--ak "$r/b/enrolled.pub" --reference "$r/ref.json" --accept-launch emulated
expect 0 "refgen's DRTM log as the known-good log: affirming" $P attest verify --bundle "$r/b" \
	--ak "$r/b/enrolled.pub" --reference "$r/ref.log"
cp "$r/policy.bin" "$r/policy2.bin" && printf 'x' >>"$r/policy2.bin"
rg "$r/ref2" "$r/policy2.bin"
expect 1 "another policy's reference" $P attest verify --bundle "$r/b" --ak "$r/b/enrolled.pub" \
	--reference "$r/ref2.json" --accept-launch emulated
has reference-mismatch "another policy: reference-mismatch"
if grep "^FAIL" "$dir/out" | grep -q "PCR 18" && ! grep "^FAIL" "$dir/out" | grep -q "PCR 17\|PCR 19"; then
	pass "another policy: only PCR 18 named"
else
	fail "another policy: only PCR 18 named"
	cat "$dir/out"
fi

# ---- 2. tpm2-tools and swtpm ------------------------------------------------
if ! command -v swtpm >/dev/null || ! command -v tpm2_quote >/dev/null; then
	fail "swtpm or tpm2-tools missing (make deps)"
	exit 1
fi
t=$dir/tpm
mkdir -p "$t/state"
swtpm socket --tpm2 --tpmstate dir="$t/state" \
	--server type=unixio,path="$t/tpm.sock" --ctrl type=unixio,path="$t/tpm.sock.ctrl" \
	--flags not-need-init,startup-clear --log file="$t/swtpm.log" &
pid=$!
for _ in $(seq 100); do
	[ -S "$t/tpm.sock" ] && break
	sleep 0.02
done
export TPM2TOOLS_TCTI="swtpm:path=$t/tpm.sock"
q=$dir/q
mkdir -p "$q"
(
	cd "$t"
	tpm2_createek -c ek.ctx -G rsa -u ek.pub >/dev/null
	tpm2_createak -C ek.ctx -c ak.ctx -G rsa -g sha256 -s rsassa -u ak.pub -f tss -n ak.name >/dev/null
	tpm2_flushcontext -t
	tpm2_readpublic -c ak.ctx -o ak.pem -f pem >/dev/null
	tpm2_flushcontext -t
) || { fail "tpm2_createek/createak on swtpm"; cat "$t/swtpm.log"; exit 1; }
cp "$t/ak.pub" "$q/ak.pub"
cp "$t/ak.pem" "$q/ak.pem"
(cd "$q" && "$OLDPWD/$MK" fwlog eventlog.bin) >"$t/extends"
while read -r pcr hex; do tpm2_pcrextend "$pcr:sha256=$hex"; done <"$t/extends"
nonce=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
echo "$nonce" >"$q/nonce.hex"
sel=sha256:0,1,2,3,4,5,6,7,8,9,17,18,19,20
tpm2_quote -c "$t/ak.ctx" -l $sel -q "$nonce" -g sha256 \
	-m "$q/quote.msg" -s "$q/quote.sig" -f tss -o "$q/quote.pcrs" >/dev/null
tpm2_flushcontext -t
expect 1 "swtpm quote: a verdict" $P attest verify --bundle "$q" --ak "$t/ak.pub" --json
if python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
ids = [f["id"] for f in r["failures"]]
assert ids == ["launch-type-refused"], ids
assert r["signer"] and r["clock_info"]["reset_count"] >= 0 and r["grub_commands"] == 1, r
' "$dir/out"; then pass "swtpm quote: signature, nonce, selection, digest, replay hold; only the launch type is refused"; else
	fail "swtpm quote verdict"
	cat "$dir/out"
fi

# CVE-2024-29038: the AK signs a quote-like structure with a wrong magic.
f=$dir/forged
cp -r "$q" "$f"
printf '\xff\x54\x43\x48' | dd of="$f/quote.msg" bs=1 seek=0 conv=notrunc status=none
tpm2_hash -C e -g sha256 -t "$t/ticket" -o "$t/digest" "$f/quote.msg"
tpm2_sign -c "$t/ak.ctx" -g sha256 -s rsassa -d -t "$t/ticket" -f tss -o "$f/quote.sig" "$t/digest"
tpm2_flushcontext -t
expect 1 "forged magic: a verdict" $P attest verify --bundle "$f" --ak "$t/ak.pub"
has attest-magic-invalid "CVE-2024-29038 forgery: attest-magic-invalid"
grep -q "signature-invalid" "$dir/out" && fail "the forgery's signature is the AK's" || pass "the forgery's signature verifies"
tpm2_checkquote -u "$t/ak.pub" -m "$f/quote.msg" -s "$f/quote.sig" -f "$f/quote.pcrs" -g sha256 \
	-q "$nonce" >/dev/null 2>&1 && echo "attest: note tpm2_checkquote accepts the forged magic" ||
	echo "attest: note tpm2_checkquote rejects the forged magic"

# CVE-2024-29039: PCR 16 quoted, its value presented as PCR 17's.
r=$dir/relabel
cp -r "$q" "$r"
tpm2_quote -c "$t/ak.ctx" -l sha256:0,1,2,3,4,5,6,7,8,9,16,18,19,20 -q "$nonce" -g sha256 \
	-m "$r/quote.msg" -s "$r/quote.sig" -f tss -o "$r/quote.pcrs" >/dev/null
tpm2_flushcontext -t
# selection entry 0's third pcrSelect byte (offset 4 + 3 + 2): PCR 16 -> 17
printf '\x1e' | dd of="$r/quote.pcrs" bs=1 seek=9 conv=notrunc status=none
expect 1 "relabelled selection: a verdict" $P attest verify --bundle "$r" --ak "$t/ak.pub"
has pcr-selection-mismatch "CVE-2024-29039 forgery: pcr-selection-mismatch"
tpm2_checkquote -u "$t/ak.pub" -m "$r/quote.msg" -s "$r/quote.sig" -f "$r/quote.pcrs" -g sha256 \
	-q "$nonce" >/dev/null 2>&1 && echo "attest: note tpm2_checkquote accepts the relabelled selection" ||
	echo "attest: note tpm2_checkquote rejects the relabelled selection"

# ---- every other failure id from the TPM's own evidence ---------------------
# flip FILE OFFSET: XOR the byte at OFFSET (negative: from the end) with 0x01
flip() {
	python3 -c 'import sys; p=sys.argv[1]; b=bytearray(open(p,"rb").read()); i=int(sys.argv[2]); b[i]^=1; open(p,"wb").write(b)' "$1" "$2"
}
# at FILE TEXT: the offset of TEXT in FILE
at() {
	python3 -c 'import sys; print(open(sys.argv[1],"rb").read().index(sys.argv[2].encode()))' "$1" "$2"
}
# variant NAME: a copy of the swtpm bundle to corrupt
variant() {
	rm -rf "$dir/v"
	cp -r "$q" "$dir/v"
}
# judge ID NAME [ARGS...]: verify $dir/v (enrolled: $AK, default the AK) and
# expect failure ID
judge() {
	local id=$1 name=$2
	shift 2
	expect 1 "$name: a verdict" $P attest verify --bundle "$dir/v" --ak "${AK:-$t/ak.pub}" "$@"
	has "$id" "swtpm: $name: $id"
}
(
	cd "$t"
	tpm2_createak -C ek.ctx -c ak2.ctx -G rsa -g sha256 -s rsassa -u ak2.pub -f tss >/dev/null
	tpm2_flushcontext -t
	tpm2_readpublic -c ak2.ctx -o ak2.pem -f pem >/dev/null
	tpm2_flushcontext -t
	tpm2_createprimary -C o -c prim.ctx >/dev/null
	tpm2_flushcontext -t
	tpm2_create -C prim.ctx -G rsa2048:rsassa-sha256 -u k.pub -r k.priv \
		-a 'fixedtpm|fixedparent|sensitivedataorigin|userwithauth|sign' >/dev/null
	tpm2_flushcontext -t
	tpm2_load -C prim.ctx -u k.pub -r k.priv -c k.ctx >/dev/null
	tpm2_flushcontext -t
	tpm2_readpublic -c k.ctx -o k.pem -f pem >/dev/null
	tpm2_flushcontext -t
) || { fail "second AK / unrestricted key on swtpm"; exit 1; }

variant && echo "$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$dir/v/nonce.hex"
judge nonce-mismatch "another nonce"
variant && flip "$dir/v/quote.sig" -7
judge signature-invalid "a flipped signature byte"
variant
AK=$t/ak2.pub judge ak-not-enrolled "another enrolled AK"
variant && cp "$t/ak2.pem" "$dir/v/ak.pem"
judge ak-mismatch "ak.pem of another AK"
variant && cp "$t/k.pub" "$dir/v/ak.pub" && cp "$t/k.pem" "$dir/v/ak.pem"
tpm2_quote -c "$t/k.ctx" -l $sel -q "$nonce" -g sha256 \
	-m "$dir/v/quote.msg" -s "$dir/v/quote.sig" -f tss -o "$dir/v/quote.pcrs" >/dev/null
tpm2_flushcontext -t
expect 1 "unrestricted key: a verdict" $P attest verify --bundle "$dir/v" --ak "$t/k.pub"
has ak-not-restricted "swtpm: a quote by an unrestricted signing key: ak-not-restricted"
variant
tpm2_certify -C "$t/ak.ctx" -c "$t/ak.ctx" -g sha256 \
	-o "$dir/v/quote.msg" -s "$dir/v/quote.sig" -f tss >/dev/null
tpm2_flushcontext -t
judge attest-type-invalid "a TPM2_Certify structure"
grep -q signature-invalid "$dir/out" && fail "swtpm: certify's signature is the AK's" || pass "swtpm: certify's signature verifies"
variant && flip "$dir/v/quote.pcrs" 142
judge pcr-digest-mismatch "a changed PCR 0 value"
variant && head -c -3 "$q/eventlog.bin" >"$dir/v/eventlog.bin"
judge eventlog-malformed "a truncated log"
variant && flip "$dir/v/eventlog.bin" $(($(at "$q/eventlog.bin" "grub_cmd: multiboot2") + 12))
judge eventlog-digest-mismatch "a changed GRUB command"
variant && cp "$q/eventlog.bin" "$dir/ref.log"
expect 1 "the log itself as the reference: warning" $P attest verify --bundle "$dir/v" --ak "$t/ak.pub" --reference "$dir/ref.log" --json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["status"]=="warning" and r["failures"]==[], r' "$dir/out" &&
	pass "swtpm: reproducing a known-good log: no failure, no DRTM coverage" || { fail "known-good log"; cat "$dir/out"; }
flip "$dir/ref.log" $(($(at "$q/eventlog.bin" "grub_cmd: multiboot2") - 5))
judge reference-mismatch "a reference log with another PCR 8 event" --reference "$dir/ref.log"
grep -q "PCR 8" "$dir/out" && pass "swtpm: reference-mismatch names PCR 8" || fail "reference-mismatch names PCR 8"
variant && head -c 200 /dev/urandom >"$dir/v/quote.msg"
judge evidence-malformed "random quote.msg"

# the clock state: the same quote twice, then a TPM Restart and a TPM Reset
# with the older quotes judged after the newer ones
expect 1 "state: first" $P attest verify --bundle "$q" --ak "$t/ak.pub" --state "$dir/tpm.db"
expect 1 "state: again" $P attest verify --bundle "$q" --ak "$t/ak.pub" --state "$dir/tpm.db"
has clockinfo-regressed "swtpm: the same quote twice: clockinfo-regressed"
# requote DIR: a new quote of the current PCRs into a copy of the bundle, by
# the AK made persistent (saved contexts do not survive a TPM Reset)
tpm2_evictcontrol -C o -c "$t/ak.ctx" 0x81010002 >/dev/null
tpm2_flushcontext -t
requote() {
	rm -rf "$1"
	cp -r "$q" "$1"
	tpm2_quote -c 0x81010002 -l $sel -q "$nonce" -g sha256 \
		-m "$1/quote.msg" -s "$1/quote.sig" -f tss -o "$1/quote.pcrs" >/dev/null
	tpm2_flushcontext -t
}
power() { # power SHUTDOWN-ARGS STARTUP-ARGS: shutdown, power cycle, startup
	tpm2_shutdown $1 >/dev/null 2>&1 || true
	swtpm_ioctl --unix "$t/tpm.sock.ctrl" -i >/dev/null
	tpm2_startup $2 >/dev/null 2>&1 || true
}
power "" ""
requote "$dir/restart"
expect 1 "state: after a restart" $P attest verify --bundle "$dir/restart" --ak "$t/ak.pub" --state "$dir/tpm2.db"
expect 1 "state: the quote from before the restart" $P attest verify --bundle "$q" --ak "$t/ak.pub" --state "$dir/tpm2.db"
has restart-count-regressed "swtpm: TPM Restart: restart-count-regressed"
power "-c" "-c"
requote "$dir/reset"
expect 1 "state: after a reset" $P attest verify --bundle "$dir/reset" --ak "$t/ak.pub" --state "$dir/tpm2.db"
expect 1 "state: the quote from before the reset" $P attest verify --bundle "$dir/restart" --ak "$t/ak.pub" --state "$dir/tpm2.db"
has reset-count-regressed "swtpm: TPM Reset: reset-count-regressed"
# after the reset the PCRs are fresh: the log no longer replays
rm -rf "$dir/v" && cp -r "$dir/reset" "$dir/v"
judge eventlog-replay-mismatch "a log the reset PCRs do not match"

[ $fails -eq 0 ] && echo "attest: all passed" || echo "attest: $fails failed"
[ $fails -eq 0 ]
