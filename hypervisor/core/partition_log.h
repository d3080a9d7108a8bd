/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The event logs a partition may map read-only (PP_HC_LOG_MAP,
 * docs/hypercalls.md): page-aligned copies of the DRTM log the hypervisor
 * kept (with its policy verdict, the boot's last event) and of the
 * firmware log, made once when the partitions are built, in pages of their
 * own so a mapping exposes nothing else of the hypervisor's memory.
 */
#ifndef PARAPET_HV_PARTITION_LOG_H
#define PARAPET_HV_PARTITION_LOG_H

#include "hypervisor/lib/pt/pt.h"

/* Make the copies (a log that is absent or does not fit stays unmappable). */
void partition_logs_snapshot(void);
/* Map log `which` read-only at gpa in npt: PP_HC_OK and *len, or a PP_HC_E*
 * status (no such log on this boot: PP_HC_ESTATE; the range overlaps the
 * partition's memory or leaves its space: PP_HC_EINVAL). */
long partition_log_map(struct pt *npt, u64 which, u64 gpa, u64 *len);
/* The bytes log `which`'s mapping covers (whole pages), 0 when it has none. */
u64 partition_log_span(u64 which);
/* Log `which`'s copy and its length, or NULL and 0 when it has none. */
const u8 *partition_log_bytes(u64 which, u32 *len);

#endif
