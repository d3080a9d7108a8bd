// SPDX-License-Identifier: GPL-2.0-only
/*
 * Event-log validator and iterator. Pure code over (bytes, length): every
 * read is bounds-checked first, arithmetic is done in 64 bits or against
 * known-small bounds, and each rejection names the record, the offset and
 * the offending value. The rules are listed in docs/eventlog.md.
 */
#include <parapet/bytes.h>
#include <parapet/eventlog.h>
#include <parapet/string.h>
#include "layout.h"

#define HDR_LEN ((u32)sizeof(struct tcg_pcr_event))
#define E2_HEAD ((u32)sizeof(struct tcg_pcr_event2_head))

static bool all_zero(const u8 *p, u32 n)
{
	for (u32 i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* Header record: TCG_PCR_EVENT carrying the Spec ID Event03. */
static int check_header(const u8 *b, u32 len, struct pp_evlog_info *info, struct pp_err *err)
{
	if (len < HDR_LEN)
		return pp_fail(err, PP_ETRUNC, "evlog: %u bytes, the header record needs %u", len,
			       HDR_LEN);
	u32 pcr = ld_le32(b + EVL_OFF(struct tcg_pcr_event, pcr_index));
	u32 type = ld_le32(b + EVL_OFF(struct tcg_pcr_event, event_type));
	u32 esz = ld_le32(b + EVL_OFF(struct tcg_pcr_event, event_size));
	if (pcr != 0)
		return pp_fail(err, PP_EINVAL, "evlog: header record PCR index %u, must be 0", pcr);
	if (type != PP_EV_NO_ACTION)
		return pp_fail(err, PP_EINVAL,
			       "evlog: header record event type 0x%x, must be EV_NO_ACTION (3)",
			       type);
	for (u32 i = 0; i < 20; i++)
		if (b[EVL_OFF(struct tcg_pcr_event, digest) + i])
			return pp_fail(err, PP_EINVAL,
				       "evlog: header record digest byte %u is 0x%02x, must be 0",
				       i, b[EVL_OFF(struct tcg_pcr_event, digest) + i]);
	if (esz > len - HDR_LEN)
		return pp_fail(err, PP_ETRUNC,
			       "evlog: header eventSize %u exceeds the %u bytes after the record",
			       esz, len - HDR_LEN);
	if (esz < evl_spec_id_size(1, 0))
		return pp_fail(err, PP_EINVAL,
			       "evlog: header eventSize %u, a Spec ID event needs at least %u", esz,
			       evl_spec_id_size(1, 0));

	const u8 *s = b + HDR_LEN;
	if (memcmp(s + EVL_OFF(struct tcg_spec_id_event, signature), evl_sig_spec_id, 16) != 0)
		return pp_fail(err, PP_EMAGIC,
			       "evlog: header signature is not \"Spec ID Event03\\0\"");
	u32 pclass = ld_le32(s + EVL_OFF(struct tcg_spec_id_event, platform_class));
	u8 minor = s[EVL_OFF(struct tcg_spec_id_event, spec_version_minor)];
	u8 major = s[EVL_OFF(struct tcg_spec_id_event, spec_version_major)];
	u8 uintn = s[EVL_OFF(struct tcg_spec_id_event, uintn_size)];
	u32 n = ld_le32(s + EVL_OFF(struct tcg_spec_id_event, number_of_algorithms));
	if (pclass != PP_EVLOG_PLATFORM_CLIENT && pclass != PP_EVLOG_PLATFORM_SERVER)
		return pp_fail(err, PP_EINVAL,
			       "evlog: platformClass %u, must be 0 (client) or 1 (server)", pclass);
	if (major != PP_EVLOG_SPEC_MAJOR || minor != PP_EVLOG_SPEC_MINOR)
		return pp_fail(err, PP_EVERSION, "evlog: Spec ID version %u.%u, expected 2.0",
			       major, minor);
	if (uintn != PP_EVLOG_UINTN_32 && uintn != PP_EVLOG_UINTN_64)
		return pp_fail(err, PP_EINVAL,
			       "evlog: uintnSize %u, must be 1 (UINT32) or 2 (UINT64)", uintn);
	if (n == 0 || n > PP_EVLOG_MAX_ALGS)
		return pp_fail(err, PP_ERANGE, "evlog: numberOfAlgorithms %u outside 1..%u", n,
			       PP_EVLOG_MAX_ALGS);
	if (evl_spec_id_size(n, 0) > esz)
		return pp_fail(
		    err, PP_ETRUNC,
		    "evlog: %u algorithms need a Spec ID event of %u bytes, eventSize %u", n,
		    evl_spec_id_size(n, 0), esz);

	const u8 *a = s + sizeof(struct tcg_spec_id_event);
	for (u32 i = 0; i < n; i++, a += sizeof(struct tcg_spec_id_alg)) {
		u16 id = ld_le16(a + EVL_OFF(struct tcg_spec_id_alg, algorithm_id));
		u16 size = ld_le16(a + EVL_OFF(struct tcg_spec_id_alg, digest_size));
		u32 want = pp_hash_digest_size(id);
		if (!want)
			return pp_fail(err, PP_ENOTSUP,
				       "evlog: algorithm %u: unknown TPM_ALG_ID 0x%04x (the spec "
				       "allows it, Parapet does not)",
				       i, id);
		if (size != want)
			return pp_fail(err, PP_EINVAL,
				       "evlog: algorithm %u (%s): digestSize %u, expected %u", i,
				       pp_evlog_alg_name(id), size, want);
		for (u32 j = 0; j < i; j++)
			if (info->algs[j].alg == id)
				return pp_fail(
				    err, PP_EINVAL,
				    "evlog: algorithm %s listed twice (entries %u and %u)",
				    pp_evlog_alg_name(id), j, i);
		info->algs[i].alg = id;
		info->algs[i].size = size;
	}
	u8 vsize = *a;
	if (evl_spec_id_size(n, vsize) != esz)
		return pp_fail(
		    err, PP_EINVAL,
		    "evlog: header eventSize %u, but %u algorithms and vendorInfoSize %u "
		    "make %u",
		    esz, n, vsize, evl_spec_id_size(n, vsize));

	info->platform_class = pclass;
	info->spec_errata = s[EVL_OFF(struct tcg_spec_id_event, spec_errata)];
	info->uintn_size = uintn;
	info->nalgs = n;
	info->vendor_off = (u32)(a + 1 - b);
	info->vendor_len = vsize;
	info->header_len = HDR_LEN + esz;
	return PP_OK;
}

/* Structure of the TCG_PCR_EVENT2 at off: bounds, PCR, digest list, size. */
static int decode_event(const u8 *b, u32 len, const struct pp_evlog_info *info, u32 off, u32 index,
			struct pp_evlog_event *ev, struct pp_err *err)
{
	if (len - off < E2_HEAD)
		return pp_fail(err, PP_ETRUNC,
			       "evlog: event %u at offset %u: %u bytes left, its header needs %u",
			       index, off, len - off, E2_HEAD);
	ev->index = index;
	ev->off = off;
	ev->pcr = ld_le32(b + off + EVL_OFF(struct tcg_pcr_event2_head, pcr_index));
	ev->type = ld_le32(b + off + EVL_OFF(struct tcg_pcr_event2_head, event_type));
	u32 count = ld_le32(b + off + EVL_OFF(struct tcg_pcr_event2_head, digest_count));
	if (ev->pcr >= PP_EVLOG_NUM_PCRS)
		return pp_fail(err, PP_ERANGE,
			       "evlog: event %u at offset %u: PCR index %u outside 0..%u", index,
			       off, ev->pcr, PP_EVLOG_NUM_PCRS - 1);
	if (count != info->nalgs)
		return pp_fail(err, PP_EINVAL,
			       "evlog: event %u at offset %u: digest count %u, the header lists %u "
			       "algorithms",
			       index, off, count, info->nalgs);
	u32 p = off + E2_HEAD;
	for (u32 i = 0; i < info->nalgs; i++) {
		if (!pp_span_ok(p, EVL_HASHALG_SIZE, len))
			return pp_fail(
			    err, PP_ETRUNC,
			    "evlog: event %u at offset %u: digest %u at offset %u runs past "
			    "the end (%u)",
			    index, off, i, p, len);
		u16 alg = ld_le16(b + p);
		if (alg != info->algs[i].alg) {
			bool listed = false;
			for (u32 j = 0; j < info->nalgs; j++)
				listed |= info->algs[j].alg == alg;
			if (listed)
				return pp_fail(err, PP_EINVAL,
					       "evlog: event %u at offset %u: digest %u is %s, the "
					       "header order expects %s",
					       index, off, i, pp_evlog_alg_name(alg),
					       pp_evlog_alg_name(info->algs[i].alg));
			return pp_fail(
			    err, PP_EINVAL,
			    "evlog: event %u at offset %u: digest %u algorithm 0x%04x is "
			    "not in the log header",
			    index, off, i, alg);
		}
		p += EVL_HASHALG_SIZE;
		if (!pp_span_ok(p, info->algs[i].size, len))
			return pp_fail(
			    err, PP_ETRUNC,
			    "evlog: event %u at offset %u: %s digest at offset %u runs past "
			    "the end (%u)",
			    index, off, pp_evlog_alg_name(alg), p, len);
		ev->digest_off[i] = p;
		p += info->algs[i].size;
	}
	if (!pp_span_ok(p, EVL_EVENTSIZE_SIZE, len))
		return pp_fail(err, PP_ETRUNC,
			       "evlog: event %u at offset %u: eventSize at offset %u runs past the "
			       "end (%u)",
			       index, off, p, len);
	u32 esz = ld_le32(b + p);
	p += EVL_EVENTSIZE_SIZE;
	if (!pp_span_ok(p, esz, len))
		return pp_fail(
		    err, PP_ETRUNC,
		    "evlog: event %u at offset %u: eventSize %u exceeds the %u bytes left", index,
		    off, esz, len - p);
	ev->data_off = p;
	ev->data_len = esz;
	ev->size = p + esz - off;
	return PP_OK;
}

/* Ordering state for the DRTM / locality rules. */
struct walk {
	u32 extended; /* bit n: PCR n extended so far */
	u32 last_ext_off[PP_EVLOG_NUM_PCRS];
	u32 marker_off;
	bool marker;
};

static bool sig_is(const u8 *b, const struct pp_evlog_event *ev, const u8 sig[16])
{
	return ev->data_len >= 16 && !memcmp(b + ev->data_off, sig, 16);
}

/* First extended PCR of mask (for messages). */
static u32 first_pcr(u32 mask)
{
	return (u32)__builtin_ctz(mask);
}

static int check_no_action(const u8 *b, const struct pp_evlog_event *ev, struct pp_evlog_info *info,
			   struct walk *w, struct pp_err *err)
{
	for (u32 i = 0; i < info->nalgs; i++)
		if (!all_zero(b + ev->digest_off[i], info->algs[i].size))
			return pp_fail(
			    err, PP_EINVAL,
			    "evlog: event %u at offset %u: EV_NO_ACTION with a non-zero %s "
			    "digest",
			    ev->index, ev->off, pp_evlog_alg_name(info->algs[i].alg));
	if (sig_is(b, ev, evl_sig_startup_locality)) {
		if (ev->data_len != sizeof(struct tcg_startup_locality) ||
		    ev->pcr != EVL_LOCALITY_PCR)
			return pp_fail(
			    err, PP_EINVAL,
			    "evlog: event %u at offset %u: StartupLocality of %u bytes on "
			    "PCR %u (must be 17 bytes on PCR 0)",
			    ev->index, ev->off, ev->data_len, ev->pcr);
		u8 loc = b[ev->data_off + EVL_OFF(struct tcg_startup_locality, startup_locality)];
		if (loc != 0 && loc != 3)
			return pp_fail(
			    err, PP_ENOTSUP,
			    "evlog: event %u at offset %u: StartupLocality %u (only 0 and 3 "
			    "are supported)",
			    ev->index, ev->off, loc);
		if (info->has_startup_locality)
			return pp_fail(err, PP_EINVAL,
				       "evlog: event %u at offset %u: second StartupLocality event",
				       ev->index, ev->off);
		if (w->extended & (1u << EVL_LOCALITY_PCR))
			return pp_fail(
			    err, PP_EINVAL,
			    "evlog: event %u at offset %u: StartupLocality after the PCR 0 "
			    "extend at offset %u",
			    ev->index, ev->off, w->last_ext_off[EVL_LOCALITY_PCR]);
		info->has_startup_locality = true;
		info->startup_locality = loc;
	} else if (sig_is(b, ev, evl_sig_launch)) {
		if (ev->data_len != sizeof(struct pp_launch_marker) || ev->pcr != EVL_LAUNCH_PCR)
			return pp_fail(
			    err, PP_EINVAL,
			    "evlog: event %u at offset %u: launch marker of %u bytes on PCR "
			    "%u (must be 17 bytes on PCR 17)",
			    ev->index, ev->off, ev->data_len, ev->pcr);
		u8 lt = b[ev->data_off + EVL_OFF(struct pp_launch_marker, launch_type)];
		if (lt < PP_EVLOG_LAUNCH_SKINIT || lt > PP_EVLOG_LAUNCH_STATIC)
			return pp_fail(err, PP_EINVAL,
				       "evlog: event %u at offset %u: launch type %u outside 1..4",
				       ev->index, ev->off, lt);
		if (w->marker)
			return pp_fail(
			    err, PP_EINVAL,
			    "evlog: event %u at offset %u: second launch marker (first at "
			    "offset %u)",
			    ev->index, ev->off, w->marker_off);
		if (info->drtm || (w->extended & EVL_DRTM_PCR_MASK))
			return pp_fail(
			    err, PP_EINVAL,
			    "evlog: event %u at offset %u: launch marker after an event on "
			    "PCR 17-22",
			    ev->index, ev->off);
		w->marker = true;
		w->marker_off = ev->off;
		info->launch_type = lt;
	}
	return PP_OK;
}

static int check_drtm_start(const struct pp_evlog_event *ev, struct pp_evlog_info *info,
			    struct walk *w, struct pp_err *err)
{
	if (ev->pcr != EVL_DRTM_PCR_FIRST)
		return pp_fail(err, PP_EINVAL,
			       "evlog: event %u at offset %u: DRTM start on PCR %u, must be 17",
			       ev->index, ev->off, ev->pcr);
	if (info->drtm)
		return pp_fail(
		    err, PP_EINVAL,
		    "evlog: event %u at offset %u: second DRTM start (first at offset %u)",
		    ev->index, ev->off, info->drtm_off);
	if (w->extended & EVL_DRTM_PCR_MASK) {
		u32 pcr = first_pcr(w->extended & EVL_DRTM_PCR_MASK);
		return pp_fail(
		    err, PP_EINVAL,
		    "evlog: event %u at offset %u: DRTM start after the PCR %u extend at "
		    "offset %u",
		    ev->index, ev->off, pcr, w->last_ext_off[pcr]);
	}
	if (!w->marker)
		return pp_fail(err, PP_EINVAL,
			       "evlog: event %u at offset %u: DRTM start without a launch marker",
			       ev->index, ev->off);
	if (info->launch_type == PP_EVLOG_LAUNCH_STATIC)
		return pp_fail(err, PP_EINVAL,
			       "evlog: event %u at offset %u: DRTM start in a log marked as a "
			       "static launch",
			       ev->index, ev->off);
	info->drtm = true;
	info->drtm_off = ev->off;
	return PP_OK;
}

/* After a failed decode: name trailing bytes as such. */
static int trailing(const u8 *b, u32 len, u32 off, u32 index, int code, struct pp_err *err)
{
	if (all_zero(b + off, len - off))
		return pp_fail(err, PP_EINVAL,
			       "evlog: trailing data at offset %u: %u zero bytes after %u events "
			       "(logs must be truncated to their end)",
			       off, len - off, index);
	if (len - off < E2_HEAD)
		return pp_fail(err, PP_EINVAL,
			       "evlog: trailing data at offset %u: %u bytes after %u events, less "
			       "than the %u of an event header",
			       off, len - off, index, E2_HEAD);
	return code; /* keep the decoder's precise message */
}

int pp_evlog_check(const void *log, size_t len, u32 expected_events, struct pp_evlog_info *info,
		   struct pp_err *err)
{
	const u8 *b = log;
	struct walk w;
	struct pp_evlog_event ev;
	int rc;

	memset(info, 0, sizeof(*info));
	memset(&w, 0, sizeof(w));
	if (!log)
		return pp_fail(err, PP_EINVAL, "evlog: no log");
	if (len > PP_EVLOG_MAX_SIZE)
		return pp_fail(err, PP_ERANGE, "evlog: %zu bytes, more than the %u cap", len,
			       PP_EVLOG_MAX_SIZE);
	if (expected_events != PP_EVLOG_COUNT_ANY && expected_events > PP_EVLOG_MAX_EVENTS)
		return pp_fail(err, PP_ERANGE, "evlog: expected %u events, more than the %u cap",
			       expected_events, PP_EVLOG_MAX_EVENTS);
	u32 n = (u32)len;
	rc = check_header(b, n, info, err);
	if (rc)
		return rc;

	u32 off = info->header_len, count = 0;
	while (off < n) {
		if (count == expected_events)
			return pp_fail(err, PP_EINVAL,
				       "evlog: more events than the %u expected: trailing data at "
				       "offset %u (%u bytes)",
				       expected_events, off, n - off);
		if (count == PP_EVLOG_MAX_EVENTS)
			return pp_fail(err, PP_ERANGE, "evlog: more than %u events (offset %u)",
				       PP_EVLOG_MAX_EVENTS, off);
		rc = decode_event(b, n, info, off, count, &ev, err);
		if (rc) {
			/* where the events that decoded end (pp_evlog_check's comment) */
			info->len = off;
			info->events = count;
			return trailing(b, n, off, count, rc, err);
		}
		if (ev.type == PP_EV_NO_ACTION) {
			rc = check_no_action(b, &ev, info, &w, err);
		} else if (ev.type == PP_EV_DRTM_START) {
			rc = check_drtm_start(&ev, info, &w, err);
		} else {
			w.extended |= 1u << ev.pcr;
			w.last_ext_off[ev.pcr] = off;
		}
		if (rc)
			return rc;
		off += ev.size;
		count++;
	}
	if (expected_events != PP_EVLOG_COUNT_ANY && count != expected_events)
		return pp_fail(err, PP_ETRUNC,
			       "evlog: log ends at offset %u after %u events, expected %u", off,
			       count, expected_events);
	if (info->launch_type && info->launch_type != PP_EVLOG_LAUNCH_STATIC && !info->drtm)
		return pp_fail(err, PP_EINVAL,
			       "evlog: launch marker (offset %u) names DRTM launch type %u, but no "
			       "DRTM start event follows",
			       w.marker_off, info->launch_type);
	info->len = n;
	info->events = count;
	return PP_OK;
}

void pp_evlog_iter_init(struct pp_evlog_iter *it, const void *log, const struct pp_evlog_info *info)
{
	it->log = log;
	it->info = info;
	it->off = info->header_len;
	it->index = 0;
}

bool pp_evlog_iter_next(struct pp_evlog_iter *it, struct pp_evlog_event *ev)
{
	const struct pp_evlog_info *info = it->info;
	if (it->index >= info->events || it->off >= info->len || info->len > PP_EVLOG_MAX_SIZE ||
	    info->nalgs == 0 || info->nalgs > PP_EVLOG_MAX_ALGS)
		return false;
	/* Same checked decoder as pp_evlog_check: bounds hold even if the bytes changed. */
	if (decode_event(it->log, info->len, info, it->off, it->index, ev, NULL) != PP_OK) {
		it->off = info->len;
		return false;
	}
	it->off += ev->size;
	it->index++;
	return true;
}
