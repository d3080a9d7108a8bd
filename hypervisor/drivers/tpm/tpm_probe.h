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
	u32 did_vid; /* vendor id bits 15:0, device id bits 31:16. TIS: TPM_DID_VID;
		      * CRB: TPM_CRB_INTF_ID bits 63:32 (VID, DID) */
};

/*
 * Returns 0 with kind NONE when ACPI has no TPM2 table; PP_EDEVICE (with a
 * message) when the registers show no device or contradict the table;
 * PP_ENOTSUP for start methods other than TIS (6) and CRB (7, 8) or a CRB
 * control area not at offset 0x40 of a 4 KiB register page. On failure
 * *out is zeroed (kind NONE).
 */
int tpm_probe(const struct acpi_info *acpi, struct tpm_iface *out, struct pp_err *err);

/*
 * The same decision logic over injected register reads (host tests): tpm_probe
 * is tpm_probe_regs with readers that access MMIO at the physical address.
 */
struct tpm_regs_ops {
	u8 (*rd8)(u64 phys, void *ctx);
	u32 (*rd32)(u64 phys, void *ctx);
	void *ctx;
};
int tpm_probe_regs(const struct acpi_info *acpi, const struct tpm_regs_ops *ops,
		   struct tpm_iface *out, struct pp_err *err);
const char *tpm_iface_name(u32 kind);

#endif
