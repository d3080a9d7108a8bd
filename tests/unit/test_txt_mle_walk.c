// SPDX-License-Identifier: GPL-2.0-only
/*
 * The post-SENTER MLE page-table walk (launch/drtm/txt_mle_walk.c) over
 * tables built by mle_pt_build in a fake physical memory, then corrupted
 * one way at a time: each corruption must be refused with its own message.
 */
#include <stdlib.h>
#include <parapet/bytes.h>
#include "launch/drtm/txt_mle_walk.h"
#include "unit.h"

struct fake_mem {
	u64 base, size; /* physical range the buffer stands for */
	u8 *b;
	u64 reads;
};

static int fm_read(void *ctx, u64 pa, u64 *val)
{
	struct fake_mem *m = ctx;
	m->reads++;
	if (pa < m->base || pa - m->base + 8 > m->size || (pa & 7))
		return -1;
	*val = ld_le64(m->b + (pa - m->base));
	return 0;
}

/* Tables for an MLE of mle_size bytes at mle_base, placed right below it. */
static int fm_build(struct fake_mem *m, struct mle_walk_req *r, u64 mle_base, u64 mle_size)
{
	u64 need = mle_pt_size(mle_size), got = 0;
	m->base = mle_base - need;
	m->size = need;
	m->b = calloc(1, need);
	m->reads = 0;
	r->pt_base = m->base;
	r->pt_size = need;
	r->mle_base = mle_base;
	r->mle_size = mle_size;
	if (!m->b)
		return -1;
	return mle_pt_build(m->b, need, m->base, mle_base, mle_size, &got, NULL);
}

/* Byte offset in the buffer of the PT entry for MLE page i (layout of
 * mle_pt_build: PDPT, the PDs, then the PTs, entries contiguous). */
static u64 pte_off(u64 mle_size, u64 i)
{
	u64 pages = (mle_size + 4095) / 4096, n_pt = (pages + 511) / 512;
	u64 n_pd = (n_pt + 511) / 512;
	return (1 + n_pd) * 4096 + i * 8;
}

static u64 pde_off(u64 t)
{
	return 4096 + t * 8;
}

TEST(txt_mle_walk_accepts_what_we_build)
{
	static const u64 sizes[][2] = {
	    {0x2000000, 4096},	      /* one page */
	    {0x2000000, 0x5123},      /* partial last page */
	    {0x2000000, 0x200000},    /* exactly one PT */
	    {0x2000000, 0x200001},    /* into a second PT */
	    {0x10000000, 0x40000000}, /* exactly 1 GiB: PDPT entry 1 must be empty */
	    {0x40000000, 0x40001000}, /* into PD 2 */
	};
	for (size_t k = 0; k < PP_ARRAY_SIZE(sizes); k++) {
		struct fake_mem m;
		struct mle_walk_req r;
		struct pp_err e;
		u64 pages = 0;
		REQUIRE(fm_build(&m, &r, sizes[k][0], sizes[k][1]) == PP_OK);
		CHECK(mle_pt_walk(&r, fm_read, &m, &pages, &e) == PP_OK);
		CHECK_EQ(pages, (sizes[k][1] + 4095) / 4096);
		free(m.b);
	}
}

