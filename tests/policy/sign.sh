#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# `make policy-sign-check` (part of `make test-host`): `parapet policy sign`
# and `verify` as commands (docs/policy-signing.md), on the unit tests'
# fixture policy (build/tests/policy/mkpolicy) and the development keys
# (make keys), and on policy/appliance.pol compiled: both public keys
# inside the shipped hypervisor ELF; sign + verify with the built-in keys, with --pubkey, with
# the backup key; each refusal with its exit status and reason: unknown
# key id, wrong --pubkey, a bit flipped in the body, the header and the
# signature, truncated, one byte appended, a body-hash mismatch under a
# valid signature (made with the openssl command), a validator rule, a
# forgery under a non-canonical key that OpenSSL alone accepts;
# sign refuses a signed file and a non-binary and writes nothing then;
# usage errors exit 2, --help exits 0.
set -euo pipefail
cd "$(dirname "$0")/../.."
P=build/bin/parapet
MK=build/tests/policy/mkpolicy
K=keys/dev
dir=$(mktemp -d "${TMPDIR:-/tmp}/parapet-sign.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
fails=0
pass() { echo "policy-sign: ok   $1"; }
fail() { echo "policy-sign: FAIL $1"; fails=$((fails + 1)); }

# expect STATUS NAME [MESSAGE-SUBSTRING] -- CMD...: exit status, and the
# substring in stdout or stderr when given.
expect() {
	local want=$1 name=$2 sub=$3 rc=0
	shift 4
	"$@" >"$dir/out" 2>"$dir/err" || rc=$?
	if [ "$rc" -ne "$want" ]; then
		fail "$name: exit $rc, expected $want"
		cat "$dir/out" "$dir/err"
	elif [ -n "$sub" ] && ! grep -qF -- "$sub" "$dir/out" "$dir/err"; then
		fail "$name: no \"$sub\" in the output"
		cat "$dir/out" "$dir/err"
	else
		pass "$name"
	fi
}
# flip FILE OFFSET: xor the byte at OFFSET with 0x01, into FILE.flip
flip() {
	local b
	cp "$1" "$1.flip"
	b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
	# shellcheck disable=SC2059
	printf "$(printf '\\%03o' $((b ^ 1)))" | dd of="$1.flip" bs=1 seek="$2" conv=notrunc status=none
}

$MK "$dir/p.bin"
$MK --break-rule "$dir/rule.bin"
size=$(stat -c %s "$dir/p.bin")

# ---- sign and verify ---------------------------------------------------------
expect 0 "sign with the policy key" "signed" -- $P policy sign "$dir/p.bin" --key $K/policy.pem -o "$dir/p.sig"
if [ "$(stat -c %s "$dir/p.sig")" -eq $((size + 96)) ]; then pass "signed = binary + 96-byte trailer"
else fail "signed size $(stat -c %s "$dir/p.sig"), expected $((size + 96))"; fi
expect 0 "verify with the built-in keys" "built-in policy key" -- $P policy verify "$dir/p.sig"
expect 0 "verify with --pubkey" "$K/policy.pub.pem" -- $P policy verify "$dir/p.sig" --pubkey $K/policy.pub.pem
expect 0 "sign with the backup key" "" -- $P policy sign "$dir/p.bin" --key $K/backup.pem -o "$dir/pb.sig"
expect 0 "verify the backup key's signature" "built-in backup key" -- $P policy verify "$dir/pb.sig"
if cmp -s "$dir/p.bin" <(head -c "$size" "$dir/p.sig"); then fail "key id not set in the header"
else pass "key id set in the signed header"; fi

# The default appliance policy, compiled by the real compiler, signs and verifies.
expect 0 "compile policy/appliance.pol" "" -- $P policy compile policy/appliance.pol -o "$dir/app.bin"
expect 0 "sign the appliance policy" "signed" -- $P policy sign "$dir/app.bin" --key $K/policy.pem -o "$dir/app.sig"
expect 0 "verify the appliance policy" "policy \"appliance\"" -- $P policy verify "$dir/app.sig"

# ---- the built-in keys are in the shipped (stripped) hypervisor ELF --------------
HV=${HV_ELF:-build/hypervisor/hypervisor.elf}
for role in policy backup; do
	raw=$(openssl pkey -pubin -in $K/$role.pub.pem -outform DER | tail -c 32 | od -An -v -tx1 | tr -d ' \n')
	if od -An -v -tx1 "$HV" | tr -d ' \n' | grep -q "$raw"; then
		pass "the $role public key is in $HV (measured with it)"
	else
		fail "the $role public key is not in $HV"
	fi
done

# ---- refusals ---------------------------------------------------------------
openssl genpkey -algorithm ed25519 -out "$dir/other.pem" 2>/dev/null
openssl pkey -in "$dir/other.pem" -pubout -out "$dir/other.pub.pem"
$P policy sign "$dir/p.bin" --key "$dir/other.pem" -o "$dir/other.sig" >/dev/null
expect 1 "unknown key (not built in)" "unknown key id" -- $P policy verify "$dir/other.sig"
expect 0 "the same with its --pubkey" "" -- $P policy verify "$dir/other.sig" --pubkey "$dir/other.pub.pem"
expect 1 "wrong --pubkey" "unknown key id" -- $P policy verify "$dir/p.sig" --pubkey $K/backup.pub.pem

flip "$dir/p.sig" $((size - 1))
expect 1 "bit flipped in the body" "bad signature" -- $P policy verify "$dir/p.sig.flip"
flip "$dir/p.sig" $((0x18))
expect 1 "bit flipped in the header (version)" "bad signature" -- $P policy verify "$dir/p.sig.flip"
flip "$dir/p.sig" $((size + 0x20 + 10))
expect 1 "bit flipped in the signature (R)" "bad signature" -- $P policy verify "$dir/p.sig.flip"
flip "$dir/p.sig" $((size + 0x20 + 40))
expect 1 "bit flipped in the signature (S)" "bad signature" -- $P policy verify "$dir/p.sig.flip"
flip "$dir/p.sig" $((0x28))
expect 1 "bit flipped in the header's key id" "key id differs" -- $P policy verify "$dir/p.sig.flip"
head -c $((size + 95)) "$dir/p.sig" >"$dir/trunc.sig"
expect 1 "truncated by one byte" "95 bytes after the binary" -- $P policy verify "$dir/trunc.sig"
head -c "$size" "$dir/p.sig" >"$dir/nosig.sig"
expect 1 "trailer missing" "0 bytes after the binary" -- $P policy verify "$dir/nosig.sig"
{ cat "$dir/p.sig"; printf 'x'; } >"$dir/long.sig"
expect 1 "one byte appended" "97 bytes after the binary" -- $P policy verify "$dir/long.sig"

# A valid signature over a binary whose body hash is wrong: flip a byte of
# the header's body hash (0x30) and re-sign [0, size) with the openssl command.
flip "$dir/p.sig" $((0x30))
head -c "$size" "$dir/p.sig.flip" >"$dir/bh.bin"
openssl pkeyutl -sign -inkey $K/policy.pem -rawin -in "$dir/bh.bin" -out "$dir/bh.rsig"
{ cat "$dir/bh.bin"; head -c $((size + 32)) "$dir/p.sig" | tail -c 32; cat "$dir/bh.rsig"; } >"$dir/bh.sig"
expect 1 "valid signature, body hash mismatch" "body hash" -- $P policy verify "$dir/bh.sig"

$P policy sign "$dir/rule.bin" --key $K/policy.pem -o "$dir/rule.sig" >/dev/null
expect 1 "valid signature, validator rule broken" "rule structure" -- $P policy verify "$dir/rule.sig"

# A forgery OpenSSL 3.0 alone would accept: the public key is the identity
# point encoded non-canonically (y = p + 1), which RFC 8032 5.1.3 refuses
# and OpenSSL's decoder reduces; R = the identity, S = 0 "verify" for any
# message under such a key. verify must report the disagreement and fail
# (docs/crypto.md, "Rules").
# shellcheck disable=SC2059 # the format is the \xHH escapes
hex2bin() { printf "$(sed -E 's/(..)/\\x\1/g')"; }
nc_raw=ee$(printf 'ff%.0s' $(seq 30))7f
printf '%s' "302a300506032b6570032100$nc_raw" | hex2bin >"$dir/nc.der"
if openssl pkey -pubin -inform DER -in "$dir/nc.der" -out "$dir/nc.pub.pem" 2>/dev/null; then
	nc_id=$(printf '%s' "$nc_raw" | hex2bin | openssl dgst -sha256 -binary | head -c 8 | od -An -v -tx1 | tr -d ' \n')
	{
		head -c $((0x28)) "$dir/p.bin"
		printf '%s' "$nc_id" | hex2bin
		tail -c +$((0x30 + 1)) "$dir/p.bin"
		printf 'PPPOLSIG'
		printf '%s' "0100000000000000${nc_id}000000000000000001" | hex2bin
		head -c 63 /dev/zero
	} >"$dir/nc.sig"
	expect 1 "forgery under a non-canonical key (OpenSSL alone accepts)" "VERIFIER DISAGREEMENT" -- \
		$P policy verify "$dir/nc.sig" --pubkey "$dir/nc.pub.pem"
else
	pass "forgery under a non-canonical key: OpenSSL refuses to load the key (nothing to compare)"
fi

# ---- sign's refusals and usage ------------------------------------------------
expect 1 "sign refuses a signed file" "already signed" -- $P policy sign "$dir/p.sig" --key $K/policy.pem -o "$dir/x.sig"
expect 1 "sign refuses a non-binary" "not a policy binary" -- $P policy sign keys/README.md --key $K/policy.pem -o "$dir/x.sig"
expect 1 "sign refuses a public key as --key" "not a PEM private key" -- $P policy sign "$dir/p.bin" --key $K/policy.pub.pem -o "$dir/x.sig"
if [ -e "$dir/x.sig" ]; then fail "a refused sign wrote its output"; else pass "a refused sign writes nothing"; fi
if [ -z "$(find "$dir" -name '*.tmp.*')" ]; then pass "no temporary file left"; else fail "temporary file left"; fi
expect 2 "sign without --key" "--key KEY.pem" -- $P policy sign "$dir/p.bin" -o "$dir/x.sig"
expect 2 "verify without a file" "exactly one" -- $P policy verify
expect 2 "verify --pubkey of a private key" "not a PEM public key" -- $P policy verify "$dir/p.sig" --pubkey $K/policy.pem
expect 0 "sign --help" "usage: parapet policy sign" -- $P policy sign --help
expect 0 "verify --help" "usage: parapet policy verify" -- $P policy verify --help

if [ "$fails" -ne 0 ]; then
	echo "policy-sign: $fails failed" >&2
	exit 1
fi
echo "policy-sign: all passed"
