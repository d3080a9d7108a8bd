#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# SeaBIOS + ISO, 2 CPUs, AMD-Vi, TPM CRB interface instead of TIS.
. "$(dirname "$0")/../lib.sh"
t_boot_parapet FIRMWARE=bios CPUS=2 IOMMU=amd TPM=crb
t_pass
