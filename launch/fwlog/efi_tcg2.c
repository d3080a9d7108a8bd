// SPDX-License-Identifier: GPL-2.0-only
/*
 * The UEFI firmware event log (efi_tcg2.h). TCG EFI Protocol Specification
 * (family 2.0): 6.3 EFI_TCG2_PROTOCOL, 6.4.2 GetEventLog, 6.6 the Final
 * Events table (EFI_TCG2_FINAL_EVENTS_TABLE). UEFI 2.10: 7.3.16
 * LocateProtocol, 4.6 configuration table.
 *
 * GetEventLog returns the log's start and the start of its last entry, not
 * its length: the length is the last entry's offset plus its size, computed
 * with pp_fwlog_efi_len over the header's algorithm list. Once GetEventLog
 * has been called, the firmware records every later event in the Final
 * Events table as well (and not necessarily in the memory we copied):
 * ExitBootServices measures "Exit Boot Services Invocation" / "... Returned
 * with Success" into PCR 5 that way. So the table's event count is noted
 * when the log is copied, and the events it gained by the time
 * ExitBootServices returned are appended to the copy: the result is the log
 * that replays to PCR 0-7 as the hypervisor finds them.
 */
#include <parapet/bytes.h>
#include <parapet/eventlog.h>
#include <parapet/fwlog.h>
#include <parapet/string.h>
#include "launch/console.h"
#include "efi_tcg2.h"

/* 607f766c-7455-42be-930b-e4d76db2720f (EFI_TCG2_PROTOCOL_GUID), memory order */
static const u8 efi_tcg2_guid[16] = {0x6c, 0x76, 0x7f, 0x60, 0x55, 0x74, 0xbe, 0x42,
				     0x93, 0x0b, 0xe4, 0xd7, 0x6d, 0xb2, 0x72, 0x0f};
/* 1e2ed096-30e2-4254-bd89-863bbef82325 (EFI_TCG2_FINAL_EVENTS_TABLE_GUID) */
static const u8 efi_tcg2_final_guid[16] = {0x96, 0xd0, 0x2e, 0x1e, 0xe2, 0x30, 0x54, 0x42,
					   0xbd, 0x89, 0x86, 0x3b, 0xbe, 0xf8, 0x23, 0x25};

/* 6.4.2: EFI_TCG2_EVENT_LOG_FORMAT */
#define EFI_TCG2_EVENT_LOG_FORMAT_TCG_2 0x00000002u

typedef efi_status(EFIAPI *efi_tcg2_get_event_log_fn)(void *self, u32 format, u64 *location,
						      u64 *last_entry, u8 *truncated);

/* 6.3: EFI_TCG2_PROTOCOL, seven function pointers in this order. */
struct efi_tcg2_protocol {
	void *get_capability;
	efi_tcg2_get_event_log_fn get_event_log;
	void *hash_log_extend_event;
	void *submit_command;
	void *get_active_pcr_banks;
	void *set_active_pcr_banks;
	void *get_result_of_set_active_pcr_banks;
};
_Static_assert(__builtin_offsetof(struct efi_tcg2_protocol, get_event_log) == 8,
	       "EFI_TCG2_PROTOCOL.GetEventLog");
_Static_assert(sizeof(struct efi_tcg2_protocol) == 56, "EFI_TCG2_PROTOCOL");

/* Final Events table: Version (u64) at 0, NumberOfEvents (u64) at 8, events at 16. */
#define FINAL_VERSION_OFF 0u
#define FINAL_COUNT_OFF 8u
/* The table is firmware memory of unstated size: read at most this much. */
#define FINAL_READ_MAX 0x40000u /* 256 KiB */

static u8 fw_log_buf[PP_FWLOG_MAX_SIZE] __attribute__((aligned(8)));

static struct {
	bool have; /* the GetEventLog copy is in fw_log_buf */
	u32 len;   /* its bytes */
	bool truncated;
	struct pp_evlog_info hdr; /* the header's algorithms */
	const u8 *final;	  /* Final Events table, NULL if absent */
	u64 final_first;	  /* its NumberOfEvents when the log was copied */
} fwl;

static const u8 *find_config_table(const struct efi_system_table *st, const u8 guid[16])
{
	const u8 *ct = st->configuration_table;
	u64 n = st->number_of_table_entries;
	if (!ct || n > EFI_CONFIG_TABLE_MAX)
		return NULL;
	for (u64 i = 0; i < n; i++) {
		const u8 *e = ct + i * EFI_CONFIG_TABLE_SIZE;
		if (memcmp(e, guid, 16) == 0)
			return (const u8 *)(uintptr_t)ld_le64(e + 16);
	}
	return NULL;
}

