# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Helpers for the Linux-partition QEMU tests (docs/linux-partition.md, "The
# Linux kit"; docs/testing.md). Source after tests/qemu/lib.sh and
# tests/qemu/measure-lib.sh. Everything here is test data made in $T_TMP
# from the built files (`make linux-image`).
#
#   linux_image OUT [CMDLINE-FILE]
#       a private copy of build/linux/parapet.img (the appliance plus the
#       partition `linux` of policy/linux.pol, its three modules in the
#       default entry) whose /boot/parapet/linux-cmdline.txt is CMDLINE-FILE
#       (default: the built image/linux-cmdline.txt), e.g. the kit's line
#       plus ` parapet.test=poweroff` (linux_cmdline). Adds linux to T_PARTS
#       (cpu 3) and predicts what the boot must measure:
#       $T_TMP/linux-ref.json (linux_expect_ref), refgen over
#       build/linux/grub.cfg with the built modules, the image's signed
#       policy and this command line.
#       LINUX_VMLINUZ_BIN=FILE, LINUX_INITRD_BIN=FILE put FILE in place of
#       the kit's kernel or initramfs (a check of these helpers with small
#       stand-ins).
#       LINUX_PROBE=MODE adds the partition `probe` (id 5, CPU 4: boot QEMU
#       with CPUS=5) running build/guest/probe-MODE.bin, with the console
#       capability and LINUX_PROBE_CAPS (one more capability line, e.g.
#       `capability control linux`), to the image's policy (re-signed with
#       the dev key) and its default entry (module `pd probe`).
#   linux_device_policy BDF [SIZE]
#       policy/linux.pol with the linux partition's RAM `dma yes` (and
#       SIZE, e.g. 128M, in place of its size when given) and `device BDF
#       iommu 0` (its assigned device), compiled and signed with the dev
#       key into $T_TMP/linux-dev.sbin; sets LINUX_POLICY_BIN to it
#       (t_fail when a rewrite found nothing to rewrite)
#   linux_slots_image OUT TEXT
#       linux_cmdline $T_TMP/cmdline.txt TEXT, linux_image OUT with that
#       command line, then LINUX_POLICY_BIN (the test's own policy) in both
#       policy slots of OUT
#   linux_device_image OUT TEXT BDF [SIZE]
#       linux_device_policy BDF [SIZE], then linux_slots_image OUT TEXT:
#       the shape of the assigned-device tests (linux-nic-uefi,
#       linux-nic-vtd-uefi, linux-dma-uefi, linux-msix-uefi)
#   linux_smp_image OUT TEXT
#       LINUX_SMP_POLICY_BIN (t_fail when missing) as LINUX_POLICY_BIN,
#       then linux_slots_image OUT TEXT: the two-vCPU tests' shape
#       (linux-smp-uefi, linux-smp-reboot-uefi)
#   linux_boot IMG [t_boot KEY=VALUE...]
#       t_boot IMG FIRMWARE=uefi TPM=tis with the extra arguments (CPUS,
#       IOMMU, EDU), waits for `parapet: ready` and asserts
#       linux_expect_ref
#   linux_boot_ir IMG [t_boot KEY=VALUE...]
#       linux_boot IMG CPUS=4 IOMMU=amd with the AMD-Vi unit's interrupt
#       remapping on (DMA_IOMMU_OPTS=intremap=on, dma_iommu_opts: source
#       tests/qemu/dma-lib.sh first): the assigned-device tests' machine
#   linux_cmdline OUT TEXT
#       OUT = image/linux-cmdline.txt + " " + TEXT, without a newline (the
#       hypervisor appends ` tsc_early_khz=N` itself, at run time: not
#       measured)
#   linux_expect_ref
#       PCR 17-19 on the console equal $T_TMP/linux-ref.json in every bank
#       the TPM has.
#   linux_tcp_start DIR
#       starts the host's TCP service for parapet.test=net
#       (tests/qemu/tcp-service.py, python3) with its log DIR/tcp-service.log;
#       sets LINUX_TCP_PORT (the free port it listens on, 127.0.0.1: the
#       guest reaches it as 10.0.2.2:PORT through QEMU's user networking),
#       LINUX_TCP_KEY (its random key), LINUX_TCP_LOG (its log: `port N`,
#       `key HEX`, then `conn N line TEXT reply HEX` per exchange) and
#       LINUX_TCP_PID (lib.sh's t_stop stops it). Returns 1 with a message when it does not start.
#   linux_tcp_reply NONCE
#       prints the reply the service gives to the line NONCE:
#       sha256("KEY:NONCE") in hex, computed here from the key.
#   linux_tcp_stop
#       stops the service.
#   linux_net_args NONCE
#       prints `parapet.tcp=PORT parapet.nonce=NONCE` for the running
#       service, for a test's linux_cmdline text (with parapet.test=net).
#   LINUX_NET_QEMU, LINUX_NIC_BDF
#       the NIC of issue 13 item 5 on QEMU's user networking, for a test's
#       T_QEMU_EXTRA: virtio-net-pci,disable-legacy=on,iommu_platform=on,
#       romfile= (modern-only: PCI ID 1af4:1041) on `-netdev user` (id
#       n0, for the monitor's set_link), at LINUX_NIC_BDF (00:03.0).
#   linux_expect_net NONCE [SECONDS]
#       waits for `linux-init: net: done` (image/linux/init's net action)
#       and asserts `linux-init: net reply R` with R = linux_tcp_reply
#       NONCE, and that the service logged that exchange (t_fail otherwise,
#       quoting the guest's `net failed` line when there is one).

