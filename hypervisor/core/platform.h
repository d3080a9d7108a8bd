/* SPDX-License-Identifier: GPL-2.0-only */
/* What bring-up found: ACPI tables, IOMMU units, the TPM interface. */
#ifndef PARAPET_HV_PLATFORM_H
#define PARAPET_HV_PLATFORM_H

#include <parapet/handoff.h>
#include <parapet/acpi.h>
#include "hypervisor/drivers/iommu/iommu_probe.h"
#include "hypervisor/drivers/tpm/tpm_probe.h"

struct platform {
	bool acpi_ok;
	struct acpi_info acpi;
	u32 iommu_count; /* units that answered the probe */
	struct iommu_unit iommus[ACPI_MAX_IOMMUS];
	struct tpm_iface tpm;
	struct pp_err tpm_err; /* the probe's refusal (code 0: none) */
};

extern struct platform platform;

/* Parse ACPI from the handoff's RSDP copy, then probe IOMMUs and the TPM.
 * Failures are reported as `hv: ` lines and leave the item out. */
void platform_discover(const struct pp_handoff *h);

#endif