void efi_fwlog_collect(const struct efi_system_table *st)
{
	const struct efi_boot_services *bs = st->boot_services;
	struct efi_tcg2_protocol *tcg2 = NULL;
	u64 loc = 0, last = 0;
	u8 truncated = 0;
	u32 hdr_len, len;
	struct pp_err err;
	efi_status s;

	memset(&fwl, 0, sizeof(fwl));
	s = bs->locate_protocol(efi_tcg2_guid, NULL, (void **)&tcg2);
	if (s != EFI_SUCCESS || !tcg2) {
		launch_printf("firmware log: no EFI_TCG2_PROTOCOL (LocateProtocol 0x%llx)",
			      (unsigned long long)s);
		return;
	}
	s = tcg2->get_event_log(tcg2, EFI_TCG2_EVENT_LOG_FORMAT_TCG_2, &loc, &last, &truncated);
	if (s != EFI_SUCCESS) {
		launch_printf("firmware log: GetEventLog(TCG_2) failed: 0x%llx",
			      (unsigned long long)s);
		return;
	}
	if (!loc) {
		launch_printf("firmware log: GetEventLog(TCG_2) reports no log");
		return;
	}
	/* The log is firmware memory of unknown extent: read at most our copy's size,
	 * and only below the 4 GiB launch can address. */
	if (loc >= (4ull << 30) - PP_FWLOG_MAX_SIZE) {
		launch_printf("firmware log: at 0x%llx, above what launch reads; dropped",
			      (unsigned long long)loc);
		return;
	}
	const u8 *src = (const u8 *)(uintptr_t)loc;
	if (last > loc && last - loc >= PP_FWLOG_MAX_SIZE) {
		launch_printf("firmware log at 0x%llx: last entry at offset %llu, beyond the "
			      "%u bytes Parapet keeps; dropped",
			      (unsigned long long)loc, (unsigned long long)(last - loc),
			      PP_FWLOG_MAX_SIZE);
		return;
	}
	/* The firmware gives no length: it is read (header, last entry) and copied
	 * within our copy's size only; the copy is what gets validated. */
	int rc = pp_fwlog_efi_len(src, PP_FWLOG_MAX_SIZE, loc, last ? last : loc, &len, &err);
	if (!rc) {
		memcpy(fw_log_buf, src, len);
		rc = pp_fwlog_header(fw_log_buf, len, &fwl.hdr, &hdr_len, &err);
	}
	if (rc) {
		launch_printf("firmware log at 0x%llx (last entry 0x%llx) dropped: %s",
			      (unsigned long long)loc, (unsigned long long)last, err.msg);
		return;
	}
	fwl.have = true;
	fwl.len = len;
	fwl.truncated = truncated != 0;

	const u8 *final = find_config_table(st, efi_tcg2_final_guid);
	if (final && (uintptr_t) final < (4ull << 30) - FINAL_READ_MAX) {
		u64 version = ld_le64(final + FINAL_VERSION_OFF);
		if (version == PP_FWLOG_FINAL_VERSION) {
			fwl.final = final;
			fwl.final_first = ld_le64(final + FINAL_COUNT_OFF);
		} else {
			launch_printf("firmware log: Final Events table version %llu ignored",
				      (unsigned long long)version);
		}
	}
}

/* Append the Final Events table's events [final_first, now) to the copy. */
static int append_final(u32 *added, struct pp_err *err)
{
	u64 count = ld_le64(fwl.final + FINAL_COUNT_OFF);
	u32 off, len;
	*added = 0;
	if (count == fwl.final_first)
		return 0;
	if (count < fwl.final_first)
		return pp_fail(err, PP_EINVAL, "Final Events table count fell from %llu to %llu",
			       (unsigned long long)fwl.final_first, (unsigned long long)count);
	int rc = pp_fwlog_final_span(fwl.final, FINAL_READ_MAX, &fwl.hdr, fwl.final_first, count,
				     &off, &len, err);
	if (rc)
		return rc;
	if (len > PP_FWLOG_MAX_SIZE - fwl.len)
		return pp_fail(err, PP_ENOMEM,
			       "%u bytes of final events do not fit after the %u-byte log (cap %u)",
			       len, fwl.len, PP_FWLOG_MAX_SIZE);
	memcpy(fw_log_buf + fwl.len, fwl.final + off, len);
	fwl.len += len;
	*added = (u32)(count - fwl.final_first);
	return 0;
}

void efi_fwlog_finish(struct pp_handoff_builder *b)
{
	struct pp_evlog_info info;
	struct pp_err err;
	u32 added = 0;

	b->hdr.fw_log_base = 0;
	b->hdr.fw_log_size = 0;
	b->hdr.fw_log_format = PP_FWLOG_FORMAT_NONE;
	if (!fwl.have)
		return;
	if (fwl.final && append_final(&added, &err)) {
		launch_printf("firmware log dropped: %s", err.msg);
		return;
	}
	if (pp_evlog_check(fw_log_buf, fwl.len, PP_EVLOG_COUNT_ANY, &info, &err)) {
		launch_printf("firmware log dropped: %s", err.msg);
		return;
	}
	launch_printf("firmware log: %u events, %u bytes (TCG2 GetEventLog%s, %u from the Final "
		      "Events table)",
		      info.events, fwl.len, fwl.truncated ? ", TRUNCATED by the firmware" : "",
		      added);
	b->hdr.fw_log_base = (u64)(uintptr_t)fw_log_buf;
	b->hdr.fw_log_size = fwl.len;
	b->hdr.fw_log_format = PP_FWLOG_FORMAT_AGILE;
}
