// SPDX-License-Identifier: GPL-2.0-only
/* TXT MLE header (offsets, builder, checks) and MLE page table (walked). */
#include <stdlib.h>
#include <parapet/bytes.h>
#include "launch/drtm/txt_mle.h"
#include "unit.h"

TEST(txt_mle_header_offsets)
{
	/* MLE Developer's Guide section 2.1, Table 1 "MLE Header structure". */
	static const struct {
		size_t off, want;
	} t[] = {
	    {__builtin_offsetof(struct mle_header, uuid), 0x00},
	    {__builtin_offsetof(struct mle_header, header_len), 0x10},
	    {__builtin_offsetof(struct mle_header, version), 0x14},
	    {__builtin_offsetof(struct mle_header, entry_point), 0x18},
	    {__builtin_offsetof(struct mle_header, first_valid_page), 0x1c},
	    {__builtin_offsetof(struct mle_header, mle_start), 0x20},
	    {__builtin_offsetof(struct mle_header, mle_end), 0x24},
	    {__builtin_offsetof(struct mle_header, capabilities), 0x28},
	    {__builtin_offsetof(struct mle_header, cmdline_start), 0x2c},
	    {__builtin_offsetof(struct mle_header, cmdline_end), 0x30},
	    {sizeof(struct mle_header), 0x34},
	};
	for (size_t i = 0; i < PP_ARRAY_SIZE(t); i++)
		CHECK_EQ(t[i].off, t[i].want);
	/* capability bits of the MLE/SINIT capabilities table */
	CHECK_EQ(MLE_CAP_RLP_WAKE_GETSEC, 1u << 0);
	CHECK_EQ(MLE_CAP_RLP_WAKE_MONITOR, 1u << 1);
	CHECK_EQ(MLE_CAP_ECX_PGTBL, 1u << 2);
	CHECK_EQ(MLE_CAP_STM, 1u << 3);
	CHECK_EQ(MLE_CAP_PCR_MAP_NO_LEGACY, 1u << 4);
	CHECK_EQ(MLE_CAP_PCR_MAP_DA, 1u << 5);
	CHECK_EQ(MLE_CAP_PLATFORM_TYPE_MASK, 3u << 6);
	CHECK_EQ(MLE_CAP_MAXPHYADDR, 1u << 8);
	CHECK_EQ(MLE_CAP_TCG_EVENT_LOG, 1u << 9);
	CHECK_EQ(MLE_CAP_CBNT, 1u << 10);
}

static struct mle_header good_hdr(void)
{
	struct mle_header h = {0};
	h.version = MLE_HDR_VERSION_2_2;
	h.entry_point = 0x1000;
	h.first_valid_page = 0;
	h.mle_start = 0;
	h.mle_end = 0x20000;
	h.capabilities = MLE_CAP_RLP_WAKE_GETSEC | MLE_CAP_RLP_WAKE_MONITOR | MLE_CAP_ECX_PGTBL |
			 MLE_CAP_TCG_EVENT_LOG;
	h.cmdline_start = 0x1f000;
	h.cmdline_end = 0x1f100;
	return h;
}

TEST(txt_mle_header_write_bytes)
{
	u8 b[MLE_HDR_LEN];
	struct mle_header h = good_hdr();
	mle_header_write(b, &h);
	/* UUID 9082ac5a-74a7476f-a2555c0f-42b651cb as four LE dwords */
	static const u8 uuid[16] = {0x5a, 0xac, 0x82, 0x90, 0x6f, 0x47, 0xa7, 0x74,
				    0x0f, 0x5c, 0x55, 0xa2, 0xcb, 0x51, 0xb6, 0x42};
	CHECK(memcmp(b, uuid, 16) == 0);
	CHECK_EQ(ld_le32(b + 0x10), 0x34);
	CHECK_EQ(ld_le32(b + 0x14), 0x00020002);
	CHECK_EQ(ld_le32(b + 0x18), 0x1000);
	CHECK_EQ(ld_le32(b + 0x24), 0x20000);
	CHECK_EQ(ld_le32(b + 0x28), 0x207);
	CHECK_EQ(ld_le32(b + 0x2c), 0x1f000);
	CHECK_EQ(ld_le32(b + 0x30), 0x1f100);
	struct mle_header back;
	struct pp_err e;
	REQUIRE(mle_header_parse(b, sizeof(b), &back, &e) == PP_OK);
	CHECK_EQ(back.entry_point, h.entry_point);
	CHECK_EQ(back.capabilities, h.capabilities);
}

static int parse_mod(void (*mod)(struct mle_header *), struct pp_err *e)
{
	u8 b[MLE_HDR_LEN];
	struct mle_header h = good_hdr();
	mod(&h);
	mle_header_write(b, &h);
	return mle_header_parse(b, sizeof(b), NULL, e);
}

