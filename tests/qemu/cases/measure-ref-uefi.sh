#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# OVMF + (a copy of) build/parapet.img, emulated DRTM: PCR 17-19 read back
# from the TPM (the hypervisor's `measure: pcrN BANK <hex>` lines) equal
# build/reference.json in every bank it lists (docs/measurements.md).
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
m_image_with_entry "$T_TMP/parapet.img" parapet
t_boot "$T_TMP/parapet.img" FIRMWARE=uefi CPUS=3 IOMMU=amd TPM=tis
t_wait "parapet: ready"
t_expect_summary
t_expect_line 'hv: command line: "console=com1"'
m_expect_ref "$T_TMP/reference.json"
t_pass