LINUX_IMG=build/linux/parapet.img
LINUX_GRUB_CFG=build/linux/grub.cfg
LINUX_POLICY_BIN=build/linux/linux-policy.sbin
# policy/linux-smp.pol signed (make linux-image): a test that sets
# LINUX_POLICY_BIN to it before linux_image, then puts it into the copy's
# slots (m_slot_put), boots the Linux partition on cpus 3 and 4
LINUX_SMP_POLICY_BIN=build/linux/linux-smp-policy.sbin

# linux_sign_policy POL WHO: POL compiled and signed with the dev key
# into POL's name with .sbin, which becomes LINUX_POLICY_BIN; a failure
# names WHO and the tool's last line.
linux_sign_policy() {
	local pol=$1 who=$2 base=${1%.pol}
	if ! build/bin/parapet policy compile "$pol" -o "$base.bin" >"$base-policy.log" 2>&1 ||
		! build/bin/parapet policy sign "$base.bin" --key keys/dev/policy.pem \
			-o "$base.sbin" >>"$base-policy.log" 2>&1; then
		t_fail "$who: $(tail -n1 "$base-policy.log")"
	fi
	LINUX_POLICY_BIN=$base.sbin
}

# linux_tpm_policy POL: POL with the TPM's locality-0 page and `capability
# tpm` moved from service to linux (the guest's tpm2-tools and event log
# tests), signed into LINUX_POLICY_BIN.
linux_tpm_policy() {
	awk '
		/^partition service \{/ { in_s = 1 }
		/^partition linux \{/ { in_l = 1 }
		in_s && /mmio hpa 0xfed40000/ { next }
		in_s && /capability tpm$/ { next }
		in_l && /^\}/ { print "    mmio hpa 0xfed40000 gpa 0xfed40000 size 4K perm rw-"; print "    capability tpm"; in_l = 0 }
		/^\}/ { in_s = 0 }
		{ print }
	' "$1" >"$T_TMP/linux-tpm.pol"
	grep -q 'capability tpm' <(sed -n '/^partition linux {/,/^}/p' "$T_TMP/linux-tpm.pol") ||
		t_fail "linux_tpm_policy: could not move the TPM to linux in $1"
	if grep -q 'capability tpm' <(sed -n '/^partition service {/,/^}/p' "$T_TMP/linux-tpm.pol"); then
		t_fail "linux_tpm_policy: service still holds the TPM in $1"
	fi
	linux_sign_policy "$T_TMP/linux-tpm.pol" linux_tpm_policy
}

linux_device_policy() {
	local bdf=$1 size=${2:-} part
	awk -v bdf="$bdf" -v size="$size" '
		/^partition linux \{/ { in_l = 1 }
		in_l && /^ *ram gpa 0x0 .* dma no$/ {
			if (size != "") sub(/size [0-9]+[KMG] /, "size " size " ")
			sub(/dma no$/, "dma yes")
		}
		in_l && /^\}/ { print "    device " bdf " iommu 0"; in_l = 0 }
		{ print }
	' policy/linux.pol >"$T_TMP/linux-dev.pol"
	part=$(sed -n '/^partition linux {/,/^}/p' "$T_TMP/linux-dev.pol")
	grep -q "^    device $bdf iommu 0$" <<<"$part" ||
		t_fail "linux_device_policy: could not give $bdf to linux in the policy"
	grep -qE "^ *ram gpa 0x0 .*size ${size:-[0-9]+[KMG]} .*dma yes\$" <<<"$part" ||
		t_fail "linux_device_policy: could not make linux's RAM${size:+ $size and} dma yes in the policy"
	linux_sign_policy "$T_TMP/linux-dev.pol" linux_device_policy
}