static void m_ver1(struct mle_header *h)
{
	h->version = 0x00010000;
}
static void m_ver20(struct mle_header *h)
{
	h->version = 0x00020000;
}
static void m_ver3(struct mle_header *h)
{
	h->version = 0x00030001;
}
static void m_empty(struct mle_header *h)
{
	h->mle_end = h->mle_start;
}
static void m_entry_out(struct mle_header *h)
{
	h->entry_point = h->mle_end;
}
static void m_fvp(struct mle_header *h)
{
	h->first_valid_page = 0x800;
}
static void m_fvp_above(struct mle_header *h)
{
	h->first_valid_page = 0x1000;
	h->mle_start = 0x800;
}
static void m_cmd_order(struct mle_header *h)
{
	h->cmdline_start = 0x1f100;
	h->cmdline_end = 0x1f000;
}
static void m_cmd_out(struct mle_header *h)
{
	h->cmdline_end = 0x20001;
}
static void m_rsvd(struct mle_header *h)
{
	h->capabilities |= 1u << 11;
}
static void m_no_tcg(struct mle_header *h)
{
	h->capabilities &= ~MLE_CAP_TCG_EVENT_LOG;
}
static void m_nocmd(struct mle_header *h)
{
	h->cmdline_start = h->cmdline_end = 0;
}

TEST(txt_mle_header_rules)
{
	struct pp_err e;
	u8 b[MLE_HDR_LEN];
	struct mle_header h = good_hdr();
	CHECK(parse_mod(m_nocmd, &e) == PP_OK);
	CHECK(parse_mod(m_ver1, &e) == PP_EVERSION);
	CHECK(parse_mod(m_ver20, &e) == PP_EVERSION);
	CHECK(parse_mod(m_ver3, &e) == PP_EVERSION);
	CHECK(parse_mod(m_empty, &e) == PP_EINVAL);
	CHECK(parse_mod(m_entry_out, &e) == PP_ERANGE);
	CHECK_MSG(&e, "entry point 0x20000 outside MLE");
	CHECK(parse_mod(m_fvp, &e) == PP_EINVAL);
	CHECK(parse_mod(m_fvp_above, &e) == PP_ERANGE);
	CHECK(parse_mod(m_cmd_order, &e) == PP_EINVAL);
	CHECK(parse_mod(m_cmd_out, &e) == PP_ERANGE);
	CHECK(parse_mod(m_rsvd, &e) == PP_EINVAL);
	CHECK_MSG(&e, "reserved capability bits 0x800");
	CHECK(parse_mod(m_no_tcg, &e) == PP_ENOTSUP);
	CHECK_MSG(&e, "bit 9");
	/* UUID, header length, truncation */
	mle_header_write(b, &h);
	b[5] ^= 1;
	CHECK(mle_header_parse(b, sizeof(b), NULL, &e) == PP_EMAGIC);
	CHECK_MSG(&e, "UUID word 1");
	mle_header_write(b, &h);
	st_le32(b + 0x10, 0x30);
	CHECK(mle_header_parse(b, sizeof(b), NULL, &e) == PP_EINVAL);
	st_le32(b + 0x10, 0x38);
	CHECK(mle_header_parse(b, sizeof(b), NULL, &e) == PP_EINVAL);
	mle_header_write(b, &h);
	CHECK(mle_header_parse(b, sizeof(b) - 1, NULL, &e) == PP_ETRUNC);
}

/* ---- page table: an independent walker over the built bytes ---- */

static const u8 *pt_at(const u8 *buf, u64 size, u64 pt_base, u64 pa)
{
	if (pa < pt_base || pa - pt_base + PP_PAGE_SIZE > size)
		return NULL;
	return buf + (pa - pt_base);
}

/* Walk linear address lin; returns the physical address or ~0 when not
 * mapped; checks the entry format along the way. */
static u64 walk(const u8 *buf, u64 size, u64 pt_base, u64 lin)
{
	const u8 *pdpt = buf;
	u64 e1 = ld_le64(pdpt + ((lin >> 30) & 3) * 8);
	if (!(e1 & MLE_PTE_P))
		return ~0ull;
	if ((e1 & ~MLE_PTE_ADDR_MASK) != MLE_PTE_P)
		return ~1ull;
	const u8 *pd = pt_at(buf, size, pt_base, e1 & MLE_PTE_ADDR_MASK);
	if (!pd)
		return ~1ull;
	u64 e2 = ld_le64(pd + ((lin >> 21) & 511) * 8);
	if (!(e2 & MLE_PTE_P))
		return ~0ull;
	if ((e2 & ~MLE_PTE_ADDR_MASK) != MLE_PTE_P)
		return ~1ull;
	const u8 *pt = pt_at(buf, size, pt_base, e2 & MLE_PTE_ADDR_MASK);
	if (!pt)
		return ~1ull;
	u64 e3 = ld_le64(pt + ((lin >> 12) & 511) * 8);
	if (!(e3 & MLE_PTE_P))
		return ~0ull;
	if ((e3 & ~MLE_PTE_ADDR_MASK) != MLE_PTE_P)
		return ~1ull;
	return (e3 & MLE_PTE_ADDR_MASK) | (lin & 0xfff);
}

