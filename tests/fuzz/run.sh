#!/usr/bin/env bash
# Run each libFuzzer binary for N seconds, seeded from tests/fuzz/corpus/<name>
# (read-only: new inputs go to a scratch directory). Fails on the first crash;
# the crashing input is kept under build/fuzz/crashes/.
set -euo pipefail
secs=$1; shift
mkdir -p build/fuzz/crashes
for bin in "$@"; do
	name=$(basename "$bin")
	seed=tests/fuzz/corpus/${name#fuzz_}
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	dirs=("$work")
	[ -d "$seed" ] && dirs+=("$seed")
	if ! "$bin" -max_total_time="$secs" -print_final_stats=0 \
		-artifact_prefix=build/fuzz/crashes/"$name"- "${dirs[@]}" \
		>"build/fuzz/$name.log" 2>&1; then
		echo "fuzz: $name FAILED after <= ${secs}s; log build/fuzz/$name.log"
		tail -n 30 "build/fuzz/$name.log"
		exit 1
	fi
	runs=$(grep -Eo '#[0-9]+' "build/fuzz/$name.log" | tail -n1 | tr -d '#')
	echo "fuzz: $name ran ${secs}s clean (${runs:-0} executions)"
	rm -rf "$work"
	trap - EXIT
done
