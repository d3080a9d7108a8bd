/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Physical page allocator over usable RAM.
 *
 * Initialised from the handoff memory map (PP_MEM_USABLE ranges only) minus
 * an exclusion list (hypervisor image, launch stage and handoff, modules,
 * the page at 0, ...). It never hands out an excluded or non-usable byte.
 * Host-testable: it keeps its state in a caller-provided bitmap and never
 * touches the pages it manages.
 *
 * Rules (docs/hypervisor.md, "Physical page allocator"):
 *  - a page is free at init only if it lies entirely inside a usable entry,
 *    overlaps no non-usable entry (even when entries overlap each other),
 *    overlaps no exclusion, and is not page 0; partial pages at the edges of
 *    usable ranges are never free;
 *  - the caller's storage holds two bitmaps (free pages and pages managed at
 *    init): palloc_bitmap_bytes() says how much [lo, hi) needs. When the
 *    storage is too small, only the first pages from the lowest usable one
 *    are tracked and `truncated` is set (the caller prints a warning);
 *  - palloc_free() accepts only managed pages that are currently allocated.
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
	u64 base_pfn; /* first page frame tracked */
	u64 npages;   /* frames tracked (bitmap bits) */
	u64 *bitmap;  /* 1 = free */
	u64 *managed; /* 1 = was free at init (may be handed out and freed) */
	u64 free_pages;
	u64 usable_pages;  /* free at init time */
	u64 hint;	   /* word index where palloc_alloc starts scanning */
	bool truncated;	   /* usable RAM above the tracked window was ignored */
	u64 untracked_end; /* end of the usable RAM that was wanted (if truncated) */
};

/* Bytes of caller storage (both bitmaps) needed to track [lo, hi). */
u64 palloc_bitmap_bytes(u64 lo, u64 hi);

int palloc_init(struct palloc *pa, u64 *bitmap, u64 bitmap_bytes, const struct pp_mem_range *map,
		u32 map_count, const struct palloc_range *excl, u32 excl_count, struct pp_err *err);

/* Returns the physical address of a free 4 KiB page, or 0 when none. */
hpa_t palloc_alloc(struct palloc *pa);
/* Same, restricted to pages that end at or below `limit`. */
hpa_t palloc_alloc_below(struct palloc *pa, u64 limit);
/* npages physically contiguous pages ending at or below `limit` (lowest
 * fit), or 0 when none. Freed page by page with palloc_free(). */
hpa_t palloc_alloc_run(struct palloc *pa, u64 npages, u64 limit);
/* Frees a page obtained from palloc_alloc*; returns PP_EINVAL for anything else. */
int palloc_free(struct palloc *pa, hpa_t page);

#endif
