#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# DMA isolation on VT-d (issue 11, acceptance 1; docs/testing.md; the steps
# in tests/qemu/dma-lib.sh): as dma-amdvi-uefi, on q35 with -device
# intel-iommu (kernel-irqchip=split), where edu is function 00:01.0 (the
# VT-d unit is no PCI function; tests/data/machine/qemu-q35-intel/
# lspci.txt) behind unit 0, the one INCLUDE_PCI_ALL DRHD at 0xfed90000.
# DMA_IOMMU_OPTS=aw-bits=48 (dma-lib.sh) gives 4-level tables if the
# hypervisor's VT-d needs them; QEMU's default is 39 bits, 3 levels.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
. tests/qemu/dma-lib.sh
dma_run intel 0000:00:01.0
# TODO(issue 11, after the lead's fault log is merged): each aimed transfer
# (16 MiB .. 240 MiB, edu's source id 00:01.0, a write) must be recorded in
# probe's fault log with BDF, address and reason, and probe must read it
# through its fault-log capability. Not asserted yet: there is no fault log
# to read in this build, and nothing here pretends there is.
t_pass
