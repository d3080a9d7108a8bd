// SPDX-License-Identifier: GPL-2.0-only
/* The MLE page-table walk and entry-register check after SENTER (txt_mle_walk.h). */
#include "launch/drtm/txt_mle_walk.h"

#define LIMIT_4G 0x100000000ull
#define PT_IDX_MASK 511ull
static const char *const lvl_name[3] = {"PT", "PD", "PDPT"};

static u64 div_up(u64 a, u64 b)
{
	return a / b + (a % b != 0);
}

/* Read entry idx of the table at tbl (level lvl: 2 PDPT, 1 PD, 0 PT). */
static int read_entry(mle_read64_fn rd, void *ctx, u64 tbl, u64 idx, int lvl, u64 *e,
		      struct pp_err *err)
{
	u64 pa = tbl + idx * 8;
	if (rd(ctx, pa, e) != 0)
		return pp_fail(err, PP_ERANGE, "MLE walk: cannot read %s entry %llu at 0x%llx",
			       lvl_name[lvl], (unsigned long long)idx, (unsigned long long)pa);
	return PP_OK;
}

/* A present entry must be exactly address | P (no large page, no flag). */
static int entry_ok(u64 e, int lvl, u64 idx, u64 lin, struct pp_err *err)
{
	if (!(e & MLE_PTE_P))
		return pp_fail(err, PP_ETRUNC,
			       "MLE walk: ends short: %s entry %llu for linear 0x%llx not present",
			       lvl_name[lvl], (unsigned long long)idx, (unsigned long long)lin);
	if ((e & ~MLE_PTE_ADDR_MASK) != MLE_PTE_P)
		return pp_fail(err, PP_EINVAL,
			       "MLE walk: %s entry %llu = 0x%llx has bits other than address and P",
			       lvl_name[lvl], (unsigned long long)idx, (unsigned long long)e);
	return PP_OK;
}

/* A PDPT or PD entry must point at a page of the protected table area. */
static int table_ok(const struct mle_walk_req *r, u64 e, int lvl, u64 idx, struct pp_err *err)
{
	u64 t = e & MLE_PTE_ADDR_MASK;
	if (t < r->pt_base || t - r->pt_base >= r->pt_size)
		return pp_fail(err, PP_ERANGE,
			       "MLE walk: %s entry %llu points at 0x%llx, outside the table area "
			       "[0x%llx, +0x%llx)",
			       lvl_name[lvl], (unsigned long long)idx, (unsigned long long)t,
			       (unsigned long long)r->pt_base, (unsigned long long)r->pt_size);
	return PP_OK;
}

/* A PDPT or PD entry: read, well formed, pointing inside the table area;
 * *next receives the table it points at. */
static int next_table(const struct mle_walk_req *r, mle_read64_fn rd, void *ctx, u64 tbl, u64 idx,
		      int lvl, u64 lin, u64 *next, struct pp_err *err)
{
	u64 e;
	int rc = read_entry(rd, ctx, tbl, idx, lvl, &e, err);
	if (!rc)
		rc = entry_ok(e, lvl, idx, lin, err);
	if (!rc)
		rc = table_ok(r, e, lvl, idx, err);
	if (!rc)
		*next = e & MLE_PTE_ADDR_MASK;
	return rc;
}

static int check_req(const struct mle_walk_req *r, u64 *mle_end, struct pp_err *err)
{
	u64 pt_end;
	if (!PP_IS_ALIGNED(r->pt_base, PP_PAGE_SIZE) || !PP_IS_ALIGNED(r->mle_base, PP_PAGE_SIZE))
		return pp_fail(err, PP_EINVAL,
			       "MLE walk: table 0x%llx / MLE 0x%llx not 4 KiB aligned",
			       (unsigned long long)r->pt_base, (unsigned long long)r->mle_base);
	if (r->pt_size == 0 || !PP_IS_ALIGNED(r->pt_size, PP_PAGE_SIZE) ||
	    !pp_add_ok(r->pt_base, r->pt_size, &pt_end))
		return pp_fail(err, PP_EINVAL, "MLE walk: table area size 0x%llx invalid",
			       (unsigned long long)r->pt_size);
	if (r->mle_size == 0 || r->mle_size > MLE_PT_MAX_MLE ||
	    !pp_add_ok(r->mle_base, PP_ALIGN_UP(r->mle_size, PP_PAGE_SIZE), mle_end))
		return pp_fail(err, PP_ERANGE, "MLE walk: MLE 0x%llx+0x%llx invalid",
			       (unsigned long long)r->mle_base, (unsigned long long)r->mle_size);
	if (pp_ranges_overlap(r->pt_base, r->pt_size, r->mle_base, *mle_end - r->mle_base))
		return pp_fail(err, PP_EOVERLAP,
			       "MLE walk: table area [0x%llx, +0x%llx) overlaps the MLE at 0x%llx",
			       (unsigned long long)r->pt_base, (unsigned long long)r->pt_size,
			       (unsigned long long)r->mle_base);
	return PP_OK;
}

