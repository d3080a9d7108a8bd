#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Negative: a private copy of build/parapet.img in which /boot/parapet/hypervisor.elf
# differs in one byte from the file build/reference.json was computed from:
# the middle of its first non-allocated section (debug info, never
# loaded or run, so the hypervisor still boots).
# It boots, and PCR 17 differs from reference.json while the other two of
# PCR 17-19 equal it, in every bank (docs/measurements.md, PCR plan).
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
m_image_with_entry "$T_TMP/neg.img" parapet
m_image_get "$T_TMP/neg.img" hypervisor.elf "$T_TMP/hypervisor.elf"
cp "$T_TMP/hypervisor.elf" "$T_TMP/hypervisor.elf.orig"
off=$(m_hv_harmless_offset "$T_TMP/hypervisor.elf") || t_fail "no harmless byte in hypervisor.elf"
m_flip_byte "$T_TMP/hypervisor.elf" "$off"
cmp -s "$T_TMP/hypervisor.elf.orig" "$T_TMP/hypervisor.elf" && t_fail "the byte did not change"
m_image_put "$T_TMP/neg.img" hypervisor.elf "$T_TMP/hypervisor.elf"
t_boot "$T_TMP/neg.img" FIRMWARE=uefi CPUS=1 IOMMU=amd TPM=tis
t_wait "parapet: ready"
t_expect_summary
m_expect_ref "$T_TMP/reference.json" 17
t_pass
