// SPDX-License-Identifier: GPL-2.0-only
/* Post-launch checks of the MTRR state the MLE restores (txt_mtrr_check.h). */
#include <parapet/string.h>
#include "launch/drtm/txt_mtrr_check.h"

#define TYPE_MASK 0xffull

static u64 addr_mask(u32 maxphyaddr)
{
	return ((maxphyaddr >= 64 ? ~0ull : (1ull << maxphyaddr) - 1)) & ~0xfffull;
}

static const char *type_name(u64 t)
{
	switch (t) {
	case MTRR_TYPE_UC: return "UC";
	case MTRR_TYPE_WC: return "WC";
	case MTRR_TYPE_WT: return "WT";
	case MTRR_TYPE_WP: return "WP";
	case MTRR_TYPE_WB: return "WB";
	default: return "undefined";
	}
}

static int add_range(struct mtrr_range *out, u32 cap, u32 *n, u64 base, u64 size,
		     struct pp_err *err)
{
	if (*n == cap)
		return pp_fail(err, PP_ENOMEM, "MMIO list: more than %u ranges", cap);
	out[*n].base = base;
	out[*n].size = size;
	(*n)++;
	return PP_OK;
}

int txt_mmio_ranges(const struct txt_mmio_in *in, struct mtrr_range *out, u32 cap,
		    struct pp_err *err)
{
	u32 n = 0;
	int rc;
	if (!in || !out)
		return pp_fail(err, PP_EINVAL, "MMIO list: no input or output");
	rc = add_range(out, cap, &n, TXT_MMIO_TXT_BASE, TXT_MMIO_TXT_SIZE, err);
	if (!rc)
		rc = add_range(out, cap, &n, TXT_MMIO_TPM_BASE, TXT_MMIO_TPM_SIZE, err);
	if (!rc && in->lapic_base)
		rc = add_range(out, cap, &n, PP_ALIGN_DOWN(in->lapic_base, PP_PAGE_SIZE),
			       TXT_MMIO_APIC_SIZE, err);
	for (u32 i = 0; !rc && i < in->n_ioapic; i++)
		rc = add_range(out, cap, &n, PP_ALIGN_DOWN(in->ioapic_base[i], PP_PAGE_SIZE),
			       TXT_MMIO_APIC_SIZE, err);
	for (u32 i = 0; !rc && i < in->n_mcfg; i++) {
		u64 end;
		if (in->mcfg[i].size == 0 || !pp_add_ok(in->mcfg[i].base, in->mcfg[i].size, &end))
			return pp_fail(err, PP_EINVAL, "MMIO list: MCFG window %u 0x%llx+0x%llx", i,
				       (unsigned long long)in->mcfg[i].base,
				       (unsigned long long)in->mcfg[i].size);
		rc = add_range(out, cap, &n, in->mcfg[i].base, in->mcfg[i].size, err);
	}
	return rc ? rc : (int)n;
}

int mtrr_check_overlaps(const struct mtrr_state *s, u32 maxphyaddr, struct pp_err *err)
{
	if (!s || s->vcnt > MTRR_MAX_VAR)
		return pp_fail(err, PP_EINVAL, "MTRR overlaps: no state or vcnt > %u",
			       MTRR_MAX_VAR);
	u64 am = addr_mask(maxphyaddr);
	for (u32 i = 0; i < s->vcnt; i++) {
		const struct mtrr_var *a = &s->var[i];
		if (!(a->mask & MTRR_MASK_VALID))
			continue;
		for (u32 j = i + 1; j < s->vcnt; j++) {
			const struct mtrr_var *b = &s->var[j];
			if (!(b->mask & MTRR_MASK_VALID))
				continue;
			/* Some address matches both iff the bases agree on the
			 * bits both masks compare. */
			if (((a->base ^ b->base) & a->mask & b->mask & am) != 0)
				continue;
			u64 ta = a->base & TYPE_MASK, tb = b->base & TYPE_MASK;
			if (ta == tb || ta == MTRR_TYPE_UC || tb == MTRR_TYPE_UC)
				continue;
			if ((ta == MTRR_TYPE_WT && tb == MTRR_TYPE_WB) ||
			    (ta == MTRR_TYPE_WB && tb == MTRR_TYPE_WT))
				continue;
			return pp_fail(err, PP_EOVERLAP,
				       "MTRR: variable MTRRs %u (%s) and %u (%s) overlap: memory "
				       "type undefined (SDM 12.11.4.1)",
				       i, type_name(ta), j, type_name(tb));
		}
	}
	return PP_OK;
}

/* [base, end) of a valid variable MTRR with a contiguous mask. */
static bool var_span(const struct mtrr_var *v, u64 am, u64 *base, u64 *end)
{
	u64 m = v->mask & am;
	u64 size = (~m & am) + PP_PAGE_SIZE; /* 2^k when m is contiguous */
	if (m == 0 || (size & (size - 1)) != 0)
		return false;
	*base = v->base & m;
	*end = *base + size;
	return true;
}

static void sort_u64(u64 *a, u32 n)
{
	for (u32 i = 1; i < n; i++)
		for (u32 j = i; j > 0 && a[j - 1] > a[j]; j--) {
			u64 t = a[j];
			a[j] = a[j - 1];
			a[j - 1] = t;
		}
}

/* One range: the type is constant between consecutive MTRR boundaries, so
 * evaluating it at each piece's start decides the whole range. */
