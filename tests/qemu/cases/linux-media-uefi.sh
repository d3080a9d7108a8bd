#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The Linux kit's boot media (docs/linux-partition.md, "The Linux kit"):
# a private copy of build/linux/parapet.img (`make linux-image`) with its
# own command line (linux_image, tests/qemu/linux-lib.sh) boots to ready;
# the secure loader measured the kit's three modules (`pd linux`,
# `pd linux-initrd`, `pd linux-cmdline`, after the appliance's three) into
# PCR 19; PCR 17-19 equal refgen's prediction for that image and command
# line in every bank; the appliance's partitions run beside it. The Linux
# guest's own behaviour is the Linux-partition tests' (planned).
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/linux-lib.sh

linux_cmdline "$T_TMP/cmdline.txt" "parapet.test=poweroff"
linux_image "$T_TMP/linux.img" "$T_TMP/cmdline.txt"
t_boot "$T_TMP/linux.img" FIRMWARE=uefi CPUS=4 IOMMU=amd TPM=tis
t_wait "parapet: ready"
for f in "${LINUX_VMLINUZ_BIN:-build/linux/linux-vmlinuz}" "${LINUX_INITRD_BIN:-build/linux/linux-initrd.img}" \
	"$T_TMP/cmdline.txt"; do
	t_expect_match "^sl: measure: pcr19 type 0x605 pd image \\($(stat -c %s "$f") bytes\\)"
done
# 16 bytes of header, 80 per pd module: service, work-a, work-b and the kit's three
t_expect_match '^sl: measure: pcr19 type 0x606 module manifest \(496 bytes\)'
linux_expect_ref
for p in service work-a work-b; do t_wait "$p: heartbeat 2"; done
t_expect_absent "PANIC: "
t_pass
