#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# `make policy-check` (part of `make test-host`): `parapet policy compile,
# check, dump` as commands, on policy/appliance.pol and variants of it
# (docs/policy.md):
#  1. compile twice: identical bytes; check passes on source, binary and a
#     signed binary (framing only: the signature is not verified by check);
#  2. a policy breaking a rule: check exits 1 naming the rule class; compile
#     exits 1 and writes nothing;
#  3. a source error: exit 1 with FILE:LINE:COL, nothing written;
#  4. dump and compile again: identical bytes; dump -o equals stdout; the
#     same from a file `parapet policy sign` signed (development key);
#  5. usage errors exit 2; --help exits 0 for each command;
#  6. policy/linux.pol (a `boot linux64` partition) and policy/linux-smp.pol
#     (the same on two cores): compile, check (also
#     against the QEMU q35 machine samples), dump and compile again give the
#     same bytes; one variant per linux64 rule refused with its class.
# Usage: tests/policy/cli.sh [PARAPET]
set -euo pipefail
cd "$(dirname "$0")/../.."
P=${1:-build/bin/parapet}
SRC=policy/appliance.pol
dir=$(mktemp -d "${TMPDIR:-/tmp}/parapet-policy.XXXXXX")
trap 'rm -rf "$dir"' EXIT
pass=0
fail=0

ok() {
	pass=$((pass + 1))
}
bad() {
	echo "policy-check: FAIL: $*" >&2
	fail=$((fail + 1))
}
# expect STATUS CMD...: the command's exit status (stdout/stderr in $dir/out, $dir/err)
expect() {
	local want=$1 rc=0
	shift
	"$@" >"$dir/out" 2>"$dir/err" || rc=$?
	if [ "$rc" -eq "$want" ]; then ok; else bad "exit $rc (want $want): $* :: $(cat "$dir/err")"; fi
}
# has FILE TEXT: FILE contains TEXT (fixed string)
has() {
	if grep -qF -- "$2" "$1"; then ok; else bad "$1 lacks '$2': $(cat "$1")"; fi
}
absent() {
	if [ ! -e "$1" ] && [ -z "$(ls "$dir" | grep -F "$(basename "$1").tmp" || true)" ]; then ok; else bad "$1 written"; fi
}

# 1. the same source, the same bytes; check on every form
expect 0 "$P" policy compile "$SRC" -o "$dir/a.bin"
expect 0 "$P" policy compile "$SRC" -o "$dir/b.bin"
if cmp -s "$dir/a.bin" "$dir/b.bin"; then ok; else bad "two compiles differ"; fi
expect 0 "$P" policy check "$SRC"
has "$dir/out" "check: $SRC: ok (source): policy appliance version 1 epoch 1, 3 partitions"
expect 0 "$P" policy check "$dir/a.bin"
has "$dir/out" "ok (binary)"
# a signed binary: the binary + trailer (magic, format 1, key id 0, zero signature)
{
	cat "$dir/a.bin"
	printf 'PPPOLSIG\001\000\000\000'
	head -c $((0x60 - 12)) /dev/zero
} >"$dir/a.signed"
expect 0 "$P" policy check "$dir/a.signed"
has "$dir/out" "ok (signed binary)"
expect 0 "$P" policy check --help
has "$dir/out" "the signature is NOT verified"

# 2. a rule broken (RAM not 4 KiB aligned): exit 1, the rule's name, nothing written
sed 's/size 16M/size 0x1800/' "$SRC" >"$dir/unaligned.pol"
expect 1 "$P" policy check "$dir/unaligned.pol"
has "$dir/err" "check: $dir/unaligned.pol: rule alignment:"
expect 1 "$P" policy compile "$dir/unaligned.pol" -o "$dir/unaligned.bin"
has "$dir/err" "rule alignment:"
absent "$dir/unaligned.bin"
# TPM locality 1 passed through: forbidden
sed 's/hpa 0xfed40000 gpa 0xfed40000/hpa 0xfed41000 gpa 0xfed41000/' "$SRC" >"$dir/loc1.pol"
expect 1 "$P" policy check "$dir/loc1.pol"
has "$dir/err" "rule forbidden-resource:"
# an existing output is left as it was on failure
cp "$dir/a.bin" "$dir/keep.bin"
expect 1 "$P" policy compile "$dir/loc1.pol" -o "$dir/keep.bin"
if cmp -s "$dir/a.bin" "$dir/keep.bin"; then ok; else bad "a failed compile changed its output"; fi

