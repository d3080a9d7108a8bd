// SPDX-License-Identifier: GPL-2.0-only
/* Partition memory callbacks over hv_palloc (partition_mem.h). */
#include <parapet/string.h>
#include "memory.h"
#include "partition_mem.h"

static void free_pages(u64 base, u64 pages)
{
	for (u64 i = 0; i < pages; i++)
		palloc_free(&hv_palloc, hpa(base + i * PP_PAGE_SIZE));
}

/*
 * A run of size bytes whose address is congruent to phase modulo align:
 * take size + align bytes, keep the aligned part, give the rest back.
 */
static int pm_alloc(void *ctx, u64 size, u64 align, u64 phase, hpa_t *out)
{
	(void)ctx;
	if (!size || size % PP_PAGE_SIZE || align < PP_PAGE_SIZE || (align & (align - 1)) ||
	    phase % PP_PAGE_SIZE || phase >= align)
		return PP_EINVAL;
	u64 pages = size / PP_PAGE_SIZE, extra = align == PP_PAGE_SIZE ? 0 : align / PP_PAGE_SIZE;
	hpa_t run = palloc_alloc_run(&hv_palloc, pages + extra, PART_MEM_LIMIT);
	if (!hpa_val(run))
		return PP_ENOMEM;
	u64 b = hpa_val(run), start = b + ((phase - b % align + align) % align);
	free_pages(b, (start - b) / PP_PAGE_SIZE);
	free_pages(start + size,
		   (b + (pages + extra) * PP_PAGE_SIZE - start - size) / PP_PAGE_SIZE);
	memset((void *)(uintptr_t)start, 0, size);
	*out = hpa(start);
	return PP_OK;
}

static void pm_free(void *ctx, hpa_t base, u64 size)
{
	(void)ctx;
	memset((void *)(uintptr_t)hpa_val(base), 0, size); /* scrubbed before reuse */
	free_pages(hpa_val(base), size / PP_PAGE_SIZE);
}

const struct part_alloc part_palloc = {NULL, pm_alloc, pm_free};

static const struct part_region *inside(const struct part_plan *plan, u64 g, u64 len)
{
	u64 end;
	const struct part_region *r = part_plan_find(plan, gpa(g));
	if (!r || !len || !pp_add_ok(g, len, &end) || end > gpa_val(r->gpa) + r->size)
		return NULL;
	return r;
}

u8 *part_mem_ptr(void *ctx, gpa_t g, u64 len)
{
	const struct part_region *r = inside(ctx, gpa_val(g), len);
	if (!r || r->kind != PART_REG_RAM)
		return NULL;
	return (u8 *)(uintptr_t)(hpa_val(r->hpa) + (gpa_val(g) - gpa_val(r->gpa)));
}

int part_mem_read(void *ctx, u64 g, void *out, u32 len)
{
	const struct part_region *r = inside(ctx, g, len);
	if (!r || (r->kind != PART_REG_RAM && r->kind != PART_REG_CHAN) || !(r->perm & PP_POL_R))
		return -1;
	memcpy(out, (const u8 *)(uintptr_t)(hpa_val(r->hpa) + (g - gpa_val(r->gpa))), len);
	return 0;
}
