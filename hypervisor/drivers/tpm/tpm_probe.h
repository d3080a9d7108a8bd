/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TPM interface discovery: the ACPI TPM2 table names the interface (start
 * method) and its base; the probe confirms it by reading the device's
 * identification registers (TIS: TPM_DID_VID / TPM_INTF_CAPABILITY at
 * locality 0; CRB: TPM_CRB_INTF_ID). The full TPM 2.0 driver (command
 * transport, localities) builds on this in the measured-launch issue.
 */
#ifndef PARAPET_HV_TPM_PROBE_H
#define PARAPET_HV_TPM_PROBE_H

#include <parapet/err.h>
#include "hypervisor/core/acpi.h"

#define TPM_IFACE_NONE 0u
#define TPM_IFACE_TIS 1u
#define TPM_IFACE_CRB 2u

struct tpm_iface {
	u32 kind;    /* TPM_IFACE_* */
	u64 base;    /* locality-0 register base */
	u32 did_vid; /* TIS: DID_VID register; CRB: low half of INTF_ID */
};

/* Returns 0 with kind NONE when ACPI has no TPM2 table; PP_EDEVICE (with a
 * message) when the table names an interface the registers contradict. */
int tpm_probe(const struct acpi_info *acpi, struct tpm_iface *out, struct pp_err *err);
const char *tpm_iface_name(u32 kind);

#endif
