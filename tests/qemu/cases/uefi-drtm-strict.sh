#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# launch's boot option drtm=strict (the "strict" menu entry, selected in a
# private copy of build/parapet.img through grubenv; docs/launch.md "Boot
# options"). With the emulated DRTM it boots like the default entry, to the
# same PCR 17-19 (reference.json: launch's own command line is not a
# secure-loader measurement). Without a DRTM (DRTM=none: no harness) the
# launch policy halts instead of falling back to a static launch. With a
# CRB TPM (whose locality 2 QEMU does not decode: docs/launch.md) the SL
# stops (policy: post-DRTM, so "reset the platform"; under QEMU it halts)
# instead of booting unmeasured, exactly as without strict (sl-crb-drtm-bios).
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
m_image_with_entry "$T_TMP/strict.img" strict

t_boot "$T_TMP/strict.img" FIRMWARE=uefi CPUS=3 IOMMU=amd TPM=tis
t_wait "parapet: ready"
t_expect_summary
t_expect_line 'launch: options: drtm=strict'
t_expect_match 'sl: launch type: emulated'
m_expect_ref "$T_TMP/reference.json"
t_stop

mv "$T_SERIAL" "$T_TMP/serial-emulated.log"
t_boot "$T_TMP/strict.img" FIRMWARE=uefi CPUS=1 IOMMU=amd TPM=tis DRTM=none
t_wait "PANIC: "
t_console
t_expect_line 'launch: options: drtm=strict'
t_expect_match '^PANIC: launch: launch policy: no DRTM instruction on this CPU \(pre-DRTM\): halt: emulated SKINIT: no harness channel'
t_expect_absent 'static launch'
t_expect_absent 'sl: '
t_expect_absent 'parapet: ready'
t_stop

mv "$T_SERIAL" "$T_TMP/serial-none.log"
t_boot "$T_TMP/strict.img" FIRMWARE=uefi CPUS=1 IOMMU=amd TPM=crb
t_wait "PANIC: "
t_console
t_expect_line 'launch: options: drtm=strict'
t_expect_match '^PANIC: sl: launch policy: TPM error \(post-DRTM\): reset the platform: emulated launch but no TPM locality 2'
t_expect_absent 'launch NOT measured'
t_expect_absent 'hv: '
t_pass
