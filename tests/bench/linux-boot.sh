#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make bench` (`make bench-linux` alone): Debian's cloud kernel booting in
# the Parapet partition `linux` against the same kernel, initramfs and
# command line booted directly in QEMU (docs/testing.md, "Linux partition
# boot"; docs/linux-partition.md). BENCH_LINUX_RUNS rounds (default 3), each
# one boot of either, in turn, so a slow drift of the shared host hits both:
#
#  - in Parapet: a private copy of build/linux/parapet.img (`make
#    linux-image`) whose command line is the kit's plus
#    `parapet.test=poweroff`, booted in the test harness's machine
#    (tools/qemu-args.sh as tests/qemu/lib.sh t_boot: OVMF, 4 CPUs, AMD-Vi,
#    1G, no edu, emulated DRTM; the TPM with make run's sha256 bank only, so
#    the secure loader hashes the 23 MB of kernel and initramfs once, not
#    four times: before the partition starts, outside every figure but the
#    whole boot's). The partition runs on CPU 3 beside the appliance's three.
#    Timed from the console line `partition linux: running on cpu 3` (just
#    before its first VMRUN, at the kernel's 64-bit entry) to `linux:
#    linux-init: ready`; the run ends at `partition linux: stopped after`
#    (the guest's poweroff), then QEMU is ended;
#  - directly: tools/linux-direct.sh poweroff (QEMU -kernel/-initrd/-append
#    on the microvm platform of linux-guest.md, 1 vCPU, 256M, a TPM TIS on a
#    fresh swtpm), with microvm's CMOS RTC on (BENCH_LINUX_DIRECT_RTC=off
#    removes it): without one the kernel spends seconds failing to read the
#    boot wallclock (linux-guest.md §0.5; 3.4 s of kernel time measured),
#    which the partition's CMOS stub answers at once. Timed from QEMU's
#    start to `linux-init: ready` (the script's own figure: SeaBIOS
#    included) and from the kernel's first console line to it. That line is
#    the setup code's `Probing EDD (edd=off to disable)... ok` (arch/x86/boot,
#    on ttyS0 because of console=ttyS0), the last thing before protected mode
#    and the decompressor; the partition enters the same kernel at its 64-bit
#    entry, right before that decompressor, so both intervals hold the same
#    work (decompress, boot, /init) and no firmware.
#
# Every console line is stamped with the host's clock on arrival (`tail -F`
# into a bash loop, as tests/bench/boot.sh). Prints each run, the medians,
# the ratio partition / direct of those intervals, and the same split at the
# kernel's first printk line (`Linux version`, printed when the serial
# console registers: decompressor and early boot before it, the rest after).
# Then a view that does not rest on the host's clock: the kernel's own
# timestamp of `Run /init as init process` in both. Its clock is the TSC
# (under TCG the host's) over the tsc_early_khz it was given: the
# hypervisor's PIT calibration in the partition (which varies by tens of
# percent on a loaded host), the host's /proc/cpuinfo MHz directly; so each
# partition figure is also given at the direct boot's kHz, and the ratio is
# one of TSC ticks. The host's load average is printed before and after.
#
# Environment: BENCH_LINUX_RUNS (3), BENCH_TIMEOUT (seconds per boot, 180),
# BENCH_LINUX_CMDLINE=FILE (the base command line of both boots, default
# image/linux-cmdline.txt), BENCH_LINUX_DIRECT_RTC (on), BENCH_KEEP=DIR
# (keeps the stamped consoles linux-part-N.log, linux-direct-N.log).
# Nothing here asserts on a time: a boot that fails to reach its lines is an
# error, a slow one is a figure.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/qemu-args.sh

RUNS=${BENCH_LINUX_RUNS:-3}
LIMIT=${BENCH_TIMEOUT:-180}
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || pp_die "BENCH_LINUX_RUNS=$RUNS: use a positive number"
[[ "$LIMIT" =~ ^[1-9][0-9]*$ ]] || pp_die "BENCH_TIMEOUT=$LIMIT: use a positive number of seconds"
CMDLINE=${BENCH_LINUX_CMDLINE:-image/linux-cmdline.txt}
DIRECT_RTC=${BENCH_LINUX_DIRECT_RTC:-on}
case "$DIRECT_RTC" in on | off) ;; *) pp_die "BENCH_LINUX_DIRECT_RTC=$DIRECT_RTC: use on or off" ;; esac
for f in build/linux/parapet.img build/linux/linux-vmlinuz build/linux/linux-initrd.img "$CMDLINE"; do
	[ -f "$f" ] || pp_die "linux bench: $f missing: run 'make linux-image'"