# 3. a source error: FILE:LINE:COL, exit 1, nothing written
sed 's/perm rwx/perm rq-/' "$SRC" >"$dir/perm.pol"
line=$(grep -n 'perm rq-' "$dir/perm.pol" | cut -d: -f1)
expect 1 "$P" policy compile "$dir/perm.pol" -o "$dir/perm.bin"
has "$dir/err" "compile: $dir/perm.pol:$line:39: expected 'rwx' permissions"
absent "$dir/perm.bin"
expect 1 "$P" policy check "$dir/perm.pol"
has "$dir/err" "$dir/perm.pol:$line:39:"
grep -v 'cpu 0 exclusive' "$SRC" >"$dir/nocpu.pol"
expect 1 "$P" policy check "$dir/nocpu.pol"
has "$dir/err" "rule cpu-set:"
expect 1 "$P" policy compile "$dir/a.bin" -o "$dir/c.bin"
has "$dir/err" "a compiled policy, not source text"
expect 1 "$P" policy check "$dir/missing.pol"
has "$dir/err" "missing.pol: No such file or directory"

# 4. dump, compile: the same bytes; from the signed file too
expect 0 "$P" policy dump "$dir/a.bin"
cp "$dir/out" "$dir/dump.pol"
has "$dir/dump.pol" "capability eventlog-read"
expect 0 "$P" policy compile "$dir/dump.pol" -o "$dir/d.bin"
if cmp -s "$dir/a.bin" "$dir/d.bin"; then ok; else bad "compile(dump(compile)) differs"; fi
expect 0 "$P" policy dump "$dir/a.signed" -o "$dir/dump2.pol"
if cmp -s "$dir/dump.pol" "$dir/dump2.pol"; then ok; else bad "dump -o of the signed file differs"; fi
expect 0 "$P" policy dump "$SRC"
if cmp -s "$dir/dump.pol" "$dir/out"; then ok; else bad "dump of the source is not the canonical text"; fi
# a binary with a flipped body byte: refused (body hash), nothing printed
cp "$dir/a.bin" "$dir/flip.bin"
printf '\xff' | dd of="$dir/flip.bin" bs=1 seek=$((0xe0 + 0x10)) conv=notrunc status=none
expect 1 "$P" policy dump "$dir/flip.bin"
if [ -s "$dir/out" ]; then bad "dump printed a corrupt binary"; else ok; fi
expect 1 "$P" policy check "$dir/flip.bin"

# 4b. a file signed by `parapet policy sign` with the development key
# (make keys): check reads it, dump shows the key id as a comment, and
# compiling the dump gives the unsigned binary that was signed
expect 0 "$P" policy sign "$dir/a.bin" --key keys/dev/policy.pem -o "$dir/real.signed"
expect 0 "$P" policy check "$dir/real.signed"
has "$dir/out" "ok (signed binary)"
expect 0 "$P" policy dump "$dir/real.signed" -o "$dir/real.pol"
has "$dir/real.pol" "# signed with key id "
expect 0 "$P" policy compile "$dir/real.pol" -o "$dir/real.bin"
if cmp -s "$dir/a.bin" "$dir/real.bin"; then ok; else bad "compile(dump(signed)) is not the signed binary"; fi

# 5. usage errors: exit 2
expect 2 "$P" policy compile
expect 2 "$P" policy compile "$SRC"
has "$dir/err" "-o BIN is required"
expect 2 "$P" policy compile "$SRC" "$SRC" -o "$dir/x.bin"
absent "$dir/x.bin"
expect 2 "$P" policy compile "$SRC" -o
expect 2 "$P" policy check
expect 2 "$P" policy check "$SRC" --bogus
expect 2 "$P" policy check "$SRC" --machine
expect 2 "$P" policy dump
expect 2 "$P" policy dump "$SRC" "$SRC"
for c in compile check dump; do
	expect 0 "$P" policy "$c" --help
	has "$dir/out" "usage: parapet policy $c"
done

