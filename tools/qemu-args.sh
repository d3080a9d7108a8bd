# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Shared QEMU/swtpm plumbing for tools/run.sh, tests/qemu/ and
# tests/bench/boot.sh, so that `make run`, the integration tests and the
# benchmark boot exactly the same virtual machine. Source it; it defines
# functions only. docs/running.md documents the machine.
#
# Configuration (shell variables, validated by pp_config_check):
#   FIRMWARE uefi|bios   UEFI = OVMF + GPT disk image; BIOS = SeaBIOS + ISO
#   IOMMU    amd|intel|none
#   CPUS     1..16       MEM  QEMU -m size (1G)
#   TPM      tis|crb|none
#   EDU      1|0         add the `edu` DMA test device (default 1)
#   DRTM     emulated|none  with a TPM: put the emulated-DRTM harness
#                        (tests/drtm/, docs/drtm.md) between QEMU and swtpm
#                        and give the guest its private COM2 (default
#                        emulated); none: QEMU talks to swtpm directly, no COM2
#   TPMBANKS all|LIST    the TPM's active PCR banks. all (default): swtpm's
#                        own manufacture, sha1 sha256 sha384 sha512; LIST: a
#                        comma-separated subset of those (e.g. sha256 or
#                        sha1,sha256), set by swtpm_setup --pcr-banks before
#                        swtpm starts (pp_swtpm_start). The TPM reports its
#                        banks in its own order (sha1 first).

PP_OVMF_CODE=${PP_OVMF_CODE:-/usr/share/OVMF/OVMF_CODE_4M.fd}
PP_OVMF_VARS=${PP_OVMF_VARS:-/usr/share/OVMF/OVMF_VARS_4M.fd}

pp_die() { echo "parapet: $*" >&2; exit 1; }

# Fill in defaults and reject anything unknown (prints why, returns 1).
pp_config_check() {
	FIRMWARE=${FIRMWARE:-uefi} IOMMU=${IOMMU:-amd} CPUS=${CPUS:-4}
	MEM=${MEM:-1G} TPM=${TPM:-tis} EDU=${EDU:-1} DRTM=${DRTM:-emulated}
	TPMBANKS=${TPMBANKS:-all}
	case "$FIRMWARE" in uefi | bios) ;; *) echo "FIRMWARE=$FIRMWARE: use uefi or bios" >&2; return 1 ;; esac
	case "$IOMMU" in amd | intel | none) ;; *) echo "IOMMU=$IOMMU: use amd, intel or none" >&2; return 1 ;; esac
	case "$TPM" in tis | crb | none) ;; *) echo "TPM=$TPM: use tis, crb or none" >&2; return 1 ;; esac
	case "$EDU" in 0 | 1) ;; *) echo "EDU=$EDU: use 0 or 1" >&2; return 1 ;; esac
	case "$DRTM" in emulated | none) ;; *) echo "DRTM=$DRTM: use emulated or none" >&2; return 1 ;; esac
	pp_tpm_banks_check "$TPMBANKS" || return 1
	if ! [[ "$CPUS" =~ ^[0-9]+$ ]] || [ "$CPUS" -lt 1 ] || [ "$CPUS" -gt 16 ]; then
		echo "CPUS=$CPUS: use 1 to 16" >&2
		return 1
	fi
	if ! [[ "$MEM" =~ ^[0-9]+[MG]?$ ]]; then
		echo "MEM=$MEM: use e.g. 512M or 1G" >&2
		return 1
	fi
}

# TPMBANKS: `all` or a comma-separated list of distinct sha1, sha256,
# sha384, sha512 (prints why and returns 1 otherwise).
pp_tpm_banks_check() {
	local b seen=,
	[ "$1" = all ] && return 0
	if ! [[ "$1" =~ ^[a-z0-9]+(,[a-z0-9]+)*$ ]]; then
		echo "TPMBANKS=$1: use all or a comma-separated list of sha1, sha256, sha384, sha512" >&2
		return 1
	fi
	for b in ${1//,/ }; do
		case "$b" in sha1 | sha256 | sha384 | sha512) ;; *)
			echo "TPMBANKS=$1: unknown bank $b (sha1, sha256, sha384, sha512)" >&2
			return 1
			;;
		esac
		case "$seen" in *",$b,"*)
			echo "TPMBANKS=$1: bank $b twice" >&2
			return 1
			;;
		esac
		seen+="$b,"
	done
}