done
command -v mcopy >/dev/null || pp_die "linux bench: mcopy missing (mtools; tools/deps.sh)"
# The partition's machine: the test harness's (tests/qemu/lib.sh t_boot), with
# make run's TPM profile (sha256 only: the secure loader then hashes the 23 MB
# of kernel and initramfs once, not four times; before the partition starts,
# so outside every figure but the boot's length)
# shellcheck disable=SC2034 # read by tools/qemu-args.sh
FIRMWARE=uefi IOMMU=amd CPUS=4 MEM=1G TPM=tis EDU=0 DRTM=emulated TPMBANKS=sha256
pp_config_check || exit 2

PART_START='partition linux: running on cpu '
PART_READY='linux: linux-init: ready'
PART_STOP='partition linux: stopped after'
DIRECT_FIRST='Probing EDD'
PRINTK_FIRST='] Linux version '
READY='linux-init: ready'
RUN_INIT='] Run /init as init process'

work=$(mktemp -d "${TMPDIR:-/tmp}/parapet-bench-linux.XXXXXX")
tmp='' qemu_pid='' stamp_pid='' direct_pid='' PP_SWTPM_PID='' PP_DRTM_PID=''
cleanup() {
	local rc=$?
	trap - EXIT INT TERM HUP
	pp_kill_pid "$qemu_pid"
	pp_kill_pid "$direct_pid" # its own traps end its QEMU and swtpm
	pp_kill_pid "$stamp_pid"
	pp_kill_pid "$PP_DRTM_PID"
	pp_kill_pid "$PP_SWTPM_PID"
	# (set -e holds in a trap too: a failed copy must not skip the rest)
	if [ -n "${BENCH_KEEP:-}" ]; then
		{ mkdir -p "$BENCH_KEEP" && cp "$work"/linux-*.log "$BENCH_KEEP"/; } 2>/dev/null || true
	fi
	[ -n "$tmp" ] && rm -rf "$tmp"
	rm -rf "$work"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

. tests/bench/stamp-lib.sh # now_ms, stamp_lines

# stamp_of LOG TEXT: the arrival stamp (ms) of the first line holding TEXT.
stamp_of() { grep -F -m1 -- "$2" "$1" | awk '{print $1}'; }

# kernel_secs LOG: the kernel's own timestamp of `Run /init as init process`.
kernel_secs() { grep -F -m1 -- "$RUN_INIT" "$1" | sed -nE 's/.*\[ *([0-9]+\.[0-9]+)\] Run \/init.*/\1/p'; }

# khz_of LOG: the tsc_early_khz= on the kernel's `Command line:`. The
# hypervisor cuts a guest's console line at 200 characters (LNX_LINE_MAX,
# hypervisor/core/linux/lvm.h) and goes on with the rest on the next
# `linux: ` line, so a cut line is joined with its continuation first.
khz_of() {
	awk '!cmd && /\] Command line: / { cmd = 1; sub(/^[0-9]+ /, ""); t = $0
			p = index(t, "linux: "); if (p == 1) { t = substr(t, 8); cut = (length(t) == 200) }; next }
		cmd == 1 && cut { sub(/^[0-9]+ linux: /, ""); t = t $0; cmd = 2 }
		END { print t }' "$1" | sed -nE 's/.* tsc_early_khz=([0-9]+).*/\1/p'
}

# need LOG VAR...: fail naming the first empty one (a console line missing).
need() {
	local log=$1 v
	shift
	for v in "$@"; do
		if [ -z "${!v}" ]; then
			echo "linux bench: $log: no console line for $v; stamped console tail:" >&2
			tail -n 15 "$log" >&2
			exit 1
		fi
	done
}

# wait_stamped LOG TEXT: let the stamper catch up with the line holding TEXT.
wait_stamped() {
	local w
	for ((w = 0; w < 150; w++)); do
		grep -qF -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.02
	done
}

# The partition's medium: the built image with the poweroff action.
img=$work/linux.img
printf '%s parapet.test=poweroff' "$(cat "$CMDLINE")" >"$work/cmdline.txt"
cp --sparse=always build/linux/parapet.img "$img"
# the ESP starts at 1 MiB (image/mkimage.sh; tests/qemu/measure-lib.sh)
MTOOLS_SKIP_CHECK=1 mcopy -o -i "$img@@1M" "$work/cmdline.txt" ::/boot/parapet/linux-cmdline.txt ||
	pp_die "linux bench: mcopy of the command line into $img failed"

