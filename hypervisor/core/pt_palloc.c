// SPDX-License-Identifier: GPL-2.0-only
/* hv_palloc-backed memory for page tables (pt_palloc.h). */
#include <parapet/string.h>
#include "memory.h"
#include "pt_palloc.h"
#include "spinlock.h"

static struct spinlock pt_palloc_lock;

static void *pt_palloc_alloc(void *ctx, hpa_t *pa)
{
	(void)ctx;
	spin_lock(&pt_palloc_lock);
	hpa_t p = palloc_alloc(&hv_palloc);
	spin_unlock(&pt_palloc_lock);
	if (!hpa_val(p))
		return NULL;
	void *va = (void *)(uintptr_t)hpa_val(p); /* identity map */
	memset(va, 0, PP_PAGE_SIZE);
	*pa = p;
	return va;
}

static void pt_palloc_free(void *ctx, hpa_t pa, void *va)
{
	(void)ctx;
	(void)va;
	spin_lock(&pt_palloc_lock);
	palloc_free(&hv_palloc, pa);
	spin_unlock(&pt_palloc_lock);
}

static void *pt_palloc_virt(void *ctx, hpa_t pa)
{
	(void)ctx;
	return (void *)(uintptr_t)hpa_val(pa);
}

void pt_palloc_mem(struct pt_mem *mem)
{
	*mem = (struct pt_mem){NULL, pt_palloc_alloc, pt_palloc_free, pt_palloc_virt};
}
