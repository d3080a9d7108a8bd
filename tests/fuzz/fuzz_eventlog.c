// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the TCG event-log validator, iterator and replay
 * (common/eventlog/). The input is copied into a heap buffer of exactly its
 * size (ASan catches any read past it). Invariants checked on every input:
 * a rejection always carries a message; an accepted log is covered exactly
 * by its header and events, replays, and validates again with its own event
 * count but not with a count one higher or one lower.
 */
#include <stdlib.h>
#include <string.h>
#include <parapet/eventlog.h>

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static struct pp_evlog_pcrs pcrs;

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct pp_evlog_info info, again;
	struct pp_err err = {0, ""};
	if (size > (1u << 20))
		return 0;
	u8 *buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);

	if (pp_evlog_check(buf, size, PP_EVLOG_COUNT_ANY, &info, &err) != PP_OK) {
		if (!err.msg[0] || err.code >= 0)
			abort(); /* every rejection is precise */
		free(buf);
		return 0;
	}
	if (info.len != size || info.header_len > size || info.events > PP_EVLOG_MAX_EVENTS)
		abort();

	struct pp_evlog_iter it;
	struct pp_evlog_event ev;
	u64 covered = info.header_len;
	u32 n = 0;
	pp_evlog_iter_init(&it, buf, &info);
	while (pp_evlog_iter_next(&it, &ev)) {
		if (ev.off != covered || ev.pcr >= PP_EVLOG_NUM_PCRS ||
		    (u64)ev.data_off + ev.data_len > size || ev.off + ev.size > size)
			abort();
		covered += ev.size;
		n++;
	}
	if (n != info.events || covered != size)
		abort();

	if (pp_evlog_replay(buf, &info, &pcrs, &err) != PP_OK || pcrs.nbanks != info.nalgs ||
	    pcrs.drtm != info.drtm)
		abort();

	if (pp_evlog_check(buf, size, info.events, &again, &err) != PP_OK)
		abort();
	if (pp_evlog_check(buf, size, info.events + 1, &again, &err) == PP_OK)
		abort();
	if (info.events && pp_evlog_check(buf, size, info.events - 1, &again, &err) == PP_OK)
		abort();
	free(buf);
	return 0;
}
