#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# MSRs from inside a Linux partition (issue 13; docs/linux-partition.md,
# "CPUID and MSRs"): with `parapet.test=msr` the guest's init loads the
# kernel's msr module and, through /dev/cpu/0/msr, reads APIC_BASE (0x1B:
# emulated, 0xfee00900: the xAPIC at 0xFEE00000, enabled, BSP) and writes
# VM_CR (0xC0010114: not in the allowlist). The write is a #GP inside the
# guest only: the kernel's wrmsr_safe turns it into EIO, the guest goes on
# (its heartbeat), the hypervisor counts and prints the refusal, and the
# other partitions never notice.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
. tests/qemu/linux-lib.sh

linux_cmdline "$T_TMP/cmdline.txt" "parapet.test=msr"
linux_image "$T_TMP/linux.img" "$T_TMP/cmdline.txt"
t_boot "$T_TMP/linux.img" FIRMWARE=uefi CPUS=4 IOMMU=amd TPM=tis
t_wait "parapet: ready"
t_wait "linux: linux-init: msr: done" 240
t_wait "linux: linux-init: alive 1" 60
t_expect_line "linux: linux-init: msr read 0x1b: 0xfee00900"
t_expect_line "linux: linux-init: msr write 0xc0010114: refused (Input/output error)"
t_expect_match '^linux: #GP for wrmsr 0xc0010114 \(VM_CR\): WRMSR 0xc0010114 \(VM_CR\) value 0x0: no SVM'
t_expect_absent "svm: linux stopped"
attack_expect_others_alive "linux: linux-init: msr: done" 2
t_pass
