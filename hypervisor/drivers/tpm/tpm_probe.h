/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TPM interface discovery in the hypervisor: the ACPI TPM2 table names the
 * interface (start method) and its registers; they must be where the PC
 * Client PTP puts a TPM (common/drivers/tpm/tpm_ptp.h: 0xFED40000, the CRB
 * control area at offset 0x40 of it), and the device's identification
 * registers must confirm the interface (tpm_ptp_identify, the check the
 * secure loader runs too). Anything else is refused: a TPM elsewhere (for
 * example a firmware TPM whose CRB control area is in RAM) is not one the
 * secure loader measured with, so the hypervisor does not use it either.
 */
#ifndef PARAPET_HV_TPM_PROBE_H
#define PARAPET_HV_TPM_PROBE_H

#include <parapet/err.h>
#include "common/drivers/tpm/tpm_ptp.h"
#include <parapet/acpi.h>

/*
 * Returns 0 with kind NONE when ACPI has no TPM2 table; PP_ERANGE when the
 * table puts the registers outside the PTP address; PP_ENOTSUP for start
 * methods other than TIS (6) and CRB (7, 8); PP_EDEVICE (with a message)
 * when the registers show no device or contradict the table. On failure
 * *out is zeroed (kind NONE).
 */
int tpm_probe(const struct acpi_info *acpi, struct tpm_iface *out, struct pp_err *err);

/* The same over injected register reads (host tests); tpm_probe passes
 * tpm_mmio_direct. Only ops->rd8 and ops->rd32 are used. */
int tpm_probe_regs(const struct acpi_info *acpi, const struct tpm_mmio_ops *ops,
		   struct tpm_iface *out, struct pp_err *err);

#endif
