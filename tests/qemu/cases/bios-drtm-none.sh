#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# DRTM=none (docs/drtm.md "Emulated DRTM"): a TPM but no DRTM harness, so
# QEMU talks to swtpm directly and the guest has no COM2. Launch's emulated
# SKINIT must find no harness channel at once and the launch fall back to
# the static path; the boot still reaches the ready line.
. "$(dirname "$0")/../lib.sh"
t_boot build/parapet.iso FIRMWARE=bios CPUS=3 IOMMU=amd TPM=tis DRTM=none
t_wait "parapet: ready"
t_expect_summary
t_expect_match 'launch type: static'
t_expect_absent 'launch type: emulated'
if grep -qE "drtmcom2|drtmqmp|drtm-tpm.sock" "$T_TMP/qemu.cmd"; then t_fail "DRTM=none but QEMU got the harness's chardevs"; fi
[ ! -e "$T_DRTM_LOG" ] || t_fail "DRTM=none but a DRTM harness ran"
t_pass
