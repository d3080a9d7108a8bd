// SPDX-License-Identifier: GPL-2.0-only
/*
 * pt_unmap: first split the large pages that straddle either edge of the
 * range (the only step that can fail, and it changes no translation), then
 * clear the range: pages are cleared, tables wholly inside it are cut off
 * and retired (freed later by pt_reclaim, after the caller's flush).
 */
#include "pt_int.h"

/* Replace the large page *e (value *cur, level > 0) by a table of the
 * next smaller pages with the same output and permissions. A concurrent
 * split of the same page wins or loses the compare-exchange; either way
 * *cur ends up as the entry's current value. */
static int split(struct pt_op *op, u64 *e, u32 level, u64 at, u64 *cur)
{
	struct pt *pt = op->pt;
	const struct pt_format *f = pt->fmt;
	hpa_t pa;
	u64 *child = pt->mem.alloc(pt->mem.ctx, &pa);
	if (!child)
		return pp_fail(op->err, PP_ENOMEM,
			       "pt %s: no page to split the %s page at 0x%llx; nothing unmapped",
			       f->name, pt_size_name(level),
			       (unsigned long long)PP_ALIGN_DOWN(at, PT_LEVEL_SIZE(level)));
	u64 out = f->addr(*cur, level);
	u32 perms = f->perms(*cur, level);
	u64 step = PT_LEVEL_SIZE(level - 1);
	for (u32 i = 0; i < PT_ENTRIES; i++)
		child[i] = f->make_page(out + i * step, level - 1, perms);
	u64 want = f->make_table(hpa_val(pa), level);
	if (pt_cas(e, cur, want)) {
		*cur = want;
		return PP_OK;
	}
	pt->mem.free(pt->mem.ctx, pa, child);
	return PP_OK;
}

/* Make `at` the edge of a page: split every large page that contains it
 * without starting there. */
static int split_at(struct pt_op *op, u64 at)
{
	struct pt *pt = op->pt;
	const struct pt_format *f = pt->fmt;
	u64 *t = pt->root_va;
	u32 level = pt_top(pt);
	while (level > 0 && !PP_IS_ALIGNED(at, PT_LEVEL_SIZE(level))) {
		u64 *e = &t[pt_index(at, level)];
		u64 cur = pt_load(e);
		if (!f->present(cur))
			return PP_OK;
		if (pt_is_page(pt, cur, level)) {
			int rc = split(op, e, level, at, &cur);
			if (rc)
				return rc;
			if (!f->present(cur) || pt_is_page(pt, cur, level))
				continue; /* changed under us: look again */
		}
		t = pt_table_va(pt, f->addr(cur, level));
		level--;
	}
	return PP_OK;
}

void pt_clear_range(struct pt_op *op, u64 *t, u32 level, u64 in, u64 end)
{
	struct pt *pt = op->pt;
	const struct pt_format *f = pt->fmt;
	while (in < end) {
		u64 next = pt_entry_end(in, level, end);
		u64 *e = &t[pt_index(in, level)];
		u64 cur = pt_load(e);
		bool whole = next - in == PT_LEVEL_SIZE(level);
		if (!f->present(cur)) {
			/* nothing mapped here */
		} else if (pt_is_page(pt, cur, level)) {
			/* Edges were split, so a page here lies wholly inside. */
			if (whole)
				pt_store(e, 0);
		} else if (whole && pt_retire(op, f->addr(cur, level), level - 1)) {
			pt_store(e, 0);
		} else {
			pt_clear_range(op, pt_table_va(pt, f->addr(cur, level)), level - 1, in,
				       next);
		}
		in = next;
	}
}

int pt_unmap(struct pt *pt, u64 in, u64 len, struct pp_err *err)
{
	int rc = pt_check_range(pt, "unmap", in, len, err);
	if (rc)
		return rc;
	struct pt_op op = {.pt = pt, .err = err};
	u64 end = in + len;
	rc = split_at(&op, in);
	if (!rc && end < pt_space(pt))
		rc = split_at(&op, end);
	if (!rc)
		pt_clear_range(&op, pt->root_va, pt_top(pt), in, end);
	pt_retire_publish(&op);
	return rc;
}
