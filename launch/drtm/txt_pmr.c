// SPDX-License-Identifier: GPL-2.0-only
/* PMR coverage, event-log placement and reserved TXT regions (txt_pmr.h). */
#include "launch/drtm/txt_pmr.h"

#define LIMIT_4G 0x100000000ull

static bool is_ram(u32 type)
{
	return type == PP_MEM_USABLE || type == PP_MEM_ACPI_RECLAIM;
}

/* Advance cur past the PMR [b, b + s) when cur lies inside it. */
static u64 skip(u64 cur, u64 b, u64 s)
{
	u64 e;
	if (s && pp_add_ok(b, s, &e) && cur >= b && cur < e)
		return e;
	return cur;
}

/* First byte of [base, end) outside both PMRs, or end when none. */
static u64 first_gap(const struct txt_os_sinit_info *o, u64 base, u64 end)
{
	u64 cur = base;
	/* Two rounds: the PMRs may be given in either order. */
	for (int round = 0; round < 2 && cur < end; round++) {
		cur = skip(cur, o->pmr_lo_base, o->pmr_lo_size);
		cur = skip(cur, o->pmr_hi_base, o->pmr_hi_size);
	}
	return cur < end ? cur : end;
}

bool txt_pmr_covers(const struct txt_os_sinit_info *o, u64 base, u64 size)
{
	u64 end;
	if (!o || !size || !pp_add_ok(base, size, &end))
		return false;
	return first_gap(o, base, end) == end;
}

static int covered(const struct txt_os_sinit_info *o, const char *what, u32 idx, const char *name,
		   u64 base, u64 size, struct pp_err *err)
{
	u64 end;
	if (!size || !pp_add_ok(base, size, &end))
		return pp_fail(err, PP_EINVAL,
			       "PMR coverage: %s %u (%s) 0x%llx+0x%llx empty or wraps", what, idx,
			       name, (unsigned long long)base, (unsigned long long)size);
	u64 gap = first_gap(o, base, end);
	if (gap != end)
		return pp_fail(err, PP_ERANGE,
			       "PMR coverage: %s %u (%s) [0x%llx, 0x%llx) unprotected from 0x%llx "
			       "(PMR lo 0x%llx+0x%llx, hi 0x%llx+0x%llx)",
			       what, idx, name, (unsigned long long)base, (unsigned long long)end,
			       (unsigned long long)gap, (unsigned long long)o->pmr_lo_base,
			       (unsigned long long)o->pmr_lo_size,
			       (unsigned long long)o->pmr_hi_base,
			       (unsigned long long)o->pmr_hi_size);
	return PP_OK;
}

int txt_pmr_check_coverage(const struct txt_os_sinit_info *o, const struct pp_mem_range *map, u32 n,
			   const struct txt_buf *bufs, u32 nbufs, struct pp_err *err)
{
	int rc;
	if (!o || (n && !map) || (nbufs && !bufs))
		return pp_fail(err, PP_EINVAL, "PMR coverage: no PMRs, map or buffers");
	for (u32 i = 0; i < n; i++) {
		if (!is_ram(map[i].type) || map[i].length == 0)
			continue;
		rc = covered(o, "memory map entry", i, pp_mem_type_name(map[i].type), map[i].base,
			     map[i].length, err);
		if (rc)
			return rc;
	}
	for (u32 i = 0; i < nbufs; i++) {
		rc = covered(o, "buffer", i, bufs[i].name ? bufs[i].name : "?", bufs[i].base,
			     bufs[i].size, err);
		if (rc)
			return rc;
	}
	return PP_OK;
}

int txt_log_check_placement(u64 log_pa, u64 log_size, u64 mle_base, u64 mle_size, u64 pt_base,
			    u64 pt_size, struct pp_err *err)
{
	u64 end;
	if (!log_size || !pp_add_ok(log_pa, log_size, &end))
		return pp_fail(err, PP_EINVAL, "event log 0x%llx+0x%llx empty or wraps",
			       (unsigned long long)log_pa, (unsigned long long)log_size);
	if (mle_size && pp_ranges_overlap(log_pa, log_size, mle_base, mle_size))
		return pp_fail(err, PP_EOVERLAP,
			       "event log [0x%llx, 0x%llx) overlaps the MLE [0x%llx, +0x%llx)",
			       (unsigned long long)log_pa, (unsigned long long)end,
			       (unsigned long long)mle_base, (unsigned long long)mle_size);
	if (pt_size && pp_ranges_overlap(log_pa, log_size, pt_base, pt_size))
		return pp_fail(
		    err, PP_EOVERLAP,
		    "event log [0x%llx, 0x%llx) overlaps the MLE page table [0x%llx, +0x%llx)",
		    (unsigned long long)log_pa, (unsigned long long)end,
		    (unsigned long long)pt_base, (unsigned long long)pt_size);
	return PP_OK;
}

