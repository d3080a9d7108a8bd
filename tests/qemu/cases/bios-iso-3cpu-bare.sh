#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# SeaBIOS + ISO, 3 CPUs (the default policy's), no IOMMU and no TPM: the
# summary says none.
. "$(dirname "$0")/../lib.sh"
t_boot_parapet FIRMWARE=bios CPUS=3 IOMMU=none TPM=none
t_pass
