// SPDX-License-Identifier: GPL-2.0-only
/*
 * The page-table engine's tree: creation, destruction, lookup and the
 * debugging walk (map, unmap and reclaim have their own files).
 */
#include "pt_int.h"

const char *pt_size_name(u32 level)
{
	static const char *const names[] = {"4 KiB", "2 MiB", "1 GiB", "512 GiB", "256 TiB"};
	return level < PP_ARRAY_SIZE(names) ? names[level] : "?";
}

int pt_init(struct pt *pt, const struct pt_format *fmt, u32 depth, u32 leaf_mask,
	    const struct pt_mem *mem, struct pp_err *err)
{
	*pt = (struct pt){0};
	if (depth < PT_MIN_DEPTH || depth > PT_MAX_DEPTH)
		return pp_fail(err, PP_EINVAL, "pt %s: depth %u (3, 4 or 5 levels)", fmt->name,
			       depth);
	u32 leaves = fmt->leaf_levels & leaf_mask;
	/* Leaf levels 0..k: a split of a level-L page needs level L-1 leaves. */
	if (!(leaves & PT_LEAF_4K) || (leaves & (leaves + 1)) != 0 || leaves >= (1u << depth))
		return pp_fail(err, PP_EINVAL,
			       "pt %s: leaf levels 0x%x (must be 4 KiB up, contiguous, below the "
			       "root)",
			       fmt->name, leaves);
	if (fmt->present(0))
		return pp_fail(err, PP_EINVAL, "pt %s: the zero entry is present", fmt->name);
	hpa_t root;
	void *va = mem->alloc(mem->ctx, &root);
	if (!va)
		return pp_fail(err, PP_ENOMEM, "pt %s: no page for the root table", fmt->name);
	pt->fmt = fmt;
	pt->mem = *mem;
	pt->depth = depth;
	pt->leaf_levels = leaves;
	pt->root = root;
	pt->root_va = va;
	return PP_OK;
}

void pt_free_subtree(struct pt *pt, u64 table_hpa, u32 level)
{
	u64 *t = pt_table_va(pt, table_hpa);
	if (level > 0)
		for (u32 i = 0; i < PT_ENTRIES; i++) {
			u64 e = pt_load(&t[i]);
			if (pt->fmt->present(e) && !pt_is_page(pt, e, level))
				pt_free_subtree(pt, pt->fmt->addr(e, level), level - 1);
		}
	pt->mem.free(pt->mem.ctx, hpa(table_hpa), t);
}

void pt_destroy(struct pt *pt)
{
	if (!pt->root_va)
		return;
	pt_reclaim(pt);
	pt_free_subtree(pt, hpa_val(pt->root), pt_top(pt));
	pt->root_va = NULL;
}

int pt_check_range(const struct pt *pt, const char *what, u64 in, u64 len, struct pp_err *err)
{
	const char *n = pt->fmt->name;
	u64 end;
	if (len == 0)
		return pp_fail(err, PP_EINVAL, "pt %s: %s of an empty range at 0x%llx", n, what,
			       (unsigned long long)in);
	if (!PP_IS_ALIGNED(in, PP_PAGE_SIZE) || !PP_IS_ALIGNED(len, PP_PAGE_SIZE))
		return pp_fail(err, PP_EINVAL,
			       "pt %s: %s 0x%llx+0x%llx is not 4 KiB aligned (input address and "
			       "length)",
			       n, what, (unsigned long long)in, (unsigned long long)len);
	if (!pp_add_ok(in, len, &end))
		return pp_fail(err, PP_ERANGE, "pt %s: %s 0x%llx+0x%llx overflows", n, what,
			       (unsigned long long)in, (unsigned long long)len);
	if (end > pt_space(pt))
		return pp_fail(err, PP_ERANGE,
			       "pt %s: %s 0x%llx+0x%llx ends beyond the %u-bit input space of a "
			       "depth-%u table",
			       n, what, (unsigned long long)in, (unsigned long long)len,
			       PT_LEVEL_SHIFT(pt->depth), pt->depth);
	return PP_OK;
}

int pt_lookup(const struct pt *pt, u64 in, struct pt_mapping *m)
{
	if (in >= pt_space(pt))
		return PP_ERANGE;
	const u64 *t = pt->root_va;
	for (u32 level = pt_top(pt);; level--) {
		u64 e = pt_load(&t[pt_index(in, level)]);
		if (!pt->fmt->present(e))
			return PP_ENOENT;
		if (pt_is_page(pt, e, level)) {
			u64 size = PT_LEVEL_SIZE(level);
			*m = (struct pt_mapping){
			    .in_base = PP_ALIGN_DOWN(in, size),
			    .out_base = pt->fmt->addr(e, level),
			    .size = size,
			    .perms = pt->fmt->perms(e, level),
			    .level = level,
			};
			return PP_OK;
		}
		if (level == 0)
			return PP_ENOENT; /* unreachable: level-0 entries are pages */
		t = pt_table_va(pt, pt->fmt->addr(e, level));
	}
}

static int walk_table(const struct pt *pt, const u64 *t, u32 level, u64 base,
		      int (*fn)(void *ctx, const struct pt_walk_item *it), void *ctx)
{
	for (u32 i = 0; i < PT_ENTRIES; i++) {
		u64 e = pt_load(&t[i]);
		if (!pt->fmt->present(e))
			continue;
		struct pt_walk_item it = {
		    .level = level,
		    .in_base = base + (u64)i * PT_LEVEL_SIZE(level),
		    .size = PT_LEVEL_SIZE(level),
		    .addr = pt->fmt->addr(e, level),
		    .entry = e,
		};
		bool page = pt_is_page(pt, e, level);
		it.kind = page ? PT_WALK_PAGE : PT_WALK_TABLE;
		if (page)
			it.perms = pt->fmt->perms(e, level);
		int rc = fn(ctx, &it);
		if (rc)
			return rc;
		if (!page) {
			rc = walk_table(pt, pt_table_va(pt, it.addr), level - 1, it.in_base, fn,
					ctx);
			if (rc)
				return rc;
		}
	}
	return 0;
}

int pt_walk(const struct pt *pt, int (*fn)(void *ctx, const struct pt_walk_item *it), void *ctx)
{
	return walk_table(pt, pt->root_va, pt_top(pt), 0, fn, ctx);
}
