#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# OVMF + GPT disk image, 4 CPUs, AMD-Vi, TPM TIS, edu device: the
# `make run` configuration.
. "$(dirname "$0")/../lib.sh"
t_boot_parapet FIRMWARE=uefi CPUS=4 IOMMU=amd TPM=tis EDU=1
t_pass