/* Entries idx+1..n-1 of a table must all be non-present. */
static int rest_empty(mle_read64_fn rd, void *ctx, u64 tbl, u64 idx, u64 n, int lvl,
		      struct pp_err *err)
{
	for (u64 k = idx + 1; k < n; k++) {
		u64 e;
		int rc = read_entry(rd, ctx, tbl, k, lvl, &e, err);
		if (rc)
			return rc;
		if (e & MLE_PTE_P)
			return pp_fail(err, PP_ERANGE,
				       "MLE walk: %s entry %llu = 0x%llx maps past the MLE's end",
				       lvl_name[lvl], (unsigned long long)k, (unsigned long long)e);
	}
	return PP_OK;
}

int mle_pt_walk(const struct mle_walk_req *r, mle_read64_fn rd, void *ctx, u64 *pages,
		struct pp_err *err)
{
	u64 mle_end = 0, e, pd = 0, pt = 0, prev = 0;
	u64 cur3 = ~0ull, cur2 = ~0ull;
	int rc;
	if (!r || !rd)
		return pp_fail(err, PP_EINVAL, "MLE walk: no request or reader");
	rc = check_req(r, &mle_end, err);
	if (rc)
		return rc;
	u64 n = div_up(r->mle_size, PP_PAGE_SIZE);
	for (u64 i = 0; i < n; i++) {
		u64 lin = i * PP_PAGE_SIZE;
		u64 i3 = lin >> 30, i2 = (lin >> 21) & PT_IDX_MASK, i1 = (lin >> 12) & PT_IDX_MASK;
		if (i3 != cur3) {
			rc = next_table(r, rd, ctx, r->pt_base, i3, 2, lin, &pd, err);
			if (rc)
				return rc;
			cur3 = i3;
			cur2 = ~0ull;
		}
		if (i2 != cur2) {
			rc = next_table(r, rd, ctx, pd, i2, 1, lin, &pt, err);
			if (rc)
				return rc;
			cur2 = i2;
		}
		rc = read_entry(rd, ctx, pt, i1, 0, &e, err);
		if (!rc)
			rc = entry_ok(e, 0, i1, lin, err);
		if (rc)
			return rc;
		u64 p = e & MLE_PTE_ADDR_MASK;
		if (p < r->mle_base || p >= mle_end)
			return pp_fail(
			    err, PP_ERANGE,
			    "MLE walk: page %llu (linear 0x%llx) maps 0x%llx, outside the "
			    "MLE [0x%llx, 0x%llx)",
			    (unsigned long long)i, (unsigned long long)lin, (unsigned long long)p,
			    (unsigned long long)r->mle_base, (unsigned long long)mle_end);
		if (i && p <= prev)
			return pp_fail(
			    err, PP_EINVAL,
			    "MLE walk: page %llu maps 0x%llx, not ascending after 0x%llx",
			    (unsigned long long)i, (unsigned long long)p, (unsigned long long)prev);
		u64 want = r->mle_base + lin;
		if (p != want)
			return pp_fail(
			    err, PP_EINVAL, "MLE walk: gap: page %llu maps 0x%llx, expected 0x%llx",
			    (unsigned long long)i, (unsigned long long)p, (unsigned long long)want);
		prev = p;
	}
	/* Nothing mapped past the last page: the rest of its PT, PD and PDPT. */
	u64 last = (n - 1) * PP_PAGE_SIZE;
	rc = rest_empty(rd, ctx, pt, (last >> 12) & PT_IDX_MASK, MLE_PT_ENTRIES, 0, err);
	if (!rc)
		rc = rest_empty(rd, ctx, pd, (last >> 21) & PT_IDX_MASK, MLE_PT_ENTRIES, 1, err);
	if (!rc)
		rc = rest_empty(rd, ctx, r->pt_base, last >> 30, MLE_PT_PDPT_ENTRIES, 2, err);
	if (rc)
		return rc;
	if (pages)
		*pages = n;
	return PP_OK;
}

int mle_entry_regs_check(const struct mle_header *h, u64 mle_base, u64 mle_size, u64 pt_base,
			 u32 chosen_caps, u32 ebx, u32 ecx, struct pp_err *err)
{
	if (!h)
		return pp_fail(err, PP_EINVAL, "MLE entry: no header");
	u32 ep = h->entry_point;
	if (ep < h->mle_start || ep >= h->mle_end || ep >= mle_size)
		return pp_fail(err, PP_ERANGE,
			       "MLE entry: EntryPoint 0x%x outside [0x%x, 0x%x) or the 0x%llx "
			       "measured bytes",
			       ep, h->mle_start, h->mle_end, (unsigned long long)mle_size);
	u64 want = mle_base + ep;
	if (want >= LIMIT_4G)
		return pp_fail(err, PP_ERANGE, "MLE entry: entry 0x%llx not below 4 GiB",
			       (unsigned long long)want);
	if (ebx != want)
		return pp_fail(err, PP_EINVAL,
			       "MLE entry: EBX 0x%x is not the entry point 0x%llx (MLE 0x%llx + "
			       "EntryPoint 0x%x)",
			       ebx, (unsigned long long)want, (unsigned long long)mle_base, ep);
	if ((chosen_caps & MLE_CAP_ECX_PGTBL) && ecx != pt_base)
		return pp_fail(err, PP_EINVAL,
			       "MLE entry: ECX 0x%x is not the MLE page table 0x%llx (ECX "
			       "capability chosen)",
			       ecx, (unsigned long long)pt_base);
	return PP_OK;
}