u32 txt_reserved_regions(u64 heap_base, u64 heap_size, u64 sinit_base, u64 sinit_size,
			 struct txt_buf out[TXT_RESERVED_REGIONS])
{
	out[0].name = "TXT heap";
	out[0].base = heap_base;
	out[0].size = heap_size;
	out[1].name = "SINIT region";
	out[1].base = sinit_base;
	out[1].size = sinit_size;
	out[2].name = "TXT private space";
	out[2].base = TXT_PRIV_SPACE_BASE;
	out[2].size = TXT_PRIV_SPACE_SIZE;
	return TXT_RESERVED_REGIONS;
}

int txt_mmap_check_reserved(const struct pp_mem_range *map, u32 n, const struct txt_buf *reg,
			    u32 nreg, struct pp_err *err)
{
	if ((n && !map) || (nreg && !reg))
		return pp_fail(err, PP_EINVAL, "reserved regions: no map or regions");
	for (u32 r = 0; r < nreg; r++) {
		u64 end;
		const char *name = reg[r].name ? reg[r].name : "region";
		if (!reg[r].size || !pp_add_ok(reg[r].base, reg[r].size, &end))
			return pp_fail(err, PP_EINVAL, "reserved regions: %s 0x%llx+0x%llx invalid",
				       name, (unsigned long long)reg[r].base,
				       (unsigned long long)reg[r].size);
		for (u32 i = 0; i < n; i++) {
			if (!is_ram(map[i].type) || map[i].length == 0)
				continue;
			if (pp_ranges_overlap(reg[r].base, reg[r].size, map[i].base, map[i].length))
				return pp_fail(err, PP_EOVERLAP,
					       "memory map: %s [0x%llx, 0x%llx) is %s in entry %u "
					       "[0x%llx, +0x%llx); it must be reserved",
					       name, (unsigned long long)reg[r].base,
					       (unsigned long long)end,
					       pp_mem_type_name(map[i].type), i,
					       (unsigned long long)map[i].base,
					       (unsigned long long)map[i].length);
		}
	}
	return PP_OK;
}

int txt_pmr_plan(const struct pp_mem_range *map, u32 n, struct txt_pmr_plan *out,
		 struct pp_err *err)
{
	u64 lo_top = 0, hi_top = 0;
	bool any = false;
	if (!map || !out)
		return pp_fail(err, PP_EINVAL, "PMR plan: no map");
	for (u32 i = 0; i < n; i++) {
		u64 end;
		if (!is_ram(map[i].type) || map[i].length == 0)
			continue;
		if (!pp_add_ok(map[i].base, map[i].length, &end))
			return pp_fail(err, PP_EINVAL, "PMR plan: map entry %u wraps", i);
		any = true;
		if (map[i].base < LIMIT_4G)
			lo_top = PP_MAX(lo_top, PP_MIN(end, LIMIT_4G));
		if (end > LIMIT_4G)
			hi_top = PP_MAX(hi_top, end);
	}
	if (!any)
		return pp_fail(err, PP_ENOENT, "PMR plan: the memory map has no RAM");
	if (hi_top > PP_ALIGN_DOWN(~0ull, TXT_PMR_ALIGN))
		return pp_fail(err, PP_ERANGE, "PMR plan: RAM ends at 0x%llx",
			       (unsigned long long)hi_top);
	out->lo_base = 0;
	out->lo_size = PP_ALIGN_UP(lo_top, TXT_PMR_ALIGN);
	out->hi_base = hi_top ? LIMIT_4G : 0;
	out->hi_size = hi_top ? PP_ALIGN_UP(hi_top, TXT_PMR_ALIGN) - LIMIT_4G : 0;
	return PP_OK;
}
