#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# After a DRTM the secure loader measures everything or stops
# (docs/launch.md, "Measure everything or stop"). A CRB TPM whose locality
# 2 is unusable (QEMU's tpm-crb decodes locality 0 only) after the emulated
# DRTM: the SL reads PCR17 at locality 0, sees the DRTM value, cannot
# measure and cannot cap PCR17 from locality 0, so it halts with the
# reason; the hypervisor never runs. This is the default menu entry
# (drtm=auto: strict is off in the SL parameter block), so the halt does
# not depend on anything launch says: launch can make a launch stricter,
# never weaker.
. "$(dirname "$0")/../lib.sh"
t_boot build/parapet.iso FIRMWARE=bios CPUS=1 IOMMU=amd TPM=crb
t_wait "PANIC: "
sleep 0.5
t_console
t_expect_line 'launch: options: drtm=auto'
t_expect_line 'launch: drtm: the harness measured the SLB'
t_expect_match '^sl: tpm: CRB at 0xfed40000: locality 2 unusable: '
t_expect_match '^sl: launch failed: PCR17 cannot be capped'
t_expect_match '^PANIC: sl: launch policy: TPM error \(post-DRTM\): reset the platform: emulated launch but no TPM locality 2: cannot measure, cannot cap PCR17'
t_expect_absent 'hv: '
t_expect_absent 'launch NOT measured'
t_expect_absent 'parapet: ready'
t_pass
