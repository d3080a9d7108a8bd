#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Negative: a private copy of build/parapet.img in which /boot/parapet/hypervisor.elf
# differs in one byte from the file build/reference.json was computed from:
# the middle of its first non-allocated section (the shipped ELF is
# stripped: its section-name table, which nothing loads or reads, so the
# hypervisor still boots).
# It boots, and PCR 17 differs from reference.json while the other two of
# PCR 17-19 equal it, in every bank (docs/measurements.md, PCR plan); the
# hypervisor's `hv: build-id` line equals the file's build-id note
# (readelf), so it names the unstripped ELF to debug with.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
m_image_with_entry "$T_TMP/neg.img" parapet
m_image_get "$T_TMP/neg.img" hypervisor.elf "$T_TMP/hypervisor.elf"
cp "$T_TMP/hypervisor.elf" "$T_TMP/hypervisor.elf.orig"
off=$(m_hv_harmless_offset "$T_TMP/hypervisor.elf") || t_fail "no harmless byte in hypervisor.elf"
m_flip_byte "$T_TMP/hypervisor.elf" "$off"
cmp -s "$T_TMP/hypervisor.elf.orig" "$T_TMP/hypervisor.elf" && t_fail "the byte did not change"
m_image_put "$T_TMP/neg.img" hypervisor.elf "$T_TMP/hypervisor.elf"
t_boot "$T_TMP/neg.img" FIRMWARE=uefi CPUS=3 IOMMU=amd TPM=tis
t_wait "parapet: ready"
t_expect_summary
m_expect_ref "$T_TMP/reference.json" 17
id=$(readelf -nW "$T_TMP/hypervisor.elf.orig" | sed -nE 's/.*Build ID: ([0-9a-f]+).*/\1/p')
[ -n "$id" ] || t_fail "no build-id note in the image's hypervisor.elf"
t_expect_line "hv: build-id $id"
t_pass
