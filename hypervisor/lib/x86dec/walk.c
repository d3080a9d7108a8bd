// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest page walk (fetch.h): 4-level long-mode paging, read-only.
 * Intel SDM vol. 3A, 4.5 (tables 4-14 to 4-20) and 4.7 (reserved-bit
 * faults); AMD APM vol. 2, 5.3.1-5.3.5 and 5.4.1.
 */
#include <parapet/bytes.h>
#include "fetch.h"

static const char *const level_name[4] = {"PTE", "PDE", "PDPTE", "PML4E"};

static int check_mode(const struct x86_paging *pg, struct pp_err *err)
{
	if (!(pg->cr0 & X86_CR0_PE) || !(pg->cr0 & X86_CR0_PG))
		return pp_fail(err, PP_ENOTSUP, "CR0 0x%llx: paging off (PE and PG needed)",
			       (unsigned long long)pg->cr0);
	if (!(pg->cr4 & X86_CR4_PAE) || !(pg->efer & X86_EFER_LMA) || !(pg->efer & X86_EFER_LME))
		return pp_fail(err, PP_ENOTSUP,
			       "not long mode (CR4 0x%llx, EFER 0x%llx: PAE, LME and LMA needed)",
			       (unsigned long long)pg->cr4, (unsigned long long)pg->efer);
	if (pg->cr4 & X86_CR4_LA57)
		return pp_fail(err, PP_ENOTSUP, "CR4.LA57 set: 5-level paging not walked");
	if (pg->maxphyaddr < 32 || pg->maxphyaddr > X86_PTE_ADDR_TOP)
		return pp_fail(err, PP_EINVAL, "MAXPHYADDR %u outside 32..52", pg->maxphyaddr);
	return PP_OK;
}

/* Bits that must be 0 in an entry of level lvl (0 = PTE .. 3 = PML4E). */
static u64 reserved_bits(const struct x86_paging *pg, u32 lvl, u64 e)
{
	u64 rsvd = ((1ull << X86_PTE_ADDR_TOP) - 1) & ~((1ull << pg->maxphyaddr) - 1);
	if (!(pg->efer & X86_EFER_NXE))
		rsvd |= X86_PTE_NX;
	if (lvl == 3 || (lvl == 2 && !pg->page1gb))
		rsvd |= X86_PTE_PS;
	else if (lvl == 2 && (e & X86_PTE_PS))
		rsvd |= 0x3fffe000ull; /* 29:13 of a 1 GiB leaf (bit 12 is PAT) */
	else if (lvl == 1 && (e & X86_PTE_PS))
		rsvd |= 0x1fe000ull; /* 20:13 of a 2 MiB leaf */
	return rsvd;
}

int x86_gva_to_gpa(const struct x86_paging *pg, const struct x86_mem_ops *mem, u64 gva, u64 *gpa,
		   struct pp_err *err)
{
	int rc = check_mode(pg, err);
	if (rc)
		return rc;
	/* Canonical: bits 63:47 all equal (SDM vol. 1, 3.3.7.1). */
	const u64 top = gva >> 47;
	if (top != 0 && top != 0x1ffff)
		return pp_fail(err, PP_EINVAL, "address 0x%llx not canonical",
			       (unsigned long long)gva);
	const u64 addr_mask = ((1ull << pg->maxphyaddr) - 1) & ~(PP_PAGE_SIZE - 1);
	u64 table = pg->cr3 & addr_mask;
	for (u32 lvl = 4; lvl-- > 0;) {
		const u32 shift = 12u + 9u * lvl;
		const u32 idx = (u32)(gva >> shift) & (X86_PT_ENTRIES - 1);
		const u64 at = table + 8ull * idx;
		u8 b[8];
		rc = mem->read(mem->ctx, at, b, 8);
		if (rc)
			return pp_fail(err, rc,
				       "reading %s %u at gpa 0x%llx for 0x%llx failed (%d)",
				       level_name[lvl], idx, (unsigned long long)at,
				       (unsigned long long)gva, rc);
		const u64 e = ld_le64(b);
		if (!(e & X86_PTE_P))
			return pp_fail(err, PP_ENOENT,
				       "%s %u at gpa 0x%llx for 0x%llx not present (0x%llx)",
				       level_name[lvl], idx, (unsigned long long)at,
				       (unsigned long long)gva, (unsigned long long)e);
		const u64 rsvd = e & reserved_bits(pg, lvl, e);
		if (rsvd)
			return pp_fail(err, PP_EINVAL,
				       "%s %u at gpa 0x%llx for 0x%llx: reserved bits 0x%llx set "
				       "(0x%llx)",
				       level_name[lvl], idx, (unsigned long long)at,
				       (unsigned long long)gva, (unsigned long long)rsvd,
				       (unsigned long long)e);
		if (lvl == 0 || (lvl <= 2 && (e & X86_PTE_PS))) {
			const u64 page = 1ull << shift;
			*gpa = (e & addr_mask & ~(page - 1)) | (gva & (page - 1));
			return PP_OK;
		}
		table = e & addr_mask;
	}
	return pp_fail(err, PP_EINVAL, "walk for 0x%llx ended without a leaf",
		       (unsigned long long)gva); /* not reached: level 0 is a leaf */
}
