#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# SeaBIOS + ISO, 4 CPUs, VT-d (q35,kernel-irqchip=split), TPM TIS.
. "$(dirname "$0")/../lib.sh"
t_boot_parapet FIRMWARE=bios CPUS=4 IOMMU=intel TPM=tis
t_pass
