#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The `make run` TPM profile, sha256 only (docs/testing.md, "TPM
# profiles"), under OVMF + (a copy of) build/parapet.img, emulated DRTM:
# the UEFI side of measure-banks-bios. The TPM has exactly sha256, the
# secure loader extended it, OVMF's log (from launch's GetEventLog copy)
# replays to PCR 0-9 in it, and PCR 17-19 equal build/reference.json.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
m_image_with_entry "$T_TMP/parapet.img" parapet
t_boot "$T_TMP/parapet.img" FIRMWARE=uefi CPUS=3 IOMMU=amd TPM=tis TPMBANKS=sha256
t_wait "parapet: ready"
t_expect_summary
m_expect_profile sha256
t_expect_match '^hv: firmware log: [0-9]+ events, [0-9]+ bytes \(format crypto-agile, source handoff\)$'
m_expect_ref "$T_TMP/reference.json"
t_pass
