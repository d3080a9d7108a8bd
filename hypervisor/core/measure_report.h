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

/* Copy the DRTM log into .bss and validate it (panics when it is invalid). */
void measure_log_take(const struct pp_handoff *h);
/* The kept copy (NULL, 0 when the launch measured nothing). */
const u8 *measure_log_get(u32 *len, const struct pp_evlog_info **info);
/* Print "hv: launch: ...", "measure: pcrN <bank> <hex>", "measure: drtm log: ...". */
void measure_report(const struct pp_handoff *h);

#endif