linux_slots_image() {
	local out=$1 text=$2
	linux_cmdline "$T_TMP/cmdline.txt" "$text"
	linux_image "$out" "$T_TMP/cmdline.txt"
	m_slot_put "$out" a "$LINUX_POLICY_BIN"
	m_slot_put "$out" b "$LINUX_POLICY_BIN"
}

linux_device_image() {
	linux_device_policy "$3" "${4:-}"
	linux_slots_image "$1" "$2"
}

linux_smp_image() {
	[ -f "$LINUX_SMP_POLICY_BIN" ] || t_fail "$LINUX_SMP_POLICY_BIN missing (make linux-image)"
	LINUX_POLICY_BIN=$LINUX_SMP_POLICY_BIN
	linux_slots_image "$1" "$2"
}

linux_boot() {
	local img=$1
	shift
	t_boot "$img" FIRMWARE=uefi TPM=tis "$@"
	t_wait "parapet: ready"
	linux_expect_ref
}

linux_boot_ir() {
	local img=$1
	shift
	# shellcheck disable=SC2034 # dma_iommu_opts' (dma-lib.sh)
	DMA_IOMMU_OPTS=intremap=on
	dma_iommu_opts
	linux_boot "$img" CPUS=4 IOMMU=amd "$@"
}

linux_cmdline() {
	local out=$1 text=$2
	[ -f image/linux-cmdline.txt ] || t_fail "image/linux-cmdline.txt missing"
	printf '%s %s' "$(cat image/linux-cmdline.txt)" "$text" >"$out"
}

linux_image() {
	local out=$1 cmd=${2:-image/linux-cmdline.txt} f
	for f in "$LINUX_IMG" "$LINUX_GRUB_CFG" "$LINUX_POLICY_BIN" build/linux/linux-vmlinuz \
		build/linux/linux-initrd.img; do
		[ -f "$f" ] || t_fail "$f missing (make linux-image)"
	done
	[ -f "$cmd" ] || t_fail "linux_image: command line $cmd missing"
	[ "$(tail -c1 "$cmd" | od -An -c | tr -d ' ')" != '\n' ] ||
		t_fail "linux_image: $cmd ends with a newline (the kernel would see it)"
	local vmlinuz=${LINUX_VMLINUZ_BIN:-build/linux/linux-vmlinuz}
	local initrd=${LINUX_INITRD_BIN:-build/linux/linux-initrd.img}
	local pol=$LINUX_POLICY_BIN cfg=$LINUX_GRUB_CFG
	local -a probe=()
	[ -z "${LINUX_PROBE:-}" ] || linux_probe_files
	cp --sparse=always "$LINUX_IMG" "$out"
	m_copy_refs
	if [ -n "${LINUX_PROBE:-}" ]; then
		m_slot_put "$out" a "$pol"
		m_slot_put "$out" b "$pol"
		m_image_put "$out" pd-probe.bin "build/guest/probe-$LINUX_PROBE.bin"
		m_image_cfg "$out" "$cfg"
		probe=("/boot/parapet/pd-probe.bin=build/guest/probe-$LINUX_PROBE.bin")
	fi
	m_image_put "$out" linux-cmdline.txt "$cmd"
	[ "$vmlinuz" = build/linux/linux-vmlinuz ] || m_image_put "$out" linux-vmlinuz "$vmlinuz"
	[ "$initrd" = build/linux/linux-initrd.img ] || m_image_put "$out" linux-initrd.img "$initrd"
	# the image as built: its grub.cfg, policy and kit, this command line
	m_refgen "$cfg" "$T_TMP/linux-ref.json" \
		"(\$pp_slot_a)/policy-a.bin=$pol" \
		"(\$pp_slot_b)/policy-b.bin=$pol" "${probe[@]}" \
		"/boot/parapet/linux-vmlinuz=$vmlinuz" \
		"/boot/parapet/linux-initrd.img=$initrd" \
		"/boot/parapet/linux-cmdline.txt=$cmd" "--verdict=enforced: slot a"
	T_PARTS+=("linux:3:0")
	[ -z "${LINUX_PROBE:-}" ] || T_PARTS+=("probe:4:$([ -n "${LINUX_PROBE_CAPS:-}" ] && echo 2 || echo 1)")
}

