// SPDX-License-Identifier: GPL-2.0-only
/*
 * The evidence's event log, read with the shared parser, validator and
 * replay (common/eventlog, docs/eventlog.md) and nothing else:
 *  - strict: every rule of pp_evlog_check; the one leniency is an all-zero
 *    tail after the last event, taken as padding (firmware and exported
 *    logs come in fixed-size buffers);
 *  - one log, or the firmware log followed by the DRTM log (two
 *    crypto-agile logs back to back, the second one's header right after
 *    the first one's last event). The firmware log then gives PCR 0-16 and
 *    23, the DRTM log PCR 17-22; neither may extend the other's PCRs;
 *  - every event digest checked against its data where the PC Client
 *    Platform Firmware Profile ("Event Types") defines it as the hash of
 *    the event data, and for Parapet's own types where docs/measurements.md
 *    does (the digest over "the event data"); and GRUB's strings on PCR 8
 *    (EV_IPL "grub_cmd: ", "kernel_cmdline: ", "module_cmdline: " + text +
 *    NUL, the digest over the text alone: GRUB's tpm module; OVMF + GRUB's
 *    log in tests/fuzz/corpus/fwlog/ovmf-log has 22 such events);
 *  - the replay compared with every quoted PCR value.
 * The checks after the load walk the events decoded once (av_log_each).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <parapet/hash.h>
#include <parapet/measure_plan.h>
#include "attest/verifier/verifier.h"

#define EV_S_CRTM_VERSION 0x00000008u
#define EV_EFI_VARIABLE_DRIVER_CONFIG 0x80000001u
#define EV_EFI_GPT_EVENT 0x80000006u
#define EV_EFI_ACTION 0x80000007u
#define AV_DRTM_PCRS 0x007E0000u /* PCR 17-22 */

