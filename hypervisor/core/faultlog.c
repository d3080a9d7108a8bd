// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DMA fault recorder (faultlog.h; page format parapet/faultlog.h;
 * docs/iommu-faults.md). Static pages, one per policy partition index and
 * one summary; every change to a page is bracketed by its sequence number
 * (odd while writing, release/acquire), so a partition that maps the page
 * read-only copies it consistently or knows it did not.
 *
 * Trust: the pages are written only here, under fl_lock; a page's own
 * contents (read back to find an entry) are the recorder's and trusted.
 */
#include <parapet/bytes.h>
#include <parapet/fmt.h>
#include <parapet/string.h>
#include "faultlog.h"
#include "spinlock.h"

#define FL_PAGE_MASK 0xfffull
#define FL_COUNT_MAX 0xffffffffu
#define FL_CODE_MAX 0xffffu
#define FL_BUCKETS (PP_POL_MAX_PARTS + 1u) /* partitions, then unowned devices */

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the sequence number is accessed as a native u32: little-endian only"
#endif

union fl_page {
	u8 b[FL_PAGE_SIZE];
	u32 w[FL_PAGE_SIZE / 4]; /* w[FL_OFF_SEQ / 4]: the sequence, atomically */
} __attribute__((aligned(FL_PAGE_SIZE)));

/* The console budget of a partition (or of unowned devices). */
struct fl_rate {
	u64 last_line_us;
	u32 more;
	bool printed;
};

static union fl_page fl_pages[PP_POL_MAX_PARTS];
static union fl_page fl_summary;
static struct fl_rate fl_rates[FL_BUCKETS];
static struct spinlock fl_lock;

/* Sequence protocol (writer side): odd, release fence, the writes, even
 * with release. A reader's acquire load of an even value that is equal
 * after its copy saw no write in between. */
