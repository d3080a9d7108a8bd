/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The service partition's evidence (guest/service_logs.c): the DRTM and
 * firmware event logs (eventlog-read capability) and the DMA fault summary
 * (faultlog-read), each mapped read-only through PP_HC_LOG_MAP above its
 * 16 MiB of RAM and in its own page tables. The hypervisor made the copies
 * (docs/hypercalls.md); the agent serves them as they are, and the verifier
 * judges them.
 */
#ifndef GUEST_SERVICE_LOGS_H
#define GUEST_SERVICE_LOGS_H

#include <stdint.h>

/* Where each is mapped: 32, 34, 36 and 38 MiB, one 2 MiB page each (the
 * enforced policy's signed file: PP_HC_LOG_POLICY, eventlog-read). */
#define SERVICE_LOG_GPA 0x2000000ull
#define SERVICE_FWLOG_GPA 0x2200000ull
#define SERVICE_FAULTS_GPA 0x2400000ull
#define SERVICE_POLICY_GPA 0x2600000ull

struct service_logs {
	const uint8_t *drtm, *fw, *faults, *policy; /* NULL: this boot does not have it */
	uint64_t drtm_len, fw_len, faults_len, policy_len;
};

/* Maps what the capabilities allow, printing one line for each. */
void service_logs_map(struct service_logs *out);

#endif
