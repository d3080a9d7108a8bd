#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The Linux kit booted directly in QEMU, without Parapet: the baseline for
# the Linux-partition benchmark, and a check of the initramfs on its own
# (docs/linux-partition.md, "The Linux kit"). Boots the same kernel,
# initramfs and command line as the partition `linux`
# (build/linux/linux-vmlinuz, linux-initrd.img, image/linux-cmdline.txt)
# with -kernel/-initrd/-append on QEMU's reduced platform of
# linux-guest.md: TCG, -cpu EPYC,+arat, machine microvm with ACPI and no
# PIT, PIC or RTC, one vCPU, 256 MiB (the policy's RAM), and a TPM TIS
# backed by a private swtpm. Prints the kernel's console and the seconds
# from QEMU's start to `linux-init: ready`.
#
#   tools/linux-direct.sh [ACTION]
#     ACTION: none (default: stop at ready), poweroff, reboot, tpm, msr,
#     net or cpus (appended to the command line as parapet.test=ACTION,
#     image/linux/init)
#   net adds microvm's PCIe host bridge (pcie=on, its ECAM and windows in
#   QEMU's ACPI tables) with one NIC,
#   `virtio-net-pci,disable-legacy=on,iommu_platform=on,romfile=` on QEMU's
#   user networking (`-netdev user`: the guest is 10.0.2.15, the host's
#   127.0.0.1 is 10.0.2.2); the command line needs parapet.tcp=PORT and
#   parapet.nonce=TEXT for the host service (LINUX_DIRECT_APPEND;
#   tests/linux/net-check.sh runs tests/qemu/tcp-service.py).
#   Environment: LINUX_DIRECT_TIMEOUT (seconds, default 120),
#     LINUX_DIRECT_CMDLINE=FILE (another command line, e.g. a test's),
#     LINUX_DIRECT_APPEND=TEXT (appended to the command line),
#     LINUX_DIRECT_TPM=0 (no TPM), LINUX_DIRECT_LOG=FILE (the console log,
#     default build/linux/direct-serial.log), LINUX_DIRECT_TSC_KHZ (the
#     tsc_early_khz= the hypervisor appends; default the host's TSC from
#     /proc/cpuinfo: under TCG the guest's TSC runs at the host's rate),
#     LINUX_DIRECT_RTC=on (microvm's CMOS RTC; default off, the reduced
#     platform: the kernel then spends seconds failing to read the boot
#     wallclock from ports 0x70/0x71, linux-guest.md §0.5, which a Linux
#     partition's CMOS stub answers at once; the benchmark uses on),
#     LINUX_DIRECT_SMP=N (vCPUs, default 1: the SMP baseline of
#     docs/linux-partition.md "SMP").
# Exit 0 when the boot reached ready and the action ended as expected:
# poweroff: QEMU exits by itself; reboot: a second `linux-init: ready`
# (QEMU restarts the guest); tpm: `linux-init: tpm: done`; msr:
# `linux-init: msr: done` then a heartbeat (`linux-init: alive 0`: the
# guest kept running); net: `linux-init: net reply` (the guest's answer
# from the host service: the caller checks its text); cpus: `linux-init:
# cpus: done`. Under plain QEMU TCG the MSR lines show QEMU's own
# MSR model, not Parapet's policy (docs/linux-partition.md).
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/qemu-args.sh

action=${1:-none}
case "$action" in none | poweroff | reboot | tpm | msr | net | cpus) ;; *) pp_die "linux-direct: action $action: use none, poweroff, reboot, tpm, msr, net or cpus" ;; esac
smp=${LINUX_DIRECT_SMP:-1}
[[ "$smp" =~ ^[1-4]$ ]] || pp_die "linux-direct: LINUX_DIRECT_SMP=$smp: use 1 to 4"
kernel=build/linux/linux-vmlinuz initrd=build/linux/linux-initrd.img
cmdfile=${LINUX_DIRECT_CMDLINE:-image/linux-cmdline.txt}
for f in "$kernel" "$initrd" "$cmdfile"; do
	[ -f "$f" ] || pp_die "linux-direct: $f missing (make linux-kit)"
done
case "${LINUX_DIRECT_RTC:-off}" in on | off) ;; *) pp_die "linux-direct: LINUX_DIRECT_RTC=$LINUX_DIRECT_RTC: use on or off" ;; esac
timeout=${LINUX_DIRECT_TIMEOUT:-120}
log=${LINUX_DIRECT_LOG:-build/linux/direct-serial.log}
khz=${LINUX_DIRECT_TSC_KHZ:-$(awk -F: '/^cpu MHz/ { printf "%d", $2 * 1000; exit }' /proc/cpuinfo)}
[[ "$khz" =~ ^[1-9][0-9]*$ ]] || pp_die "linux-direct: no TSC frequency (set LINUX_DIRECT_TSC_KHZ)"
cmdline="$(cat "$cmdfile") tsc_early_khz=$khz"
[ "$action" = none ] || cmdline+=" parapet.test=$action"
[ -z "${LINUX_DIRECT_APPEND:-}" ] || cmdline+=" $LINUX_DIRECT_APPEND"
# net: microvm's PCIe host bridge (otherwise the machine stays as before)
pcie=''
[ "$action" = net ] && pcie=,pcie=on

