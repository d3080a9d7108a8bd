// SPDX-License-Identifier: GPL-2.0-only
/* Intel TXT MLE header and MLE page table builder (txt_mle.h). */
#include <parapet/bytes.h>
#include <parapet/string.h>
#include "launch/drtm/txt_mle.h"

#define LIMIT_4G 0x100000000ull

void mle_header_write(u8 out[MLE_HDR_LEN], const struct mle_header *h)
{
	st_le32(out + 0x00, MLE_UUID0);
	st_le32(out + 0x04, MLE_UUID1);
	st_le32(out + 0x08, MLE_UUID2);
	st_le32(out + 0x0c, MLE_UUID3);
	st_le32(out + 0x10, MLE_HDR_LEN);
	st_le32(out + 0x14, h->version);
	st_le32(out + 0x18, h->entry_point);
	st_le32(out + 0x1c, h->first_valid_page);
	st_le32(out + 0x20, h->mle_start);
	st_le32(out + 0x24, h->mle_end);
	st_le32(out + 0x28, h->capabilities);
	st_le32(out + 0x2c, h->cmdline_start);
	st_le32(out + 0x30, h->cmdline_end);
}

int mle_header_parse(const u8 *p, u64 len, struct mle_header *out, struct pp_err *err)
{
	struct mle_header h;
	static const u32 uuid[4] = {MLE_UUID0, MLE_UUID1, MLE_UUID2, MLE_UUID3};
	if (!p || len < MLE_HDR_LEN)
		return pp_fail(err, PP_ETRUNC, "MLE header: %llu bytes, need %u",
			       (unsigned long long)len, MLE_HDR_LEN);
	for (u32 i = 0; i < 4; i++) {
		h.uuid[i] = ld_le32(p + 4 * (size_t)i);
		if (h.uuid[i] != uuid[i])
			return pp_fail(err, PP_EMAGIC,
				       "MLE header: UUID word %u is 0x%08x, expected 0x%08x", i,
				       h.uuid[i], uuid[i]);
	}
	h.header_len = ld_le32(p + 0x10);
	h.version = ld_le32(p + 0x14);
	h.entry_point = ld_le32(p + 0x18);
	h.first_valid_page = ld_le32(p + 0x1c);
	h.mle_start = ld_le32(p + 0x20);
	h.mle_end = ld_le32(p + 0x24);
	h.capabilities = ld_le32(p + 0x28);
	h.cmdline_start = ld_le32(p + 0x2c);
	h.cmdline_end = ld_le32(p + 0x30);

	if (h.header_len < MLE_HDR_LEN || h.header_len > len)
		return pp_fail(err, PP_EINVAL,
			       "MLE header: header length 0x%x not in [0x%x, 0x%llx]", h.header_len,
			       MLE_HDR_LEN, (unsigned long long)len);
	if ((h.version >> 16) != 2 || h.version < MLE_HDR_VERSION_2_1)
		return pp_fail(err, PP_EVERSION,
			       "MLE header: version 0x%08x, need 2.1 or later 2.x", h.version);
	if (h.mle_start >= h.mle_end)
		return pp_fail(err, PP_EINVAL, "MLE header: MLE start 0x%x not below end 0x%x",
			       h.mle_start, h.mle_end);
	if (h.entry_point < h.mle_start || h.entry_point >= h.mle_end)
		return pp_fail(err, PP_ERANGE,
			       "MLE header: entry point 0x%x outside MLE [0x%x, 0x%x)",
			       h.entry_point, h.mle_start, h.mle_end);
	if (!PP_IS_ALIGNED(h.first_valid_page, PP_PAGE_SIZE))
		return pp_fail(err, PP_EINVAL,
			       "MLE header: first valid page 0x%x not 4 KiB aligned",
			       h.first_valid_page);
	if (h.first_valid_page > h.mle_start)
		return pp_fail(err, PP_ERANGE,
			       "MLE header: first valid page 0x%x above MLE start 0x%x",
			       h.first_valid_page, h.mle_start);
	if (h.cmdline_start > h.cmdline_end)
		return pp_fail(err, PP_EINVAL, "MLE header: command line start 0x%x after end 0x%x",
			       h.cmdline_start, h.cmdline_end);
	if (h.cmdline_start != h.cmdline_end &&
	    (h.cmdline_start < h.mle_start || h.cmdline_end > h.mle_end))
		return pp_fail(err, PP_ERANGE,
			       "MLE header: command line [0x%x, 0x%x) outside MLE [0x%x, 0x%x)",
			       h.cmdline_start, h.cmdline_end, h.mle_start, h.mle_end);
	if (h.capabilities & MLE_CAP_RESERVED_MASK)
		return pp_fail(err, PP_EINVAL, "MLE header: reserved capability bits 0x%x set",
			       h.capabilities & MLE_CAP_RESERVED_MASK);
	if (!(h.capabilities & MLE_CAP_TCG_EVENT_LOG))
		return pp_fail(err, PP_ENOTSUP,
			       "MLE header: capability bit 9 (TCG event log format) clear");
	if (out)
		*out = h;
	return PP_OK;
}

