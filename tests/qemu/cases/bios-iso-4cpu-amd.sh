#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# SeaBIOS + ISO, 4 CPUs (APs started), AMD-Vi, TPM TIS.
. "$(dirname "$0")/../lib.sh"
t_boot_parapet FIRMWARE=bios CPUS=4 IOMMU=amd TPM=tis
t_pass
