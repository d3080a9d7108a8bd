/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Firmware event logs as firmware hands them over (docs/eventlog.md,
 * "Firmware log"): finding where a crypto-agile log ends when the firmware
 * gives only its start and a last-entry pointer (UEFI EFI_TCG2_PROTOCOL.
 * GetEventLog) or a zero-padded area (the ACPI TPM2 table's LASA/LAML, as
 * SeaBIOS publishes it), and walking the records of the EFI TCG2 Final
 * Events table. Pure code over (bytes, length), shared by launch/ (UEFI),
 * the hypervisor (ACPI area) and the host tests. The result is only a
 * length: the caller then validates the bytes with pp_evlog_check.
 */
#ifndef PARAPET_FWLOG_H
#define PARAPET_FWLOG_H

#include <parapet/err.h>
#include <parapet/eventlog.h>
#include <parapet/types.h>

/* handoff fw_log_format values */
#define PP_FWLOG_FORMAT_NONE 0u
#define PP_FWLOG_FORMAT_TCG12 1u /* TCG 1.2 SHA-1 TCG_PCR_EVENT records */
#define PP_FWLOG_FORMAT_AGILE 2u /* crypto-agile, Spec ID Event03 */

/* The copies Parapet keeps (launch's UEFI buffer, the hypervisor's copy). */
#define PP_FWLOG_MAX_SIZE 0x10000u /* 64 KiB */

/*
 * The header record of a crypto-agile log at b[0, avail): validated by
 * pp_evlog_check as a log of zero events; fills info (algorithms) and
 * *hdr_len (32 + its eventSize).
 */
int pp_fwlog_header(const u8 *b, size_t avail, struct pp_evlog_info *info, u32 *hdr_len,
		    struct pp_err *err);

/*
 * Size of the TCG_PCR_EVENT2 record at b[0, avail): its digest count must
 * be the header's number of algorithms, in the header's order; the whole
 * record must lie inside avail. `what` names the record in messages.
 */
int pp_fwlog_event_size(const u8 *b, size_t avail, const struct pp_evlog_info *info, u32 *size,
			const char *what, struct pp_err *err);

/*
 * The end of a crypto-agile log stored at the start of a zero-filled area
 * area[0, cap) (ACPI TPM2 LASA/LAML): records are walked from the header
 * on; the log ends at the first record boundary at or after the last
 * non-zero byte of the area (an all-zero TCG_PCR_EVENT2 is never valid: its
 * digest count 0 differs from the header's). A record that does not fit,
 * or whose digest list disagrees with the header, before that point is an
 * error. *len receives the log's length, *events its TCG_PCR_EVENT2 count.
 */
int pp_fwlog_find_end(const u8 *area, size_t cap, u32 *len, u32 *events, struct pp_err *err);

/*
 * UEFI: the log starts at `start` and its last entry is at `last` (both
 * addresses as firmware gave them; last == start when the log holds only
 * its header). b[0, avail) are the bytes from start on. *len receives
 * last - start + the last record's size.
 */
int pp_fwlog_efi_len(const u8 *b, size_t avail, u64 start, u64 last, u32 *len, struct pp_err *err);

/*
 * EFI_TCG2_FINAL_EVENTS_TABLE (TCG EFI Protocol Specification, 6.6:
 * UINT64 Version = 1, UINT64 NumberOfEvents, TCG_PCR_EVENT2 Event[]).
 * Bytes of events [first, count) of the table at t[0, avail), using the
 * algorithms of the main log's header: *off is where event `first`
 * starts (from t), *len the bytes up to the end of event count - 1.
 */
#define PP_FWLOG_FINAL_HDR 16u
#define PP_FWLOG_FINAL_VERSION 1u
int pp_fwlog_final_span(const u8 *t, size_t avail, const struct pp_evlog_info *info, u64 first,
			u64 count, u32 *off, u32 *len, struct pp_err *err);

#endif
