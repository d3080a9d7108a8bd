/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The attestation agent in the service partition (docs/attest-agent.md):
 * the TPM's locality-0 page (passed through by the policy, `capability
 * tpm`), the agent core (attest/agent/) and its serial line
 * (agent_line.h). service_agent_start opens all three once; then
 * service_agent_poll, called from the partition's main loop, moves the
 * bytes that arrived into the frame receiver and answers each complete
 * request.
 */
#ifndef GUEST_SERVICE_AGENT_H
#define GUEST_SERVICE_AGENT_H

#include <stdbool.h>
#include "service_logs.h"

/* true when the agent serves (it printed "agent: ready ..."); false with a
 * line saying what is missing. */
bool service_agent_start(const struct service_logs *logs);
/* Handles what the line brought; returns quickly when nothing did. */
void service_agent_poll(void);

#endif
