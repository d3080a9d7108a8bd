#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The A/B policy update and the rollback floor (docs/policy-update.md;
# docs/tpm-nv-floor.md), on one TPM kept across four boots of one copy of
# build/parapet.img (both slots hold the signed appliance policy, version 1
# epoch 1):
#   1. first boot: no slot confirmed yet (the slot record is all zeros), so
#      slot a is tried; at ready the hypervisor confirms it and raises the
#      floor from 0 to 1;
#   2. `parapet policy install` writes a newer policy (version 2, epoch 2,
#      signed with the image's policy key) into slot b; the next boot tries
#      it (trial 1 of 3), and at ready confirms it and raises the floor to 2;
#   3. the next boot enforces slot b as the confirmed slot; slot a (epoch 1)
#      is now below the floor and not usable; PCR 17-19 equal refgen's
#      prediction for slot b's new file and the verdict "enforced: slot b";
#   4. the old policy written back into both slots (a rollback) is refused:
#      no slot usable, nothing starts;
#   5. a TPM whose floor and slot record were never provisioned refuses the
#      DRTM boot: an absent floor never counts as 0.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh

[ -x build/bin/parapet ] || t_fail "build/bin/parapet missing (make all)"
[ -f keys/dev/policy.pem ] || t_fail "keys/dev/policy.pem missing (make keys)"
sed -e 's/^    version 1$/    version 2/' -e 's/^    epoch 1$/    epoch 2/' policy/appliance.pol \
	>"$T_TMP/v2.pol"
grep -q '^    epoch 2$' "$T_TMP/v2.pol" || t_fail "policy/appliance.pol: no 'epoch 1' line"
build/bin/parapet policy compile "$T_TMP/v2.pol" -o "$T_TMP/v2.bin" >/dev/null &&
	build/bin/parapet policy sign "$T_TMP/v2.bin" --key keys/dev/policy.pem \
		-o "$T_TMP/v2.sbin" >/dev/null || t_fail "cannot build the epoch-2 policy"
m_image_with_entry "$T_TMP/ab.img" parapet
m_slot_get "$T_TMP/ab.img" a "$T_TMP/v1.sbin"

boot_ready() {
	t_boot "$T_TMP/ab.img" FIRMWARE=uefi CPUS=3 IOMMU=amd TPM=tis
	t_wait "parapet: ready"
	t_expect_absent "policy: refused"
}

# 1. The factory image on a fresh, provisioned TPM.
T_KEEP_TPM=1
rm -rf "$T_TMP/tpm"
boot_ready
t_expect_line 'policy: slot a: usable: "appliance" version 1 epoch 1'
t_expect_line 'policy: slot b: usable: "appliance" version 1 epoch 1'
t_expect_line "policy: slot a: pending, trial boot 1 of 3"
t_expect_line "policy: enforcing slot a (trial 1 of 3)"
t_expect_line "policy: rollback floor 0 (NV counter 0x01500a00): epoch 1 accepted"
t_expect_line "policy: confirmed: slot a, epoch 1, rollback floor raised from 0 to 1"
t_stop

# 2. Install version 2: it goes to slot b, pending; the boot tries it.
build/bin/parapet policy install "$T_TMP/ab.img" "$T_TMP/v2.sbin" >"$T_TMP/install.out" 2>&1 ||
	t_fail "parapet policy install failed: $(cat "$T_TMP/install.out")"
grep -q '^install: .* written to slot b: pending' "$T_TMP/install.out" ||
	t_fail "install did not report slot b: $(cat "$T_TMP/install.out")"
m_slot_get "$T_TMP/ab.img" b "$T_TMP/b.sbin"
cmp -s "$T_TMP/b.sbin" "$T_TMP/v2.sbin" || t_fail "slot b does not hold the installed policy"
boot_ready
t_expect_line 'policy: slot b: usable: "appliance" version 2 epoch 2'
t_expect_line "policy: slot b: pending, trial boot 1 of 3"
t_expect_line "policy: enforcing slot b (trial 1 of 3)"
t_expect_match '^policy: verified: "appliance" version 2 epoch 2 '
t_expect_line "policy: confirmed: slot b, epoch 2, rollback floor raised from 1 to 2"
t_stop

# 3. Slot b is the confirmed one now; slot a's epoch 1 is below the floor.
boot_ready
t_expect_line "policy: slot a: not usable: rollback: policy epoch 1 is below the TPM floor 2 (NV counter 0x01500a00)"
t_expect_line "policy: enforcing slot b (confirmed)"
t_expect_line "policy: confirmed: slot b, epoch 2, rollback floor stays 2"
# what a verifier predicts after the update: slot b's new file, slot b enforced
m_refgen image/grub.cfg "$T_TMP/ref-b.json" "(\$pp_slot_b)/policy-b.bin=$T_TMP/v2.sbin" \
	"--verdict=enforced: slot b"
m_expect_ref "$T_TMP/ref-b.json"
t_stop

# 4. Version 1 written back into both slots: refused.
m_slot_put "$T_TMP/ab.img" a "$T_TMP/v1.sbin"
m_slot_put "$T_TMP/ab.img" b "$T_TMP/v1.sbin"
t_boot "$T_TMP/ab.img" FIRMWARE=uefi CPUS=3 IOMMU=amd TPM=tis
t_wait "policy: no partition started; halting"
t_expect_match '^policy: refused: slot: a: rollback: .*; b: rollback: '
t_expect_absent "parapet: ready"
t_stop

# 5. A TPM without the floor.
rm -rf "$T_TMP/tpm"
PP_NVFLOOR=0 t_boot "$T_TMP/ab.img" FIRMWARE=uefi CPUS=3 IOMMU=amd TPM=tis
t_wait "policy: no partition started; halting"
t_expect_match '^policy: refused: .*0x01500a0[0-2]'
t_expect_absent "parapet: ready"
t_pass
