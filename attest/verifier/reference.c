// SPDX-License-Identifier: GPL-2.0-only
/*
 * The reference (--reference FILE), one of:
 *  - reference.json from refgen (schema parapet-reference-v1,
 *    docs/measurements.md): the launch type, PCR 17-19 per bank and every
 *    event of the predicted DRTM log. Read with json-c, strictly: unknown
 *    schema, missing members, bad hex or sizes are errors of the reference
 *    (a usage error, exit 2), never a silently empty reference;
 *  - a known-good binary event log (e.g. the DRTM log a known-good boot
 *    exported), checked and replayed like the evidence's: the evidence must
 *    reproduce its events on every PCR it extends.
 * Either way the comparison is PCR by PCR: the events on it (type, data,
 * digests) and the quoted value in every bank both have. Only a reference
 * that covers PCR 17, 18 and 19 in a quoted bank lets the verdict affirm.
 */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <parapet/hash.h>
#include <parapet/measure_plan.h>
#include "attest/verifier/events.h"

#define REF_PCR_FIRST 17u
#define REF_PCR_LAST 19u
#define REF_DRTM_MASK 0x000E0000u /* PCR 17-19 */

struct av_ref {
	bool is_log;
	/* binary log */
	struct av_buf bytes;
	struct av_log log;
	/* reference.json */
	u32 launch;
	u32 nbanks;
	struct {
		u16 alg, size;
		u8 pcr[REF_PCR_LAST - REF_PCR_FIRST + 1][PP_HASH_MAX_DIGEST];
	} bank[PP_EVLOG_MAX_ALGS];
	u8 *store; /* event data and digests of the JSON events */
	/* both */
	struct av_events ev;
};

bool av_ref_is_log(const struct av_ref *ref)
{
	return ref->is_log;
}

void av_ref_free(struct av_ref *ref)
{
	if (!ref)
		return;
	free(ref->bytes.p);
	free(ref->store);
	av_events_free(&ref->ev);
	av_log_free(&ref->log);
	free(ref);
}

static u16 alg_by_name(const char *name)
{
	static const u16 algs[] = {PP_ALG_SHA1, PP_ALG_SHA256, PP_ALG_SHA384, PP_ALG_SHA512};
	for (u32 i = 0; i < sizeof(algs) / sizeof(algs[0]); i++)
		if (!strcmp(name, pp_evlog_alg_name(algs[i])))
			return algs[i];
	return 0;
}

static int unhex(const char *s, u8 *out, size_t want)
{
	if (strlen(s) != 2 * want)
		return -1;
	for (size_t i = 0; i < want; i++) {
		unsigned v;
		if (sscanf(s + 2 * i, "%2x", &v) != 1 || !strchr("0123456789abcdef", s[2 * i]) ||
		    !strchr("0123456789abcdef", s[2 * i + 1]))
			return -1;
		out[i] = (u8)v;
	}
	return 0;
}