tmp=$(mktemp -d "${TMPDIR:-/tmp}/parapet-linux-direct.XXXXXX")
qemu_pid='' PP_SWTPM_PID=''
# shellcheck disable=SC2317 # run by the traps
cleanup() {
	local rc=$?
	trap - EXIT INT TERM HUP
	pp_kill_pid "$qemu_pid"
	pp_kill_pid "$PP_SWTPM_PID"
	rm -rf "$tmp"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# shellcheck disable=SC2054 # commas are QEMU's
qemu=(qemu-system-x86_64 -accel tcg -cpu EPYC,+arat
	-machine "microvm,acpi=on,pit=off,pic=off,rtc=${LINUX_DIRECT_RTC:-off}$pcie"
	-smp "$smp" -m 256M -nodefaults -no-user-config -nographic -display none
	-kernel "$kernel" -initrd "$initrd" -append "$cmdline")
if [ "${LINUX_DIRECT_TPM:-1}" = 1 ]; then
	# read by pp_swtpm_start: swtpm's four banks, no Parapet rollback floor
	# shellcheck disable=SC2034
	TPMBANKS=all PP_NVFLOOR=0
	pp_swtpm_start "$tmp/tpm" "$tmp/swtpm.sock" "$tmp/swtpm.log" ||
		pp_die "linux-direct: swtpm did not start"
	# shellcheck disable=SC2054 # commas are QEMU's
	qemu+=(-chardev "socket,id=chrtpm,path=$tmp/swtpm.sock"
		-tpmdev emulator,id=tpm0,chardev=chrtpm -device tpm-tis,tpmdev=tpm0)
fi
[ "$action" = poweroff ] || qemu+=(-no-shutdown)
if [ "$action" = net ]; then
	# shellcheck disable=SC2054 # commas are QEMU's
	qemu+=(-device virtio-net-pci,disable-legacy=on,iommu_platform=on,romfile=,netdev=n0
		-netdev user,id=n0)
fi
mkdir -p "$(dirname "$log")"
: >"$log"
echo "linux-direct: $(basename "$kernel") + $(basename "$initrd"), append: $cmdline"
start=$(date +%s%N)
"${qemu[@]}" -serial "file:$log" </dev/null 2>"$tmp/qemu.log" &
qemu_pid=$!

ms() { echo $((($(date +%s%N) - start) / 1000000)); }
secs() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }
# wait_for TEXT COUNT: until COUNT console lines contain TEXT; 1 on QEMU's
# exit, 2 on the timeout
wait_for() {
	while [ "$(grep -cF -- "$1" "$log" || true)" -lt "$2" ]; do
		kill -0 "$qemu_pid" 2>/dev/null || return 1
		[ "$(ms)" -lt $((timeout * 1000)) ] || return 2
		sleep 0.01
	done
}
rc=0
wait_for "linux-init: ready" 1 || rc=$?
ready=$(ms)
result=fail
if [ $rc = 0 ]; then
	case "$action" in
	none) result=ok ;;
	poweroff)
		# QEMU exits when the guest powers off (no -no-shutdown)
		while kill -0 "$qemu_pid" 2>/dev/null && [ "$(ms)" -lt $((timeout * 1000)) ]; do sleep 0.05; done
		if ! kill -0 "$qemu_pid" 2>/dev/null; then
			wait "$qemu_pid" || true
			qemu_pid=''
			result=ok
		fi
		;;
	reboot) wait_for "linux-init: ready" 2 && result=ok ;;
	tpm) wait_for "linux-init: tpm: done" 1 && result=ok ;;
	msr) wait_for "linux-init: msr: done" 1 && wait_for "linux-init: alive 0" 1 && result=ok ;;
	net) wait_for "linux-init: net: done" 1 && grep -q "^linux-init: net reply " <(sed 's/\r//g' "$log") &&
		result=ok ;;
	cpus) wait_for "linux-init: cpus: done" 1 && result=ok ;;
	esac
fi
end=$(ms)
sed -e 's/\r//g' "$log" | sed 's/^/  | /'
if [ $rc = 0 ]; then
	echo "linux-direct: linux-init: ready after $(secs "$ready") s (QEMU start to the line)"
else
	echo "linux-direct: no 'linux-init: ready' ($([ $rc = 1 ] && echo "QEMU exited" || echo "timeout ${timeout}s"))" >&2
	grep -v "TCG doesn't support" "$tmp/qemu.log" >&2 || true
fi
echo "linux-direct: action $action: $result after $(secs "$end") s (console log $log)"
[ "$result" = ok ]