# One line describing the configuration.
pp_config_banner() {
	echo "firmware=$FIRMWARE iommu=$IOMMU cpus=$CPUS mem=$MEM tpm=$TPM tpmbanks=$TPMBANKS edu=$EDU drtm=$(pp_drtm_mode)"
}

# Give the TPM state in directory $1 the active banks TPMBANKS asks for,
# before swtpm starts on it; swtpm_setup's log goes to $2. A fresh state
# with TPMBANKS=all is left to swtpm, whose first start manufactures a TPM
# with every bank it knows active; any other fresh state is manufactured
# by `swtpm_setup --pcr-banks LIST` (no EK, no certificates: about 0.7 s);
# an existing one (make run's, with its EK) is changed by `swtpm_setup
# --reconfigure` when the banks recorded in $1/parapet-banks differ, so its
# identity stays. Returns 1 with the reason on stderr.
PP_ALL_BANKS=sha1,sha256,sha384,sha512
pp_tpm_banks_apply() {
	local state=$1 log=$2 list=$TPMBANKS
	[ "$list" = all ] && list=$PP_ALL_BANKS
	# swtpm's option syntax (dir=PATH,...) cannot carry a comma in PATH.
	case "$state" in *,*)
		echo "TPM state directory $state: a comma in the path breaks swtpm's options" >&2
		return 1
		;;
	esac
	if [ ! -e "$state/tpm2-00.permall" ]; then
		if [ "$TPMBANKS" != all ] &&
			! swtpm_setup --tpm2 --tpmstate "$state" --pcr-banks "$list" \
				--config /dev/null --logfile "$log" >/dev/null 2>&1; then
			echo "swtpm_setup --pcr-banks $list failed (log $log):" >&2
			tail -n 5 "$log" >&2 || true
			return 1
		fi
	elif [ "$(cat "$state/parapet-banks" 2>/dev/null)" != "$list" ]; then
		if ! swtpm_setup --tpm2 --tpmstate "$state" --reconfigure --pcr-banks "$list" \
			--config /dev/null --logfile "$log" >/dev/null 2>&1; then
			echo "swtpm_setup --reconfigure --pcr-banks $list failed (log $log):" >&2
			tail -n 5 "$log" >&2 || true
			return 1
		fi
	fi
	echo "$list" >"$state/parapet-banks"
}

# Manufacture a TPM as a vendor would (once per state): an EK and its
# certificate, and a platform certificate, from a private local CA
# (swtpm_localca) kept in $2, with the banks TPMBANKS asks for. $1: the
# state directory (left alone when it already holds a TPM); $3: the log.
# The CA bundle a verifier trusts (docs/attest-agent.md) is then
# $2/ca-bundle.pem: swtpm_localca's root and the issuer it signs with.
# Returns 1 with the reason on stderr (the state is then removed).
pp_swtpm_manufacture() {
	local state=$1 ca=$2 log=$3 banks=$TPMBANKS top
	[ -e "$state/tpm2-00.permall" ] && return 0
	[ "$banks" = all ] && banks=$PP_ALL_BANKS
	mkdir -p "$state" "$ca"
	top=$(cd "$ca" && pwd)
	cat >"$top/swtpm-localca.conf" <<-CONF
	statedir = $top
	signingkey = $top/signkey.pem
	issuercert = $top/issuercert.pem
	certserial = $top/certserial
	CONF
	cat >"$top/swtpm-localca.options" <<-CONF
	--platform-manufacturer Parapet
	--platform-version 1.0
	--platform-model QEMU
	CONF
	cat >"$top/swtpm_setup.conf" <<-CONF
	create_certs_tool = $(command -v swtpm_localca || echo /usr/bin/swtpm_localca)
	create_certs_tool_config = $top/swtpm-localca.conf
	create_certs_tool_options = $top/swtpm-localca.options
	active_pcr_banks = $banks
	CONF
	if ! swtpm_setup --tpm2 --tpmstate "$state" --config "$top/swtpm_setup.conf" \
		--create-ek-cert --create-platform-cert --pcr-banks "$banks" \
		--logfile "$log" >/dev/null 2>&1; then
		echo "swtpm_setup failed (log $log):" >&2
		tail -n 5 "$log" >&2 || true
		rm -f "$state/"*
		return 1
	fi
	echo "$banks" >"$state/parapet-banks"
	cat "$top/swtpm-localca-rootca-cert.pem" "$top/issuercert.pem" >"$top/ca-bundle.pem"
}

