#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# SeaBIOS publishes its TCG event log in the ACPI TPM2 table (LASA/LAML):
# the hypervisor finds the log's end in the zero-filled area, keeps a
# validated copy, and its replay equals the TPM's PCR 0-9 in every bank
# (docs/eventlog.md "Firmware log"). TIS and CRB (the latter without a
# DRTM: after one, a CRB without locality 2 stops the secure loader).
. "$(dirname "$0")/../lib.sh"
for tpm in tis crb; do
	drtm=emulated
	[ "$tpm" = crb ] && drtm=none
	t_boot build/parapet.iso FIRMWARE=bios CPUS=3 IOMMU=none TPM=$tpm EDU=0 DRTM=$drtm
	t_wait "parapet: ready"
	t_expect_match '^hv: tpm: banks( [a-z0-9_]+)+ \((TIS|CRB) at locality 0, startup done by firmware\)$'
	t_expect_match '^hv: firmware log: ACPI TPM2 LASA 0x[0-9a-f]+ LAML [0-9]+: log ends at [0-9]+ \([0-9]+ events\)$'
	t_expect_match '^hv: firmware log: [0-9]+ events, [0-9]+ bytes \(format crypto-agile, source acpi-tpm2\)$'
	t_expect_match '^hv: firmware log: replay equals the TPM in PCR 0-9 \(banks .*sha256.*\)$'
	t_stop
done
t_pass
