// SPDX-License-Identifier: GPL-2.0-only
/*
 * Allocator set-up: every byte the hypervisor must not hand out is excluded
 * (docs/hypervisor.md, "Physical page allocator"). The page tables, per-CPU
 * blocks, boot stacks and this bitmap are all in the hypervisor's .bss, so
 * the hypervisor image exclusion covers them.
 */
#include "console.h"
#include "memory.h"

#define HV_PALLOC_STORE_WORDS (2 * (HV_PALLOC_LIMIT / PP_PAGE_SIZE / 64))

extern const char __hv_start[], __hv_end[];

struct palloc hv_palloc;
static u64 palloc_store[HV_PALLOC_STORE_WORDS];

static void add(struct palloc_range *x, u32 *n, u64 base, u64 length)
{
	if (length && *n < PALLOC_MAX_EXCLUDE)
		x[(*n)++] = (struct palloc_range){base, length};
}

u32 memory_own_ranges(const struct pp_handoff *h, struct palloc_range *x, u32 cap)
{
	u32 n = 0;
	u64 img = (u64)(uintptr_t)__hv_start;
	_Static_assert(7 + PP_HANDOFF_MAX_MODULES <= PALLOC_MAX_EXCLUDE, "exclusion list size");
	if (cap < PALLOC_MAX_EXCLUDE)
		return 0;
	add(x, &n, h->hv_base, h->hv_size);
	add(x, &n, img, (u64)(uintptr_t)__hv_end - img); /* the same, from our own symbols */
	add(x, &n, h->launch_base, h->launch_size);
	add(x, &n, (u64)(uintptr_t)h, h->total_size); /* inside launch's range, to be sure */
	add(x, &n, h->fw_log_base, h->fw_log_size);
	add(x, &n, h->drtm_log_base, h->drtm_log_size);
	add(x, &n, h->copy_base, h->copy_size); /* the SL's copies: modules, ACPI tables */
	const struct pp_module *mod = pp_handoff_modules(h);
	for (u32 i = 0; i < h->mod_count; i++)
		add(x, &n, mod[i].base, mod[i].length);
	return n;
}

int memory_init(const struct pp_handoff *h, struct pp_err *err)
{
	struct palloc_range x[PALLOC_MAX_EXCLUDE];
	u32 n = memory_own_ranges(h, x, PALLOC_MAX_EXCLUDE);

	int rc = palloc_init(&hv_palloc, palloc_store, sizeof(palloc_store), pp_handoff_mmap(h),
			     h->mmap_count, x, n, err);
	if (rc)
		return rc;
	if (hv_palloc.truncated) {
		u64 tracked_end = (hv_palloc.base_pfn + hv_palloc.npages) << PP_PAGE_SHIFT;
		hv_printf("hv: warning: usable RAM up to 0x%llx, the allocator tracks only the "
			  "first %llu GiB (to 0x%llx)\n",
			  (unsigned long long)hv_palloc.untracked_end,
			  (unsigned long long)(HV_PALLOC_LIMIT >> 30),
			  (unsigned long long)tracked_end);
	}
	hv_printf("hv: palloc: %llu pages free (%llu MiB), %u exclusions\n",
		  (unsigned long long)hv_palloc.free_pages,
		  (unsigned long long)(hv_palloc.free_pages >> (20 - PP_PAGE_SHIFT)), n);
	return PP_OK;
}
