#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The first SVM guest (docs/svm.md): on the BSP, after the policy step and
# before the summary, the hypervisor runs a flat 64-bit guest under nested
# paging (ASID 1). The guest executes CPUID (which reports the hypervisor
# bit), writes its string through a VMMCALL console write and halts: exactly
# the exits cpuid, vmmcall, hlt, then the boot reaches ready.
. "$(dirname "$0")/../lib.sh"
t_boot_parapet FIRMWARE=uefi CPUS=3 IOMMU=amd TPM=tis
t_expect_match '^hv: svm: revision [0-9]+, [0-9]+ ASIDs, np yes, nrips no, '
t_expect_match '^svm: first guest: asid 1, 8 pages at 0x[0-9a-f]+, npt 0x[0-9a-f]+, vmcb 0x[0-9a-f]+$'
t_expect_line 'svm: guest: hello from a guest'
t_expect_line 'svm: guest stopped: hlt with interrupts off (nothing can wake it)'
t_expect_line 'svm: guest exits: cpuid vmmcall hlt (3)'
t_expect_absent 'not started: the VMCB breaks'
t_expect_absent 'VMRUN refused'
# the order: guest line, stop, exit trace, then the summary and ready
t_console
order=$(grep -nE '^(svm: guest: hello from a guest|svm: guest stopped: hlt with interrupts off \(nothing can wake it\)|svm: guest exits: |summary: cpus online: |parapet: ready)' \
	"$T_CONSOLE" | cut -d: -f1 | tr '\n' ' ')
sorted=$(tr ' ' '\n' <<<"$order" | grep . | sort -n | tr '\n' ' ')
[ "$(wc -w <<<"$order")" = 5 ] || t_fail "expected 5 ordered lines, found: $order"
[ "$order" = "$sorted" ] || t_fail "svm lines out of order (line numbers $order)"
t_pass