static int range_uc(const struct mtrr_state *s, u32 maxphyaddr, u32 idx, u64 base, u64 end,
		    struct pp_err *err)
{
	u64 cut[2 * MTRR_MAX_VAR + 2];
	u32 n = 0;
	u64 am = addr_mask(maxphyaddr);
	cut[n++] = base;
	cut[n++] = end;
	for (u32 i = 0; i < s->vcnt && i < MTRR_MAX_VAR; i++) {
		u64 vb, ve;
		if (!(s->var[i].mask & MTRR_MASK_VALID))
			continue;
		if (!var_span(&s->var[i], am, &vb, &ve))
			return pp_fail(err, PP_EINVAL,
				       "MTRR MMIO check: PHYSMASK%u 0x%llx not contiguous", i,
				       (unsigned long long)s->var[i].mask);
		if (vb > base && vb < end)
			cut[n++] = vb;
		if (ve > base && ve < end)
			cut[n++] = ve;
	}
	sort_u64(cut, n);
	for (u32 k = 0; k + 1 < n; k++) {
		if (cut[k] == cut[k + 1])
			continue;
		u8 t = mtrr_type_of(s, cut[k], maxphyaddr);
		if (t != MTRR_TYPE_UC)
			return pp_fail(err, PP_EINVAL,
				       "MTRR: MMIO range %u [0x%llx, 0x%llx) is %s at 0x%llx, must "
				       "be UC",
				       idx, (unsigned long long)base, (unsigned long long)end,
				       t == 0xff ? "undefined" : type_name(t),
				       (unsigned long long)cut[k]);
	}
	return PP_OK;
}

int mtrr_check_mmio_uc(const struct mtrr_state *s, u32 maxphyaddr, const struct mtrr_range *r,
		       u32 n, struct pp_err *err)
{
	if (!s || (n && !r) || s->vcnt > MTRR_MAX_VAR)
		return pp_fail(err, PP_EINVAL, "MTRR MMIO check: no state or ranges");
	if (maxphyaddr < 36 || maxphyaddr > 52)
		return pp_fail(err, PP_EINVAL, "MTRR: MAXPHYADDR %u outside [36, 52]", maxphyaddr);
	for (u32 i = 0; i < n; i++) {
		u64 end;
		if (r[i].size == 0 || !pp_add_ok(r[i].base, r[i].size, &end) ||
		    end > (1ull << maxphyaddr))
			return pp_fail(
			    err, PP_ERANGE,
			    "MTRR MMIO check: range %u 0x%llx+0x%llx empty or beyond 2^%u", i,
			    (unsigned long long)r[i].base, (unsigned long long)r[i].size,
			    maxphyaddr);
		if (r[i].base < MTRR_FIXED_LIMIT)
			return pp_fail(err, PP_ERANGE,
				       "MTRR MMIO check: range %u at 0x%llx is below 1 MiB (fixed "
				       "MTRRs)",
				       i, (unsigned long long)r[i].base);
		int rc = range_uc(s, maxphyaddr, i, r[i].base, end, err);
		if (rc)
			return rc;
	}
	return PP_OK;
}

int mtrr_check_restore(const struct mtrr_state *s, u32 cpu_vcnt, u32 maxphyaddr,
		       const struct mtrr_range *mmio, u32 n_mmio, struct pp_err *err)
{
	int rc;
	if (!s)
		return pp_fail(err, PP_EINVAL, "MTRR restore: no state");
	rc = mtrr_check_saved(s, cpu_vcnt, maxphyaddr, err);
	if (!rc)
		rc = mtrr_check_overlaps(s, maxphyaddr, err);
	if (!rc)
		rc = mtrr_check_mmio_uc(s, maxphyaddr, mmio, n_mmio, err);
	return rc;
}

int mtrr_check_live(const struct mtrr_state *saved, u64 saved_misc_enable,
		    const struct mtrr_state *live, u64 live_misc_enable, struct pp_err *err)
{
	if (!saved || !live)
		return pp_fail(err, PP_EINVAL, "MTRR live check: no state");
	if (saved->vcnt != live->vcnt || live->vcnt > MTRR_MAX_VAR)
		return pp_fail(err, PP_EINVAL, "MTRR live check: %u saved pairs, the CPU has %u",
			       saved->vcnt, live->vcnt);
	if (saved->def_type != live->def_type)
		return pp_fail(
		    err, PP_EINVAL, "MTRR live check: IA32_MTRR_DEF_TYPE 0x%llx, saved 0x%llx",
		    (unsigned long long)live->def_type, (unsigned long long)saved->def_type);
	for (u32 i = 0; i < live->vcnt; i++)
		if (saved->var[i].base != live->var[i].base ||
		    saved->var[i].mask != live->var[i].mask)
			return pp_fail(err, PP_EINVAL,
				       "MTRR live check: pair %u is 0x%llx/0x%llx, saved "
				       "0x%llx/0x%llx",
				       i, (unsigned long long)live->var[i].base,
				       (unsigned long long)live->var[i].mask,
				       (unsigned long long)saved->var[i].base,
				       (unsigned long long)saved->var[i].mask);
	if (saved_misc_enable != live_misc_enable)
		return pp_fail(
		    err, PP_EINVAL, "MTRR live check: IA32_MISC_ENABLE 0x%llx, saved 0x%llx",
		    (unsigned long long)live_misc_enable, (unsigned long long)saved_misc_enable);
	return PP_OK;
}

void mtrr_state_from_os_mle(const struct pp_os_mle_data *m, struct mtrr_state *out)
{
	memset(out, 0, sizeof(*out));
	out->def_type = m->mtrr_def_type;
	out->vcnt = m->mtrr_vcnt > MTRR_MAX_VAR ? MTRR_MAX_VAR : m->mtrr_vcnt;
	for (u32 i = 0; i < out->vcnt; i++) {
		out->var[i].base = m->mtrr[i].base;
		out->var[i].mask = m->mtrr[i].mask;
	}
}
