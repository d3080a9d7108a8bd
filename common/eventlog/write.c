// SPDX-License-Identifier: GPL-2.0-only
/*
 * Event-log writer: a crypto-agile log built in a caller-provided buffer.
 * Every append checks the capacity first and writes nothing on failure; the
 * first failure is sticky. The writer enforces the same ordering rules the
 * validator checks (parse.c), so anything it produces validates.
 */
#include <parapet/bytes.h>
#include <parapet/eventlog.h>
#include <parapet/handoff.h>
#include <parapet/string.h>
#include "layout.h"

_Static_assert(PP_EVLOG_LAUNCH_SKINIT == PP_LAUNCH_SKINIT, "launch type values");
_Static_assert(PP_EVLOG_LAUNCH_TXT == PP_LAUNCH_TXT, "launch type values");
_Static_assert(PP_EVLOG_LAUNCH_EMULATED == PP_LAUNCH_EMULATED, "launch type values");
_Static_assert(PP_EVLOG_LAUNCH_STATIC == PP_LAUNCH_STATIC, "launch type values");

/* Record the first failure; every later call returns it. */
#define FAIL(log, code, ...)                                                                       \
	((log)->status = pp_fail(&(log)->err, (code), "evlog write: " __VA_ARGS__))

int pp_evlog_init(struct pp_evlog *log, void *buf, u32 cap, const u16 *algs, u32 nalgs,
		  const void *vendor, u32 vendor_len)
{
	memset(log, 0, sizeof(*log));
	log->buf = buf;
	log->cap = cap;
	if (!buf)
		return FAIL(log, PP_EINVAL, "no buffer");
	if (nalgs == 0 || nalgs > PP_EVLOG_MAX_ALGS)
		return FAIL(log, PP_ERANGE, "%u algorithms, need 1..%u", nalgs, PP_EVLOG_MAX_ALGS);
	if (vendor_len > 255 || (vendor_len && !vendor))
		return FAIL(log, PP_ERANGE, "vendor info of %u bytes (max 255)", vendor_len);
	for (u32 i = 0; i < nalgs; i++) {
		u32 size = pp_hash_digest_size(algs[i]);
		if (!size)
			return FAIL(log, PP_ENOTSUP, "algorithm %u: unknown TPM_ALG_ID 0x%04x", i,
				    algs[i]);
		for (u32 j = 0; j < i; j++)
			if (algs[j] == algs[i])
				return FAIL(log, PP_EINVAL, "algorithm %s listed twice",
					    pp_evlog_alg_name(algs[i]));
		log->algs[i].alg = algs[i];
		log->algs[i].size = (u16)size;
	}
	log->nalgs = nalgs;

	u32 data = evl_spec_id_size(nalgs, vendor_len);
	u32 total = (u32)sizeof(struct tcg_pcr_event) + data;
	if (total > cap)
		return FAIL(log, PP_ENOMEM, "header record of %u bytes, buffer holds %u", total,
			    cap);

	u8 *h = log->buf;
	memset(h, 0, total);
	st_le32(h + EVL_OFF(struct tcg_pcr_event, pcr_index), 0);
	st_le32(h + EVL_OFF(struct tcg_pcr_event, event_type), PP_EV_NO_ACTION);
	st_le32(h + EVL_OFF(struct tcg_pcr_event, event_size), data);
	u8 *s = h + sizeof(struct tcg_pcr_event);
	memcpy(s + EVL_OFF(struct tcg_spec_id_event, signature), evl_sig_spec_id, 16);
	st_le32(s + EVL_OFF(struct tcg_spec_id_event, platform_class), PP_EVLOG_PLATFORM_CLIENT);
	s[EVL_OFF(struct tcg_spec_id_event, spec_version_minor)] = PP_EVLOG_SPEC_MINOR;
	s[EVL_OFF(struct tcg_spec_id_event, spec_version_major)] = PP_EVLOG_SPEC_MAJOR;
	s[EVL_OFF(struct tcg_spec_id_event, spec_errata)] = PP_EVLOG_SPEC_ERRATA;
	s[EVL_OFF(struct tcg_spec_id_event, uintn_size)] = PP_EVLOG_UINTN_64;
	st_le32(s + EVL_OFF(struct tcg_spec_id_event, number_of_algorithms), nalgs);
	u8 *a = s + sizeof(struct tcg_spec_id_event);
	for (u32 i = 0; i < nalgs; i++, a += sizeof(struct tcg_spec_id_alg)) {
		st_le16(a + EVL_OFF(struct tcg_spec_id_alg, algorithm_id), log->algs[i].alg);
		st_le16(a + EVL_OFF(struct tcg_spec_id_alg, digest_size), log->algs[i].size);
	}
	*a++ = (u8)vendor_len;
	if (vendor_len)
		memcpy(a, vendor, vendor_len);
	log->len = total;
	return PP_OK;
}

