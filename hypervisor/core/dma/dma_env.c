// SPDX-License-Identifier: GPL-2.0-only
/*
 * The IOMMU drivers' environment in the hypervisor (iommu_env.h): MMIO
 * through the identity map (the units' register pages are mapped
 * uncached by paging_setup, like every MMIO range the platform names),
 * contiguous zeroed runs from hv_palloc below 4 GiB, the TSC for time.
 */
#include <parapet/string.h>
#include <parapet/x86.h>
#include "hypervisor/arch/x86_64/timer.h"
#include "hypervisor/core/memory.h"
#include "hypervisor/core/spinlock.h"
#include "dma_int.h"

static struct spinlock env_lock;
static u64 spins;

static void *alloc(void *ctx, u32 npages, u32 align_pages, u64 *out)
{
	(void)ctx;
	if (!npages || !align_pages || (align_pages & (align_pages - 1)))
		return NULL;
	spin_lock(&env_lock);
	u64 want = (u64)npages + align_pages - 1;
	hpa_t run = palloc_alloc_run(&hv_palloc, want, DMA_MEM_LIMIT);
	spin_unlock(&env_lock);
	if (!hpa_val(run))
		return NULL;
	u64 base = hpa_val(run), a = (u64)align_pages * PP_PAGE_SIZE;
	u64 lo = (base + a - 1) & ~(a - 1), hi = lo + (u64)npages * PP_PAGE_SIZE;
	spin_lock(&env_lock);
	for (u64 p = base; p < base + want * PP_PAGE_SIZE; p += PP_PAGE_SIZE)
		if (p < lo || p >= hi)
			(void)palloc_free(&hv_palloc, hpa(p));
	spin_unlock(&env_lock);
	memset((void *)(uintptr_t)lo, 0, (size_t)(hi - lo));
	*out = lo;
	return (void *)(uintptr_t)lo;
}

static void release(void *ctx, void *va, u64 pa, u32 npages)
{
	(void)ctx;
	memset(va, 0, (size_t)npages * PP_PAGE_SIZE);
	spin_lock(&env_lock);
	for (u32 i = 0; i < npages; i++)
		(void)palloc_free(&hv_palloc, hpa(pa + (u64)i * PP_PAGE_SIZE));
	spin_unlock(&env_lock);
}

/* Without a calibrated TSC, one polling turn counts as a microsecond: a
 * timeout then lasts at least as long as intended. */
static u64 now_us(void *ctx)
{
	(void)ctx;
	u64 khz = timer_tsc_khz();
	if (!khz)
		return __atomic_add_fetch(&spins, 1, __ATOMIC_RELAXED);
	return rdtsc() / (khz / 1000u ? khz / 1000u : 1u);
}

static void relax(void *ctx)
{
	(void)ctx;
	cpu_relax();
}

const struct iommu_env dma_env = {NULL,
				  iommu_mmio_rd32,
				  iommu_mmio_rd64,
				  iommu_mmio_wr32,
				  iommu_mmio_wr64,
				  alloc,
				  release,
				  now_us,
				  relax};
