// SPDX-License-Identifier: GPL-2.0-only
/*
 * The long64 boot area's size and place (boot.h): its fixed pages (stack,
 * GDT and TSS, PML4) plus one PDPT per 512 GiB slot and one page directory
 * per 1 GiB slot that the plan's regions, rounded out to 2 MiB, touch; at
 * the top of the RAM region holding the entry, which must be writable (the
 * CPU sets accessed bits in the tables, and the stack is written).
 */
#include "hypervisor/core/part/boot.h"

static int count_tables(const struct part_plan *plan, const char *pname, u32 *pdpts, u32 *pds,
			struct pp_err *err)
{
	u64 last1 = ~0ull, last3 = ~0ull;
	u32 n1 = 0, n3 = 0;
	for (u32 i = 0; i < plan->n; i++) {
		const struct part_region *r = &plan->r[i];
		u64 lo = PP_ALIGN_DOWN(gpa_val(r->gpa), PART_LARGE_PAGE);
		u64 hi = PP_ALIGN_UP(gpa_val(r->gpa) + r->size, PART_LARGE_PAGE);
		/* Regions are sorted and disjoint: the 1 GiB slots only grow. */
		for (u64 g1 = lo >> 30; g1 <= (hi - 1) >> 30; g1++) {
			if (g1 == last1)
				continue;
			last1 = g1;
			if (++n1 > PART_BOOT_MAX_PDS)
				return pp_fail(err, PP_ERANGE,
					       "part %s: its regions span more than %u GiB slots; "
					       "the long64 boot tables map at most that many",
					       pname, PART_BOOT_MAX_PDS);
			if ((g1 >> 9) != last3) {
				last3 = g1 >> 9;
				n3++;
			}
		}
	}
	*pdpts = n3;
	*pds = n1;
	return PP_OK;
}

int part_boot_reserve(struct part_plan *plan, const struct pp_pol_part *pp, struct pp_err *err)
{
	u32 n3 = 0, n1 = 0;
	int rc = count_tables(plan, pp->name, &n3, &n1, err);
	if (rc)
		return rc;
	const struct part_region *r = part_plan_find(plan, gpa(pp->entry));
	if (!r || r->kind != PART_REG_RAM)
		return pp_fail(err, PP_ERANGE, "part %s: entry 0x%llx is not in its RAM", pp->name,
			       (unsigned long long)pp->entry);
	if (!(r->perm & PP_POL_W))
		return pp_fail(err, PP_EINVAL,
			       "part %s: the RAM at gpa 0x%llx holding the entry is not writable; "
			       "the long64 boot area (stack, GDT, page tables) goes at its top",
			       pp->name, (unsigned long long)gpa_val(r->gpa));
	u32 pages = PART_BOOT_FIXED_PAGES + n3 + n1;
	u64 bytes = (u64)pages * PP_PAGE_SIZE;
	u64 end = gpa_val(r->gpa) + r->size;
	if (r->size < bytes || pp->entry >= end - bytes)
		return pp_fail(err, PP_ERANGE,
			       "part %s: no room for the %u-page boot area at the top of the RAM "
			       "at gpa 0x%llx+0x%llx below the entry 0x%llx",
			       pp->name, pages, (unsigned long long)gpa_val(r->gpa),
			       (unsigned long long)r->size, (unsigned long long)pp->entry);
	plan->boot_gpa = gpa(end - bytes);
	plan->boot_pages = pages;
	plan->boot_pdpts = n3;
	plan->boot_pds = n1;
	return PP_OK;
}
