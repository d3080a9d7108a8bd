# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Console arrival stamps for the boot-time benchmarks (tests/bench/boot.sh,
# tests/bench/linux-boot.sh; docs/testing.md "Benchmarks"). Source it.
#
#   now_ms                 the epoch in milliseconds
#   stamp_lines T0         stdin to stdout, each line prefixed with the
#                          milliseconds since T0 (epoch ms) at which it
#                          arrived, CRs and ANSI escapes dropped

now_ms() { echo $(($(date +%s%N) / 1000000)); }

stamp_lines() {
	local t0=$1 line now
	while IFS= read -r line; do
		now=${EPOCHREALTIME/./}
		line=${line//$'\r'/}
		printf '%d %s\n' $((now / 1000 - t0)) "$line"
	done | sed -u -e 's/\x1b\[[0-9;?=]*[A-Za-z]//g' -e 's/\x1b[()][0-9A-Za-z]//g'
}
