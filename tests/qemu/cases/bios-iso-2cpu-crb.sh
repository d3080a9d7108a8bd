#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# SeaBIOS + ISO, 2 CPUs, AMD-Vi, TPM CRB interface instead of TIS, no DRTM
# (DRTM=none: no harness). The SL finds the CRB at the PTP address, cannot
# get locality 2, reads PCR17 at locality 0: all 0xFF, no DRTM ran, so the
# boot goes on unmeasured (launch type none) as without a TPM; the
# hypervisor drives the CRB at locality 0. (With a DRTM the same TPM stops
# the boot: sl-crb-drtm-bios.) Two CPUs are one fewer than the default
# policy names (work-b on CPU 2): the machine rule refuses it, precisely,
# and with nothing measured the refusal is not recorded in a DRTM log
# (t_boot_parapet, t_expect_machine_refusal).
. "$(dirname "$0")/../lib.sh"
t_boot_parapet FIRMWARE=bios CPUS=2 IOMMU=amd TPM=crb DRTM=none
t_expect_match '^sl: tpm: CRB at 0xfed40000: locality 2 unusable: '
t_expect_match '^sl: .*: no DRTM PCR exists; launch NOT measured \(launch type none\)$'
t_expect_line 'hv: launch: none (nothing measured: no usable TPM locality 2, no DRTM)'
t_pass
