#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The null kernel's GPT image under OVMF: checks image construction,
# GRUB EFI (tpm built in) and the 64-bit EFI entry independently of Parapet.
. "$(dirname "$0")/../lib.sh"
t_boot build/tests/null/null.img FIRMWARE=uefi CPUS=1 TPM=tis
t_wait "null: ready"
t_expect_line "null: ready"
t_pass
