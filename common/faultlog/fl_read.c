// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reader and validator of the DMA fault-log pages (parapet/faultlog.h,
 * docs/iommu-faults.md). Freestanding: the guest kit, the attestation
 * agent and the host verifier link it.
 *
 * Trust: the bytes are untrusted (a copy of a page someone else wrote).
 * Every field is read with ld_le*, every count checked against the buffer
 * and the format's bounds before an entry is touched, and the output view
 * is written only once the whole page passed: a refusal changes nothing.
 */
#include <parapet/bytes.h>
#include <parapet/faultlog.h>
#include <parapet/string.h>

#define FL_PAGE_MASK 0xfffull

struct fl_kind {
	const char *name;  /* "fault log" / "fault summary" */
	const char *magic; /* FL_MAGIC_* */
	u32 ent_size;	   /* base entry size */
	u32 max;	   /* capacity of the view */
};

static const struct fl_kind kind_log = {"fault log", FL_MAGIC_LOG, FL_ENT_SIZE, FL_MAX_ENTRIES};
static const struct fl_kind kind_sum = {"fault summary", FL_MAGIC_SUMMARY, FL_SUM_ENT_SIZE,
					FL_MAX_SUMMARY};

static int read_hdr(const u8 *p, u32 len, const struct fl_kind *k, struct fl_hdr *h,
		    struct pp_err *err)
{
	if (len < FL_HDR_SIZE)
		return pp_fail(err, PP_ETRUNC, "%s: %u bytes, shorter than its %u-byte header",
			       k->name, len, FL_HDR_SIZE);
	if (memcmp(p + FL_OFF_MAGIC, k->magic, 4) != 0)
		return pp_fail(err, PP_EMAGIC, "%s: magic 0x%08x at offset 0, expected \"%s\"",
			       k->name, ld_le32(p + FL_OFF_MAGIC), k->magic);
	h->version = ld_le16(p + FL_OFF_VERSION);
	h->hdr_size = ld_le16(p + FL_OFF_HDR_SIZE);
	h->ent_size = ld_le16(p + FL_OFF_ENT_SIZE);
	h->capacity = ld_le16(p + FL_OFF_CAPACITY);
	h->count = ld_le32(p + FL_OFF_COUNT);
	h->seq = ld_le32(p + FL_OFF_SEQ);
	h->part_id = ld_le32(p + FL_OFF_PART_ID);
	h->total = ld_le64(p + FL_OFF_TOTAL);
	h->dropped = ld_le64(p + FL_OFF_DROPPED);
	h->last_us = ld_le64(p + FL_OFF_LAST_US);
	if (h->version != FL_VERSION)
		return pp_fail(err, PP_EVERSION, "%s: version %u, this reader knows %u", k->name,
			       h->version, FL_VERSION);
	if (h->seq & 1u)
		return pp_fail(err, PP_EINVAL,
			       "%s: sequence %u is odd: copied while the hypervisor was writing",
			       k->name, h->seq);
	if (h->hdr_size != FL_HDR_SIZE)
		return pp_fail(err, PP_ERANGE, "%s: header size %u, version %u has %u", k->name,
			       h->hdr_size, FL_VERSION, FL_HDR_SIZE);
	/* Fields may be appended to an entry within a version; never removed. */
	if (h->ent_size < k->ent_size || h->ent_size % 8u)
		return pp_fail(err, PP_ERANGE,
			       "%s: entry size %u, expected a multiple of 8 of at least %u",
			       k->name, h->ent_size, k->ent_size);
	if (h->capacity > k->max)
		return pp_fail(err, PP_ERANGE, "%s: capacity %u above the format's %u", k->name,
			       h->capacity, k->max);
	if (h->count > h->capacity)
		return pp_fail(err, PP_ERANGE, "%s: %u entries, capacity %u", k->name, h->count,
			       h->capacity);
	if (!pp_span_ok(FL_HDR_SIZE, (u64)h->count * h->ent_size, len))
		return pp_fail(err, PP_ETRUNC,
			       "%s: %u entries of %u bytes run past the %u-byte copy", k->name,
			       h->count, h->ent_size, len);
	if (h->dropped > h->total)
		return pp_fail(err, PP_EINVAL, "%s: %llu dropped of %llu faults in total", k->name,
			       (unsigned long long)h->dropped, (unsigned long long)h->total);
	return PP_OK;
}