void pp_evlog_zero_digests(const struct pp_evlog *log, struct pp_evlog_digests *d)
{
	memset(d, 0, sizeof(*d));
	d->count = log->nalgs;
	for (u32 i = 0; i < log->nalgs; i++) {
		d->v[i].alg = log->algs[i].alg;
		d->v[i].size = log->algs[i].size;
	}
}

/* Bytes of a TCG_PCR_EVENT2 with this log's banks and event_len data bytes. */
static u64 event2_size(const struct pp_evlog *log, u32 event_len)
{
	u64 n = sizeof(struct tcg_pcr_event2_head) + EVL_EVENTSIZE_SIZE + (u64)event_len;
	for (u32 i = 0; i < log->nalgs; i++)
		n += EVL_HASHALG_SIZE + log->algs[i].size;
	return n;
}

/* The single place that serializes a TCG_PCR_EVENT2. */
static int put_event2(struct pp_evlog *log, u32 pcr, u32 type, const struct pp_evlog_digests *d,
		      const void *event, u32 event_len)
{
	if (log->status)
		return log->status;
	if (pcr >= PP_EVLOG_NUM_PCRS)
		return FAIL(log, PP_ERANGE, "PCR %u outside 0..%u", pcr, PP_EVLOG_NUM_PCRS - 1);
	if (event_len && !event)
		return FAIL(log, PP_EINVAL, "event data NULL with %u bytes", event_len);
	if (d->count != log->nalgs)
		return FAIL(log, PP_EINVAL, "%u digests, log has %u banks", d->count, log->nalgs);
	for (u32 i = 0; i < log->nalgs; i++)
		if (d->v[i].alg != log->algs[i].alg)
			return FAIL(log, PP_EINVAL, "digest %u is 0x%04x, bank %u is %s", i,
				    d->v[i].alg, i, pp_evlog_alg_name(log->algs[i].alg));
	if (log->events >= PP_EVLOG_MAX_EVENTS)
		return FAIL(log, PP_ENOMEM, "event cap %u reached", PP_EVLOG_MAX_EVENTS);
	u64 need = event2_size(log, event_len);
	if (need > (u64)log->cap - log->len || need > PP_EVLOG_MAX_SIZE - (u64)log->len)
		return FAIL(log, PP_ENOMEM, "event of %llu bytes does not fit (%u of %u used)",
			    (unsigned long long)need, log->len, log->cap);

	u8 *p = log->buf + log->len;
	st_le32(p + EVL_OFF(struct tcg_pcr_event2_head, pcr_index), pcr);
	st_le32(p + EVL_OFF(struct tcg_pcr_event2_head, event_type), type);
	st_le32(p + EVL_OFF(struct tcg_pcr_event2_head, digest_count), log->nalgs);
	p += sizeof(struct tcg_pcr_event2_head);
	for (u32 i = 0; i < log->nalgs; i++) {
		st_le16(p, log->algs[i].alg);
		memcpy(p + EVL_HASHALG_SIZE, d->v[i].bytes, log->algs[i].size);
		p += EVL_HASHALG_SIZE + log->algs[i].size;
	}
	st_le32(p, event_len);
	if (event_len)
		memcpy(p + EVL_EVENTSIZE_SIZE, event, event_len);
	log->len += (u32)need;
	log->events++;
	if (type != PP_EV_NO_ACTION)
		log->extended |= 1u << pcr;
	return PP_OK;
}

int pp_evlog_append(struct pp_evlog *log, u32 pcr, u32 type, const struct pp_evlog_digests *d,
		    const void *event, u32 event_len)
{
	if (log->status)
		return log->status;
	if (type == PP_EV_DRTM_START)
		return FAIL(log, PP_EINVAL, "use pp_evlog_drtm_start for the DRTM start event");
	if (type == PP_EV_NO_ACTION)
		for (u32 i = 0; i < d->count && i < PP_EVLOG_MAX_ALGS; i++)
			for (u32 k = 0; k < d->v[i].size && k < PP_HASH_MAX_DIGEST; k++)
				if (d->v[i].bytes[k])
					return FAIL(log, PP_EINVAL,
						    "EV_NO_ACTION with a non-zero digest");
	return put_event2(log, pcr, type, d, event, event_len);
}

/* Fill d with H(data) in every bank of the log. */
static int hash_banks(struct pp_evlog *log, const void *data, size_t len,
		      struct pp_evlog_digests *d)
{
	pp_evlog_zero_digests(log, d);
	for (u32 i = 0; i < log->nalgs; i++) {
		u64 t0 = log->clock ? log->clock() : 0;
		if (pp_hash(log->algs[i].alg, data, len, d->v[i].bytes) != PP_OK)
			return FAIL(log, PP_ENOTSUP, "cannot compute %s",
				    pp_evlog_alg_name(log->algs[i].alg));
		if (log->clock)
			log->hash_ticks[i] += log->clock() - t0;
	}
	log->hash_bytes += len;
	return PP_OK;
}

