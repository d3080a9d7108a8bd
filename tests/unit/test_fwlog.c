// SPDX-License-Identifier: GPL-2.0-only
/*
 * Firmware-log hand-over (common/fwlog/): the end of a log in a zero-filled
 * ACPI area (SeaBIOS LASA/LAML), the UEFI GetEventLog length from the last
 * entry, the Final Events table span, and their rejections. Logs are built
 * with the event-log writer.
 */
#include <parapet/eventlog.h>
#include <parapet/fwlog.h>
#include "unit.h"

static u8 area[64 * 1024];

/* A log of n events (SHA-1 + SHA-256, like SeaBIOS/OVMF) at area[0]. */
static u32 make_log(u32 n, struct pp_evlog *log)
{
	static const u16 algs[] = {PP_ALG_SHA1, PP_ALG_SHA256};
	memset(area, 0, sizeof(area));
	if (pp_evlog_init(log, area, sizeof(area), algs, 2, NULL, 0))
		return 0;
	for (u32 i = 0; i < n; i++) {
		struct pp_evlog_digests d;
		pp_evlog_zero_digests(log, &d);
		d.v[0].bytes[0] = (u8)(i + 1);
		d.v[1].bytes[0] = (u8)(i + 1);
		/* data of varying length, the last one ending in zero bytes */
		u8 data[8] = {'e', (u8)('0' + i), 0, 0, 0, 0, 0, 0};
		if (pp_evlog_append(log, i % 8, 0x80000001u, &d, data, 2 + i % 7))
			return 0;
	}
	return log->len;
}

TEST(fwlog_find_end_zero_padded)
{
	struct pp_evlog log;
	struct pp_err err;
	u32 len = 0, events = 0;
	for (u32 n = 0; n < 6; n++) {
		u32 want = make_log(n, &log);
		REQUIRE(want);
		CHECK_EQ(pp_fwlog_find_end(area, sizeof(area), &len, &events, &err), 0);
		CHECK_EQ(len, want);
		CHECK_EQ(events, n);
		struct pp_evlog_info info;
		CHECK_EQ(pp_evlog_check(area, len, n, &info, &err), 0);
	}
	/* exactly filled area, no padding */
	u32 want = make_log(3, &log);
	CHECK_EQ(pp_fwlog_find_end(area, want, &len, &events, &err), 0);
	CHECK_EQ(len, want);
	CHECK_EQ(events, 3);
}

TEST(fwlog_find_end_rejects)
{
	struct pp_evlog log;
	struct pp_err err;
	u32 len, events;
	u32 end = make_log(2, &log);
	REQUIRE(end);
	/* garbage after the last event */
	area[end + 40] = 0x55;
	CHECK(pp_fwlog_find_end(area, sizeof(area), &len, &events, &err) != 0);
	CHECK_MSG(&err, "event 2 at offset");
	area[end + 40] = 0;
	/* an area cut inside the last event */
	CHECK_EQ(pp_fwlog_find_end(area, end - 1, &len, &events, &err), PP_ETRUNC);
	/* not a crypto-agile log (TCG 1.2 style first record) */
	area[32] = 'X';
	CHECK(pp_fwlog_find_end(area, sizeof(area), &len, &events, &err) != 0);
	CHECK_MSG(&err, "Spec ID");
	/* nothing at all */
	memset(area, 0, 64);
	CHECK(pp_fwlog_find_end(area, sizeof(area), &len, &events, &err) != 0);
	CHECK_EQ(pp_fwlog_find_end(area, 10, &len, &events, &err), PP_ETRUNC);
}

TEST(fwlog_efi_len_from_last_entry)
{
	struct pp_evlog log;
	struct pp_err err;
	u32 len = 0;
	const u64 base = 0x7e000000ull;
	u32 end = make_log(4, &log);
	REQUIRE(end);
	struct pp_evlog_info info;
	REQUIRE(pp_evlog_check(area, end, 4, &info, &err) == 0);
	struct pp_evlog_iter it;
	struct pp_evlog_event ev, lastev = {0};
	pp_evlog_iter_init(&it, area, &info);
	while (pp_evlog_iter_next(&it, &ev))
		lastev = ev;
	CHECK_EQ(pp_fwlog_efi_len(area, sizeof(area), base, base + lastev.off, &len, &err), 0);
	CHECK_EQ(len, end);
	/* header only: last entry == start */
	CHECK_EQ(pp_fwlog_efi_len(area, sizeof(area), base, base, &len, &err), 0);
	CHECK_EQ(len, info.header_len);
	/* bad pointers */
	CHECK_EQ(pp_fwlog_efi_len(area, sizeof(area), base, base - 1, &len, &err), PP_ERANGE);
	CHECK_EQ(pp_fwlog_efi_len(area, sizeof(area), base, base + sizeof(area), &len, &err),
		 PP_ERANGE);
	CHECK_EQ(pp_fwlog_efi_len(area, sizeof(area), base, base + 8, &len, &err), PP_EINVAL);
	CHECK_MSG(&err, "inside the");
	/* last entry not on a record boundary: its digest list disagrees */
	CHECK(pp_fwlog_efi_len(area, sizeof(area), base, base + lastev.off + 4, &len, &err) != 0);
	/* last entry whose size runs past the bytes available */
	CHECK_EQ(pp_fwlog_efi_len(area, end - 1, base, base + lastev.off, &len, &err), PP_ETRUNC);
}

TEST(fwlog_final_span)
{
	struct pp_evlog log;
	struct pp_err err;
	static u8 table[4096];
	u32 off = 0, len = 0;
	u32 end = make_log(3, &log);
	REQUIRE(end);
	struct pp_evlog_info info;
	REQUIRE(pp_evlog_check(area, end, 3, &info, &err) == 0);
	/* table = version 1, 3 events = the log's 3 events */
	memset(table, 0, sizeof(table));
	table[0] = 1;
	table[8] = 3;
	u32 ev_bytes = end - info.header_len;
	memcpy(table + 16, area + info.header_len, ev_bytes);
	CHECK_EQ(pp_fwlog_final_span(table, sizeof(table), &info, 0, 3, &off, &len, &err), 0);
	CHECK_EQ(off, 16);
	CHECK_EQ(len, ev_bytes);
	CHECK_EQ(pp_fwlog_final_span(table, sizeof(table), &info, 3, 3, &off, &len, &err), 0);
	CHECK_EQ(len, 0);
	CHECK_EQ(pp_fwlog_final_span(table, sizeof(table), &info, 1, 3, &off, &len, &err), 0);
	CHECK(off > 16);
	CHECK_EQ(off + len, 16 + ev_bytes);
	/* one event too many: the zero bytes after the last one are no event */
	CHECK(pp_fwlog_final_span(table, sizeof(table), &info, 0, 4, &off, &len, &err) != 0);
	CHECK_MSG(&err, "final event 3");
	CHECK_EQ(pp_fwlog_final_span(table, sizeof(table), &info, 4, 3, &off, &len, &err),
		 PP_ERANGE);
	CHECK_EQ(pp_fwlog_final_span(table, 16 + ev_bytes - 1, &info, 0, 3, &off, &len, &err),
		 PP_ETRUNC);
}
