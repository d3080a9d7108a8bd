#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A pending policy gets a bounded number of trial boots (docs/policy-update.md,
# "The slot rule at boot"), on one TPM kept across five boots of one copy of
# build/parapet.img:
#   1. the factory image: slot a is tried and confirmed (floor 0 to 1);
#   2-4. `parapet policy install` puts a newer policy (version 2, same epoch)
#      into slot b whose first partition cannot be built on this image (it
#      is named `svc2` and the boot carries no `pd svc2` module): each boot
#      tries it (trial 1, 2, 3 of 3), only its two workload partitions are
#      built, and the policy is not confirmed;
#   5. slot b has had its three trials: the confirmed slot a boots again, and
#      the console says why b was passed over.
. "$(dirname "$0")/../lib.sh"

[ -x build/bin/parapet ] || t_fail "build/bin/parapet missing (make all)"
[ -f keys/dev/policy.pem ] || t_fail "keys/dev/policy.pem missing (make keys)"
sed -e 's/^    version 1$/    version 2/' -e 's/^partition service {$/partition svc2 {/' \
	policy/appliance.pol >"$T_TMP/svc2.pol"
grep -q '^partition svc2 {$' "$T_TMP/svc2.pol" || t_fail "policy/appliance.pol: no 'partition service {'"
build/bin/parapet policy compile "$T_TMP/svc2.pol" -o "$T_TMP/svc2.bin" >/dev/null ||
	t_fail "cannot compile the svc2 policy"
build/bin/parapet policy sign "$T_TMP/svc2.bin" --key keys/dev/policy.pem \
	-o "$T_TMP/svc2.sbin" >/dev/null || t_fail "cannot sign the svc2 policy"
cp --sparse=always build/parapet.img "$T_TMP/t.img"

boot() {
	t_boot "$T_TMP/t.img" FIRMWARE=uefi CPUS=3 IOMMU=amd TPM=tis
	t_wait "parapet: ready"
}

# 1. The factory image.
T_KEEP_TPM=1
rm -rf "$T_TMP/tpm"
boot
t_expect_line "policy: enforcing slot a (trial 1 of 3)"
t_expect_line "policy: confirmed: slot a, epoch 1, rollback floor raised from 0 to 1"
t_stop

# 2-4. Three trials of slot b, none confirmed.
build/bin/parapet policy install "$T_TMP/t.img" "$T_TMP/svc2.sbin" >"$T_TMP/install.out" 2>&1 ||
	t_fail "parapet policy install failed: $(cat "$T_TMP/install.out")"
for n in 1 2 3; do
	boot
	t_expect_line "policy: slot b: pending, trial boot $n of 3"
	t_expect_line "policy: enforcing slot b (trial $n of 3)"
	t_expect_line 'partition svc2: not started: no boot module `pd svc2`'
	t_expect_line "policy: not confirmed: 2 of 3 partition(s) started"
	t_expect_absent "policy: confirmed"
	t_stop
done

# 5. Exhausted: the confirmed slot again.
boot
t_expect_line "policy: enforcing slot a (confirmed)"
t_expect_match '^policy: slot b: not enforced: pending, trial boots exhausted \(3 of 3\)'
t_expect_match '^partition service: built: cpu 0, '
t_expect_line "policy: confirmed: slot a, epoch 1, rollback floor stays 1"
t_pass