# For linux_image with LINUX_PROBE: the policy (policy/linux.pol plus the
# probe) compiled and signed into $T_TMP/linux-probe.sbin, the image's
# grub.cfg with the probe's module after linux-cmdline in the default entry
# into $T_TMP/linux-probe-grub.cfg; sets linux_image's pol and cfg.
linux_probe_files() {
	local bin=build/guest/probe-$LINUX_PROBE.bin
	[ -f "$bin" ] || t_fail "$bin missing (make guests)"
	{
		cat policy/linux.pol
		cat <<EOF

# The Linux test's probe (tests/qemu/linux-lib.sh): guest probe-$LINUX_PROBE.
partition probe {
    id 5
    image "pd-probe.bin"
    entry 0x100040
    boot long64
    cache-mask none
    ram gpa 0x0 hpa any size 16M perm rwx dma no
    cpu 4 exclusive
    capability console${LINUX_PROBE_CAPS:+
    $LINUX_PROBE_CAPS}
}
EOF
	} >"$T_TMP/linux-probe.pol"
	if ! build/bin/parapet policy compile "$T_TMP/linux-probe.pol" -o "$T_TMP/linux-probe.bin" \
		>"$T_TMP/linux-probe-policy.log" 2>&1 ||
		! build/bin/parapet policy sign "$T_TMP/linux-probe.bin" --key keys/dev/policy.pem \
			-o "$T_TMP/linux-probe.sbin" >>"$T_TMP/linux-probe-policy.log" 2>&1; then
		t_fail "cannot build the Linux probe policy: $(tail -n1 "$T_TMP/linux-probe-policy.log")"
	fi
	sed -e '/--id parapet {/,/^}/ s|^\tmodule2 /boot/parapet/linux-cmdline.txt pd linux-cmdline$|&\n\tmodule2 /boot/parapet/pd-probe.bin pd probe|' \
		"$LINUX_GRUB_CFG" >"$T_TMP/linux-probe-grub.cfg"
	[ "$(grep -c 'pd-probe.bin pd probe$' "$T_TMP/linux-probe-grub.cfg")" = 1 ] ||
		t_fail "could not add the probe's module line to $LINUX_GRUB_CFG"
	pol=$T_TMP/linux-probe.sbin cfg=$T_TMP/linux-probe-grub.cfg
}

linux_expect_ref() {
	m_expect_ref "$T_TMP/linux-ref.json"
}

LINUX_TCP_PORT='' LINUX_TCP_KEY='' LINUX_TCP_PID='' LINUX_TCP_LOG=''

linux_tcp_start() {
	local dir=$1 log i
	log=$dir/tcp-service.log
	LINUX_TCP_LOG=$log
	command -v python3 >/dev/null || { echo "linux_tcp_start: python3 missing (make deps)" >&2; return 1; }
	python3 tests/qemu/tcp-service.py >"$log" 2>&1 &
	LINUX_TCP_PID=$!
	# its first two lines: `port N`, `key HEX`
	for ((i = 0; i < 500; i++)); do
		[ "$(grep -c -E '^(port|key) ' "$log" || true)" = 2 ] && break
		kill -0 "$LINUX_TCP_PID" 2>/dev/null || break
		sleep 0.01
	done
	LINUX_TCP_PORT=$(sed -nE 's/^port ([0-9]+)$/\1/p' "$log")
	LINUX_TCP_KEY=$(sed -nE 's/^key ([0-9a-f]{64})$/\1/p' "$log")
	if [ -z "$LINUX_TCP_PORT" ] || [ -z "$LINUX_TCP_KEY" ]; then
		echo "linux_tcp_start: tests/qemu/tcp-service.py gave no port and key:" >&2
		sed 's/^/  /' "$log" >&2
		linux_tcp_stop
		return 1
	fi
}

linux_tcp_reply() {
	printf '%s:%s' "$LINUX_TCP_KEY" "$1" | sha256sum | cut -d' ' -f1
}

linux_tcp_stop() {
	pp_kill_pid "$LINUX_TCP_PID"
	LINUX_TCP_PID=''
}

linux_net_args() {
	[ -n "$LINUX_TCP_PORT" ] || { echo "linux_net_args: no service (linux_tcp_start first)" >&2; return 1; }
	printf 'parapet.tcp=%s parapet.nonce=%s' "$LINUX_TCP_PORT" "$1"
}

# shellcheck disable=SC2034,SC2054 # for the tests; commas are QEMU's
LINUX_NET_QEMU=(-device virtio-net-pci,disable-legacy=on,iommu_platform=on,romfile=,netdev=n0,addr=0x3
	-netdev user,id=n0)
# shellcheck disable=SC2034 # for the tests
LINUX_NIC_BDF=0000:00:03.0

