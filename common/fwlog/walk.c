// SPDX-License-Identifier: GPL-2.0-only
/*
 * Where a firmware's crypto-agile event log ends (parapet/fwlog.h). Layouts:
 * TCG PC Client Platform Firmware Profile, "Event Logging" (TCG_PCR_EVENT,
 * TCG_PCR_EVENT2; common/eventlog/layout.h), TCG EFI Protocol Specification
 * (GetEventLog, EFI_TCG2_FINAL_EVENTS_TABLE). Every read is bounds-checked;
 * sizes are summed in 64 bits.
 */
#include <parapet/bytes.h>
#include <parapet/fmt.h>
#include <parapet/fwlog.h>
#include <parapet/string.h>
#include "common/eventlog/layout.h"

#define HDR_LEN ((u64)sizeof(struct tcg_pcr_event))
#define E2_HEAD ((u64)sizeof(struct tcg_pcr_event2_head))

int pp_fwlog_header(const u8 *b, size_t avail, struct pp_evlog_info *info, u32 *hdr_len,
		    struct pp_err *err)
{
	if (avail < HDR_LEN)
		return pp_fail(err, PP_ETRUNC, "fwlog: %zu bytes, the header record needs %u",
			       avail, (u32)HDR_LEN);
	u64 len = HDR_LEN + ld_le32(b + EVL_OFF(struct tcg_pcr_event, event_size));
	if (len > avail)
		return pp_fail(err, PP_ETRUNC,
			       "fwlog: header record of %llu bytes, only %zu available",
			       (unsigned long long)len, avail);
	int rc = pp_evlog_check(b, (size_t)len, 0, info, err);
	if (rc)
		return rc;
	*hdr_len = (u32)len;
	return 0;
}

int pp_fwlog_event_size(const u8 *b, size_t avail, const struct pp_evlog_info *info, u32 *size,
			const char *what, struct pp_err *err)
{
	if (avail < E2_HEAD)
		return pp_fail(err, PP_ETRUNC, "fwlog: %s: %zu bytes left, an event needs %u", what,
			       avail, (u32)E2_HEAD);
	u32 count = ld_le32(b + EVL_OFF(struct tcg_pcr_event2_head, digest_count));
	if (count != info->nalgs)
		return pp_fail(err, PP_EINVAL,
			       "fwlog: %s: digest count %u, the header lists %u algorithms", what,
			       count, info->nalgs);
	u64 off = E2_HEAD;
	for (u32 i = 0; i < info->nalgs; i++) {
		if (off + EVL_HASHALG_SIZE > avail)
			return pp_fail(err, PP_ETRUNC, "fwlog: %s: digest %u beyond %zu bytes",
				       what, i, avail);
		u16 alg = ld_le16(b + off);
		if (alg != info->algs[i].alg)
			return pp_fail(
			    err, PP_EINVAL,
			    "fwlog: %s: digest %u algorithm 0x%04x, the header says 0x%04x", what,
			    i, alg, info->algs[i].alg);
		off += EVL_HASHALG_SIZE + info->algs[i].size;
	}
	if (off + EVL_EVENTSIZE_SIZE > avail)
		return pp_fail(err, PP_ETRUNC, "fwlog: %s: eventSize beyond %zu bytes", what,
			       avail);
	off += EVL_EVENTSIZE_SIZE + (u64)ld_le32(b + off);
	if (off > avail)
		return pp_fail(err, PP_ETRUNC, "fwlog: %s: %llu bytes, only %zu available", what,
			       (unsigned long long)off, avail);
	*size = (u32)off;
	return 0;
}

int pp_fwlog_find_end(const u8 *area, size_t cap, u32 *len, u32 *events, struct pp_err *err)
{
	struct pp_evlog_info info;
	u32 off = 0, n = 0;
	char what[32];
	int rc;

	if (cap > PP_EVLOG_MAX_SIZE)
		cap = PP_EVLOG_MAX_SIZE;
	rc = pp_fwlog_header(area, cap, &info, &off, err);
	if (rc)
		return rc;
	size_t nz_end = cap;
	while (nz_end > off && !area[nz_end - 1])
		nz_end--;
	while (off < nz_end) {
		u32 size = 0;
		if (n >= PP_EVLOG_MAX_EVENTS)
			return pp_fail(err, PP_ERANGE, "fwlog: more than %u events",
				       PP_EVLOG_MAX_EVENTS);
		pp_snprintf(what, sizeof(what), "event %u at offset %u", n, off);
		rc = pp_fwlog_event_size(area + off, cap - off, &info, &size, what, err);
		if (rc)
			return rc;
		off += size;
		n++;
	}
	*len = off;
	*events = n;
	return 0;
}

int pp_fwlog_efi_len(const u8 *b, size_t avail, u64 start, u64 last, u32 *len, struct pp_err *err)
{
	struct pp_evlog_info info;
	u32 hdr_len = 0, size = 0;
	int rc;

	if (last < start || last - start >= avail)
		return pp_fail(err, PP_ERANGE,
			       "fwlog: last entry 0x%llx outside the log [0x%llx, +%zu)",
			       (unsigned long long)last, (unsigned long long)start, avail);
	rc = pp_fwlog_header(b, avail, &info, &hdr_len, err);
	if (rc)
		return rc;
	u64 at = last - start;
	if (at == 0) {
		*len = hdr_len;
		return 0;
	}
	if (at < hdr_len)
		return pp_fail(err, PP_EINVAL,
			       "fwlog: last entry at offset %llu, inside the %u-byte header record",
			       (unsigned long long)at, hdr_len);
	rc = pp_fwlog_event_size(b + at, avail - (size_t)at, &info, &size, "last entry", err);
	if (rc)
		return rc;
	*len = (u32)(at + size);
	return 0;
}

int pp_fwlog_final_span(const u8 *t, size_t avail, const struct pp_evlog_info *info, u64 first,
			u64 count, u32 *off, u32 *len, struct pp_err *err)
{
	char what[40];
	if (avail < PP_FWLOG_FINAL_HDR)
		return pp_fail(err, PP_ETRUNC, "fwlog: final events table: %zu bytes", avail);
	if (first > count || count > PP_EVLOG_MAX_EVENTS)
		return pp_fail(err, PP_ERANGE, "fwlog: final events table: events [%llu, %llu)",
			       (unsigned long long)first, (unsigned long long)count);
	u64 at = PP_FWLOG_FINAL_HDR, from = 0;
	for (u64 i = 0; i < count; i++) {
		u32 size = 0;
		if (i == first)
			from = at;
		pp_snprintf(what, sizeof(what), "final event %llu", (unsigned long long)i);
		int rc = pp_fwlog_event_size(t + at, avail - (size_t)at, info, &size, what, err);
		if (rc)
			return rc;
		at += size;
	}
	if (first == count)
		from = at;
	*off = (u32)from;
	*len = (u32)(at - from);
	return 0;
}