# Start a private swtpm: state in $1 (kept between runs if the caller
# keeps it) with the banks TPMBANKS asks for (pp_tpm_banks_apply), control
# socket $2, log $3. Sets PP_SWTPM_PID. --terminate makes swtpm exit when
# QEMU drops the connection, as a second line of defence behind the
# caller's kill-by-PID.
pp_swtpm_start() {
	local state=$1 sock=$2 log=$3 i
	PP_SWTPM_PID=''
	mkdir -p "$state"
	pp_tpm_banks_apply "$state" "$log" || return 1
	# The policy rollback floor in TPM NV (docs/tpm-nv-floor.md): provisioned
	# once (idempotent), as platform firmware would; PP_NVFLOOR=0 leaves a
	# TPM without it (the hypervisor then refuses a DRTM boot's policy).
	if [ "${PP_NVFLOOR:-1}" = 1 ] &&
		! tests/tpm/nvfloor-provision.sh "$state" >>"$log" 2>&1; then
		echo "TPM NV floor provisioning failed (log $log):" >&2
		tail -n 5 "$log" >&2 || true
		return 1
	fi
	rm -f "$sock"
	swtpm socket --tpm2 --tpmstate dir="$state" \
		--ctrl type=unixio,path="$sock" --terminate \
		--log file="$log",level=1 </dev/null >>"$log" 2>&1 &
	PP_SWTPM_PID=$!
	for ((i = 0; i < 250; i++)); do
		[ -S "$sock" ] && return 0
		kill -0 "$PP_SWTPM_PID" 2>/dev/null || break
		sleep 0.02
	done
	echo "swtpm did not start (log $log):" >&2
	tail -n 5 "$log" >&2 || true
	return 1
}

# The DRTM mode actually used: the harness needs a TPM.
pp_drtm_mode() {
	if [ "${TPM:-tis}" = none ]; then echo none; else echo "${DRTM:-emulated}"; fi
}

# Start the emulated-DRTM harness (build/tests/drtm/drtm-harness, docs/drtm.md)
# between QEMU and the swtpm already listening on control socket $3, when a
# TPM is configured and DRTM=emulated (otherwise do nothing). $1: its
# output directory (drtm-harness.log, drtm-result.txt, slb.bin); $2: where
# its sockets go (drtm-tpm.sock for QEMU's TPM chardev, drtm-com2.sock for
# the guest's COM2, drtm-qmp.sock for QMP). Sets PP_DRTM_PID and
# PP_DRTM_SOCKS (read by pp_qemu_args). The harness exits by itself when
# QEMU disconnects, or after 120 s if QEMU never connects; callers still
# end it by PID with pp_kill_pid.
pp_drtm_start() {
	local dir=$1 socks=$2 swtpm_sock=$3 i
	local bin=${PP_DRTM_HARNESS:-build/tests/drtm/drtm-harness}
	PP_DRTM_PID='' PP_DRTM_SOCKS=''
	[ "$(pp_drtm_mode)" = emulated ] || return 0
	[ -x "$bin" ] || { echo "$bin missing: run 'make all' (or use DRTM=none)" >&2; return 1; }
	mkdir -p "$dir" "$socks"
	rm -f "$socks/drtm-tpm.sock" "$socks/drtm-com2.sock" "$socks/drtm-qmp.sock" \
		"$dir/drtm-result.txt" "$dir/slb.bin"
	: >"$dir/drtm-harness.log"
	"$bin" --swtpm-ctrl "$swtpm_sock" --tpm-sock "$socks/drtm-tpm.sock" \
		--com2-sock "$socks/drtm-com2.sock" --qmp-sock "$socks/drtm-qmp.sock" \
		--dir "$dir" </dev/null >>"$dir/drtm-harness.log" 2>&1 &
	PP_DRTM_PID=$!
	for ((i = 0; i < 250; i++)); do
		if [ -S "$socks/drtm-qmp.sock" ]; then
			PP_DRTM_SOCKS=$socks
			return 0
		fi
		kill -0 "$PP_DRTM_PID" 2>/dev/null || break
		sleep 0.02
	done
	echo "drtm-harness did not start (log $dir/drtm-harness.log):" >&2
	tail -n 5 "$dir/drtm-harness.log" >&2 || true
	return 1
}

