#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot enforcement of the signed policy (docs/policy.md, "At boot"): four
# private copies of build/parapet.img whose two policy slots both hold
#   1. the appliance policy signed by a key the hypervisor does not hold
#      (a fresh Ed25519 key made here),
#   2. the real signed policy with its last 10 bytes cut off,
#   3. the real signed policy with one byte of a table flipped (the
#      signature covers it),
#   4. the appliance policy with its CPU moved to CPU 9, signed with the
#      image's own policy key: it verifies and passes the model rules, and
#      is refused by the machine rules (this machine has 4 CPUs), with the
#      message `parapet policy check --machine` gives offline.
# Each boot stops at the hypervisor's policy step with its own reason on
# the console, starts nothing and never reaches "parapet: ready".
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh

[ -x build/bin/parapet ] || t_fail "build/bin/parapet missing (make all)"
[ -f build/policy/appliance.bin ] || t_fail "build/policy/appliance.bin missing (make all)"

# both slots hold the bad policy: each is not usable, with the same reason
refused_boot() {
	local img=$1 why=$2 cpus=${3:-1} slot
	t_boot "$img" FIRMWARE=uefi CPUS="$cpus" IOMMU=amd TPM=tis
	t_wait "policy: no partition started; halting"
	for slot in a b; do t_expect_match "^policy: slot $slot: not usable: $why\$"; done
	t_expect_match "^policy: refused: slot: a: .*; b: "
	t_expect_line 'policy: verdict "refused": PCR 18 extended, DRTM log event 0x60a'
	t_expect_absent "policy: in force"
	t_expect_absent "parapet: ready"
	t_stop
}

# IMG with FILE in both policy slots
both_slots() {
	m_image_with_entry "$1" parapet
	m_slot_put "$1" a "$2"
	m_slot_put "$1" b "$2"
}

# 1. A key the image does not hold.
openssl genpkey -algorithm ed25519 -out "$T_TMP/stranger.pem" 2>/dev/null ||
	t_fail "openssl genpkey failed"
build/bin/parapet policy sign build/policy/appliance.bin --key "$T_TMP/stranger.pem" \
	-o "$T_TMP/stranger.sbin" || t_fail "parapet policy sign failed"
both_slots "$T_TMP/p1.img" "$T_TMP/stranger.sbin"
refused_boot "$T_TMP/p1.img" \
	'unknown key: signed by key [0-9a-f]{16}, which is not a built-in key'

# 2. Truncated.
cp build/image/modules/policy.bin "$T_TMP/good.sbin"
size=$(stat -c %s "$T_TMP/good.sbin")
head -c $((size - 10)) "$T_TMP/good.sbin" >"$T_TMP/short.sbin"
both_slots "$T_TMP/p2.img" "$T_TMP/short.sbin"
refused_boot "$T_TMP/p2.img" \
	'framing: signed policy: 86 bytes after the binary, the trailer is exactly 96'

# 3. One byte of the first table (the partition records start at 0xe0).
cp "$T_TMP/good.sbin" "$T_TMP/flip.sbin"
m_flip_byte "$T_TMP/flip.sbin" $((0xe0 + 0x18))
both_slots "$T_TMP/p3.img" "$T_TMP/flip.sbin"
refused_boot "$T_TMP/p3.img" \
	'signature: Ed25519 signature does not verify under the policy key [0-9a-f]{16}'

# 4. Valid and signed, but not for this machine.
[ -f keys/dev/policy.pem ] || t_fail "keys/dev/policy.pem missing (make keys)"
sed 's/^    cpu 0 exclusive$/    cpu 9 exclusive/' policy/appliance.pol >"$T_TMP/cpu9.pol"
grep -q '^    cpu 9 exclusive$' "$T_TMP/cpu9.pol" || t_fail "policy/appliance.pol: no 'cpu 0 exclusive' line"
build/bin/parapet policy compile "$T_TMP/cpu9.pol" -o "$T_TMP/cpu9.bin" &&
	build/bin/parapet policy sign "$T_TMP/cpu9.bin" --key keys/dev/policy.pem \
		-o "$T_TMP/cpu9.sbin" || t_fail "cannot build the CPU 9 policy"
both_slots "$T_TMP/p4.img" "$T_TMP/cpu9.sbin"
refused_boot "$T_TMP/p4.img" \
	'rule cpu-set: partition "service": cpu 9, this machine has 4' 4
# The refusal is in PCR 18 (docs/policy-update.md, "The verdict in PCR 18"):
# PCR 17-19 as read back after it equal refgen's prediction of both slots
# holding this policy and the hypervisor's refused verdict.
why='rule cpu-set: partition "service": cpu 9, this machine has 4'
m_refgen image/grub.cfg "$T_TMP/ref-cpu9.json" \
	"(\$pp_slot_a)/policy-a.bin=$T_TMP/cpu9.sbin" "(\$pp_slot_b)/policy-b.bin=$T_TMP/cpu9.sbin" \
	"--verdict=refused: slot: a: $why; b: $why"
m_expect_ref "$T_TMP/ref-cpu9.json"
t_pass
