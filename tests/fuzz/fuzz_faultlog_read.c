// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the DMA fault-log page readers (common/faultlog/
 * fl_read.c, docs/iommu-faults.md). The first byte picks the mode:
 *   even  the rest is a page as a partition would copy it, read as a
 *         partition log and as a summary;
 *   odd   the rest is a list of faults (16 bytes each) the recorder
 *         (hypervisor/core/faultlog.c) writes into its pages, which must
 *         then read back (a page the recorder wrote is always valid, its
 *         total what was recorded); then the bytes after the last whole
 *         fault, if three or more, replace up to 8 bytes of a copy of the
 *         log page at the offset their first two name, and it is read again.
 * Pages are read from a buffer of exactly their length (ASan sees any
 * read past it).
 * Invariants: no crash or out-of-bounds read on any bytes; a refusal has a
 * negative code equal to err.code, a message, and leaves the view as it
 * was; an accepted view keeps the format's promises.
 */
#include <stdlib.h>
#include <string.h>
#include <parapet/bytes.h>
#include <parapet/faultlog.h>
#include "../../hypervisor/core/faultlog.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static struct fl_view view, view0;
static struct fl_sum_view sview, sview0;
static u8 page[FL_PAGE_SIZE];

static void refusal(int rc, const struct pp_err *err, const void *v, const void *v0, size_t n)
{
	if (rc > 0 || (rc && (err->code != rc || !err->msg[0] || memcmp(v, v0, n) != 0)))
		abort();
}

static void promises_log(const struct fl_view *v)
{
	u64 sum = 0;
	if (v->h.count > FL_MAX_ENTRIES || v->h.seq & 1u || v->h.dropped > v->h.total)
		abort();
	for (u32 i = 0; i < v->h.count; i++) {
		const struct fl_entry *e = &v->e[i];
		if (!e->count || e->first_us > e->last_us || (e->last_addr & ~0xfffull) != e->page)
			abort();
		sum += e->count;
	}
	if (sum + v->h.dropped > v->h.total)
		abort();
}

static void promises_sum(const struct fl_sum_view *v)
{
	if (v->h.count > FL_MAX_SUMMARY || v->h.seq & 1u || v->h.part_id)
		abort();
	for (u32 i = 0; i < v->h.count; i++)
		if (!v->e[i].count || v->e[i].last_us > v->h.last_us)
			abort();
}

static void read_both(const u8 *p, u32 len)
{
	struct pp_err err = {0, ""};
	memset(&view, 0x5a, sizeof(view));
	view0 = view;
	int rc = fl_read(p, len, &view, &err);
	refusal(rc, &err, &view, &view0, sizeof(view));
	if (rc == PP_OK)
		promises_log(&view);
	memset(&sview, 0x5a, sizeof(sview));
	sview0 = sview;
	rc = fl_read_summary(p, len, &sview, &err);
	refusal(rc, &err, &sview, &sview0, sizeof(sview));
	if (rc == PP_OK)
		promises_sum(&sview);
}

static void recorded(const u8 *d, size_t n)
{
	struct pp_err err = {0, ""};
	u64 total = 0;
	faultlog_init();
	faultlog_bind(0, 1);
	for (; n >= 16; d += 16, n -= 16) {
		struct iommu_fault f = {.unit_type = 1u + (d[0] & 1u),
					.seg = (u16)(d[1] & 1u),
					.rid = ld_le16(d + 2),
					.addr = ld_le32(d + 4) & 0x3ffff0ffu,
					.access = d[8],
					.code = d[9],
					.domain = ld_le16(d + 10),
					.flags = 0};
		u32 part = d[12] & 1u ? FL_PART_NONE : d[12] % 3u;
		faultlog_record(part, &f, ld_le16(d + 14), NULL);
		total += part == 0;
	}
	if (fl_read(faultlog_page(0), FL_PAGE_SIZE, &view, &err) != PP_OK ||
	    view.h.total != total || view.h.part_id != 1)
		abort();
	promises_log(&view);
	if (fl_read_summary(faultlog_summary_page(), FL_PAGE_SIZE, &sview, &err) != PP_OK)
		abort();
	promises_sum(&sview);
	memcpy(page, faultlog_page(0), FL_PAGE_SIZE);
	if (n >= 3) {
		u32 off = ld_le16(d) % FL_PAGE_SIZE;
		size_t k = PP_MIN(n - 2, PP_MIN((size_t)8, FL_PAGE_SIZE - off));
		memcpy(page + off, d + 2, k);
		read_both(page, FL_PAGE_SIZE); /* a static buffer of the page's size */
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	if (!size)
		return 0;
	if (data[0] & 1u) {
		recorded(data + 1, size - 1);
		return 0;
	}
	size = PP_MIN(size - 1, (size_t)FL_PAGE_SIZE);
	u8 *copy = malloc(size ? size : 1);
	if (!copy)
		abort();
	memcpy(copy, data + 1, size);
	read_both(copy, (u32)size);
	free(copy);
	return 0;
}
