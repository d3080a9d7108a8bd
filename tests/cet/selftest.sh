#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Self-test of tests/cet/endbr-check.sh (part of `make cet-check`): the
# check must fail on each defect it exists for, naming it, and pass on the
# same input built correctly. Inputs in tests/cet/selftest/, built here
# with the host gcc into a temp dir, linked with --emit-relocs.
set -euo pipefail
cd "$(dirname "$0")/../.."

tmp=$(mktemp -d "${TMPDIR:-/tmp}/endbr-selftest.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
src=tests/cet/selftest
cflags=(-O2 -ffreestanding -fno-pie -fno-pic -fno-asynchronous-unwind-tables -Wall -Werror)
n=0 bad=0

# build NAME SOURCE FLAGS...: one object, one ELF with relocations kept.
build() {
	local name=$1 srcf=$2
	shift 2
	gcc "${cflags[@]}" "$@" -c "$srcf" -o "$tmp/$name.o"
	ld -nostdlib -static --emit-relocs -e endbr_test_start -o "$tmp/$name.elf" "$tmp/$name.o"
}

# expect NAME pass|fail [TEXT]: the check's verdict on NAME, and TEXT in its output.
expect() {
	local name=$1 want=$2 text=${3:-} out rc=0
	n=$((n + 1))
	out=$(tests/cet/endbr-check.sh "$tmp/$name.elf" 2>&1) || rc=$?
	if { [ "$want" = pass ] && [ $rc -ne 0 ]; } || { [ "$want" = fail ] && [ $rc -ne 1 ]; } ||
		{ [ -n "$text" ] && ! grep -qF -- "$text" <<<"$out"; }; then
		echo "cet: selftest: FAIL $name: expected $want${text:+ with '$text'} (exit $rc):"
		sed 's/^/  | /' <<<"$out"
		bad=$((bad + 1))
	fi
}

build taken-none $src/taken.c -fcf-protection=none
expect taken-none fail "FAIL add_one at "
build taken-ibt $src/taken.c -fcf-protection=branch
expect taken-ibt pass "1 address-taken functions"
build stub-none $src/stub.S
expect stub-none fail "FAIL isr_stub_0 at "
build stub-ibt $src/stub.S -DWITH_ENDBR
expect stub-ibt pass "1 IDT stubs"
build switch-notrack $src/switch.c -fcf-protection=branch -fjump-tables
expect switch-notrack fail "notrack branch(es)"
build switch-ibt $src/switch.c -fcf-protection=branch -fno-jump-tables
expect switch-ibt pass
build midref $src/midref.S
expect midref fail "is not the start of a function or IDT stub"

if [ $bad -ne 0 ]; then
	echo "cet: selftest: $bad of $n cases failed"
	exit 1
fi
echo "cet: selftest: endbr-check.sh gave the expected verdict in all $n cases"
