/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Inside the agent core (attest/agent/): one function per request type,
 * each building its reply in w from a request pp_at_parse accepted. On a
 * refusal they return the protocol error code (enum pp_at_err) with err
 * filled, and the caller replaces whatever w holds with an ERROR frame.
 */
#ifndef PARAPET_ATTEST_AGENT_INT_H
#define PARAPET_ATTEST_AGENT_INT_H

#include "attest/agent/agent.h"

int agent_info(struct pp_agent *a, struct pp_at_wr *w, struct pp_err *err);
int agent_activate(struct pp_agent *a, const struct pp_at_msg *m, struct pp_at_wr *w,
		   struct pp_err *err);
int agent_quote(struct pp_agent *a, const struct pp_at_msg *m, struct pp_at_wr *w,
		struct pp_err *err);

#endif
