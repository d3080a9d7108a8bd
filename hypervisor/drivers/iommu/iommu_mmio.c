// SPDX-License-Identifier: GPL-2.0-only
/*
 * iommu_probe over real MMIO (freestanding only). The hypervisor maps the
 * unit's register page identity, uncached, before calling it.
 */
#include <parapet/x86.h>
#include "hypervisor/drivers/iommu/iommu_probe.h"

static u32 mmio_rd32(u64 phys, void *ctx)
{
	(void)ctx;
	return mmio_read32((volatile void *)(uintptr_t)phys);
}

int iommu_probe(const struct acpi_iommu *u, struct iommu_unit *out, struct pp_err *err)
{
	return iommu_probe_regs(u, mmio_rd32, NULL, out, err);
}
