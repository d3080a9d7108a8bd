// SPDX-License-Identifier: GPL-2.0-only
/* Capability lookup helpers (cap.h). */
#include "cap.h"
#include "hc.h"

static uint64_t self_id, self_ncaps;
static int self_known;

int64_t gk_self(uint64_t *id, uint64_t *ncaps)
{
	if (!self_known) {
		int64_t st = gk_hc_part_info(&self_id, &self_ncaps);
		if (st != PP_HC_OK)
			return st;
		self_known = 1;
	}
	if (id)
		*id = self_id;
	if (ncaps)
		*ncaps = self_ncaps;
	return PP_HC_OK;
}

/* Walks the table for the n-th match. Returns 0 with *out, or -1. */
static int walk(uint64_t type, uint64_t rights, int by_target, uint64_t target, unsigned n,
		struct gk_cap *out)
{
	uint64_t ncaps;
	if (gk_self(0, &ncaps) != PP_HC_OK)
		return -1;
	for (uint64_t sel = 0; sel < ncaps; sel++) {
		struct gk_cap c = {sel, 0, 0, 0};
		if (gk_hc_cap_info(sel, &c.type, &c.target, &c.rights) != PP_HC_OK)
			continue;
		if (c.type != type || (c.rights & rights) != rights)
			continue;
		if (by_target && c.target != target)
			continue;
		if (n--)
			continue;
		*out = c;
		return 0;
	}
	return -1;
}

int gk_cap_find(uint64_t type, uint64_t rights, unsigned n, struct gk_cap *out)
{
	return walk(type, rights, 0, 0, n, out);
}

int gk_cap_find_target(uint64_t type, uint64_t target, struct gk_cap *out)
{
	return walk(type, 0, 1, target, 0, out);
}

int gk_chan_end(unsigned n, struct gk_cap *out)
{
	return walk(PP_HC_CAP_CHANNEL, 0, 0, 0, n, out);
}

int gk_chan_end_to(uint64_t peer, struct gk_cap *out)
{
	return walk(PP_HC_CAP_CHANNEL, 0, 1, peer, 0, out);
}

const char *gk_cap_type_name(uint64_t type)
{
	switch (type) {
	case PP_HC_CAP_CONSOLE: return "console";
	case PP_HC_CAP_TPM: return "tpm";
	case PP_HC_CAP_EVENTLOG_READ: return "eventlog-read";
	case PP_HC_CAP_FAULTLOG_READ: return "faultlog-read";
	case PP_HC_CAP_CONTROL: return "control";
	case PP_HC_CAP_CHANNEL: return "channel";
	default: return "unknown";
	}
}

const char *gk_status_name(int64_t status)
{
	switch (status) {
	case PP_HC_OK: return "ok";
	case PP_HC_ENOSYS: return "enosys";
	case PP_HC_EPERM: return "eperm";
	case PP_HC_EINVAL: return "einval";
	case PP_HC_EFAULT: return "efault";
	case PP_HC_ESTATE: return "estate";
	case PP_HC_ENOTSUP: return "enotsup";
	default: return "unknown";
	}
}
