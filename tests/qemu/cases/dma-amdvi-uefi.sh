#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# DMA isolation on AMD-Vi (issue 11, acceptance 1; docs/testing.md; the
# steps in tests/qemu/dma-lib.sh): the default appliance plus `probe` on
# CPU 3 running guest/probe-dma.c, which owns QEMU's edu device through the
# signed policy (`device 0000:00:02.0 iommu 0`: on this q35 machine with
# -device amd-iommu the IOMMU is function 00:01.0 and edu 00:02.0,
# tests/data/machine/qemu-q35-amd/lspci.txt; unit 0 is the one IVHD at
# 0xfed80000) and 16 MiB of RAM at gpa 0 with `dma yes`. Its own transfer
# must land in its page at the right host page; the ones aimed at 16 MiB
# (unmapped) and every 16 MiB up to 240 MiB (the hypervisor, the other
# partitions and the event logs all lie below 256 MiB) must write nothing:
# the pattern is in the memory dump exactly once. QEMU 7.2 writes no AMD-Vi
# event log entries (../shared/notes/platform.md), so there is no fault
# record here; dma-vtd-uefi checks the hypervisor's fault lines.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
. tests/qemu/dma-lib.sh
dma_run amd 0000:00:02.0
t_pass