static const char *str_of(json_object *o, const char *key)
{
	json_object *v;
	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static int json_pcrs(struct av_ref *ref, json_object *pcrs, char *err, size_t errlen)
{
	json_object_object_foreach(pcrs, bank, vals)
	{
		u16 alg = alg_by_name(bank);
		if (!alg || ref->nbanks == PP_EVLOG_MAX_ALGS ||
		    !json_object_is_type(vals, json_type_object)) {
			snprintf(err, errlen, "pcrs: bank \"%s\" unknown", bank);
			return -1;
		}
		ref->bank[ref->nbanks].alg = alg;
		ref->bank[ref->nbanks].size = (u16)pp_hash_digest_size(alg);
		for (u32 p = REF_PCR_FIRST; p <= REF_PCR_LAST; p++) {
			char key[4];
			snprintf(key, sizeof(key), "%u", p);
			const char *hex = str_of(vals, key);
			if (!hex || unhex(hex, ref->bank[ref->nbanks].pcr[p - REF_PCR_FIRST],
					  ref->bank[ref->nbanks].size)) {
				snprintf(err, errlen, "pcrs.%s.%u missing or not %u hex bytes",
					 bank, p, ref->bank[ref->nbanks].size);
				return -1;
			}
		}
		ref->nbanks++;
	}
	return ref->nbanks ? 0 : -1;
}

/* Per event of the JSON: data (up to 4 KiB: names, a manifest) then the digests. */
#define REF_EV_DATA_MAX 4096u
#define REF_EV_STORE (REF_EV_DATA_MAX + PP_EVLOG_MAX_ALGS * PP_HASH_MAX_DIGEST)

static int json_event(struct av_ref *ref, u32 i, json_object *o, char *err, size_t errlen)
{
	struct av_event *x = &ref->ev.v[i];
	u8 *st = ref->store + (size_t)i * REF_EV_STORE;
	json_object *pcr, *dig;
	const char *type = str_of(o, "type"), *data = str_of(o, "data_hex");
	char *end = NULL;
	memset(x, 0, sizeof(*x));
	if (!json_object_object_get_ex(o, "pcr", &pcr) ||
	    !json_object_is_type(pcr, json_type_int) || !type || !data ||
	    !json_object_object_get_ex(o, "digests", &dig) ||
	    !json_object_is_type(dig, json_type_object))
		goto bad;
	x->pcr = (u32)json_object_get_int(pcr);
	x->type = (u32)strtoul(type, &end, 16);
	size_t dlen = strlen(data) / 2;
	if (x->pcr >= PP_EVLOG_NUM_PCRS || strncmp(type, "0x", 2) != 0 || *end ||
	    dlen > REF_EV_DATA_MAX || unhex(data, st, dlen))
		goto bad;
	x->data = st;
	x->len = (u32)dlen;
	u8 *dp = st + REF_EV_DATA_MAX;
	json_object_object_foreach(dig, bank, hex)
	{
		u16 alg = alg_by_name(bank);
		u32 size = pp_hash_digest_size(alg);
		if (!alg || x->nd == PP_EVLOG_MAX_ALGS ||
		    !json_object_is_type(hex, json_type_string) ||
		    unhex(json_object_get_string(hex), dp, size))
			goto bad;
		x->dig[x->nd].alg = alg;
		x->dig[x->nd].size = (u16)size;
		x->dig[x->nd].d = dp;
		x->nd++;
		dp += PP_HASH_MAX_DIGEST;
	}
	x->index = i;
	snprintf(x->name, sizeof(x->name), "%s", str_of(o, "name") ? str_of(o, "name") : "");
	return 0;
bad:
	snprintf(err, errlen, "events[%u]: malformed (pcr, type \"0x..\", data_hex, digests)", i);
	return -1;
}

static int load_json(struct av_ref *ref, const u8 *p, size_t n, char *err, size_t errlen)
{
	int rc = -1;
	json_tokener *tok = json_tokener_new();
	json_object *root = NULL, *pcrs, *events, *count;
	const char *schema, *launch;
	if (!tok)
		return -1;
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	root = json_tokener_parse_ex(tok, (const char *)p, (int)n);
	if (!root || json_tokener_get_error(tok) != json_tokener_success) {
		snprintf(err, errlen, "not valid JSON (%s)",
			 json_tokener_error_desc(json_tokener_get_error(tok)));
		goto out;
	}
	schema = str_of(root, "schema");
	launch = str_of(root, "launch_type");
	if (!schema || strcmp(schema, "parapet-reference-v1") != 0) {
		snprintf(err, errlen, "schema is not parapet-reference-v1");
		goto out;
	}
	if (!launch || pp_launch_type_parse(launch, &ref->launch) != PP_OK) {
		snprintf(err, errlen, "launch_type missing or unknown");
		goto out;
	}
	if (!json_object_object_get_ex(root, "pcrs", &pcrs) ||
	    !json_object_is_type(pcrs, json_type_object) || json_pcrs(ref, pcrs, err, errlen)) {
		if (!err[0])
			snprintf(err, errlen, "pcrs missing or empty");
		goto out;
	}
	if (!json_object_object_get_ex(root, "events", &events) ||
	    !json_object_is_type(events, json_type_array) ||
	    !json_object_object_get_ex(root, "event_count", &count) ||
	    json_object_get_int(count) < 0 ||
	    (size_t)json_object_get_int(count) != json_object_array_length(events) ||
	    json_object_array_length(events) > PP_EVLOG_MAX_EVENTS) {
		snprintf(err, errlen, "events missing or not event_count long");
		goto out;
	}
	u32 ne = (u32)json_object_array_length(events);
	ref->ev.v = calloc(ne ? ne : 1, sizeof(*ref->ev.v));
	ref->store = malloc((size_t)(ne ? ne : 1) * REF_EV_STORE);
	if (!ref->ev.v || !ref->store) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	ref->ev.cap = ref->ev.n = ne;
	for (u32 i = 0; i < ne; i++)
		if (json_event(ref, i, json_object_array_get_idx(events, i), err, errlen))
			goto out;
	rc = 0;
out:
	json_object_put(root);
	json_tokener_free(tok);
	return rc;
}

int av_ref_from_bytes(const u8 *p, size_t n, struct av_ref **out, char *err, size_t errlen)
{
	struct av_ref *ref = calloc(1, sizeof(*ref));
	struct pp_err e = {0, ""};
	size_t i = 0;
	*out = NULL;
	err[0] = 0;
	if (!ref) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	while (i < n && (p[i] == ' ' || p[i] == '\n' || p[i] == '\t' || p[i] == '\r'))
		i++;
	if (i < n && p[i] == '{') {
		if (load_json(ref, p, n, err, errlen))
			goto fail;
	} else {
		ref->is_log = true;
		ref->bytes.p = malloc(n ? n : 1);
		if (!ref->bytes.p)
			goto fail;
		memcpy(ref->bytes.p, p, n);
		ref->bytes.n = n;
		if (av_log_load(ref->bytes.p, n, PP_EVLOG_ALL_BANKS, &ref->log, "reference log",
				&e) ||
		    av_events_from_log(&ref->log, &ref->ev)) {
			snprintf(err, errlen, "%s", e.msg);
			goto fail;
		}
	}
	*out = ref;
	return 0;
fail:
	if (!err[0])
		snprintf(err, errlen, "out of memory");
	av_ref_free(ref);
	return -1;
}

int av_ref_load(const char *path, struct av_ref **out, char *err, size_t errlen)
{
	struct av_buf b;
	char why[AV_MSG_MAX];
	if (av_read_file(path, &b, err, errlen))
		return -1;
	int rc = av_ref_from_bytes(b.p, b.n, out, why, sizeof(why));
	if (rc)
		snprintf(err, errlen, "%s: %s", path, why);
	free(b.p);
	return rc;
}

/* The reference's value of PCR pcr in bank alg, NULL if it has none. */
static const u8 *ref_value(const struct av_ref *ref, u16 alg, u32 pcr)
{
	u16 size;
	if (ref->is_log)
		return av_log_pcr(&ref->log, alg, pcr, &size);
	if (pcr < REF_PCR_FIRST || pcr > REF_PCR_LAST)
		return NULL;
	for (u32 k = 0; k < ref->nbanks; k++)
		if (ref->bank[k].alg == alg)
			return ref->bank[k].pcr[pcr - REF_PCR_FIRST];
	return NULL;
}

/* Compare one PCR: events, then every quoted bank the reference has. */
static u32 check_pcr(const struct av_ref *ref, const struct av_events *got,
		     const struct av_pcr_values *pv, u32 pcr, struct av_result *r)
{
	char msg[AV_MSG_MAX - 32];
	u32 banks = 0;
	bool same = av_events_compare_pcr(got, &ref->ev, pcr, msg, sizeof(msg));
	for (u32 i = 0; i < pv->n; i++) {
		if (pv->v[i].pcr != pcr)
			continue;
		const u8 *want = ref_value(ref, pv->v[i].alg, pcr);
		if (!want)
			continue;
		banks++;
		if (!memcmp(want, pv->v[i].v, pv->v[i].size))
			continue;
		av_failf(r, AV_REFERENCE_MISMATCH,
			 "PCR %u (%s): the quoted value is not the reference's%s%s", pcr,
			 pp_evlog_alg_name(pv->v[i].alg), same ? "" : "; ", same ? "" : msg);
		return banks;
	}
	if (!same)
		av_failf(r, AV_REFERENCE_MISMATCH, "PCR %u: %s", pcr, msg);
	return banks;
}

void av_ref_check(const struct av_ref *ref, const struct av_log *log,
		  const struct av_pcr_values *pv, struct av_result *r)
{
	struct av_events got;
	u32 mask = ref->is_log ? av_log_pcr_mask(&ref->log) : REF_DRTM_MASK;
	u32 covered = 0;
	if (!ref->is_log && ref->launch != log->launch_type)
		av_failf(r, AV_REFERENCE_MISMATCH, "PCR 17: launch type %s, the reference's is %s",
			 pp_launch_type_name(log->launch_type), pp_launch_type_name(ref->launch));
	if (av_events_from_log_pcrs(log, mask, &got)) {
		av_failf(r, AV_EVIDENCE_MALFORMED, "out of memory");
		return;
	}
	for (u32 pcr = 0; pcr < PP_EVLOG_NUM_PCRS; pcr++)
		if (mask & (1u << pcr))
			covered |= check_pcr(ref, &got, pv, pcr, r) ? 1u << pcr : 0;
	av_events_free(&got);
	r->reference_drtm = (covered & REF_DRTM_MASK) == REF_DRTM_MASK;
}