/* Counts saturate, so kept counts plus dropped never exceed the total. */
static int check_total(const struct fl_hdr *h, u64 sum, const char *name, struct pp_err *err)
{
	if (sum + h->dropped > h->total)
		return pp_fail(
		    err, PP_EINVAL,
		    "%s: entry counts sum to %llu and %llu were dropped: above the total %llu",
		    name, (unsigned long long)sum, (unsigned long long)h->dropped,
		    (unsigned long long)h->total);
	return PP_OK;
}

static int check_common(u32 i, u8 unit, u8 access, u32 count, u64 last_us, const struct fl_hdr *h,
			const char *name, struct pp_err *err)
{
	if (unit != 1u && unit != 2u)
		return pp_fail(err, PP_EINVAL, "%s: entry %u: unit type %u (1 amd-vi, 2 vt-d)",
			       name, i, unit);
	if (access & ~FL_ACC_ALL)
		return pp_fail(err, PP_EINVAL, "%s: entry %u: access bits 0x%x outside 0x%x", name,
			       i, access, FL_ACC_ALL);
	if (!count)
		return pp_fail(err, PP_EINVAL, "%s: entry %u: count 0 in a used entry", name, i);
	if (last_us > h->last_us)
		return pp_fail(err, PP_EINVAL, "%s: entry %u: last time %llu after the page's %llu",
			       name, i, (unsigned long long)last_us,
			       (unsigned long long)h->last_us);
	return PP_OK;
}

/* Keys compare as raw bytes: the fields are exact values. */
static bool same_log_key(const u8 *a, const u8 *b)
{
	return !memcmp(a, b, FL_E_COUNT) && !memcmp(a + FL_E_PAGE, b + FL_E_PAGE, 8);
}

static bool same_sum_key(const u8 *a, const u8 *b)
{
	return !memcmp(a, b, FL_S_ACCESS) && !memcmp(a + FL_S_CODE, b + FL_S_CODE, 2) &&
	       !memcmp(a + FL_S_OWNER, b + FL_S_OWNER, 4);
}

static void decode_log(const u8 *p, struct fl_entry *e)
{
	e->seg = ld_le16(p + FL_E_SEG);
	e->rid = ld_le16(p + FL_E_RID);
	e->unit = p[FL_E_UNIT];
	e->access = p[FL_E_ACCESS];
	e->code = ld_le16(p + FL_E_CODE);
	e->count = ld_le32(p + FL_E_COUNT);
	e->domain = ld_le16(p + FL_E_DOMAIN);
	e->flags = ld_le16(p + FL_E_FLAGS);
	e->page = ld_le64(p + FL_E_PAGE);
	e->last_addr = ld_le64(p + FL_E_LAST_ADDR);
	e->first_us = ld_le64(p + FL_E_FIRST_US);
	e->last_us = ld_le64(p + FL_E_LAST_US);
}

static void decode_sum(const u8 *p, struct fl_sum_entry *e)
{
	e->seg = ld_le16(p + FL_S_SEG);
	e->rid = ld_le16(p + FL_S_RID);
	e->unit = p[FL_S_UNIT];
	e->access = p[FL_S_ACCESS];
	e->code = ld_le16(p + FL_S_CODE);
	e->owner = ld_le32(p + FL_S_OWNER);
	e->count = ld_le32(p + FL_S_COUNT);
	e->last_us = ld_le64(p + FL_S_LAST_US);
}

static int check_log_entry(const u8 *page, u32 i, const struct fl_hdr *h, struct pp_err *err)
{
	static const char name[] = "fault log";
	const u8 *p = page + FL_HDR_SIZE + (size_t)i * h->ent_size;
	struct fl_entry e;
	decode_log(p, &e);
	int rc = check_common(i, e.unit, e.access, e.count, e.last_us, h, name, err);
	if (rc)
		return rc;
	if (e.page & FL_PAGE_MASK)
		return pp_fail(err, PP_EINVAL, "%s: entry %u: page 0x%llx not 4 KiB aligned", name,
			       i, (unsigned long long)e.page);
	if ((e.last_addr & ~FL_PAGE_MASK) != e.page)
		return pp_fail(err, PP_EINVAL,
			       "%s: entry %u: last address 0x%llx outside its page 0x%llx", name, i,
			       (unsigned long long)e.last_addr, (unsigned long long)e.page);
	if (e.first_us > e.last_us)
		return pp_fail(err, PP_EINVAL, "%s: entry %u: first time %llu after last %llu",
			       name, i, (unsigned long long)e.first_us,
			       (unsigned long long)e.last_us);
	for (u32 j = 0; j < i; j++)
		if (same_log_key(page + FL_HDR_SIZE + (size_t)j * h->ent_size, p))
			return pp_fail(err, PP_EINVAL, "%s: entries %u and %u have the same key",
				       name, j, i);
	return PP_OK;
}

