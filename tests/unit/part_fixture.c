// SPDX-License-Identifier: GPL-2.0-only
/* Host fixtures for the partition-building tests (part_fixture.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "part_fixture.h"

static int host_alloc(void *ctx, u64 size, u64 align, u64 phase, hpa_t *out)
{
	struct part_host_alloc *h = ctx;
	if (h->fail_at > 0 && --h->fail_at == 0)
		return PP_ENOMEM;
	for (u32 i = 0; i < PART_HOST_RUNS; i++) {
		if (h->run[i].orig)
			continue;
		u8 *p = aligned_alloc(align, PP_ALIGN_UP(size + phase, align));
		if (!p)
			return PP_ENOMEM;
		memset(p, 0, (size_t)(size + phase));
		h->run[i].orig = p;
		h->run[i].base = (u64)(uintptr_t)p + phase;
		h->run[i].size = size;
		h->live++;
		h->allocs++;
		*out = hpa(h->run[i].base);
		return PP_OK;
	}
	return PP_ENOMEM;
}

static void host_free(void *ctx, hpa_t base, u64 size)
{
	struct part_host_alloc *h = ctx;
	for (u32 i = 0; i < PART_HOST_RUNS; i++) {
		if (h->run[i].orig && h->run[i].base == hpa_val(base)) {
			if (h->run[i].size != size)
				h->bad_free++;
			free(h->run[i].orig);
			h->run[i].orig = NULL;
			h->live--;
			return;
		}
	}
	h->bad_free++;
}

void part_host_alloc_init(struct part_host_alloc *h, struct part_alloc *a)
{
	memset(h, 0, sizeof(*h));
	a->ctx = h;
	a->alloc = host_alloc;
	a->free = host_free;
}

u8 *part_host_gpa_ptr(void *ctx, gpa_t g, u64 len)
{
	const struct part_plan *plan = ctx;
	const struct part_region *r = part_plan_find(plan, g);
	if (!r || !(r->flags & (PART_REG_OWNED | PART_REG_SHARED)))
		return NULL;
	u64 off = gpa_val(g) - gpa_val(r->gpa);
	if (len > r->size - off)
		return NULL;
	return (u8 *)(uintptr_t)(hpa_val(r->hpa) + off);
}
