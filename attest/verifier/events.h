/* SPDX-License-Identifier: GPL-2.0-only */
/* Events for the reference comparison (events.c). */
#ifndef PARAPET_ATTEST_EVENTS_H
#define PARAPET_ATTEST_EVENTS_H

#include "attest/verifier/verifier.h"

struct av_event {
	u32 pcr, type;
	const u8 *data;
	u32 len;
	u32 nd;
	struct {
		u16 alg, size;
		const u8 *d;
	} dig[PP_EVLOG_MAX_ALGS];
	u32 part, index; /* where it is: log part and index, or the JSON's index */
	char name[24];	 /* the reference.json event's "name" */
};

struct av_events {
	u32 n, cap;
	struct av_event *v;
	const struct av_log *log; /* NULL for reference.json */
	u32 pcrs;		  /* from a log: the PCRs collected (bit n) */
};

int av_events_from_log(const struct av_log *log, struct av_events *e);
/* Only the events on the PCRs in pcrs (bit n): a comparison of those PCRs. */
int av_events_from_log_pcrs(const struct av_log *log, u32 pcrs, struct av_events *e);
void av_events_free(struct av_events *e);
/* true if both put the same events on pcr; else msg says where they part. */
bool av_events_compare_pcr(const struct av_events *got, const struct av_events *ref, u32 pcr,
			   char *msg, size_t cap);

#endif
