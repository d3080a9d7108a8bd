/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the secure loader measured (docs/measurements.md): the hypervisor
 * keeps the DRTM event log in its own .bss (no guest can write it; the
 * handoff's copy lies in launch memory) and prints the launch type, PCR
 * 17-19 as read back from the TPM and the log's size (docs/console.md).
 */
#ifndef PARAPET_HV_MEASURE_REPORT_H
#define PARAPET_HV_MEASURE_REPORT_H

#include <parapet/eventlog.h>
#include <parapet/handoff.h>
#include <parapet/types.h>

#define HV_DRTM_LOG_MAX 0x10000u /* the SL's log buffer size */
/* Room after the SL's log for the hypervisor's own events (the verdict). */
#define HV_DRTM_LOG_ROOM 0x400u

/* Copy the DRTM log into .bss and validate it (panics when it is invalid). */
void measure_log_take(const struct pp_handoff *h);
/* The kept copy (NULL, 0 when the launch measured nothing). */
const u8 *measure_log_get(u32 *len, const struct pp_evlog_info **info);
/* Print "hv: launch: ...", "measure: drtm log: ..." (or why there is no TPM). */
void measure_report(const struct pp_handoff *h);
/* Print "measure: pcrN <bank> <hex>" for PCR 17-20 as the TPM holds them
 * now: after the policy verdict (policy_verdict.c), the last extend. */
void measure_report_pcrs(void);
/*
 * Append one event (pcr, type, data as its event data, digests d in the
 * log's banks, in its header's order) to the kept DRTM log: the
 * hypervisor's policy verdict. The log is re-checked afterwards.
 */
int measure_log_append(u32 pcr, u32 type, const struct pp_evlog_digests *d, const void *data,
		       u32 len, struct pp_err *err);

#endif