static u64 div_up(u64 a, u64 b)
{
	return a / b + (a % b != 0);
}

u64 mle_pt_size(u64 mle_size)
{
	u64 pages = div_up(mle_size, PP_PAGE_SIZE);
	u64 n_pt = div_up(pages, MLE_PT_ENTRIES);
	u64 n_pd = div_up(n_pt, MLE_PT_ENTRIES);
	return (1 + n_pd + n_pt) * PP_PAGE_SIZE;
}

int mle_pt_build(u8 *buf, u64 buf_size, u64 pt_base, u64 mle_base, u64 mle_size, u64 *pt_bytes,
		 struct pp_err *err)
{
	if (!buf)
		return pp_fail(err, PP_EINVAL, "MLE page table: no buffer");
	if (!PP_IS_ALIGNED(pt_base, PP_PAGE_SIZE) || !PP_IS_ALIGNED(mle_base, PP_PAGE_SIZE))
		return pp_fail(
		    err, PP_EINVAL,
		    "MLE page table: table base 0x%llx / MLE base 0x%llx not 4 KiB aligned",
		    (unsigned long long)pt_base, (unsigned long long)mle_base);
	if (mle_size == 0 || mle_size > MLE_PT_MAX_MLE)
		return pp_fail(err, PP_ERANGE, "MLE page table: MLE size 0x%llx not in (0, 4 GiB]",
			       (unsigned long long)mle_size);
	u64 need = mle_pt_size(mle_size);
	u64 mle_end, pt_end;
	if (!pp_add_ok(mle_base, mle_size, &mle_end) || mle_end > LIMIT_4G)
		return pp_fail(err, PP_ERANGE,
			       "MLE page table: MLE [0x%llx, +0x%llx) not below 4 GiB",
			       (unsigned long long)mle_base, (unsigned long long)mle_size);
	if (!pp_add_ok(pt_base, need, &pt_end) || pt_end > mle_base)
		return pp_fail(
		    err, PP_EOVERLAP,
		    "MLE page table: tables [0x%llx, +0x%llx) not below the MLE at 0x%llx",
		    (unsigned long long)pt_base, (unsigned long long)need,
		    (unsigned long long)mle_base);
	if (buf_size < need)
		return pp_fail(err, PP_ENOMEM, "MLE page table: needs 0x%llx bytes, buffer 0x%llx",
			       (unsigned long long)need, (unsigned long long)buf_size);

	u64 pages = div_up(mle_size, PP_PAGE_SIZE);
	u64 n_pt = div_up(pages, MLE_PT_ENTRIES);
	u64 n_pd = div_up(n_pt, MLE_PT_ENTRIES);
	u64 pd_off = PP_PAGE_SIZE;		   /* after the PDPT */
	u64 pt_off = pd_off + n_pd * PP_PAGE_SIZE; /* after the PDs */
	memset(buf, 0, need);
	for (u64 d = 0; d < n_pd; d++)
		st_le64(buf + d * 8, (pt_base + pd_off + d * PP_PAGE_SIZE) | MLE_PTE_P);
	/* PD entries are consecutive across PD pages: entry t points to PT t. */
	for (u64 t = 0; t < n_pt; t++)
		st_le64(buf + pd_off + t * 8, (pt_base + pt_off + t * PP_PAGE_SIZE) | MLE_PTE_P);
	/* PT entries likewise: entry i maps MLE page i. */
	for (u64 i = 0; i < pages; i++)
		st_le64(buf + pt_off + i * 8, (mle_base + i * PP_PAGE_SIZE) | MLE_PTE_P);
	if (pt_bytes)
		*pt_bytes = need;
	return PP_OK;
}
