#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The policy rollback floor at boot (docs/policy.md, "At boot";
# docs/tpm-nv-floor.md), on one TPM kept across three boots:
#   1. a newer appliance policy (version 2, epoch 2, signed with the image's
#      policy key) boots, its epoch is accepted over floor 0, and at ready
#      the hypervisor raises the floor from 0 to 2 (locality 2);
#   2. the image's own policy (epoch 1), which booted before, is now
#      refused: its epoch is below the floor; nothing starts;
#   3. a TPM whose floor was never provisioned refuses the DRTM boot: an
#      absent floor never counts as 0.
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
m_image_with_entry "$T_TMP/v2.img" parapet
m_image_put "$T_TMP/v2.img" policy.bin "$T_TMP/v2.sbin"
m_image_with_entry "$T_TMP/v1.img" parapet

# 1. epoch 2 on a fresh, provisioned TPM: accepted, then the floor rises.
T_KEEP_TPM=1
rm -rf "$T_TMP/tpm"
t_boot "$T_TMP/v2.img" FIRMWARE=uefi CPUS=1 IOMMU=amd TPM=tis
t_wait "parapet: ready"
t_expect_line "policy: rollback floor 0 (NV counter 0x01500a00): epoch 2 accepted"
t_expect_line "policy: confirmed: epoch 2, rollback floor raised from 0 to 2"
t_stop

# 2. epoch 1 on the same TPM: below the floor.
t_boot "$T_TMP/v1.img" FIRMWARE=uefi CPUS=1 IOMMU=amd TPM=tis
t_wait "policy: no partition started; halting"
t_expect_match '^policy: verified: "appliance" version 1 epoch 1 '
t_expect_line "policy: refused: rollback: policy epoch 1 is below the TPM floor 2 (NV counter 0x01500a00)"
t_expect_absent "parapet: ready"
t_stop

# 3. A TPM without the floor.
rm -rf "$T_TMP/tpm"
PP_NVFLOOR=0 t_boot "$T_TMP/v1.img" FIRMWARE=uefi CPUS=1 IOMMU=amd TPM=tis
t_wait "policy: no partition started; halting"
t_expect_match '^policy: refused: rollback: .*0x01500a00'
t_expect_absent "parapet: ready"
t_pass
