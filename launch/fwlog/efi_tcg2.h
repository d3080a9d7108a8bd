/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The firmware's TCG2 event log under UEFI (docs/eventlog.md, "Firmware
 * log"). Untrusted firmware data: anything malformed is reported on the
 * console and dropped (the handoff then has no firmware log), never fatal.
 */
#ifndef PARAPET_LAUNCH_EFI_TCG2_H
#define PARAPET_LAUNCH_EFI_TCG2_H

#include <parapet/handoff.h>
#include "launch/efi.h"

/*
 * With boot services alive, before the final GetMemoryMap: LocateProtocol
 * (EFI_TCG2_PROTOCOL), GetEventLog(TCG_2), copy the log into launch memory
 * (which stays reserved for the hypervisor's life), and note how many
 * events the Final Events table holds now. Allocates nothing.
 */
void efi_fwlog_collect(const struct efi_system_table *st);

/*
 * After ExitBootServices: append the events the Final Events table gained
 * since efi_fwlog_collect (ExitBootServices itself measures into PCR 5),
 * validate the whole copy with pp_evlog_check and, when it is valid, set
 * b->hdr.fw_log_base/size/format (format 2, crypto-agile).
 */
void efi_fwlog_finish(struct pp_handoff_builder *b);

#endif
