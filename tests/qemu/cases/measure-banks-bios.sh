#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The three TPM profiles (docs/testing.md, "TPM profiles"), each on a fresh
# TPM, SeaBIOS + (a copy of) build/parapet.iso, emulated DRTM: sha256 only
# (what `make run`'s swtpm_setup makes), sha1 + sha256 (most hardware
# TPMs), all four (swtpm without swtpm_setup). Each boot: the TPM has
# exactly the profile's banks (so a knob that does nothing fails), the
# secure loader extended all of them, SeaBIOS's log replays in each, and
# PCR 17-19 equal build/reference.json in every bank the TPM has.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
m_iso_copy "$T_TMP/parapet.iso"
for profile in "sha256=sha256" "sha1,sha256=sha1 sha256" "all=sha1 sha256 sha384 sha512"; do
	t_boot "$T_TMP/parapet.iso" FIRMWARE=bios CPUS=3 IOMMU=amd TPM=tis TPMBANKS="${profile%%=*}"
	t_wait "parapet: ready"
	t_expect_summary
	m_expect_profile "${profile#*=}"
	m_expect_ref "$T_TMP/reference.json"
	t_stop
	mv "$T_SERIAL" "$T_TMP/serial-${profile%%=*}.log"
done
t_pass
