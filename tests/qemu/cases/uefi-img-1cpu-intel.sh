#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# OVMF + GPT disk image, 1 CPU, VT-d, TPM TIS: the default policy needs 3
# CPUs, so under UEFI too the machine rule refuses it with the precise
# reason (t_boot_parapet, t_expect_machine_refusal), GRUB quiet, after the
# hypervisor found the VT-d unit the machine check uses.
. "$(dirname "$0")/../lib.sh"
t_boot_parapet FIRMWARE=uefi CPUS=1 IOMMU=intel TPM=tis
t_expect_match '^hv: iommu: VT-d at 0xfed90000, '
t_expect_match '^policy: machine: .*, 1 IOMMU unit\(s\), '
t_pass
