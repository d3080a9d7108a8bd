#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make test-qemu`: run every tests/qemu/cases/*.sh (or those named on the
# command line), QEMU_JOBS at a time (default 2), print each test's result
# as it finishes and end with "qemu: N passed, N failed". Exit status 1
# if any test failed. docs/testing.md describes the harness.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1

jobs=${QEMU_JOBS:-2}
# The harness self-test and the null-kernel test boot the null kernel.
make --no-print-directory -s build/tests/null/null.img build/tests/null/null.iso >/dev/null ||
	{ echo "qemu: cannot build the null kernel images"; echo "qemu: 0 passed, 1 failed"; exit 1; }

if [ $# -gt 0 ]; then
	cases=()
	for n in "$@"; do cases+=("tests/qemu/cases/${n%.sh}.sh"); done
else
	# Slow UEFI boots first, so that the quick BIOS ones fill the gaps.
	cases=(tests/qemu/cases/*uefi*.sh)
	for c in tests/qemu/cases/*.sh; do [[ "$c" == *uefi* ]] || cases+=("$c"); done
fi

out=$(mktemp -d "${TMPDIR:-/tmp}/parapet-qemu-all.XXXXXX")
declare -A name_of=()
pass=0 fail=0 running=0 start=$SECONDS

finish_one() {
	local pid rc=0
	wait -n -p pid || rc=$?
	[ -n "${pid:-}" ] || return 0
	running=$((running - 1))
	cat "$out/${name_of[$pid]}.out"
	if [ $rc -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
	unset "name_of[$pid]"
}

stop_all() {
	local pid
	for pid in "${!name_of[@]}"; do kill -TERM "$pid" 2>/dev/null; done
	for pid in "${!name_of[@]}"; do wait "$pid" 2>/dev/null; done
	rm -rf "$out"
	echo "qemu: interrupted"
	exit 130
}
trap stop_all INT TERM HUP

for c in "${cases[@]}"; do
	name=$(basename "$c" .sh)
	if [ ! -x "$c" ]; then
		echo "FAIL $name: no such test $c"
		fail=$((fail + 1))
		continue
	fi
	while [ $running -ge "$jobs" ]; do finish_one; done
	"$c" >"$out/$name.out" 2>&1 </dev/null &
	name_of[$!]=$name
	running=$((running + 1))
done
while [ $running -gt 0 ]; do finish_one; done
rm -rf "$out"
echo "qemu: ${#cases[@]} tests in $((SECONDS - start))s, $jobs at a time"
echo "qemu: $pass passed, $fail failed"
[ $fail -eq 0 ]