TEST(txt_mle_walk_refusals)
{
	const u64 base = 0x2000000, size = 0x203000; /* 515 pages: 2 PTs */
	struct fake_mem m;
	struct mle_walk_req r;
	struct pp_err e;
	u64 last = size / 4096 - 1;
	REQUIRE(fm_build(&m, &r, base, size) == PP_OK);
	u8 *b = m.b;
	u64 save;
#define WALK_REFUSED(mod, rc, msg)                                                                 \
	do {                                                                                       \
		u8 *copy_ = malloc(m.size);                                                        \
		REQUIRE(copy_);                                                                    \
		memcpy(copy_, b, m.size);                                                          \
		mod;                                                                               \
		CHECK(mle_pt_walk(&r, fm_read, &m, NULL, &e) == (rc));                             \
		CHECK_MSG(&e, msg);                                                                \
		memcpy(b, copy_, m.size);                                                          \
		free(copy_);                                                                       \
	} while (0)
	REQUIRE(mle_pt_walk(&r, fm_read, &m, NULL, &e) == PP_OK);
	/* the walk ends short: last page, a middle page, a whole PT missing */
	WALK_REFUSED(st_le64(b + pte_off(size, last), 0), PP_ETRUNC, "ends short: PT entry 2 ");
	WALK_REFUSED(st_le64(b + pte_off(size, 100), 0), PP_ETRUNC, "linear 0x64000 not present");
	WALK_REFUSED(st_le64(b + pde_off(1), 0), PP_ETRUNC, "ends short: PD entry 1");
	WALK_REFUSED(st_le64(b, 0), PP_ETRUNC, "ends short: PDPT entry 0");
	/* a gap: page 7 skips a physical page */
	WALK_REFUSED(st_le64(b + pte_off(size, 7), (base + 8 * 4096ull) | 1), PP_EINVAL,
		     "gap: page 7 maps 0x2008000, expected 0x2007000");
	/* the first page not at the MLE base */
	WALK_REFUSED(st_le64(b + pte_off(size, 0), (base + 4096) | 1), PP_EINVAL, "gap: page 0");
	/* non-ascending: page 9 goes back to page 7's frame; page 9 == page 8 */
	WALK_REFUSED(st_le64(b + pte_off(size, 9), (base + 7 * 4096ull) | 1), PP_EINVAL,
		     "page 9 maps 0x2007000, not ascending after 0x2008000");
	WALK_REFUSED(st_le64(b + pte_off(size, 9), (base + 8 * 4096ull) | 1), PP_EINVAL,
		     "not ascending");
	/* a page outside the MLE: past its end, below its base */
	WALK_REFUSED(st_le64(b + pte_off(size, last), (base + size) | 1), PP_ERANGE,
		     "outside the MLE");
	WALK_REFUSED(st_le64(b + pte_off(size, 3), (base - 4096) | 1), PP_ERANGE,
		     "page 3 (linear 0x3000) maps 0x1fff000, outside the MLE");
	/* entries past the MLE's last page: same PT, next PD entry, PDPT */
	WALK_REFUSED(st_le64(b + pte_off(size, last + 1), (base + size) | 1), PP_ERANGE,
		     "PT entry 3 = 0x2203001 maps past the MLE's end");
	WALK_REFUSED(st_le64(b + pde_off(2), m.base | 1), PP_ERANGE, "PD entry 2");
	WALK_REFUSED(st_le64(b + 3ull * 8, m.base | 1), PP_ERANGE, "PDPT entry 3");
	/* flags: RW on a PTE, PS (2 MiB page) on a PDE, XD */
	save = ld_le64(b + pte_off(size, 5));
	WALK_REFUSED(st_le64(b + pte_off(size, 5), save | 2), PP_EINVAL,
		     "PT entry 5 = 0x2005003 has bits other than address and P");
	save = ld_le64(b + pde_off(0));
	WALK_REFUSED(st_le64(b + pde_off(0), save | (1ull << 7)), PP_EINVAL, "PD entry 0");
	WALK_REFUSED(st_le64(b + pte_off(size, 5), (base + 5 * 4096ull) | 1 | (1ull << 63)),
		     PP_EINVAL, "bits other than");
	/* a table page outside the protected table area */
	WALK_REFUSED(st_le64(b + pde_off(0), (m.base + m.size) | 1), PP_ERANGE,
		     "outside the table area");
	WALK_REFUSED(st_le64(b, (m.base - 4096) | 1), PP_ERANGE, "PDPT entry 0 points at");
#undef WALK_REFUSED
	/* the reader refuses (the second PT page is not readable) */
	m.size -= 4096;
	CHECK(mle_pt_walk(&r, fm_read, &m, NULL, &e) == PP_ERANGE);
	CHECK_MSG(&e, "cannot read PT entry 0 at 0x1fff000");
	m.size += 4096;
	/* the table area overlaps the MLE */
	r.pt_size += 4096;
	CHECK(mle_pt_walk(&r, fm_read, &m, NULL, &e) == PP_EOVERLAP);
	CHECK_MSG(&e, "overlaps the MLE");
	r.pt_size -= 4096;
	/* request rules */
	struct mle_walk_req bad = r;
	bad.mle_size = 0;
	CHECK(mle_pt_walk(&bad, fm_read, &m, NULL, &e) == PP_ERANGE);
	bad = r;
	bad.pt_base += 8;
	CHECK(mle_pt_walk(&bad, fm_read, &m, NULL, &e) == PP_EINVAL);
	bad = r;
	bad.pt_size = 0;
	CHECK(mle_pt_walk(&bad, fm_read, &m, NULL, &e) == PP_EINVAL);
	CHECK(mle_pt_walk(NULL, fm_read, &m, NULL, &e) == PP_EINVAL);
	CHECK(mle_pt_walk(&r, NULL, &m, NULL, &e) == PP_EINVAL);
	/* OsSinitData claims a bigger MLE than the table maps: ends short */
	bad = r;
	bad.mle_size = size + 4096;
	CHECK(mle_pt_walk(&bad, fm_read, &m, NULL, &e) == PP_ETRUNC);
	CHECK(mle_pt_walk(&r, fm_read, &m, NULL, &e) == PP_OK);
	free(m.b);
}

