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
# The hypervisor's console record of each blocked transfer (VT-d records
# faults; QEMU's AMD-Vi does not): edu's requester id, a write, the aimed
# address, a reason, its owner. Each is a new (device, address, reason), so
# none is held back by the rate limit (docs/iommu-faults.md). Its own
# transfers, below 16 MiB, fault nowhere.
for ((a = 0x1000000; a <= 0xf000000; a += 0x1000000)); do
	t_expect_match "^dma fault: 0000:00:01\.0 write at $(printf '0x%x' $a): [a-z-]+ \(vt-d code [0-9]+\), owner probe, [0-9]+ so far"
done
if grep -qE '^dma fault: .* at 0x[0-9a-f]{1,6}: ' "$T_CONSOLE"; then
	t_fail "a DMA fault inside the probe's own RAM: $(grep -m1 -E '^dma fault: .* at 0x[0-9a-f]{1,6}: ' "$T_CONSOLE")"
fi
# The same faults in the probe's own fault log, read back through its
# faultlog-read capability (PP_HC_LOG_MAP, docs/iommu-faults.md): 15
# faults, one entry per aimed page, each edu's, a write, count 1.
t_expect_line "probe: dma: fault log: 15 fault(s), 15 entries, 0 dropped"
for ((a = 0x1000000; a <= 0xf000000; a += 0x1000000)); do
	t_expect_match "^probe: dma: fault log: 0000:00:01\.0 write at $(printf '0x%x' $a): vt-d code [0-9]+, count 1\$"
done
t_pass
