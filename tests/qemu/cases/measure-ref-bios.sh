#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# SeaBIOS + (a copy of) build/parapet.iso, emulated DRTM: PCR 17-19 equal
# build/reference.json (the ISO holds the same files and grub.cfg).
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
m_iso_copy "$T_TMP/parapet.iso"
t_boot "$T_TMP/parapet.iso" FIRMWARE=bios CPUS=3 IOMMU=amd TPM=tis
t_wait "parapet: ready"
t_expect_summary
m_expect_ref "$T_TMP/reference.json"
t_pass