static bool all_zero(const u8 *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* One log at p[0, n): its end in *end (n, or before a second log). */
static int load_part(const u8 *p, size_t n, bool first, struct pp_evlog_info *info, size_t *end,
		     struct pp_err *err)
{
	struct pp_err whole = {0, ""};
	int rc = pp_evlog_check(p, n, PP_EVLOG_COUNT_ANY, info, &whole);
	*end = n;
	if (rc == PP_OK)
		return PP_OK;
	u32 stop = info->len;
	if (stop == 0) { /* the header itself */
		*err = whole;
		return rc;
	}
	bool padding = all_zero(p + stop, n - stop);
	/* a second log: its TCG_PCR_EVENT header starts pcrIndex 0, EV_NO_ACTION */
	bool second = first && !padding && n - stop >= 8 && all_zero(p + stop, 4) &&
		      p[stop + 4] == PP_EV_NO_ACTION && all_zero(p + stop + 5, 3);
	if (!padding && !second) {
		*err = whole;
		return rc;
	}
	rc = pp_evlog_check(p, stop, PP_EVLOG_COUNT_ANY, info, err);
	if (rc == PP_OK && !padding)
		*end = stop;
	return rc;
}

static void merge(struct av_log *log, const struct pp_evlog_pcrs *drtm)
{
	for (u32 k = 0; k < log->pcrs.nbanks; k++)
		for (u32 j = 0; j < drtm->nbanks; j++) {
			if (drtm->bank[j].alg != log->pcrs.bank[k].alg || !drtm->bank[j].replayed)
				continue;
			for (u32 pcr = 17; pcr <= 22; pcr++)
				memcpy(log->pcrs.bank[k].pcr[pcr], drtm->bank[j].pcr[pcr],
				       PP_HASH_MAX_DIGEST);
			log->drtm_known[k] = true;
		}
	log->pcrs.drtm = drtm->drtm;
}

static u32 part_mask(const struct av_log *log, u32 part)
{
	struct pp_evlog_iter it;
	struct pp_evlog_event ev;
	u32 mask = 0;
	pp_evlog_iter_init(&it, log->part[part].p, &log->part[part].info);
	while (pp_evlog_iter_next(&it, &ev))
		if (ev.type != PP_EV_NO_ACTION)
			mask |= 1u << ev.pcr;
	return mask;
}

/*
 * Every event of every part decoded into log->ev, which av_log_each then
 * walks instead of decoding the log again for each check; if the array
 * cannot grow, av_log_each decodes as it goes.
 */
static void decode_all(struct av_log *log)
{
	struct pp_evlog_iter it;
	struct pp_evlog_event ev;
	u32 n = 0, k = 0;
	for (u32 i = 0; i < log->nparts; i++)
		n += log->part[i].info.events;
	if (n > log->ev_cap) {
		free(log->ev);
		log->ev = malloc((size_t)n * sizeof(*log->ev));
		log->ev_cap = log->ev ? n : 0;
		if (!log->ev)
			return;
	}
	for (u32 i = 0; i < log->nparts; i++) {
		pp_evlog_iter_init(&it, log->part[i].p, &log->part[i].info);
		while (k < n && pp_evlog_iter_next(&it, &ev))
			log->ev[k++] = (struct av_log_event){i, ev};
	}
	log->nev = k;
	log->decoded = true;
}

void av_log_free(struct av_log *log)
{
	free(log->ev);
	log->ev = NULL;
	log->ev_cap = log->nev = 0;
	log->decoded = false;
}

int av_log_load(const u8 *p, size_t n, u32 alg_mask, struct av_log *log, const char *what,
		struct pp_err *err)
{
	static struct pp_evlog_pcrs drtm;
	struct pp_err e = {0, ""};
	size_t end = 0;
	struct av_log_event *ev = log->ev;
	u32 ev_cap = log->ev_cap;
	memset(log, 0, sizeof(*log));
	log->ev = ev; /* the array is kept for the next load */
	log->ev_cap = ev_cap;
	int rc = load_part(p, n, true, &log->part[0].info, &end, &e);
	if (rc)
		return pp_fail(err, rc, "%s: %s", what, e.msg);
	log->part[0].p = p;
	log->nparts = 1;
	if (end < n) {
		size_t first = end;
		rc = load_part(p + first, n - first, false, &log->part[1].info, &end, &e);
		if (rc)
			return pp_fail(err, rc, "%s, second log at offset %zu: %s", what, first,
				       e.msg);
		log->part[1].p = p + first;
		log->nparts = 2;
	}
	rc = pp_evlog_replay_some(p, &log->part[0].info, alg_mask, &log->pcrs, err);
	if (rc)
		return rc;
	for (u32 k = 0; k < log->pcrs.nbanks; k++)
		log->drtm_known[k] = log->pcrs.bank[k].replayed;
	log->launch_type = log->part[0].info.launch_type;
	if (log->nparts == 2) {
		if (part_mask(log, 0) & AV_DRTM_PCRS)
			return pp_fail(err, PP_EINVAL,
				       "%s: the firmware log (first) extends PCR 17-22 and a DRTM "
				       "log follows",
				       what);
		if (part_mask(log, 1) & ~AV_DRTM_PCRS)
			return pp_fail(err, PP_EINVAL,
				       "%s: the second log extends PCRs outside 17-22", what);
		if (log->launch_type)
			return pp_fail(err, PP_EINVAL,
				       "%s: the firmware log (first) carries a launch marker",
				       what);
		rc = pp_evlog_replay_some(log->part[1].p, &log->part[1].info, alg_mask, &drtm, err);
		if (rc)
			return rc;
		for (u32 k = 0; k < log->pcrs.nbanks; k++)
			log->drtm_known[k] = false;
		merge(log, &drtm);
		log->launch_type = log->part[1].info.launch_type;
	}
	decode_all(log);
	return PP_OK;
}

void av_log_each(const struct av_log *log, av_event_fn fn, void *ctx)
{
	struct pp_evlog_iter it;
	struct pp_evlog_event ev;
	if (log->decoded) {
		for (u32 k = 0; k < log->nev; k++) {
			u32 i = log->ev[k].part;
			fn(i, log->part[i].p, &log->part[i].info, &log->ev[k].ev, ctx);
		}
		return;
	}
	for (u32 i = 0; i < log->nparts; i++) {
		pp_evlog_iter_init(&it, log->part[i].p, &log->part[i].info);
		while (pp_evlog_iter_next(&it, &ev))
			fn(i, log->part[i].p, &log->part[i].info, &ev, ctx);
	}
}

u32 av_log_pcr_mask(const struct av_log *log)
{
	u32 mask = 0;
	for (u32 i = 0; i < log->nparts; i++)
		mask |= part_mask(log, i);
	return mask;
}

void av_log_where(char *out, size_t cap, u32 part, const struct av_log *log,
		  const struct pp_evlog_event *ev)
{
	snprintf(out, cap, "event %u%s on PCR %u (type 0x%x)", ev->index,
		 log->nparts == 2 ? (part ? " of the DRTM log" : " of the firmware log") : "",
		 ev->pcr, ev->type);
}

const u8 *av_log_pcr(const struct av_log *log, u16 alg, u32 pcr, u16 *size)
{
	for (u32 k = 0; k < log->pcrs.nbanks; k++) {
		if (log->pcrs.bank[k].alg != alg || !log->pcrs.bank[k].replayed)
			continue;
		if (pcr >= 17 && pcr <= 22 && !log->drtm_known[k])
			return NULL;
		*size = log->pcrs.bank[k].size;
		return log->pcrs.bank[k].pcr[pcr];
	}
	return NULL;
}

static bool digest_is_data_hash(u32 type)
{
	switch (type) {
	case PP_EV_SEPARATOR:
	case PP_EV_ACTION:
	case EV_S_CRTM_VERSION:
	case EV_EFI_VARIABLE_DRIVER_CONFIG:
	case EV_EFI_GPT_EVENT:
	case EV_EFI_ACTION:
	case PP_EV_LAUNCH_TYPE:
	case PP_EV_CMDLINE:
	case PP_EV_MODULES:
	case PP_EV_POLICY_VERDICT:
	case PP_EV_LAUNCH_FAILED: return true;
	default: return false;
	}
}

u32 av_grub_string(const u8 *data, u32 len)
{
	static const char *const prefixes[] = {
	    "grub_cmd: ", "kernel_cmdline: ", "module_cmdline: "};
	if (len == 0 || data[len - 1] != 0)
		return 0;
	for (u32 i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		u32 n = (u32)strlen(prefixes[i]);
		if (len > n && !memcmp(data, prefixes[i], n))
			return n;
	}
	return 0;
}

struct digest_ctx {
	const struct av_log *log;
	struct av_result *r;
};

static void digest_one(u32 part, const u8 *b, const struct pp_evlog_info *info,
		       const struct pp_evlog_event *ev, void *ctx)
{
	struct digest_ctx *c = ctx;
	u8 d[PP_HASH_MAX_DIGEST];
	char where[96];
	u32 skip = 0, len = ev->data_len;
	if (ev->pcr == 8 && ev->type == PP_EV_IPL) {
		skip = av_grub_string(b + ev->data_off, ev->data_len);
		if (!skip)
			return;
		len -= skip + 1; /* the text, without its prefix and NUL */
	} else if (!digest_is_data_hash(ev->type)) {
		return;
	}
	for (u32 k = 0; k < info->nalgs; k++) {
		if (!pp_hash_supported(info->algs[k].alg))
			continue;
		if (pp_hash(info->algs[k].alg, b + ev->data_off + skip, len, d) != PP_OK ||
		    memcmp(d, b + ev->digest_off[k], info->algs[k].size) != 0) {
			av_log_where(where, sizeof(where), part, c->log, ev);
			av_failf(c->r, AV_EVENTLOG_DIGEST_MISMATCH,
				 "%s: the %s digest is not the hash of the event data", where,
				 pp_evlog_alg_name(info->algs[k].alg));
			return;
		}
	}
}

void av_log_check_digests(const struct av_log *log, struct av_result *r)
{
	struct digest_ctx c = {log, r};
	av_log_each(log, digest_one, &c);
}

struct last_event {
	u32 pcr;
	bool found;
	char where[96];
	const struct av_log *log;
};

static void last_on(u32 part, const u8 *b, const struct pp_evlog_info *info,
		    const struct pp_evlog_event *ev, void *ctx)
{
	struct last_event *l = ctx;
	(void)b;
	(void)info;
	if (ev->pcr == l->pcr && ev->type != PP_EV_NO_ACTION) {
		l->found = true;
		av_log_where(l->where, sizeof(l->where), part, l->log, ev);
	}
}

void av_log_check_replay(const struct av_log *log, const struct av_pcr_values *pv,
			 struct av_result *r)
{
	for (u32 i = 0; i < pv->n; i++) {
		u16 size = 0;
		const char *bank = pp_evlog_alg_name(pv->v[i].alg);
		const u8 *want = av_log_pcr(log, pv->v[i].alg, pv->v[i].pcr, &size);
		if (!want) {
			av_failf(r, AV_EVENTLOG_REPLAY_MISMATCH,
				 "PCR %u (%s): the event log cannot replay this bank", pv->v[i].pcr,
				 bank);
			continue;
		}
		if (size == pv->v[i].size && !memcmp(want, pv->v[i].v, size))
			continue;
		struct last_event l = {pv->v[i].pcr, false, "", log};
		av_log_each(log, last_on, &l);
		av_failf(r, AV_EVENTLOG_REPLAY_MISMATCH,
			 "PCR %u (%s): the quoted value is not the log's replay (last event: %s)",
			 pv->v[i].pcr, bank, l.found ? l.where : "none");
	}
}
