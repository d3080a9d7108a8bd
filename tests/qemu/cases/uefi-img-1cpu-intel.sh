#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# OVMF + GPT disk image, 1 CPU, VT-d, TPM TIS.
. "$(dirname "$0")/../lib.sh"
t_boot_parapet FIRMWARE=uefi CPUS=1 IOMMU=intel TPM=tis
t_pass
