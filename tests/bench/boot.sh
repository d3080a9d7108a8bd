#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make bench`: boot time of Parapet against the null kernel, both from a
# GPT image built the same way, under OVMF with a fresh swtpm, in the
# `make run` machine (4 CPUs, AMD-Vi, TPM TIS, edu; override with CPUS,
# IOMMU, TPM, MEM). Time runs from QEMU's start to the ready line on the
# console ("parapet: ready" / "null: ready"), polled every 20 ms. Runs are
# sequential; BENCH_RUNS (default 3) each. Prints every run, both medians
# and the ratio parapet / null. docs/testing.md explains the figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/qemu-args.sh

RUNS=${BENCH_RUNS:-3}
LIMIT=${BENCH_TIMEOUT:-180}
FIRMWARE=uefi
pp_config_check || exit 2
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || pp_die "BENCH_RUNS=$RUNS: use a positive number"
for f in build/parapet.img build/tests/null/null.img; do
	[ -f "$f" ] || pp_die "$f missing: run 'make bench' (it builds both)"
done

tmp='' qemu_pid='' PP_SWTPM_PID='' PP_DRTM_PID=''
cleanup() {
	local rc=$?
	trap - EXIT INT TERM HUP
	pp_kill_pid "$qemu_pid"
	pp_kill_pid "$PP_DRTM_PID"
	pp_kill_pid "$PP_SWTPM_PID"
	[ -n "$tmp" ] && rm -rf "$tmp"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# boot_once MEDIA TEXT: set BOOT_MS to the milliseconds from QEMU start
# to TEXT (runs in this shell, so the EXIT trap sees its PIDs).
boot_once() {
	local media=$1 text=$2 t0 t
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/parapet-bench.XXXXXX")
	if [ "$TPM" != none ]; then
		pp_swtpm_start "$tmp/tpm" "$tmp/swtpm.sock" "$tmp/swtpm.log" || return 1
		pp_drtm_start "$tmp" "$tmp" "$tmp/swtpm.sock" || return 1
	fi
	pp_qemu_args "$media" "$tmp/vars.fd" "$tmp/swtpm.sock" || return 1
	: >"$tmp/serial.log"
	t0=$(now_ms)
	"${PP_QEMU[@]}" -serial "file:$tmp/serial.log" </dev/null 2>"$tmp/qemu.log" &
	qemu_pid=$!
	while ! grep -qF "$text" "$tmp/serial.log"; do
		t=$(now_ms)
		if grep -qE '(PANIC|EXCEPTION): ' "$tmp/serial.log" ||
			! kill -0 "$qemu_pid" 2>/dev/null || [ $((t - t0)) -gt $((LIMIT * 1000)) ]; then
			echo "bench: $media did not reach '$text'; console tail:" >&2
			pp_serial_clean "$tmp/serial.log" | tail -n 10 >&2
			return 1
		fi
		sleep 0.02
	done
	t=$(now_ms)
	pp_kill_pid "$qemu_pid"
	pp_kill_pid "$PP_DRTM_PID"
	pp_kill_pid "$PP_SWTPM_PID"
	qemu_pid='' PP_SWTPM_PID='' PP_DRTM_PID=''
	rm -rf "$tmp"
	tmp=''
	BOOT_MS=$((t - t0))
}

median() { sort -n | awk '{v[NR] = $1} END {
	if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }

echo "bench: $RUNS runs each, $(pp_config_banner), QEMU start -> ready line"
declare -a pt nt
for ((i = 1; i <= RUNS; i++)); do
	boot_once build/tests/null/null.img "null: ready" || exit 1
	nt+=("$BOOT_MS")
	echo "bench: null    run $i: $(secs "$BOOT_MS") s"
	boot_once build/parapet.img "parapet: ready" || exit 1
	pt+=("$BOOT_MS")
	echo "bench: parapet run $i: $(secs "$BOOT_MS") s"
done
pm=$(printf '%s\n' "${pt[@]}" | median)
nm=$(printf '%s\n' "${nt[@]}" | median)
echo "bench: median null    $(secs "$nm") s"
echo "bench: median parapet $(secs "$pm") s"
echo "bench: ratio parapet/null $(awk -v p="$pm" -v n="$nm" 'BEGIN { printf "%.2f", p / n }')" \
	"(parapet adds $(secs $((pm - nm))) s to firmware + GRUB)"
