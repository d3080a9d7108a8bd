/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `export-logs` (hypervisor command line): print the DRTM event log, the
 * firmware event log and PCR 0-9 of every active bank on the console in
 * the text form docs/console.md ("Log export") defines, so that a host
 * command (tests/evlog-export/evlog-decode) turns them back into the exact
 * binary logs.
 */
#ifndef PARAPET_HV_LOG_EXPORT_H
#define PARAPET_HV_LOG_EXPORT_H

#include <parapet/handoff.h>
#include <parapet/types.h>

/* True when the command line holds the word `export-logs`. */
bool log_export_requested(const struct pp_handoff *h);
/* Print the export when requested (call after fwlog_init and hv_tpm_init). */
void log_export(const struct pp_handoff *h);

/* One log in the export form (also for the host tests of the decoder). */
void log_export_bytes(const char *name, const u8 *b, u32 len);

#endif
