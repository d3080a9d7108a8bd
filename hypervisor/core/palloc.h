/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Physical page allocator over usable RAM.
 *
 * Initialised from the handoff memory map (PP_MEM_USABLE ranges only) minus
 * an exclusion list (hypervisor image, launch stage and handoff, modules,
 * the page at 0, ...). It never hands out an excluded or non-usable byte.
 * Host-testable: it keeps its state in a caller-provided bitmap and never
 * touches the pages it manages.
 */
#ifndef PARAPET_HV_PALLOC_H
#define PARAPET_HV_PALLOC_H

#include <parapet/err.h>
#include <parapet/handoff.h>
#include <parapet/types.h>

struct palloc_range {
	u64 base;
	u64 length;
};

#define PALLOC_MAX_EXCLUDE 48

struct palloc {
	u64 base_pfn;   /* first page frame tracked */
	u64 npages;     /* frames tracked (bitmap bits) */
	u64 *bitmap;    /* 1 = free */
	u64 free_pages;
	u64 usable_pages; /* free at init time */
};

/* Bytes of bitmap needed to track [lo, hi). */
u64 palloc_bitmap_bytes(u64 lo, u64 hi);

int palloc_init(struct palloc *pa, u64 *bitmap, u64 bitmap_bytes,
		const struct pp_mem_range *map, u32 map_count,
		const struct palloc_range *excl, u32 excl_count, struct pp_err *err);

/* Returns the physical address of a free 4 KiB page, or 0 when none. */
hpa_t palloc_alloc(struct palloc *pa);
/* Same, restricted to pages that end at or below `limit`. */
hpa_t palloc_alloc_below(struct palloc *pa, u64 limit);
/* Frees a page obtained from palloc_alloc*; returns PP_EINVAL for anything else. */
int palloc_free(struct palloc *pa, hpa_t page);

#endif
