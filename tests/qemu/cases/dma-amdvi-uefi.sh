#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# DMA isolation on AMD-Vi (issue 11, acceptance 1; docs/testing.md; the
# steps in tests/qemu/dma-lib.sh): the default appliance plus `probe` on
# CPU 3 running guest/probe-dma.c, which owns QEMU's edu device through the
# signed policy (`device 0000:00:02.0 iommu 0`: on this q35 machine with
# -device amd-iommu the IOMMU is function 00:01.0 and edu 00:02.0,
# tests/data/machine/qemu-q35-amd/lspci.txt, and the monitor's `info pci`
# in a boot of this test: bus 0 device 2, BAR0 32-bit memory at 0xc0000000,
# 1 MiB; unit 0 is the one IVHD at 0xfed80000) and 16 MiB of RAM at gpa 0
# with `dma yes`. Its own transfer must land in its page at the right host
# page; the ones aimed at 16 MiB (unmapped) and every 16 MiB up to 240 MiB
# must write nothing: the pattern is in the memory dump exactly once. With
# the IOMMU these are device (guest-physical) addresses the probe's domain
# does not map; were they host-physical (no IOMMU), they would hit the
# hypervisor's image (`hv: image 0x1000000-0x159dfff`) and the RAM of
# service, work-a and work-b (0x1600000, 0x2600000, 0x3600000: where a
# memory dump of an earlier boot held their images at RAM + 1 MiB; the
# probe's is 0x4600000, its `partition probe: ram gpa 0x0 -> hpa` line;
# the others have no such line, their RAM is not `dma yes`). The firmware
# and DRTM logs (0x28c060, 0x42a230) lie below 16 MiB, the modules' copies
# above 256 MiB: no 28-bit edu address outside the probe's own RAM range
# can name them. QEMU 7.2 writes no AMD-Vi event log entries
# (../shared/notes/platform.md), so there is no fault record here (the
# probe finds its fault log empty); dma-vtd-uefi checks the fault records.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
. tests/qemu/dma-lib.sh
dma_run amd 0000:00:02.0
t_pass