int fl_read(const u8 *page, u32 len, struct fl_view *out, struct pp_err *err)
{
	struct fl_hdr h = {0};
	u64 sum = 0;
	int rc = read_hdr(page, len, &kind_log, &h, err);
	if (rc)
		return rc;
	for (u32 i = 0; i < h.count; i++) {
		rc = check_log_entry(page, i, &h, err);
		if (rc)
			return rc;
		sum += ld_le32(page + FL_HDR_SIZE + (size_t)i * h.ent_size + FL_E_COUNT);
	}
	rc = check_total(&h, sum, kind_log.name, err);
	if (rc)
		return rc;
	out->h = h;
	for (u32 i = 0; i < h.count; i++)
		decode_log(page + FL_HDR_SIZE + (size_t)i * h.ent_size, &out->e[i]);
	return PP_OK;
}

static int check_sum_entry(const u8 *page, u32 i, const struct fl_hdr *h, struct pp_err *err)
{
	static const char name[] = "fault summary";
	const u8 *p = page + FL_HDR_SIZE + (size_t)i * h->ent_size;
	struct fl_sum_entry e;
	decode_sum(p, &e);
	int rc = check_common(i, e.unit, e.access, e.count, e.last_us, h, name, err);
	if (rc)
		return rc;
	for (u32 j = 0; j < i; j++)
		if (same_sum_key(page + FL_HDR_SIZE + (size_t)j * h->ent_size, p))
			return pp_fail(err, PP_EINVAL, "%s: entries %u and %u have the same key",
				       name, j, i);
	return PP_OK;
}

int fl_read_summary(const u8 *page, u32 len, struct fl_sum_view *out, struct pp_err *err)
{
	struct fl_hdr h = {0};
	u64 sum = 0;
	int rc = read_hdr(page, len, &kind_sum, &h, err);
	if (rc)
		return rc;
	if (h.part_id != 0)
		return pp_fail(err, PP_EINVAL, "fault summary: partition id %u, expected 0",
			       h.part_id);
	for (u32 i = 0; i < h.count; i++) {
		rc = check_sum_entry(page, i, &h, err);
		if (rc)
			return rc;
		sum += ld_le32(page + FL_HDR_SIZE + (size_t)i * h.ent_size + FL_S_COUNT);
	}
	rc = check_total(&h, sum, kind_sum.name, err);
	if (rc)
		return rc;
	out->h = h;
	for (u32 i = 0; i < h.count; i++)
		decode_sum(page + FL_HDR_SIZE + (size_t)i * h.ent_size, &out->e[i]);
	return PP_OK;
}

int fl_copy(const volatile u8 *live, u8 *buf, u32 len, u32 tries, struct pp_err *err)
{
	if (len < FL_HDR_SIZE || ((uintptr_t)live & 3u))
		return pp_fail(err, PP_EINVAL, "fault log copy: %u bytes at %p: need %u, 4-aligned",
			       len, (const void *)live, FL_HDR_SIZE);
	const volatile u32 *seqp = (const volatile u32 *)(live + FL_OFF_SEQ);
	u32 s1 = 0, s2 = 0;
	for (u32 t = 0; t < tries; t++) {
		s1 = __atomic_load_n(seqp, __ATOMIC_ACQUIRE);
		if (s1 & 1u)
			continue;
		for (u32 i = 0; i < len; i++)
			buf[i] = live[i];
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		s2 = __atomic_load_n(seqp, __ATOMIC_RELAXED);
		if (s1 == s2) {
			/* the copy carries the sequence it was read under */
			st_le32(buf + FL_OFF_SEQ, s1);
			return PP_OK;
		}
	}
	return pp_fail(err, PP_ETIMEOUT,
		       "fault log copy: the hypervisor was writing in each of %u tries "
		       "(sequence %u, then %u)",
		       tries, s1, s2);
}