static void check_pt(u64 mle_base, u64 mle_size, u64 expect_tables)
{
	u64 need = mle_pt_size(mle_size), got = 0;
	CHECK_EQ(need, expect_tables * PP_PAGE_SIZE);
	u64 pt_base = mle_base - need;
	u8 *buf = malloc(need);
	struct pp_err e;
	REQUIRE(buf);
	REQUIRE(mle_pt_build(buf, need, pt_base, mle_base, mle_size, &got, &e) == PP_OK);
	CHECK_EQ(got, need);
	u64 pages = (mle_size + 4095) / 4096;
	/* every MLE page maps, in order, to the next physical page */
	u64 bad = 0, prev = 0;
	for (u64 i = 0; i < pages; i++) {
		u64 pa = walk(buf, need, pt_base, i * 4096);
		if (pa != mle_base + i * 4096 || (i && pa <= prev))
			bad++;
		prev = pa;
	}
	CHECK_EQ(bad, 0);
	/* nothing past the MLE is mapped (next page, and the next 2 MiB / 1 GiB) */
	CHECK_EQ(walk(buf, need, pt_base, pages * 4096), ~0ull);
	CHECK_EQ(walk(buf, need, pt_base, PP_ALIGN_UP(pages * 4096, 0x200000) + 0x200000), ~0ull);
	if (pages * 4096 < (3ull << 30))
		CHECK_EQ(walk(buf, need, pt_base, 3ull << 30), ~0ull);
	/* tables ordered PDPT, PDs, PTs: PDPT entry 0 -> page 1 */
	CHECK_EQ(ld_le64(buf) & MLE_PTE_ADDR_MASK, pt_base + 4096);
	/* count present entries: exactly n_pd + n_pt + pages */
	u64 present = 0;
	for (u64 off = 0; off < need; off += 8)
		present += (ld_le64(buf + off) & MLE_PTE_P) != 0;
	CHECK_EQ(present, expect_tables - 1 + pages);
	free(buf);
}

TEST(txt_mle_pt_walk)
{
	check_pt(0x2000000, 4096, 3);		       /* one page */
	check_pt(0x2000000, 0x5123, 3);		       /* partial last page */
	check_pt(0x2000000, 0x200000, 3);	       /* exactly one PT */
	check_pt(0x2000000, 0x200001, 4);	       /* spills into a second PT */
	check_pt(0x10000000, 0x40000000, 1 + 1 + 512); /* exactly 1 GiB */
	check_pt(0x40000000, 0x40001000, 1 + 2 + 513); /* crosses into PD 2 */
}

TEST(txt_mle_pt_rules)
{
	static u8 buf[4 * 4096];
	struct pp_err e;
	u64 got;
	CHECK(mle_pt_build(buf, sizeof(buf), 0x1ffd000, 0x2000000, 0x1000, &got, &e) == PP_OK);
	CHECK(mle_pt_build(NULL, sizeof(buf), 0x1ffd000, 0x2000000, 0x1000, &got, &e) == PP_EINVAL);
	CHECK(mle_pt_build(buf, sizeof(buf), 0x1ffd800, 0x2000000, 0x1000, &got, &e) == PP_EINVAL);
	CHECK(mle_pt_build(buf, sizeof(buf), 0x1ffd000, 0x2000010, 0x1000, &got, &e) == PP_EINVAL);
	CHECK(mle_pt_build(buf, sizeof(buf), 0x1ffd000, 0x2000000, 0, &got, &e) == PP_ERANGE);
	CHECK(mle_pt_build(buf, sizeof(buf), 0x1000, 0x2000000, (4ull << 30) + 1, &got, &e) ==
	      PP_ERANGE);
	CHECK(mle_pt_build(buf, sizeof(buf), 0x1000, 0xfffff000ull, 0x2000, &got, &e) == PP_ERANGE);
	CHECK_MSG(&e, "not below 4 GiB");
	/* tables must lie below the MLE, not overlapping it */
	CHECK(mle_pt_build(buf, sizeof(buf), 0x1ffe000, 0x2000000, 0x1000, &got, &e) ==
	      PP_EOVERLAP);
	CHECK(mle_pt_build(buf, sizeof(buf), 0x3000000, 0x2000000, 0x1000, &got, &e) ==
	      PP_EOVERLAP);
	CHECK_MSG(&e, "not below the MLE");
	CHECK(mle_pt_build(buf, 2ull * 4096, 0x1000000, 0x2000000, 0x1000, &got, &e) == PP_ENOMEM);
}