# part_once N: one Parapet boot, its console stamped into $work/linux-part-N.log;
# sets P_BOOT P_KERNEL P_REST P_TOTAL (ms) P_INIT (kernel s) P_KHZ P_EXITS.
part_once() {
	local log=$work/linux-part-$1.log t0 t s_start s_printk s_ready
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/parapet-bench-linux-part.XXXXXX")
	pp_swtpm_start "$tmp/tpm" "$tmp/swtpm.sock" "$tmp/swtpm.log" || return 1
	pp_drtm_start "$tmp" "$tmp" "$tmp/swtpm.sock" || return 1
	pp_qemu_args "$img" "$tmp/vars.fd" "$tmp/swtpm.sock" || return 1
	: >"$tmp/serial.log"
	t0=$(now_ms)
	"${PP_QEMU[@]}" -serial "file:$tmp/serial.log" </dev/null 2>"$tmp/qemu.log" &
	qemu_pid=$!
	tail --pid="$qemu_pid" -n +1 -F "$tmp/serial.log" 2>/dev/null | stamp_lines "$t0" >"$log" &
	stamp_pid=$!
	while ! grep -qF -- "$PART_STOP" "$tmp/serial.log"; do
		t=$(now_ms)
		if grep -qE '(PANIC|EXCEPTION): ' "$tmp/serial.log" ||
			! kill -0 "$qemu_pid" 2>/dev/null || [ $((t - t0)) -gt $((LIMIT * 1000)) ]; then
			echo "linux bench: the partition did not reach '$PART_STOP'; console tail:" >&2
			pp_serial_clean "$tmp/serial.log" | tail -n 15 >&2
			return 1
		fi
		sleep 0.02
	done
	wait_stamped "$log" "$PART_STOP"
	pp_kill_pid "$qemu_pid"
	pp_kill_pid "$stamp_pid"
	pp_kill_pid "$PP_DRTM_PID"
	pp_kill_pid "$PP_SWTPM_PID"
	qemu_pid='' stamp_pid='' PP_SWTPM_PID='' PP_DRTM_PID=''
	rm -rf "$tmp"
	tmp=''
	s_start=$(stamp_of "$log" "$PART_START")
	s_printk=$(stamp_of "$log" "linux: [")
	s_ready=$(stamp_of "$log" "$PART_READY")
	P_INIT=$(kernel_secs "$log")
	P_KHZ=$(khz_of "$log")
	P_EXITS=$(sed -nE 's/.*linux: exits ([0-9]+):.*/\1/p' "$log" | head -n1)
	need "$log" s_start s_printk s_ready P_INIT P_KHZ
	grep -F -m1 -- "linux: [" "$log" | grep -qF -- "$PRINTK_FIRST" ||
		{ echo "linux bench: $log: the partition's first kernel line is not 'Linux version'" >&2; return 1; }
	P_BOOT=$s_start P_KERNEL=$((s_printk - s_start)) P_REST=$((s_ready - s_printk))
	P_TOTAL=$((s_ready - s_start))
}