static void write_begin(union fl_page *p)
{
	u32 s = __atomic_load_n(&p->w[FL_OFF_SEQ / 4], __ATOMIC_RELAXED);
	__atomic_store_n(&p->w[FL_OFF_SEQ / 4], s + 1u, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

static void write_end(union fl_page *p)
{
	u32 s = __atomic_load_n(&p->w[FL_OFF_SEQ / 4], __ATOMIC_RELAXED);
	__atomic_store_n(&p->w[FL_OFF_SEQ / 4], s + 1u, __ATOMIC_RELEASE);
}

static void page_init(union fl_page *p, const char *magic, u32 ent_size, u32 capacity, u32 part_id)
{
	memset(p->b, 0, sizeof(p->b));
	memcpy(p->b + FL_OFF_MAGIC, magic, 4);
	st_le16(p->b + FL_OFF_VERSION, FL_VERSION);
	st_le16(p->b + FL_OFF_HDR_SIZE, FL_HDR_SIZE);
	st_le16(p->b + FL_OFF_ENT_SIZE, (u16)ent_size);
	st_le16(p->b + FL_OFF_CAPACITY, (u16)capacity);
	st_le32(p->b + FL_OFF_PART_ID, part_id);
}

void faultlog_init(void)
{
	spin_lock(&fl_lock);
	for (u32 i = 0; i < PP_POL_MAX_PARTS; i++)
		page_init(&fl_pages[i], FL_MAGIC_LOG, FL_ENT_SIZE, FL_MAX_ENTRIES,
			  FL_OWNER_UNBOUND);
	page_init(&fl_summary, FL_MAGIC_SUMMARY, FL_SUM_ENT_SIZE, FL_MAX_SUMMARY, FL_OWNER_NONE);
	memset(fl_rates, 0, sizeof(fl_rates));
	spin_unlock(&fl_lock);
}

void faultlog_bind(u32 part_idx, u32 part_id)
{
	if (part_idx >= PP_POL_MAX_PARTS)
		return;
	spin_lock(&fl_lock);
	write_begin(&fl_pages[part_idx]);
	st_le32(fl_pages[part_idx].b + FL_OFF_PART_ID, part_id);
	write_end(&fl_pages[part_idx]);
	spin_unlock(&fl_lock);
}

static u32 sat_inc(u32 v)
{
	return v == FL_COUNT_MAX ? v : v + 1u;
}

/* Time never runs backwards inside a page: an earlier now_us than the
 * page's latest fault is taken as the latest (readers check the order). */
static u64 page_now(const union fl_page *p, u64 now_us)
{
	return PP_MAX(now_us, ld_le64(p->b + FL_OFF_LAST_US));
}

static u8 *log_ent(union fl_page *p, u32 i)
{
	return p->b + FL_HDR_SIZE + (size_t)i * FL_ENT_SIZE;
}

static u8 *sum_ent(u32 i)
{
	return fl_summary.b + FL_HDR_SIZE + (size_t)i * FL_SUM_ENT_SIZE;
}

/* The fault's key in entry layout (bytes 0..7 and the page at 16). */
static void log_key(const struct iommu_fault *f, u8 *k)
{
	memset(k, 0, FL_ENT_SIZE);
	st_le16(k + FL_E_SEG, f->seg);
	st_le16(k + FL_E_RID, f->rid);
	k[FL_E_UNIT] = (u8)f->unit_type;
	k[FL_E_ACCESS] = (u8)(f->access & FL_ACC_ALL);
	st_le16(k + FL_E_CODE, (u16)PP_MIN(f->code, FL_CODE_MAX));
	st_le64(k + FL_E_PAGE, f->addr & ~FL_PAGE_MASK);
}

static u8 *log_find(union fl_page *p, const u8 *key, u32 n)
{
	for (u32 i = 0; i < n; i++) {
		u8 *e = log_ent(p, i);
		if (!memcmp(e, key, FL_E_COUNT) && !memcmp(e + FL_E_PAGE, key + FL_E_PAGE, 8))
			return e;
	}
	return NULL;
}

/* Into a partition's page: *count is the entry's count after it (0 when
 * the table was full); true when the fault made a new entry. */
static bool record_log(union fl_page *p, const struct iommu_fault *f, u64 now_us, u32 *count)
{
	u8 key[FL_ENT_SIZE];
	u32 n = ld_le32(p->b + FL_OFF_COUNT);
	bool fresh = false;
	log_key(f, key);
	write_begin(p);
	u64 now = page_now(p, now_us);
	u8 *e = log_find(p, key, n);
	if (!e && n < FL_MAX_ENTRIES) {
		e = log_ent(p, n);
		memcpy(e, key, FL_ENT_SIZE);
		st_le64(e + FL_E_FIRST_US, now);
		st_le32(p->b + FL_OFF_COUNT, n + 1u);
		fresh = true;
	}
	*count = 0;
	if (e) {
		*count = sat_inc(ld_le32(e + FL_E_COUNT));
		st_le32(e + FL_E_COUNT, *count);
		st_le16(e + FL_E_DOMAIN, f->domain);
		st_le16(e + FL_E_FLAGS, f->flags);
		st_le64(e + FL_E_LAST_ADDR, f->addr);
		st_le64(e + FL_E_LAST_US, now);
	} else {
		st_le64(p->b + FL_OFF_DROPPED, ld_le64(p->b + FL_OFF_DROPPED) + 1u);
	}
	st_le64(p->b + FL_OFF_TOTAL, ld_le64(p->b + FL_OFF_TOTAL) + 1u);
	st_le64(p->b + FL_OFF_LAST_US, now);
	write_end(p);
	return fresh;
}

static u8 *sum_find(const struct iommu_fault *f, u32 owner, u32 n)
{
	u16 code = (u16)PP_MIN(f->code, FL_CODE_MAX);
	for (u32 i = 0; i < n; i++) {
		u8 *e = sum_ent(i);
		if (ld_le16(e + FL_S_SEG) == f->seg && ld_le16(e + FL_S_RID) == f->rid &&
		    e[FL_S_UNIT] == f->unit_type && ld_le16(e + FL_S_CODE) == code &&
		    ld_le32(e + FL_S_OWNER) == owner)
			return e;
	}
	return NULL;
}

/* Into the summary: like record_log, keyed by device, code and owner. */
static bool record_sum(const struct iommu_fault *f, u32 owner, u64 now_us, u32 *count)
{
	union fl_page *p = &fl_summary;
	u32 n = ld_le32(p->b + FL_OFF_COUNT);
	bool fresh = false;
	write_begin(p);
	u64 now = page_now(p, now_us);
	u8 *e = sum_find(f, owner, n);
	if (!e && n < FL_MAX_SUMMARY) {
		e = sum_ent(n);
		st_le16(e + FL_S_SEG, f->seg);
		st_le16(e + FL_S_RID, f->rid);
		e[FL_S_UNIT] = (u8)f->unit_type;
		st_le16(e + FL_S_CODE, (u16)PP_MIN(f->code, FL_CODE_MAX));
		st_le32(e + FL_S_OWNER, owner);
		st_le32(p->b + FL_OFF_COUNT, n + 1u);
		fresh = true;
	}
	*count = 0;
	if (e) {
		*count = sat_inc(ld_le32(e + FL_S_COUNT));
		st_le32(e + FL_S_COUNT, *count);
		e[FL_S_ACCESS] = (u8)(e[FL_S_ACCESS] | (f->access & FL_ACC_ALL));
		st_le64(e + FL_S_LAST_US, now);
	} else {
		st_le64(p->b + FL_OFF_DROPPED, ld_le64(p->b + FL_OFF_DROPPED) + 1u);
	}
	st_le64(p->b + FL_OFF_TOTAL, ld_le64(p->b + FL_OFF_TOTAL) + 1u);
	st_le64(p->b + FL_OFF_LAST_US, now);
	write_end(p);
	return fresh;
}

/* The console decision for one bucket (faultlog.h). */
static bool rate_say(struct fl_rate *r, bool fresh, u64 now_us, u32 *more)
{
	/* a clock that ran backwards counts as no time elapsed */
	bool say = fresh || !r->printed ||
		   (now_us >= r->last_line_us && now_us - r->last_line_us >= FL_LINE_GAP_US);
	*more = 0;
	if (!say) {
		r->more = sat_inc(r->more);
		return false;
	}
	*more = r->more;
	r->more = 0;
	r->printed = true;
	r->last_line_us = now_us;
	return true;
}

bool faultlog_record(u32 part_idx, const struct iommu_fault *f, u64 now_us, struct fl_note *note)
{
	u32 log_count = 0, sum_count = 0, more = 0, owner = FL_OWNER_NONE;
	bool fresh, say;
	struct fl_rate *r;

	if (f->unit_type != 1u && f->unit_type != 2u)
		return false; /* ACPI_IOMMU_AMDVI / ACPI_IOMMU_VTD only */
	if (part_idx != FL_PART_NONE && part_idx >= PP_POL_MAX_PARTS)
		return false;
	spin_lock(&fl_lock);
	if (part_idx != FL_PART_NONE) {
		owner = ld_le32(fl_pages[part_idx].b + FL_OFF_PART_ID);
		fresh = record_log(&fl_pages[part_idx], f, now_us, &log_count);
		(void)record_sum(f, owner, now_us, &sum_count);
		r = &fl_rates[part_idx];
	} else {
		fresh = record_sum(f, owner, now_us, &sum_count);
		r = &fl_rates[PP_POL_MAX_PARTS];
	}
	say = rate_say(r, fresh, now_us, &more);
	spin_unlock(&fl_lock);
	if (note) {
		note->count = log_count ? log_count : sum_count;
		note->more = more;
	}
	return say;
}

static const char *access_word(u32 access)
{
	static const char *const words[8] = {
	    "access", "read",	   "write",	 "read/write",
	    "exec",   "read/exec", "write/exec", "read/write/exec",
	};
	return words[access & FL_ACC_ALL];
}

static const char *unit_word(u32 unit_type)
{
	return unit_type == 1u ? "amd-vi" : unit_type == 2u ? "vt-d" : "iommu";
}

int faultlog_line(const struct iommu_fault *f, const char *reason, const char *owner, u32 count,
		  u32 more, char *buf, u32 len)
{
	char tail[40] = "";
	if (more)
		pp_snprintf(tail, sizeof(tail), ", %u more not shown", more);
	return pp_snprintf(buf, len,
			   "dma fault: %04x:%02x:%02x.%u %s at 0x%llx: %s (%s code %u), owner %s, "
			   "%u so far%s",
			   f->seg, f->rid >> 8, (f->rid >> 3) & 0x1fu, f->rid & 7u,
			   access_word(f->access), (unsigned long long)f->addr,
			   reason ? reason : "unknown", unit_word(f->unit_type), f->code,
			   owner ? owner : "none", count, tail);
}

int faultlog_stop_reason(const struct iommu_fault *f, const char *reason, char *buf, u32 len)
{
	return pp_snprintf(buf, len, "DMA fault: %04x:%02x:%02x.%u %s at 0x%llx (%s)", f->seg,
			   f->rid >> 8, (f->rid >> 3) & 0x1fu, f->rid & 7u, access_word(f->access),
			   (unsigned long long)f->addr, reason ? reason : "unknown");
}

const u8 *faultlog_page(u32 part_idx)
{
	return part_idx < PP_POL_MAX_PARTS ? fl_pages[part_idx].b : NULL;
}

const u8 *faultlog_summary_page(void)
{
	return fl_summary.b;
}