# End a process we started: TERM, up to ~3 s grace, then KILL; reap it.
pp_kill_pid() {
	local pid=$1 i
	[ -n "$pid" ] || return 0
	kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
	kill -TERM "$pid" 2>/dev/null || true
	for ((i = 0; i < 150; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.02
	done
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

# Build the QEMU command line into the array PP_QEMU.
#   $1 boot medium: a GPT disk image (.img, UEFI) or an ISO (.iso)
#   $2 private OVMF_VARS copy (UEFI only; created from the template if absent)
#   $3 swtpm control socket (ignored when TPM=none; with DRTM=emulated
#      QEMU connects to the harness started by pp_drtm_start instead)
# The caller appends the serial console (-serial ...).
pp_qemu_args() {
	local media=$1 vars=$2 sock=$3 machine=q35
	[ -f "$media" ] || { echo "boot medium $media missing" >&2; return 1; }
	[ "$IOMMU" = intel ] && machine=q35,kernel-irqchip=split
	PP_QEMU=(qemu-system-x86_64 -machine "$machine" -cpu EPYC -smp "$CPUS" -m "$MEM"
		-nodefaults -display none -no-reboot -no-user-config)
	# ICOUNT=N: -icount shift=N (virtual time from instructions retired; the
	# exit-cost benchmark, tests/bench/exit.sh, uses shift=0)
	[ -n "${ICOUNT:-}" ] && PP_QEMU+=(-icount "shift=$ICOUNT")
	if [ "$FIRMWARE" = uefi ]; then
		[ -f "$vars" ] || cp "$PP_OVMF_VARS" "$vars"
		PP_QEMU+=(-drive "if=pflash,format=raw,unit=0,readonly=on,file=$PP_OVMF_CODE"
			-drive "if=pflash,format=raw,unit=1,file=$vars")
	fi
	# The IOMMU must come before the devices it translates.
	case "$IOMMU" in
	amd) PP_QEMU+=(-device amd-iommu) ;;
	intel) PP_QEMU+=(-device intel-iommu) ;;
	esac
	[ "$EDU" = 1 ] && PP_QEMU+=(-device edu)
	if [ "$TPM" != none ]; then
		local tpm_sock=$sock
		if [ "$(pp_drtm_mode)" = emulated ]; then
			[ -n "${PP_DRTM_SOCKS:-}" ] ||
				{ echo "DRTM=emulated but the harness is not running (pp_drtm_start)" >&2; return 1; }
			tpm_sock=$PP_DRTM_SOCKS/drtm-tpm.sock
		fi
		# shellcheck disable=SC2054 # commas are QEMU's, not array separators
		PP_QEMU+=(-chardev "socket,id=chrtpm,path=$tpm_sock"
			-tpmdev emulator,id=tpm0,chardev=chrtpm
			-device "tpm-$TPM,tpmdev=tpm0")
		if [ "$(pp_drtm_mode)" = emulated ]; then
			# The harness's private channels: COM2 (0x2f8, launch/drtm/emulated.h)
			# and QMP (pause, read guest memory, resume).
			# shellcheck disable=SC2054
			PP_QEMU+=(-chardev "socket,id=drtmcom2,path=$PP_DRTM_SOCKS/drtm-com2.sock"
				-device isa-serial,chardev=drtmcom2,iobase=0x2f8,irq=3
				-chardev "socket,id=drtmqmp,path=$PP_DRTM_SOCKS/drtm-qmp.sock"
				-mon chardev=drtmqmp,mode=control)
		fi
	fi
	# PP_AGENT_SOCK=PATH: the attestation agent's serial line (a 16550 at
	# 0x3e8, COM3, docs/attest-agent.md) as a listening Unix socket that
	# `parapet attest ... --agent unix:PATH` connects to, one at a time.
	if [ -n "${PP_AGENT_SOCK:-}" ]; then
		# shellcheck disable=SC2054
		PP_QEMU+=(-chardev "socket,id=agent,path=$PP_AGENT_SOCK,server=on,wait=off"
			-device isa-serial,chardev=agent,iobase=0x3e8,irq=5)
	fi
	case "$media" in
	*.iso) PP_QEMU+=(-drive "file=$media,format=raw,media=cdrom,readonly=on") ;;
	*)
		[ "$FIRMWARE" = uefi ] || { echo "BIOS boots the ISO, not $media" >&2; return 1; }
		# snapshot=on: the image is never written, so parallel VMs may share it.
		PP_QEMU+=(-drive "file=$media,format=raw,media=disk,snapshot=on")
		;;
	esac
}

# Normalise a serial log for matching: drop CRs and ANSI escape sequences
# (OVMF and GRUB draw on the same UART before Parapet starts).
pp_serial_clean() {
	sed -e 's/\r//g' -e 's/\x1b\[[0-9;?=]*[A-Za-z]//g' -e 's/\x1b[()][0-9A-Za-z]//g' "$1"
}
