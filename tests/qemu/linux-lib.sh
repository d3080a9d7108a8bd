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
# policy/linux-smp.pol signed (make linux-image): a test that sets
# LINUX_POLICY_BIN to it before linux_image, then puts it into the copy's
# slots (m_slot_put), boots the Linux partition on cpus 3 and 4
LINUX_SMP_POLICY_BIN=build/linux/linux-smp-policy.sbin

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
	cp --sparse=always "$LINUX_IMG" "$out"
	m_copy_refs
	m_image_put "$out" linux-cmdline.txt "$cmd"
	[ "$vmlinuz" = build/linux/linux-vmlinuz ] || m_image_put "$out" linux-vmlinuz "$vmlinuz"
	[ "$initrd" = build/linux/linux-initrd.img ] || m_image_put "$out" linux-initrd.img "$initrd"
	# the image as built: its grub.cfg, policy and kit, this command line
	m_refgen "$LINUX_GRUB_CFG" "$T_TMP/linux-ref.json" \
		"(\$pp_slot_a)/policy-a.bin=$LINUX_POLICY_BIN" \
		"(\$pp_slot_b)/policy-b.bin=$LINUX_POLICY_BIN" \
		"/boot/parapet/linux-vmlinuz=$vmlinuz" \
		"/boot/parapet/linux-initrd.img=$initrd" \
		"/boot/parapet/linux-cmdline.txt=$cmd" "--verdict=enforced: slot a"
	T_PARTS+=("linux:3:0")
}

linux_expect_ref() {
	m_expect_ref "$T_TMP/linux-ref.json"
}