void pp_evlog_set_clock(struct pp_evlog *log, u64 (*clock)(void))
{
	log->clock = clock;
}

int pp_evlog_measure(struct pp_evlog *log, u32 pcr, u32 type, const void *data, size_t len,
		     const void *event, u32 event_len, struct pp_evlog_digests *out)
{
	struct pp_evlog_digests d;
	if (log->status)
		return log->status;
	if (type == PP_EV_NO_ACTION || type == PP_EV_DRTM_START)
		return FAIL(log, PP_EINVAL, "event type 0x%x cannot be measured", type);
	if (len && !data)
		return FAIL(log, PP_EINVAL, "measured data NULL with %zu bytes", len);
	if (hash_banks(log, data, len, &d) || put_event2(log, pcr, type, &d, event, event_len))
		return log->status;
	if (out)
		memcpy(out, &d, sizeof(d));
	return PP_OK;
}

int pp_evlog_no_action(struct pp_evlog *log, u32 pcr, const void *event, u32 event_len)
{
	struct pp_evlog_digests d;
	if (log->status)
		return log->status;
	/* Events with a signature the validator interprets go through their helpers. */
	if (event && event_len >= 16 &&
	    (!memcmp(event, evl_sig_startup_locality, 16) || !memcmp(event, evl_sig_launch, 16)))
		return FAIL(log, PP_EINVAL, "use the StartupLocality / launch marker helpers");
	pp_evlog_zero_digests(log, &d);
	return put_event2(log, pcr, PP_EV_NO_ACTION, &d, event, event_len);
}

int pp_evlog_startup_locality(struct pp_evlog *log, u8 locality)
{
	struct pp_evlog_digests d;
	u8 ev[sizeof(struct tcg_startup_locality)];
	if (log->status)
		return log->status;
	if (locality != 0 && locality != 3)
		return FAIL(log, PP_ERANGE, "StartupLocality %u (only 0 and 3)", locality);
	if (log->locality_done)
		return FAIL(log, PP_EINVAL, "second StartupLocality event");
	if (log->extended & (1u << EVL_LOCALITY_PCR))
		return FAIL(log, PP_EINVAL, "StartupLocality after an extend of PCR 0");
	memcpy(ev, evl_sig_startup_locality, 16);
	ev[EVL_OFF(struct tcg_startup_locality, startup_locality)] = locality;
	pp_evlog_zero_digests(log, &d);
	if (put_event2(log, EVL_LOCALITY_PCR, PP_EV_NO_ACTION, &d, ev, sizeof(ev)))
		return log->status;
	log->locality_done = true;
	return PP_OK;
}

int pp_evlog_launch_marker(struct pp_evlog *log, u32 launch_type)
{
	struct pp_evlog_digests d;
	u8 ev[sizeof(struct pp_launch_marker)];
	if (log->status)
		return log->status;
	if (launch_type < PP_EVLOG_LAUNCH_SKINIT || launch_type > PP_EVLOG_LAUNCH_STATIC)
		return FAIL(log, PP_ERANGE, "launch type %u outside 1..4", launch_type);
	if (log->launch_type)
		return FAIL(log, PP_EINVAL, "second launch marker");
	if (log->drtm_started || (log->extended & EVL_DRTM_PCR_MASK))
		return FAIL(log, PP_EINVAL, "launch marker after a DRTM PCR event");
	memcpy(ev, evl_sig_launch, 16);
	ev[EVL_OFF(struct pp_launch_marker, launch_type)] = (u8)launch_type;
	pp_evlog_zero_digests(log, &d);
	if (put_event2(log, EVL_LAUNCH_PCR, PP_EV_NO_ACTION, &d, ev, sizeof(ev)))
		return log->status;
	log->launch_type = launch_type;
	return PP_OK;
}

int pp_evlog_drtm_start(struct pp_evlog *log, const void *slb, size_t slb_len, const void *event,
			u32 event_len, struct pp_evlog_digests *out)
{
	struct pp_evlog_digests d;
	if (log->status)
		return log->status;
	if (log->drtm_started)
		return FAIL(log, PP_EINVAL, "second DRTM start event");
	if (log->extended & EVL_DRTM_PCR_MASK)
		return FAIL(log, PP_EINVAL, "DRTM start after an extend of PCR 17-22");
	if (log->launch_type == PP_EVLOG_LAUNCH_STATIC)
		return FAIL(log, PP_EINVAL, "DRTM start in a log marked as a static launch");
	if (slb_len && !slb)
		return FAIL(log, PP_EINVAL, "SLB NULL with %zu bytes", slb_len);
	if (hash_banks(log, slb, slb_len, &d) ||
	    put_event2(log, EVL_DRTM_PCR_FIRST, PP_EV_DRTM_START, &d, event, event_len))
		return log->status;
	log->drtm_started = true;
	if (out)
		memcpy(out, &d, sizeof(d));
	return PP_OK;
}