TEST(txt_mle_entry_regs)
{
	struct mle_header h;
	struct pp_err e;
	const u64 base = 0x2000000, ptab = base - 0x3000;
	memset(&h, 0, sizeof(h));
	h.mle_start = 0;
	h.mle_end = 0x10000;
	h.entry_point = 0x1234;
	u32 caps = MLE_CAP_RLP_WAKE_MONITOR | MLE_CAP_TCG_EVENT_LOG;
	CHECK(mle_entry_regs_check(&h, base, 0x10000, ptab, caps, 0x2001234, 0xdead, &e) == PP_OK);
	CHECK(mle_entry_regs_check(&h, base, 0x10000, ptab, caps, 0x2001230, 0, &e) == PP_EINVAL);
	CHECK_MSG(&e, "EBX 0x2001230 is not the entry point 0x2001234");
	/* ECX looked at only when the capability was chosen */
	caps |= MLE_CAP_ECX_PGTBL;
	CHECK(mle_entry_regs_check(&h, base, 0x10000, ptab, caps, 0x2001234, (u32)ptab, &e) ==
	      PP_OK);
	CHECK(mle_entry_regs_check(&h, base, 0x10000, ptab, caps, 0x2001234, 0xdead, &e) ==
	      PP_EINVAL);
	CHECK_MSG(&e, "ECX 0xdead is not the MLE page table 0x1ffd000");
	/* the entry outside what SINIT measured, outside [MleStart, MleEnd) */
	CHECK(mle_entry_regs_check(&h, base, 0x1000, ptab, caps, 0x2001234, (u32)ptab, &e) ==
	      PP_ERANGE);
	h.mle_start = 0x2000;
	CHECK(mle_entry_regs_check(&h, base, 0x10000, ptab, caps, 0x2001234, (u32)ptab, &e) ==
	      PP_ERANGE);
	h.mle_start = 0;
	CHECK(mle_entry_regs_check(&h, 0xfffff000ull, 0x10000, ptab, caps, 0, 0, &e) == PP_ERANGE);
	CHECK_MSG(&e, "not below 4 GiB");
	CHECK(mle_entry_regs_check(NULL, base, 0x10000, ptab, caps, 0, 0, &e) == PP_EINVAL);
}
