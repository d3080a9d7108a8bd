// SPDX-License-Identifier: GPL-2.0-only
/*
 * Events as the reference comparison sees them: PCR, type, data and the
 * digest of each bank, taken from a checked log (pointers into its bytes)
 * or from reference.json (owned). Two sequences compare PCR by PCR: the
 * events one log puts on a PCR must be those of the other, in order, with
 * the same type, data and digests in every bank both have.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "attest/verifier/events.h"

static void collect_one(u32 part, const u8 *b, const struct pp_evlog_info *info,
			const struct pp_evlog_event *ev, void *ctx)
{
	struct av_events *e = ctx;
	if (e->n == e->cap || !(e->pcrs & (1u << ev->pcr)))
		return;
	struct av_event *x = &e->v[e->n++];
	memset(x, 0, sizeof(*x));
	x->pcr = ev->pcr;
	x->type = ev->type;
	x->data = b + ev->data_off;
	x->len = ev->data_len;
	x->nd = info->nalgs;
	for (u32 k = 0; k < info->nalgs; k++) {
		x->dig[k].alg = info->algs[k].alg;
		x->dig[k].size = info->algs[k].size;
		x->dig[k].d = b + ev->digest_off[k];
	}
	x->part = part;
	x->index = ev->index;
}

/* "event N of the DRTM log on PCR P (type T)", formatted only for messages. */
static void where(const struct av_events *e, const struct av_event *x, char *out, size_t cap)
{
	if (e->log) {
		struct pp_evlog_event ev = {.index = x->index, .pcr = x->pcr, .type = x->type};
		av_log_where(out, cap, x->part, e->log, &ev);
	} else {
		snprintf(out, cap, "event %u on PCR %u (type 0x%x, \"%s\")", x->index, x->pcr,
			 x->type, x->name);
	}
}

int av_events_from_log_pcrs(const struct av_log *log, u32 pcrs, struct av_events *e)
{
	u32 n = 0;
	for (u32 i = 0; i < log->nparts; i++)
		n += log->part[i].info.events;
	memset(e, 0, sizeof(*e));
	e->v = malloc((n ? n : 1) * sizeof(*e->v)); /* v[0, n) filled by collect_one */
	if (!e->v)
		return -1;
	e->cap = n;
	e->log = log;
	e->pcrs = pcrs;
	av_log_each(log, collect_one, e);
	return 0;
}

int av_events_from_log(const struct av_log *log, struct av_events *e)
{
	return av_events_from_log_pcrs(log, ~0u, e);
}

void av_events_free(struct av_events *e)
{
	free(e->v);
	memset(e, 0, sizeof(*e));
}

static const u8 *digest_of(const struct av_event *x, u16 alg, u16 *size)
{
	for (u32 k = 0; k < x->nd; k++)
		if (x->dig[k].alg == alg) {
			*size = x->dig[k].size;
			return x->dig[k].d;
		}
	return NULL;
}

/* Why a and b differ ("" if they don't). */
static void differ(const struct av_event *a, const struct av_event *b, char *why, size_t cap)
{
	why[0] = 0;
	if (a->type != b->type) {
		snprintf(why, cap, "type 0x%x, the reference has 0x%x", a->type, b->type);
		return;
	}
	if (a->len != b->len || memcmp(a->data, b->data, a->len) != 0) {
		snprintf(why, cap, "event data differs from the reference's");
		return;
	}
	for (u32 k = 0; k < a->nd; k++) {
		u16 sa = a->dig[k].size, sb = 0;
		const u8 *db = digest_of(b, a->dig[k].alg, &sb);
		if (db && (sa != sb || memcmp(a->dig[k].d, db, sa) != 0)) {
			snprintf(why, cap, "%s digest differs from the reference's",
				 pp_evlog_alg_name(a->dig[k].alg));
			return;
		}
	}
}

bool av_events_compare_pcr(const struct av_events *got, const struct av_events *ref, u32 pcr,
			   char *msg, size_t cap)
{
	u32 i = 0, j = 0;
	char why[128], at[96];
	for (;;) {
		while (i < got->n && got->v[i].pcr != pcr)
			i++;
		while (j < ref->n && ref->v[j].pcr != pcr)
			j++;
		if (i == got->n && j == ref->n)
			return true;
		if (i == got->n) {
			where(ref, &ref->v[j], at, sizeof(at));
			snprintf(msg, cap, "the log lacks the reference's %s", at);
			return false;
		}
		if (j == ref->n) {
			where(got, &got->v[i], at, sizeof(at));
			snprintf(msg, cap, "%s is not in the reference", at);
			return false;
		}
		differ(&got->v[i], &ref->v[j], why, sizeof(why));
		if (why[0]) {
			where(got, &got->v[i], at, sizeof(at));
			snprintf(msg, cap, "%s: %s", at, why);
			return false;
		}
		i++;
		j++;
	}
}
