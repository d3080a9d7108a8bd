/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * IOMMU unit discovery. Units come from ACPI (IVRS for AMD-Vi, DMAR for
 * VT-d); the probe reads each unit's identification registers to confirm it
 * answers (AMD-Vi: Extended Feature Register, MMIO 0x30; VT-d: Version
 * Register, MMIO 0x0, and Capability Register, MMIO 0x8). DMA remapping
 * itself is the protection-domain issue's work.
 */
#ifndef PARAPET_HV_IOMMU_PROBE_H
#define PARAPET_HV_IOMMU_PROBE_H

#include <parapet/err.h>
#include "hypervisor/core/acpi.h"

struct iommu_unit {
	u32 type;     /* ACPI_IOMMU_AMDVI / ACPI_IOMMU_VTD */
	u64 base;
	u64 ident;    /* AMD-Vi: EFR; VT-d: VER | (CAP << 32 truncated) -- informative */
};

int iommu_probe(const struct acpi_iommu *u, struct iommu_unit *out, struct pp_err *err);
const char *iommu_type_name(u32 type);

#endif
