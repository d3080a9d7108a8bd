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
#include <parapet/acpi.h>

struct iommu_unit {
	u32 type; /* ACPI_IOMMU_AMDVI / ACPI_IOMMU_VTD */
	u64 base;
	u64 ident; /* AMD-Vi: EFR; VT-d: VER | (CAP low half << 32) -- informative */
	u64 cap;   /* VT-d: CAP_REG (MMIO 0x8); AMD-Vi: 0 */
};

/* PP_EDEVICE (with a message) when the unit's registers read all-ones or an
 * invalid version; PP_EINVAL for an unknown type. On failure *out is zeroed. */
int iommu_probe(const struct acpi_iommu *u, struct iommu_unit *out, struct pp_err *err);

/* The same logic over an injected 32-bit register reader (host tests);
 * 64-bit registers are read as two 32-bit halves, low first. */
typedef u32 (*iommu_rd32_fn)(u64 phys, void *ctx);
int iommu_probe_regs(const struct acpi_iommu *u, iommu_rd32_fn rd32, void *ctx,
		     struct iommu_unit *out, struct pp_err *err);
const char *iommu_type_name(u32 type);

#endif
