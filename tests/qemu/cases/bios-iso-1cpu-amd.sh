#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# SeaBIOS + ISO, 1 CPU, AMD-Vi, TPM TIS: the smallest machine. The default
# policy gives its three partitions CPUs 0, 1 and 2 (policy/appliance.pol),
# so the machine rule refuses it: both slots "not usable: rule cpu-set:
# partition "work-a": cpu 1, this machine has 1", the refusal measured into
# PCR 18, nothing built, no ready (t_boot_parapet, t_expect_machine_refusal).
. "$(dirname "$0")/../lib.sh"
t_boot_parapet FIRMWARE=bios CPUS=1 IOMMU=amd TPM=tis
t_pass
