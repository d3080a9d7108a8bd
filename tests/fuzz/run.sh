#!/usr/bin/env bash
# Run each libFuzzer binary for N seconds, seeded from tests/fuzz/corpus/<name>
# (read-only: new inputs go to a scratch directory), FUZZ_JOBS at a time
# (default: the number of CPUs; each target is one process on one core, so
# every target still gets its full N seconds). Fails if any target crashed;
# the crashing input is kept under build/fuzz/crashes/ and the log's tail
# is printed.
set -euo pipefail
secs=$1; shift
jobs=${FUZZ_JOBS:-$(nproc)}
mkdir -p build/fuzz/crashes
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# One target: its result line in $scratch/NAME.res, status 0 or 1.
one() {
	local bin=$1 name seed work runs
	name=$(basename "$bin")
	seed=tests/fuzz/corpus/${name#fuzz_}
	work=$scratch/$name.corpus
	mkdir -p "$work"
	local dirs=("$work")
	[ -d "$seed" ] && dirs+=("$seed")
	if ! "$bin" -max_total_time="$secs" -print_final_stats=0 \
		-artifact_prefix=build/fuzz/crashes/"$name"- "${dirs[@]}" \
		>"build/fuzz/$name.log" 2>&1; then
		{
			echo "fuzz: $name FAILED after <= ${secs}s; log build/fuzz/$name.log"
			tail -n 30 "build/fuzz/$name.log"
		} >"$scratch/$name.res"
		return 1
	fi
	runs=$(grep -Eo '#[0-9]+' "build/fuzz/$name.log" | tail -n1 | tr -d '#')
	echo "fuzz: $name ran ${secs}s clean (${runs:-0} executions)" >"$scratch/$name.res"
	rm -rf "$work"
}

declare -A name_of=()
running=0 failed=0
finish_one() {
	local pid rc=0
	wait -n -p pid || rc=$?
	[ -n "${pid:-}" ] || return 0
	running=$((running - 1))
	cat "$scratch/${name_of[$pid]}.res"
	[ $rc -eq 0 ] || failed=$((failed + 1))
	unset "name_of[$pid]"
}
for bin in "$@"; do
	while [ $running -ge "$jobs" ]; do finish_one; done
	one "$bin" &
	name_of[$!]=$(basename "$bin")
	running=$((running + 1))
done
while [ $running -gt 0 ]; do finish_one; done
if [ $failed -gt 0 ]; then
	echo "fuzz: $failed target(s) FAILED"
	exit 1
fi
