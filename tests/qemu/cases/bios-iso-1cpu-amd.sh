#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# SeaBIOS + ISO, 1 CPU, AMD-Vi, TPM TIS: the fastest full boot.
. "$(dirname "$0")/../lib.sh"
t_boot_parapet FIRMWARE=bios CPUS=1 IOMMU=amd TPM=tis
t_pass
