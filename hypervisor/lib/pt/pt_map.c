// SPDX-License-Identifier: GPL-2.0-only
/*
 * pt_map: install leaves for a range, the largest page that fits at each
 * step, adding missing tables with compare-exchange. On any failure what it
 * mapped is unmapped again (pt.h, "Failure contract").
 */
#include "pt_int.h"

static int overlap(struct pt_op *op, u64 in, u64 e, u32 level)
{
	const struct pt *pt = op->pt;
	u64 size = PT_LEVEL_SIZE(level);
	return pp_fail(op->err, PP_EOVERLAP,
		       "pt %s: 0x%llx is already mapped (a %s page at 0x%llx -> 0x%llx); "
		       "nothing mapped",
		       pt->fmt->name, (unsigned long long)in, pt_size_name(level),
		       (unsigned long long)PP_ALIGN_DOWN(in, size),
		       (unsigned long long)pt->fmt->addr(e, level));
}

/* Make *e (empty, value *cur) point to a new table; *cur gets the entry's
 * value afterwards (ours, or what a concurrent winner installed). */
static int install_table(struct pt_op *op, u64 *e, u32 level, u64 in, u64 *cur)
{
	struct pt *pt = op->pt;
	hpa_t pa;
	void *va = pt->mem.alloc(pt->mem.ctx, &pa);
	if (!va)
		return pp_fail(op->err, PP_ENOMEM,
			       "pt %s: no page for a level-%u table at 0x%llx; nothing mapped",
			       pt->fmt->name, level - 1, (unsigned long long)in);
	u64 want = pt->fmt->make_table(hpa_val(pa), level);
	if (pt_cas(e, cur, want)) {
		*cur = want;
		return PP_OK;
	}
	pt->mem.free(pt->mem.ctx, pa, va); /* lost the race: use the winner's */
	return PP_OK;
}

static bool page_fits(const struct pt *pt, u32 level, u64 in, u64 out, u64 len)
{
	u64 size = PT_LEVEL_SIZE(level);
	return (pt->leaf_levels >> level & 1) && len == size && PP_IS_ALIGNED(in, size) &&
	       PP_IS_ALIGNED(out, size);
}

static int map_table(struct pt_op *op, u64 *t, u32 level, u64 in, u64 end, u64 out, u32 perms)
{
	struct pt *pt = op->pt;
	const struct pt_format *f = pt->fmt;
	while (in < end) {
		u64 next = pt_entry_end(in, level, end);
		u64 *e = &t[pt_index(in, level)];
		u64 cur = pt_load(e);
		if (page_fits(pt, level, in, out, next - in) && !f->present(cur) &&
		    pt_cas(e, &cur, f->make_page(out, level, perms)))
			goto mapped;
		/* cur is the entry's value now: descend, adding a table if needed. */
		if (f->present(cur) && pt_is_page(pt, cur, level))
			return overlap(op, in, cur, level);
		if (!f->present(cur)) {
			int rc = install_table(op, e, level, in, &cur);
			if (rc)
				return rc;
			if (pt_is_page(pt, cur, level)) /* a concurrent map broke the contract */
				return overlap(op, in, cur, level);
		}
		int rc = map_table(op, pt_table_va(pt, f->addr(cur, level)), level - 1, in, next,
				   out, perms);
		if (rc)
			return rc;
	mapped:
		out += next - in;
		in = next;
		op->done = in;
	}
	return PP_OK;
}

int pt_map(struct pt *pt, u64 in, u64 out, u64 len, u32 perms, struct pp_err *err)
{
	const struct pt_format *f = pt->fmt;
	int rc = pt_check_range(pt, "map", in, len, err);
	if (rc)
		return rc;
	if (!PP_IS_ALIGNED(out, PP_PAGE_SIZE))
		return pp_fail(err, PP_EINVAL, "pt %s: map output 0x%llx is not 4 KiB aligned",
			       f->name, (unsigned long long)out);
	u64 out_end;
	if (!pp_add_ok(out, len, &out_end) || (f->out_bits < 64 && out_end > 1ull << f->out_bits))
		return pp_fail(err, PP_ERANGE,
			       "pt %s: map output 0x%llx+0x%llx is beyond the format's %u-bit "
			       "addresses",
			       f->name, (unsigned long long)out, (unsigned long long)len,
			       f->out_bits);
	if ((perms & ~f->perm_mask) || (perms & f->perm_required) != f->perm_required ||
	    (f->perms_ok && !f->perms_ok(perms)))
		return pp_fail(err, PP_EINVAL,
			       "pt %s: permissions 0x%x not expressible (supported 0x%x, required "
			       "0x%x)",
			       f->name, perms, f->perm_mask, f->perm_required);

	struct pt_op op = {.pt = pt, .err = err, .done = in};
	rc = map_table(&op, pt->root_va, pt_top(pt), in, in + len, out, perms);
	if (rc && op.done > in)
		pt_clear_range(&op, pt->root_va, pt_top(pt), in, op.done);
	pt_retire_publish(&op);
	return rc;
}
