/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The firmware's TCG event log, kept by the hypervisor (docs/eventlog.md,
 * "Firmware log"): copied into hypervisor .bss (no guest can map it),
 * validated with pp_evlog_check, and kept intact for the attestation agent
 * and the log export. Sources, in order: the handoff's fw_log_* (UEFI:
 * launch copied it through EFI_TCG2_PROTOCOL.GetEventLog), else the ACPI
 * TPM2 table's log area LASA/LAML (SeaBIOS). A malformed log is reported
 * with a precise message and kept out; it is never fatal.
 */
#ifndef PARAPET_HV_FWLOG_H
#define PARAPET_HV_FWLOG_H

#include <parapet/eventlog.h>
#include <parapet/handoff.h>
#include <parapet/types.h>

/* Call after platform_discover (needs the ACPI TPM2 table). Prints
 * `hv: firmware log: ...` lines. */
void fwlog_init(const struct pp_handoff *h);

/* The validated copy, or NULL (*len 0) when there is none. */
const u8 *fwlog_get(u32 *len, const struct pp_evlog_info **info);

#endif
