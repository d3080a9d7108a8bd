// SPDX-License-Identifier: GPL-2.0-only
/*
 * TPM interface discovery from the ACPI TPM2 table (TCG ACPI specification,
 * "TPM2 Table": start method 6 = memory-mapped FIFO, 7/8 = CRB, the control
 * area address), restricted to the PC Client PTP address and confirmed by
 * the device's registers (tpm_probe.h).
 */
#include <parapet/string.h>
#include "common/drivers/tpm/crb_regs.h"
#include "hypervisor/drivers/tpm/tpm_probe.h"

static int ptp_base(const struct acpi_info *acpi, u64 *base, struct pp_err *err)
{
	u64 ctrl = acpi->tpm2_control_area;

	if (acpi->tpm2_start_method == ACPI_TPM2_START_TIS) {
		/* A FIFO TPM's table may leave the address 0: the PTP address then. */
		*base = ctrl ? ctrl : TPM_PTP_BASE;
		if (*base != TPM_PTP_BASE)
			return pp_fail(err, PP_ERANGE,
				       "TPM2 (TIS): register base 0x%llx is not the PC Client "
				       "PTP address 0x%llx",
				       (unsigned long long)*base, (unsigned long long)TPM_PTP_BASE);
		return 0;
	}
	/* CRB: the control area is TPM_CRB_CTRL_REQ of locality 0's page. */
	if (ctrl != TPM_PTP_BASE + TPM_CRB_CTRL_REQ)
		return pp_fail(err, PP_ERANGE,
			       "TPM2 (CRB): control area 0x%llx is not at offset 0x40 of the PC "
			       "Client PTP address 0x%llx",
			       (unsigned long long)ctrl, (unsigned long long)TPM_PTP_BASE);
	*base = TPM_PTP_BASE;
	return 0;
}

int tpm_probe_regs(const struct acpi_info *acpi, const struct tpm_mmio_ops *ops,
		   struct tpm_iface *out, struct pp_err *err)
{
	u64 base = 0;
	u32 want;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!acpi->tpm2_present)
		return 0;
	switch (acpi->tpm2_start_method) {
	case ACPI_TPM2_START_TIS: want = TPM_IFACE_TIS; break;
	case ACPI_TPM2_START_CRB:
	case ACPI_TPM2_START_CRB_ACPI: want = TPM_IFACE_CRB; break;
	default:
		return pp_fail(err, PP_ENOTSUP, "TPM2 start method %u not supported",
			       acpi->tpm2_start_method);
	}
	rc = ptp_base(acpi, &base, err);
	if (!rc)
		rc = tpm_ptp_identify(ops, base, want, out, err);
	if (rc)
		memset(out, 0, sizeof(*out));
	return rc;
}

int tpm_probe(const struct acpi_info *acpi, struct tpm_iface *out, struct pp_err *err)
{
	return tpm_probe_regs(acpi, &tpm_mmio_direct, out, err);
}
