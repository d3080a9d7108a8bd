#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The null kernel's GPT image under OVMF: checks image construction,
# GRUB EFI (tpm built in) and the 64-bit EFI entry independently of Parapet;
# GRUB prints no error or warning (tests/null/grub.cfg, gfxpayload=text).
. "$(dirname "$0")/../lib.sh"
t_boot build/tests/null/null.img FIRMWARE=uefi CPUS=1 TPM=tis
t_wait "null: ready"
t_expect_line "null: ready"
t_expect_quiet_grub
t_pass
