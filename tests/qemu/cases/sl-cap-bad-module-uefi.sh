#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A failure after the DRTM caps PCR 17 before the secure loader stops
# (docs/launch.md, "Measure everything or stop"): a private image whose
# default entry carries one more module with a name the SL refuses
# (`pd Bad_Name`; launch only looks for the hypervisor module, so the boot
# reaches the SL). The SL has the TPM at locality 2 when it classifies the
# modules: it extends PCR17 with the "launch failed" event in every bank
# (the TPM accepted it: the line follows the extend), then halts; the
# hypervisor never runs.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
sed -e '/--id parapet {/,/^}/ s|^\tmodule2 /boot/parapet/pd-service.bin pd service$|&\n\tmodule2 /boot/parapet/pd-service.bin pd Bad_Name|' \
	image/grub.cfg >"$T_TMP/grub.cfg"
grep -q 'pd Bad_Name' "$T_TMP/grub.cfg" || t_fail "could not edit grub.cfg"
m_image_with_entry "$T_TMP/bad.img" parapet
m_image_cfg "$T_TMP/bad.img" "$T_TMP/grub.cfg"
t_boot "$T_TMP/bad.img" FIRMWARE=uefi CPUS=1 IOMMU=amd TPM=tis
t_wait "PANIC: "
sleep 0.5
t_console
t_expect_line 'sl: launch type: emulated'
t_expect_match '^sl: launch failed: PCR17 capped \(event 0x60f "launch failed: launch policy: malformed module \(post-DRTM\): reset the platform: module 4: module .pd.: name character 0 \(0x42\)'
t_expect_match '^PANIC: sl: launch policy: malformed module \(post-DRTM\): reset the platform: '
t_expect_absent 'hv: '
t_expect_absent 'sl: measure: '
t_pass