linux_expect_net() {
	local nonce=$1 limit=${2:-$T_TIMEOUT} want got
	want=$(linux_tcp_reply "$nonce")
	t_wait "linux-init: net: done" "$limit"
	t_console
	got=$(sed -n 's/^linux-init: net reply //p' "$T_CONSOLE" | head -n 1)
	[ -n "$got" ] || t_fail "no 'linux-init: net reply' line: $(grep -m1 '^linux-init: net failed' "$T_CONSOLE" || echo "no 'net failed' line either")"
	[ "$got" = "$want" ] || t_fail "the guest's net reply $got is not the service's $want"
	grep -qx "conn [0-9]* line $nonce reply $want" "$LINUX_TCP_LOG" 2>/dev/null ||
		t_fail "the service logged no exchange for nonce $nonce"
}

# The edu attack tests' shared parts (linux-dma-uefi on AMD-Vi,
# linux-dma-vtd-uefi on VT-d; image/linux/init's `edu` action).
LINUX_EDU_T=0xd8000 # image/linux/init's EDU_T: the page its DMA lands in

# linux_edu_boot PHYS_BDF: after the boot, the partition's RAM (128 MiB,
# dma) at LINUX_EDU_HPA and edu's BAR0, mapped 1:1, at LINUX_EDU_BAR0.
linux_edu_boot() {
	local re=${1//./\\.}
	LINUX_EDU_HPA=$(sed -nE 's/^partition linux: ram gpa 0x0 -> hpa (0x[0-9a-f]+) \(128 MiB, dma\)$/\1/p' "$T_CONSOLE")
	[ -n "$LINUX_EDU_HPA" ] || t_fail "no line 'partition linux: ram gpa 0x0 -> hpa 0x... (128 MiB, dma)'"
	t_expect_match "^partition linux: device $re BAR0 at 0x[0-9a-f]+ \\(0x100000 bytes\\), mapped 1:1\$"
	LINUX_EDU_BAR0=$(sed -nE "s/^partition linux: device $re BAR0 at (0x[0-9a-f]+) .*/\\1/p" "$T_CONSOLE")
}

# linux_edu_dma: the edu action ran to its end, and its DMA lines: the
# pattern through the device into its own page, each transfer aimed at
# 128..240 MiB (outside its RAM) done, its own page still the pattern.
linux_edu_dma() {
	attack_wait_after "parapet: ready" '^linux: linux-init: edu: (done|failed)$' 1 300
	if grep -q '^linux: linux-init: edu: failed$' "$T_CONSOLE"; then
		t_fail "the guest's edu steps failed: $(grep '^linux: linux-init: edu: ' "$T_CONSOLE" | tail -n2 | head -n1)"
	fi
	t_expect_match "^linux: linux-init: edu: device 0000:00:01\\.0 BAR0 at $LINUX_EDU_BAR0, id 0x010000ed, command 0x[0-9a-f]+ -> 0x[0-9a-f]*[67]\$"
	t_expect_line "linux: linux-init: edu: pattern (seed $DMA_SEED, 256 bytes) in the device, its copy at 0xd0000 zeroed"
	t_expect_line "linux: linux-init: edu: own memory at $LINUX_EDU_T: landed"
	t_expect_line "linux: linux-init: edu: memory ends at 0x8000000"
	for ((a = 0x8000000; a <= 0xf000000; a += 0x1000000)); do
		t_expect_line "linux: linux-init: edu: aimed at $(printf '0x%x' $a): done"
	done
	t_expect_line "linux: linux-init: edu: own memory at $LINUX_EDU_T: still the pattern"
}

# linux_edu_dump: after the partition's stop, QEMU's memory dump (the
# host's view) holds the pattern exactly once, at its RAM's hpa + T.
linux_edu_dump() {
	local hits want
	dma_monitor stop "pmemsave 0 $DMA_MEM_BYTES \"$T_TMP/mem.dump\""
	[ "$(stat -c %s "$T_TMP/mem.dump")" = $((DMA_MEM_BYTES)) ] ||
		t_fail "the memory dump is not $((DMA_MEM_BYTES)) bytes"
	hits=$(dma_pattern_hits "$T_TMP/mem.dump" | tr '\n' ' ') || t_fail "cannot search the memory dump"
	rm -f "$T_TMP/mem.dump"
	want=$(printf '0x%x' $((LINUX_EDU_HPA + LINUX_EDU_T)))
	[ "$hits" = "$want " ] ||
		t_fail "the pattern is at host-physical [ ${hits}] in the memory dump; want exactly [ $want ] (linux's RAM at hpa $LINUX_EDU_HPA + T at gpa $LINUX_EDU_T)"
	echo "the pattern: once, at hpa $want (linux's RAM $LINUX_EDU_HPA + $LINUX_EDU_T)"
}
