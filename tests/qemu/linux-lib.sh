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
#   linux_cmdline OUT TEXT
#       OUT = image/linux-cmdline.txt + " " + TEXT, without a newline (the
#       hypervisor appends ` tsc_early_khz=N` itself, at run time: not
#       measured)
#   linux_expect_ref
#       PCR 17-19 on the console equal $T_TMP/linux-ref.json in every bank
#       the TPM has.

LINUX_IMG=build/linux/parapet.img
LINUX_GRUB_CFG=build/linux/grub.cfg
LINUX_POLICY_BIN=build/linux/linux-policy.sbin

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
