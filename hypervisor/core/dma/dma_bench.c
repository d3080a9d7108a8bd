// SPDX-License-Identifier: GPL-2.0-only
/*
 * `dma-bench` on the hypervisor command line (tests/bench/dma.sh, `make
 * bench`): right after dma_boot, before any tick runs, the cost of one
 * domain invalidation with its completion wait on each unit, in TSC
 * ticks: under QEMU with -icount shift=0 one tick per instruction
 * retired (../shared/notes/exit-bench.md), so the figure is the
 * hypervisor's instructions for building the commands, ringing the
 * doorbell and polling the completion (QEMU executes the commands inside
 * the doorbell write). Domain DMA_BENCH_DOMAIN holds no device: the
 * invalidation changes nothing any device sees.
 */
#include <parapet/handoff.h>
#include <parapet/x86.h>
#include "hypervisor/core/console.h"
#include "hypervisor/drivers/iommu/iommu_probe.h"
#include "dma_int.h"

#define DMA_BENCH_WORD "dma-bench"
#define DMA_BENCH_RUNS 41u
#define DMA_BENCH_DOMAIN 0xfff0u

static void sort(u64 *v, u32 n)
{
	for (u32 i = 1; i < n; i++)
		for (u32 j = i; j > 0 && v[j - 1] > v[j]; j--) {
			u64 t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

/* The most frequent value of a sorted array (the smallest of ties). */
static u64 modal(const u64 *v, u32 n, u32 *count)
{
	u64 best = v[0];
	u32 bn = 0;
	for (u32 i = 0; i < n;) {
		u32 j = i;
		while (j < n && v[j] == v[i])
			j++;
		if (j - i > bn) {
			bn = j - i;
			best = v[i];
		}
		i = j;
	}
	*count = bn;
	return best;
}

static int flush(struct dma_unit *d, struct pp_err *err)
{
	if (d->type == ACPI_IOMMU_AMDVI)
		return amdvi_flush_domain(&d->u.amd, DMA_BENCH_DOMAIN, err);
	return vtd_flush_domain(&d->u.vtd, DMA_BENCH_DOMAIN, err);
}

void dma_bench(const struct pp_handoff *h)
{
	if (!pp_handoff_cmdline_has(h, DMA_BENCH_WORD))
		return;
	for (u32 i = 0; i < ACPI_MAX_IOMMUS; i++) {
		struct dma_unit *d = &dma_units[i];
		u64 t[DMA_BENCH_RUNS];
		u32 failed = 0, n;
		if (!d->type)
			continue;
		for (u32 r = 0; r < DMA_BENCH_RUNS; r++) {
			struct pp_err err = {0, ""};
			u64 t0 = rdtsc();
			failed += flush(d, &err) != PP_OK;
			t[r] = rdtsc() - t0;
		}
		sort(t, DMA_BENCH_RUNS);
		u64 mode = modal(t, DMA_BENCH_RUNS, &n);
		hv_printf("hv: dma-bench: %s at 0x%llx: invalidation + completion wait: modal %llu "
			  "(%u of %u runs), min %llu, median %llu, max %llu TSC ticks, %u failed\n",
			  iommu_type_name(d->type), (unsigned long long)d->base,
			  (unsigned long long)mode, n, DMA_BENCH_RUNS, (unsigned long long)t[0],
			  (unsigned long long)t[DMA_BENCH_RUNS / 2],
			  (unsigned long long)t[DMA_BENCH_RUNS - 1], failed);
	}
}
