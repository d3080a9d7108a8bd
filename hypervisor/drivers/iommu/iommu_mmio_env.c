// SPDX-License-Identifier: GPL-2.0-only
/*
 * The register half of struct iommu_env over real MMIO (iommu_env.h),
 * shared by the hypervisor (hypervisor/core/dma/dma_env.c) and the secure
 * loader's DMA guard (launch/sl/dma_guard_sl.c): both reach a unit's
 * registers through an identity map, uncached. Freestanding only.
 */
#include <parapet/x86.h>
#include "hypervisor/drivers/iommu/iommu_env.h"

u32 iommu_mmio_rd32(void *ctx, u64 base, u32 off)
{
	(void)ctx;
	return mmio_read32((volatile void *)(uintptr_t)(base + off));
}

u64 iommu_mmio_rd64(void *ctx, u64 base, u32 off)
{
	(void)ctx;
	return mmio_read64((volatile void *)(uintptr_t)(base + off));
}

void iommu_mmio_wr32(void *ctx, u64 base, u32 off, u32 v)
{
	(void)ctx;
	mmio_write32((volatile void *)(uintptr_t)(base + off), v);
}

void iommu_mmio_wr64(void *ctx, u64 base, u32 off, u64 v)
{
	(void)ctx;
	mmio_write64((volatile void *)(uintptr_t)(base + off), v);
}