# 6. policy/linux.pol: the appliance plus partition linux (boot linux64)
L=policy/linux.pol
expect 0 "$P" policy compile "$L" -o "$dir/l.bin"
expect 0 "$P" policy check "$L"
has "$dir/out" "check: $L: ok (source): policy linux version 1 epoch 1, 4 partitions"
for m in amd intel none; do
	expect 0 "$P" policy check "$L" --machine "tests/data/machine/qemu-q35-$m"
done
expect 0 "$P" policy dump "$dir/l.bin" -o "$dir/l.pol"
has "$dir/l.pol" "    boot linux64"
expect 0 "$P" policy compile "$dir/l.pol" -o "$dir/l2.bin"
if cmp -s "$dir/l.bin" "$dir/l2.bin"; then ok; else bad "linux: compile(dump(compile)) differs"; fi
# linuxbad SED CLASS TEXT: the variant is refused with that rule class and text
linuxbad() {
	sed "$1" "$L" >"$dir/lbad.pol"
	expect 1 "$P" policy check "$dir/lbad.pol"
	has "$dir/err" "rule $2: partition \"linux\": boot linux64: $3"
}
linuxbad 's/size 256M/size 48M/' memory "ram size 48 MiB outside [64 MiB, 3 GiB]"
linuxbad 's/size 256M/size 257M/' memory "ram size 0x10100000 is not a multiple of 2 MiB"
linuxbad 's/entry 0x1000200/entry 0x1100200/' image "entry 0x1100200 is not a 2 MiB aligned load address + 0x200"
linuxbad 's/entry 0x1000200/entry 0xe00200/' image "entry 0xe00200: load address 0xe00000 below 16 MiB"
linuxbad 's/    cpu 3 exclusive/    cpu 3 exclusive\n    cpu 4 exclusive\n    cpu 5 exclusive\n    cpu 6 exclusive\n    cpu 7 exclusive/' \
	cpu-set "5 cpu lines, 1 to 4 (one exclusive core per vCPU)"
linuxbad 's/    cpu 3 exclusive/    cpu 3 exclusive\n    cpu 4 shared slice-us 1000 period-us 10000/' cpu-set "cpu 4 is shared"
linuxbad 's/    cpu 3 exclusive/    cpu 3 shared slice-us 1000 period-us 10000/' cpu-set "cpu 3 is shared"
linuxbad 's/    cpu 3 exclusive/    cpu 3 exclusive\n    irq gsi 5/' interrupt-ownership "interrupt 5: planned"
# one device is allowed (item 5: the NIC); a second is refused, and so is a
# device with two vCPUs (MSI routing for SMP is planned)
sed 's/    cpu 3 exclusive/    cpu 3 exclusive\n    device 0000:00:02.0 iommu 0/' "$L" >"$dir/l1.pol"
expect 0 "$P" policy check "$dir/l1.pol"
linuxbad 's/    cpu 3 exclusive/    cpu 3 exclusive\n    device 0000:00:02.0 iommu 0\n    device 0000:00:03.0 iommu 0/' \
	device-ownership "2 devices (the second 0000:00:03.0), at most one"
linuxbad 's/    cpu 3 exclusive/    cpu 3 exclusive\n    cpu 4 exclusive\n    device 0000:00:02.0 iommu 0/' \
	device-ownership "a device with 2 vCPUs: its MSIs reach vCPU 0's core only"
linuxbad 's/^partition work-b {/partition linux-initrd {/; s/peer work-b/peer linux-initrd/' image \
	"another partition is named \"linux-initrd\""
# policy/linux-smp.pol: linux on cpus 3 and 4 (two vCPUs); the captured
# 4-CPU machines have no cpu 4
LS=policy/linux-smp.pol
expect 0 "$P" policy compile "$LS" -o "$dir/ls.bin"
expect 0 "$P" policy check "$LS"
has "$dir/out" "check: $LS: ok (source): policy linux-smp version 1 epoch 1, 4 partitions"
expect 1 "$P" policy check "$LS" --machine tests/data/machine/qemu-q35-amd
has "$dir/err" "rule cpu-set: partition \"linux\": cpu 4, this machine has 4"
sed 's/boot linux64/boot linux32/' "$L" >"$dir/lbad.pol"
expect 1 "$P" policy check "$dir/lbad.pol"
has "$dir/err" "boot: expected 'long64', 'real16' or 'linux64', found 'linux32'"

echo "policy-check: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
