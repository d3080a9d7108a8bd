#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# `make policy-check`, install part: `parapet policy install IMAGE SIGNED`
# (docs/policy-update.md) on a small synthetic disk laid out as the real
# one (docs: slots-common): GPT (sgdisk), partition 1 a placeholder,
# partitions 2 and 3 the slots (type 922a958b-..., names parapet-policy-a
# and -b), each a FAT12 file system (mkfs.vfat) holding /policy-a.bin or
# /policy-b.bin (mcopy). Policies: policy/appliance.pol at other versions
# and epochs, compiled and signed with the development key (make keys).
# Asserts: a fresh image (both slots the same v1) gets v2 in slot b; v3
# then goes to slot a; what each slot holds afterwards (mcopy, cmp); a
# version not newer, an epoch below the newest slot's, an unknown key, a
# broken GPT header CRC and a missing slot partition are each refused with
# their message and the image's bytes unchanged (cmp); --slot and
# --pubkey are honoured; an empty or unusable slot is written first; usage
# errors exit 2.
# Usage: tests/policy/install.sh [PARAPET]
set -euo pipefail
cd "$(dirname "$0")/../.."
P=${1:-build/bin/parapet}
P=$(realpath "$P")
K=keys/dev
SLOT_TYPE=922a958b-b19b-446f-9a87-a7989bd6ea46
dir=$(mktemp -d "${TMPDIR:-/tmp}/parapet-install.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
export MTOOLS_SKIP_CHECK=1
pass=0
fails=0
ok() { pass=$((pass + 1)); }
bad() {
	echo "policy-install: FAIL: $*" >&2
	fails=$((fails + 1))
}
# expect STATUS SUBSTRING CMD...: exit status, and SUBSTRING in stdout+stderr
expect() {
	local want=$1 sub=$2 rc=0
	shift 2
	"$@" >"$dir/out" 2>"$dir/err" || rc=$?
	if [ "$rc" -ne "$want" ]; then
		bad "exit $rc (want $want): $* :: $(cat "$dir/out" "$dir/err")"
	elif [ -n "$sub" ] && ! grep -qF -- "$sub" "$dir/out" "$dir/err"; then
		bad "no '$sub' from: $* :: $(cat "$dir/out" "$dir/err")"
	else
		ok
	fi
}
# has_line LINE: the last command's stdout has exactly this line
has_line() {
	if grep -qxF -- "$1" "$dir/out"; then ok; else bad "no line '$1': $(cat "$dir/out")"; fi
}
# refused SUBSTRING IMAGE SIGNED [OPTS]: exit 1, the message, IMAGE unchanged
refused() {
	local sub=$1 img=$2
	shift 2
	cp "$img" "$dir/before.img"
	expect 1 "$sub" "$P" policy install "$img" "$@"
	if cmp -s "$img" "$dir/before.img"; then ok; else bad "refusal changed $img ($sub)"; fi
}
# policy NAME VERSION EPOCH [KEY]: appliance.pol at that version/epoch, signed
policy() {
	sed -e "s/^    version 1$/    version $2/" -e "s/^    epoch 1$/    epoch $3/" \
		policy/appliance.pol >"$dir/$1.pol"
	"$P" policy compile "$dir/$1.pol" -o "$dir/$1.bin" >/dev/null
	"$P" policy sign "$dir/$1.bin" --key "${4:-$K/policy.pem}" -o "$dir/$1.sig" >/dev/null
}
# slot IMAGE a|b: the byte offset of that slot (partition 2 or 3)
off() { echo $(($([ "$2" = a ] && echo 4096 || echo 6144) * 512)); }
# holds IMAGE a|b FILE: the slot's policy file equals FILE
holds() {
	rm -f "$dir/got"
	if mcopy -n -i "$1@@$(off "$1" "$2")" "::/policy-$2.bin" "$dir/got" 2>/dev/null &&
		cmp -s "$dir/got" "$3"; then ok; else bad "slot $2 of $1 does not hold $3"; fi
}
# mkdisk IMAGE FILE_A FILE_B: a fresh disk (FILE "" = no file in that slot)
mkdisk() {
	rm -f "$1"
	truncate -s 5M "$1"
	sgdisk -o -n 1:2048:4095 -t 1:ef00 -c 1:ESP \
		-n 2:4096:6143 -t 2:$SLOT_TYPE -c 2:parapet-policy-a \
		-n 3:6144:8191 -t 3:$SLOT_TYPE -c 3:parapet-policy-b "$1" >/dev/null
	for s in a b; do
		rm -f "$dir/fat.img"
		mkfs.vfat -C -F 12 -n "PP-POLICY-${s^^}" "$dir/fat.img" 1024 >/dev/null
		local f=$2
		[ "$s" = b ] && f=$3
		[ -n "$f" ] && mcopy -i "$dir/fat.img" "$f" "::/policy-$s.bin"
		dd if="$dir/fat.img" of="$1" bs=512 seek=$(($(off "$1" "$s") / 512)) conv=notrunc status=none
	done
}

policy v1 1 1
policy v2 2 1
policy v3 3 2
policy v4 4 2
policy v5e1 5 1
openssl genpkey -algorithm ed25519 -out "$dir/other.pem" 2>/dev/null
openssl pkey -in "$dir/other.pem" -pubout -out "$dir/other.pub.pem"
policy other 9 9 "$dir/other.pem"

# ---- a fresh image: both slots v1; v2 goes to b, then v3 to a ---------------
img=$dir/disk.img
mkdisk "$img" "$dir/v1.sig" "$dir/v1.sig"
expect 0 "install: slot a: \"appliance\" version 1 epoch 1 (kept)" "$P" policy install "$img" "$dir/v2.sig"
has_line "install: slot b: \"appliance\" version 1 epoch 1 (replaced)"
has_line "install: $dir/v2.sig written to slot b: pending; the next boot tries it (docs/policy-update.md)"
holds "$img" a "$dir/v1.sig"
holds "$img" b "$dir/v2.sig"
expect 0 "written to slot a" "$P" policy install "$img" "$dir/v3.sig"
has_line "install: slot a: \"appliance\" version 1 epoch 1 (replaced)"
has_line "install: slot b: \"appliance\" version 2 epoch 1 (kept)"
holds "$img" a "$dir/v3.sig"
holds "$img" b "$dir/v2.sig"
# the FAT root holds exactly the one file (no .new left behind)
if [ "$(mdir -b -i "$img@@$(off "$img" a)" ::/)" = "::/policy-a.bin" ]; then ok; else bad "slot a root: $(mdir -b -i "$img@@$(off "$img" a)" ::/)"; fi

# ---- refusals: message, exit 1, image bytes unchanged -------------------------
refused "version 3 is not greater than slot a's version 3" "$img" "$dir/v3.sig"
refused "version 2 is not greater than slot a's version 3" "$img" "$dir/v2.sig" --slot b
refused "epoch 1 is below the newest slot's (slot a: version 3 epoch 2)" "$img" "$dir/v5e1.sig"
refused "not a built-in key" "$img" "$dir/other.sig"
refused "refused: framing: signed policy: 0 bytes after the binary" "$img" "$dir/v1.bin"
cp "$img" "$dir/crc.img"
printf '\x00' | dd of="$dir/crc.img" bs=1 seek=$((512 + 16)) conv=notrunc status=none
refused "GPT: header CRC32 0x" "$dir/crc.img" "$dir/v4.sig"
if grep -qE "header CRC32 0x[0-9a-f]{8} does not match 0x[0-9a-f]{8} computed" "$dir/err"; then ok
else bad "CRC message: $(cat "$dir/err")"; fi
cp "$img" "$dir/nob.img"
sgdisk -d 3 "$dir/nob.img" >/dev/null
refused "GPT: no partition named parapet-policy-b" "$dir/nob.img" "$dir/v4.sig"
cp "$img" "$dir/wrongtype.img"
sgdisk -t 2:8300 "$dir/wrongtype.img" >/dev/null
refused "GPT: no partition named parapet-policy-a of type $SLOT_TYPE" "$dir/wrongtype.img" "$dir/v4.sig"
head -c 65536 /dev/zero >"$dir/zero.img"
refused "zero.img: GPT: no \"EFI PART\" signature at LBA 1" "$dir/zero.img" "$dir/v4.sig"
# a file shorter than the protective MBR and the GPT header (two sectors)
head -c 1000 /dev/zero >"$dir/small.img"
refused "1000 bytes, too small for a GPT" "$dir/small.img" "$dir/v4.sig"

# ---- --slot and --pubkey --------------------------------------------------------
expect 0 "written to slot b" "$P" policy install "$img" "$dir/v4.sig" --slot b
has_line "install: slot b: \"appliance\" version 2 epoch 1 (replaced)"
holds "$img" a "$dir/v3.sig"
holds "$img" b "$dir/v4.sig"
mkdisk "$dir/o.img" "$dir/v1.sig" "$dir/v1.sig"
expect 0 "written to slot a" "$P" policy install "$dir/o.img" "$dir/other.sig" --slot a --pubkey "$dir/other.pub.pem"
# under that key alone the v1 slots are not usable: named as such
has_line "install: slot b: not usable: key: signed by key $(grep -o 'key id [0-9a-f]*' <("$P" policy verify "$dir/v1.sig") | cut -d' ' -f3), which is not a built-in key (kept)"
holds "$dir/o.img" a "$dir/other.sig"

# ---- an empty slot, an unusable slot, no FAT: written first ---------------------
mkdisk "$dir/e.img" "$dir/v2.sig" ""
expect 0 "install: slot b: empty (replaced)" "$P" policy install "$dir/e.img" "$dir/v3.sig"
holds "$dir/e.img" b "$dir/v3.sig"
mkdisk "$dir/u.img" "$dir/v1.bin" "$dir/v2.sig"
expect 0 "install: slot a: not usable: framing:" "$P" policy install "$dir/u.img" "$dir/v3.sig"
has_line "install: slot b: \"appliance\" version 2 epoch 1 (kept)"
holds "$dir/u.img" a "$dir/v3.sig"
mkdisk "$dir/n.img" "$dir/v1.sig" "$dir/v1.sig"
dd if=/dev/zero of="$dir/n.img" bs=512 seek=6144 count=64 conv=notrunc status=none
# no file system in the slot to write: refused before anything is written
refused "refused: slot b (partition 3) cannot be written: mdir: init :: non DOS media" "$dir/n.img" "$dir/v2.sig"

# ---- usage ------------------------------------------------------------------------
expect 2 "expected IMAGE and SIGNED" "$P" policy install "$img"
expect 2 "--slot takes a or b" "$P" policy install "$img" "$dir/v4.sig" --slot c
expect 0 "usage: parapet policy install" "$P" policy install --help

if [ "$fails" -ne 0 ]; then
	echo "policy-install: $fails failed, $pass passed" >&2
	exit 1
fi
echo "policy-install: all $pass checks passed"
