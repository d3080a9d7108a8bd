#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The CET=1 build (build/cet/parapet.img, `make CET=1 image`) under OVMF,
# 3 CPUs (the default policy's), AMD-Vi, TPM TIS, emulated DRTM. QEMU 7.2's TCG reports neither
# shadow stacks nor IBT, so the CET code must say that it enabled nothing,
# and the machine must then boot like the default build: the whole summary
# (all three CPUs online), and PCR 17-19 equal to the CET build's own reference
# values (build/cet/reference.json, which differ from build/reference.json
# because the measured hypervisor differs). CET itself: hardware only.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
for f in build/cet/parapet.img build/cet/reference.json; do
	[ -f "$f" ] || t_fail "$f missing (make CET=1 image)"
done
cp --sparse=always build/cet/parapet.img "$T_TMP/parapet.img"
cp build/cet/reference.json "$T_TMP/reference.json"
t_boot "$T_TMP/parapet.img" FIRMWARE=uefi CPUS=3 IOMMU=amd TPM=tis
t_wait "parapet: ready"
t_expect_summary
t_expect_line "hv: cet: not enabled: the CPU reports neither shadow stacks nor IBT (CET=1 build; hardware-only, untested on hardware)"
m_expect_ref "$T_TMP/reference.json"
t_pass
