#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Interrupt remapping on VT-d (issue 11 item 5; docs/iommu.md,
# "Interrupt remapping"; the steps in tests/qemu/irq-lib.sh): with
# `-device intel-iommu,intremap=on`, the hypervisor sets IRE over a table
# of blocked entries; probe's edu MSI (remappable format, the handle of an
# entry whose SID is edu's 00:01.0 with SVT 01b) reaches probe as vector
# 0x60, three times; after MSI off nothing arrives. The forged MSI is a
# compatibility-format message: real hardware blocks it (CFI clear, fault
# reason 0x25); QEMU 7.2 passes it through to APIC 1's vector 0x41 (its
# missing CFI check), where the hypervisor has no route for it: it reaches
# no partition, which is what this test checks.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
. tests/qemu/dma-lib.sh
. tests/qemu/irq-lib.sh
irq_run intel 0000:00:01.0
t_pass
