// SPDX-License-Identifier: GPL-2.0-only
/* pp_evlog_resume (parapet/eventlog.h): a writer over a checked log. */
#include <parapet/eventlog.h>
#include <parapet/string.h>

int pp_evlog_resume(struct pp_evlog *log, void *buf, u32 cap, const struct pp_evlog_info *info)
{
	memset(log, 0, sizeof(*log));
	if (!buf || info->len > cap || info->len < info->header_len || !info->nalgs ||
	    info->nalgs > PP_EVLOG_MAX_ALGS)
		return log->status = pp_fail(&log->err, PP_EINVAL,
					     "evlog resume: %u bytes, %u banks in a %u-byte buffer",
					     info->len, info->nalgs, cap);
	log->buf = buf;
	log->cap = cap;
	log->len = info->len;
	log->events = info->events;
	log->nalgs = info->nalgs;
	memcpy(log->algs, info->algs, sizeof(log->algs));
	log->launch_type = info->launch_type;
	log->drtm_started = info->drtm;
	return PP_OK;
}