# direct_once N: one tools/linux-direct.sh poweroff, its console stamped into
# $work/linux-direct-N.log; sets D_QEMU D_KERNEL D_REST D_TOTAL (ms) D_INIT D_KHZ.
direct_once() {
	local log=$work/linux-direct-$1.log serial=$work/direct-serial-$1.log out=$work/direct-$1.out
	local t0 s_first s_printk s_ready rc=0
	: >"$serial"
	t0=$(now_ms)
	LINUX_DIRECT_LOG=$serial LINUX_DIRECT_TIMEOUT=$LIMIT LINUX_DIRECT_CMDLINE=$CMDLINE \
		LINUX_DIRECT_RTC=$DIRECT_RTC \
		tools/linux-direct.sh poweroff \
		>"$out" 2>&1 </dev/null &
	direct_pid=$!
	tail --pid="$direct_pid" -n +1 -F "$serial" 2>/dev/null | stamp_lines "$t0" >"$log" &
	stamp_pid=$!
	wait "$direct_pid" || rc=$?
	direct_pid=''
	wait_stamped "$log" "$READY"
	pp_kill_pid "$stamp_pid"
	stamp_pid=''
	if [ "$rc" != 0 ]; then
		echo "linux bench: tools/linux-direct.sh poweroff failed (exit $rc):" >&2
		grep -v '^  | ' "$out" | tail -n 5 >&2
		tail -n 10 "$serial" >&2
		return 1
	fi
	# its own figure, QEMU start to the line: "linux-init: ready after 7.961 s"
	D_QEMU=$(sed -nE 's/^linux-direct: linux-init: ready after ([0-9]+)\.([0-9]{3}) s.*/\1\2/p' "$out")
	D_QEMU=${D_QEMU#"${D_QEMU%%[1-9]*}"}
	s_first=$(stamp_of "$log" "$DIRECT_FIRST")
	s_printk=$(stamp_of "$log" "$PRINTK_FIRST")
	s_ready=$(stamp_of "$log" "$READY")
	D_INIT=$(kernel_secs "$log")
	D_KHZ=$(khz_of "$log")
	need "$log" D_QEMU s_first s_printk s_ready D_INIT D_KHZ
	D_KERNEL=$((s_printk - s_first)) D_REST=$((s_ready - s_printk)) D_TOTAL=$((s_ready - s_first))
}

medf() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {
	if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minf() { printf '%s\n' "$@" | sort -g | head -n1; }
maxf() { printf '%s\n' "$@" | sort -g | tail -n1; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
range() { echo "$(secs "$(minf "$@")")-$(secs "$(maxf "$@")") s"; }
load() { awk '{ print $1, $2, $3 }' /proc/loadavg; }

echo "bench: linux: $RUNS runs each, the partition 'linux' (build/linux/parapet.img, $(pp_config_banner))" \
	"against tools/linux-direct.sh (QEMU -kernel, microvm rtc=$DIRECT_RTC, 1 vCPU, 256M);" \
	"command line $CMDLINE + parapet.test=poweroff"
echo "bench: linux: host load average $(load) (1/5/15 min; $(nproc) CPUs) before the runs"
declare -a pb pk pr pt pi pz ph px dq dk dr dt di dz
for ((i = 1; i <= RUNS; i++)); do
	part_once "$i" || exit 1
	pb+=("$P_BOOT") pk+=("$P_KERNEL") pr+=("$P_REST") pt+=("$P_TOTAL") pi+=("$P_INIT") pz+=("$P_KHZ")
	[ -n "$P_EXITS" ] && px+=("$P_EXITS")
	direct_once "$i" || exit 1
	dq+=("$D_QEMU") dk+=("$D_KERNEL") dr+=("$D_REST") dt+=("$D_TOTAL") di+=("$D_INIT") dz+=("$D_KHZ")
	# the partition's kernel clock at the direct boot's kHz: TSC ticks / that rate
	ph+=("$(awk -v s="$P_INIT" -v p="$P_KHZ" -v d="$D_KHZ" 'BEGIN { printf "%.3f", s * p / d }')")
	echo "bench: linux: run $i: partition $(secs "$P_TOTAL") s (running -> ready; QEMU start -> running" \
		"$(secs "$P_BOOT") s), direct $(secs "$D_TOTAL") s (first kernel line -> ready;" \
		"QEMU start -> ready $(secs "$D_QEMU") s); kernel's Run /init: partition ${P_INIT} s, direct ${D_INIT} s"
done
echo "bench: linux: host load average $(load) after the runs"
mpt=$(medf "${pt[@]}") mdt=$(medf "${dt[@]}") mdq=$(medf "${dq[@]}") mpb=$(medf "${pb[@]}")
mpk=$(medf "${pk[@]}") mdk=$(medf "${dk[@]}") mpr=$(medf "${pr[@]}") mdr=$(medf "${dr[@]}")
echo "bench: linux: median partition 'running on cpu 3' -> 'linux-init: ready'  $(secs "$mpt") s ($(range "${pt[@]}"))"
echo "bench: linux: median direct    first kernel line -> 'linux-init: ready'  $(secs "$mdt") s ($(range "${dt[@]}"))"
echo "bench: linux: median direct    QEMU start -> 'linux-init: ready'         $(secs "$mdq") s ($(range "${dq[@]}");" \
	"SeaBIOS and the setup code: $(secs "$(awk -v a="$mdq" -v b="$mdt" 'BEGIN { print a - b }')") s)"
echo "bench: linux: (partition: QEMU start -> 'running on cpu 3' $(secs "$mpb") s: OVMF, GRUB, launch, the hypervisor)"
echo "bench: linux: ratio partition/direct $(ratio "$mpt" "$mdt") (kernel entry to ready, firmware excluded;" \
	"direct with microvm rtc=$DIRECT_RTC)"
echo "bench: linux:   split at the first printk line ('Linux version', when the console registers):" \
	"before it partition $(secs "$mpk") s, direct $(secs "$mdk") s, ratio $(ratio "$mpk" "$mdk");" \
	"after it partition $(secs "$mpr") s, direct $(secs "$mdr") s, ratio $(ratio "$mpr" "$mdr")"
mpi=$(medf "${pi[@]}") mdi=$(medf "${di[@]}") mph=$(medf "${ph[@]}")
echo "bench: linux: kernel's own clock at 'Run /init as init process' (medians; TSC / tsc_early_khz):" \
	"partition ${mpi} s at the hypervisor's calibration (tsc_early_khz $(minf "${pz[@]}")-$(maxf "${pz[@]}"))," \
	"${mph} s at the direct boot's kHz; direct ${mdi} s at tsc_early_khz $(medf "${dz[@]}") (host" \
	"/proc/cpuinfo); ratio $(ratio "$mph" "$mdi") (TSC ticks, no host clock)"
if [ ${#px[@]} -gt 0 ]; then
	echo "bench: linux: the partition's exits to ready and poweroff: median $(medf "${px[@]}")" \
		"(the hypervisor's 'linux: exits' line)"
fi
