// SPDX-License-Identifier: GPL-2.0-only
/* MTRR planning for GETSEC[SENTER] and validation of saved MTRRs (txt_mtrr.h). */
#include <parapet/string.h>
#include "launch/drtm/txt_mtrr.h"

static u64 addr_mask(u32 maxphyaddr)
{
	return ((maxphyaddr >= 64 ? ~0ull : (1ull << maxphyaddr) - 1)) & ~0xfffull;
}

static bool type_ok(u64 t)
{
	return t == MTRR_TYPE_UC || t == MTRR_TYPE_WC || t == MTRR_TYPE_WT || t == MTRR_TYPE_WP ||
	       t == MTRR_TYPE_WB;
}

int mtrr_plan_senter(const struct mtrr_range *wb, u32 n, u32 vcnt, u32 maxphyaddr,
		     struct mtrr_state *out, struct pp_err *err)
{
	struct mtrr_state s;
	u32 used = 0;
	if (maxphyaddr < 36 || maxphyaddr > 52)
		return pp_fail(err, PP_EINVAL, "MTRR: MAXPHYADDR %u outside [36, 52]", maxphyaddr);
	if (vcnt > MTRR_MAX_VAR)
		return pp_fail(err, PP_ERANGE, "MTRR: %u variable MTRRs > %u supported", vcnt,
			       MTRR_MAX_VAR);
	if (n == 0 || !wb)
		return pp_fail(err, PP_EINVAL, "MTRR: no WB range (the SINIT ACM is required)");
	memset(&s, 0, sizeof(s));
	s.def_type = MTRR_DEF_E | MTRR_TYPE_UC;
	s.vcnt = vcnt;
	u64 lim = 1ull << maxphyaddr;
	for (u32 i = 0; i < n; i++) {
		u64 end;
		if (wb[i].size == 0 || !pp_add_ok(wb[i].base, wb[i].size, &end) || end > lim)
			return pp_fail(err, PP_ERANGE,
				       "MTRR: range %u [0x%llx, +0x%llx) empty or beyond 2^%u", i,
				       (unsigned long long)wb[i].base,
				       (unsigned long long)wb[i].size, maxphyaddr);
		for (u32 j = 0; j < i; j++)
			if (pp_ranges_overlap(PP_ALIGN_DOWN(wb[i].base, PP_PAGE_SIZE),
					      PP_ALIGN_UP(end, PP_PAGE_SIZE) -
						  PP_ALIGN_DOWN(wb[i].base, PP_PAGE_SIZE),
					      PP_ALIGN_DOWN(wb[j].base, PP_PAGE_SIZE),
					      PP_ALIGN_UP(wb[j].base + wb[j].size, PP_PAGE_SIZE) -
						  PP_ALIGN_DOWN(wb[j].base, PP_PAGE_SIZE)))
				return pp_fail(err, PP_EOVERLAP,
					       "MTRR: ranges %u and %u overlap (in 4 KiB pages)", j,
					       i);
		u64 a = PP_ALIGN_DOWN(wb[i].base, PP_PAGE_SIZE);
		u64 e = PP_ALIGN_UP(end, PP_PAGE_SIZE);
		while (a < e) {
			/* Largest power of two that a is aligned to and fits in e - a. */
			u64 blk = a ? (a & -a) : (1ull << 63);
			while (blk > e - a)
				blk >>= 1;
			if (used == vcnt)
				return pp_fail(
				    err, PP_ENOMEM,
				    "MTRR: WB ranges need more than the CPU's %u variable MTRRs",
				    vcnt);
			s.var[used].base = a | MTRR_TYPE_WB;
			s.var[used].mask = (~(blk - 1) & addr_mask(maxphyaddr)) | MTRR_MASK_VALID;
			used++;
			a += blk;
		}
	}
	if (out)
		*out = s;
	return PP_OK;
}

int mtrr_check_saved(const struct mtrr_state *s, u32 cpu_vcnt, u32 maxphyaddr, struct pp_err *err)
{
	if (maxphyaddr < 36 || maxphyaddr > 52)
		return pp_fail(err, PP_EINVAL, "MTRR: MAXPHYADDR %u outside [36, 52]", maxphyaddr);
	if (s->vcnt > cpu_vcnt || s->vcnt > MTRR_MAX_VAR)
		return pp_fail(err, PP_ERANGE, "saved MTRRs: %u variable pairs, CPU has %u",
			       s->vcnt, cpu_vcnt);
	if (s->def_type & MTRR_DEF_RESERVED)
		return pp_fail(err, PP_EINVAL, "saved MTRRs: DEF_TYPE 0x%llx has reserved bits",
			       (unsigned long long)s->def_type);
	if (!type_ok(s->def_type & MTRR_DEF_TYPE_MASK))
		return pp_fail(err, PP_EINVAL, "saved MTRRs: default type %llu undefined",
			       (unsigned long long)(s->def_type & MTRR_DEF_TYPE_MASK));
	u64 am = addr_mask(maxphyaddr);
	for (u32 i = 0; i < s->vcnt; i++) {
		u64 b = s->var[i].base, m = s->var[i].mask;
		if (m & ~(am | MTRR_MASK_VALID))
			return pp_fail(err, PP_EINVAL,
				       "saved MTRRs: PHYSMASK%u 0x%llx has reserved bits", i,
				       (unsigned long long)m);
		if (b & ~(am | 0xffull))
			return pp_fail(err, PP_EINVAL,
				       "saved MTRRs: PHYSBASE%u 0x%llx has reserved bits", i,
				       (unsigned long long)b);
		if (!(m & MTRR_MASK_VALID))
			continue;
		if (!type_ok(b & 0xff))
			return pp_fail(err, PP_EINVAL,
				       "saved MTRRs: PHYSBASE%u type %llu undefined", i,
				       (unsigned long long)(b & 0xff));
		u64 mm = m & am;
		/* mask bits contiguous from the top: ~mm within am is 2^k - 1 (k >= 12) */
		u64 inv = ~mm & am;
		if (mm == 0 || ((inv + 0x1000) & inv & am) != 0)
			return pp_fail(err, PP_EINVAL,
				       "saved MTRRs: PHYSMASK%u 0x%llx not contiguous", i,
				       (unsigned long long)m);
		if ((b & am) & ~mm)
			return pp_fail(err, PP_EINVAL,
				       "saved MTRRs: PHYSBASE%u 0x%llx not aligned to its mask", i,
				       (unsigned long long)b);
	}
	return PP_OK;
}

u8 mtrr_type_of(const struct mtrr_state *s, u64 pa, u32 maxphyaddr)
{
	if (!(s->def_type & MTRR_DEF_E))
		return MTRR_TYPE_UC;
	u64 am = addr_mask(maxphyaddr);
	unsigned seen = 0; /* bit per type */
	for (u32 i = 0; i < s->vcnt && i < MTRR_MAX_VAR; i++) {
		u64 m = s->var[i].mask;
		if (!(m & MTRR_MASK_VALID))
			continue;
		if ((pa & am & m) == (s->var[i].base & am & m))
			seen |= 1u << (s->var[i].base & 7);
	}
	if (!seen)
		return (u8)(s->def_type & MTRR_DEF_TYPE_MASK);
	if (seen & (1u << MTRR_TYPE_UC))
		return MTRR_TYPE_UC;
	if (seen == (1u << MTRR_TYPE_WT | 1u << MTRR_TYPE_WB) || seen == 1u << MTRR_TYPE_WT)
		return MTRR_TYPE_WT;
	for (u8 t = 0; t < 8; t++)
		if (seen == 1u << t)
			return t;
	return 0xff;
}
