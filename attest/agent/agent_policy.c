// SPDX-License-Identifier: GPL-2.0-only
/*
 * The policy verdict the agent serves as its POLICY item (attest/agent/
 * agent.h, docs/attest-agent.md): the text of the DRTM log's last PCR 18
 * event of type PP_EV_POLICY_VERDICT (parapet/measure_plan.h), which the
 * hypervisor extends after it chose or refused the policy.
 *
 * Trust: the log is a read-only copy the hypervisor mapped; the agent does
 * not trust it further than the verifier will (POLICY is a convenience
 * copy: the verifier reads the same event from DRTM_LOG and replays it
 * against the quote). It is checked whole by common/eventlog before any
 * event is read, an all-zero tail after the events being the page's
 * padding; the verdict must be 1 to PP_AT_POLICY_MAX printable ASCII bytes.
 */
#include <parapet/eventlog.h>
#include <parapet/measure_plan.h>
#include <parapet/string.h>
#include "attest/agent/agent.h"

static bool all_zero(const u8 *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

int pp_agent_policy_verdict(const u8 *log, size_t len, char out[PP_AT_POLICY_MAX + 1],
			    struct pp_err *err)
{
	struct pp_evlog_info info;
	struct pp_evlog_iter it;
	struct pp_evlog_event ev;
	bool found = false;
	u32 off = 0, n = 0;
	int rc;

	out[0] = '\0';
	if (!log || !len)
		return pp_fail(err, PP_ENOENT, "policy verdict: this boot has no DRTM log");
	memset(&info, 0, sizeof(info));
	rc = pp_evlog_check(log, len, PP_EVLOG_COUNT_ANY, &info, err);
	if (rc && info.len && info.len < len && all_zero(log + info.len, len - info.len))
		rc = pp_evlog_check(log, info.len, PP_EVLOG_COUNT_ANY, &info, err);
	if (rc)
		return rc;
	pp_evlog_iter_init(&it, log, &info);
	while (pp_evlog_iter_next(&it, &ev)) {
		if (ev.pcr == PP_PCR_POLICY && ev.type == PP_EV_POLICY_VERDICT) {
			found = true;
			off = ev.data_off;
			n = ev.data_len;
		}
	}
	if (!found)
		return pp_fail(
		    err, PP_ENOENT,
		    "policy verdict: no PCR 18 event of type 0x%x in the %u-event DRTM log",
		    PP_EV_POLICY_VERDICT, info.events);
	if (n == 0 || n > PP_AT_POLICY_MAX)
		return pp_fail(err, PP_ERANGE, "policy verdict: %u bytes of data, expected 1 to %u",
			       n, PP_AT_POLICY_MAX);
	for (u32 i = 0; i < n; i++)
		if (log[off + i] < 0x20 || log[off + i] > 0x7e)
			return pp_fail(err, PP_EINVAL,
				       "policy verdict: byte 0x%02x at data offset %u is not "
				       "printable ASCII",
				       log[off + i], i);
	memcpy(out, log + off, n);
	out[n] = '\0';
	return PP_OK;
}
