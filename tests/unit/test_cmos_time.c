// SPDX-License-Identifier: GPL-2.0-only
/*
 * The calendar (hypervisor/lib/civil.c) and the host CMOS clock's decoder
 * (hypervisor/drivers/rtc/cmos_time.c): against libc's timegm, against the
 * CMOS clock a Linux partition sees (core/linux/vports_rtc.c: what one
 * encodes, the other must decode to the same second, in every data mode),
 * and on every kind of bad register.
 */
#include <string.h>
#include <time.h>
#include "hypervisor/core/linux/vports.h"
#include "hypervisor/drivers/rtc/cmos_time.h"
#include "hypervisor/drivers/rtc/mc146818.h"
#include "hypervisor/lib/civil.h"
#include "unit.h"

static u64 xorshift(u64 *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

TEST(civil_round_trip_against_libc)
{
	u64 x = 0x2545F4914F6CDD1Dull;

	for (u32 i = 0; i < 2000; i++) {
		const u64 s = CIVIL_UNIX_2000 + xorshift(&x) % (CIVIL_UNIX_2100 - CIVIL_UNIX_2000);
		struct civil_tm tm;
		struct pp_err err;
		u64 back = 0;
		struct tm want;
		const time_t t = (time_t)s;

		civil_from_unix(s, &tm);
		gmtime_r(&t, &want);
		CHECK_EQ(tm.year, (u32)want.tm_year + 1900u);
		CHECK_EQ(tm.month, (u32)want.tm_mon + 1u);
		CHECK_EQ(tm.day, (u32)want.tm_mday);
		CHECK_EQ(tm.wday, (u32)want.tm_wday + 1u);
		CHECK_EQ(civil_to_unix(&tm, &back, &err), PP_OK);
		CHECK_EQ(back, s);
	}
}

TEST(civil_to_unix_edges_and_refusals)
{
	struct pp_err err;
	u64 s = 0;
	struct civil_tm tm = {
	    .year = 2024, .month = 2, .day = 29, .hour = 23, .min = 59, .sec = 59};

	CHECK_EQ(civil_to_unix(&tm, &s, &err), PP_OK);
	CHECK_EQ(s, 1709251199ull); /* a leap day */
	tm = (struct civil_tm){
	    .year = 2099, .month = 12, .day = 31, .hour = 23, .min = 59, .sec = 59};
	CHECK_EQ(civil_to_unix(&tm, &s, &err), PP_OK);
	CHECK_EQ(s, CIVIL_UNIX_2100 - 1u);
	tm = (struct civil_tm){.year = 2000, .month = 1, .day = 1};
	CHECK_EQ(civil_to_unix(&tm, &s, &err), PP_OK);
	CHECK_EQ(s, CIVIL_UNIX_2000);

	s = 7;
	tm = (struct civil_tm){.year = 2023, .month = 2, .day = 29};
	CHECK_EQ(civil_to_unix(&tm, &s, &err), PP_EINVAL);
	CHECK_MSG(&err, "day 29 outside 2023-02");
	CHECK_EQ(s, 7u); /* untouched */
	tm = (struct civil_tm){.year = 2100, .month = 1, .day = 1};
	CHECK_EQ(civil_to_unix(&tm, &s, &err), PP_EINVAL);
	CHECK_MSG(&err, "year 2100 outside 2000-2099");
	tm = (struct civil_tm){.year = 2001, .month = 13, .day = 1};
	CHECK_EQ(civil_to_unix(&tm, &s, &err), PP_EINVAL);
	CHECK_MSG(&err, "month 13");
	tm = (struct civil_tm){.year = 2001, .month = 1, .day = 1, .hour = 24};
	CHECK_EQ(civil_to_unix(&tm, &s, &err), PP_EINVAL);
	CHECK_MSG(&err, "out of range");
	CHECK_EQ(civil_month_days(2001, 0), 0u);
	CHECK_EQ(civil_month_days(2000, 2), 29u);
}

static u64 emu_now;
static void emu_tx(void *ctx, u8 b)
{
	(void)ctx;
	(void)b;
}
static u64 emu_clock(void *ctx)
{
	(void)ctx;
	return emu_now;
}

static u8 emu_reg(struct vports *st, u8 idx)
{
	u32 v = 0;

	vports_io(st, VPORTS_CMOS_INDEX, 1, false, &(u32){idx});
	vports_io(st, VPORTS_CMOS_DATA, 1, true, &v);
	return (u8)v;
}

/* What the partition's clock shows, as the host decoder reads it. */
static void emu_regs(struct vports *st, struct cmos_time_regs *r)
{
	r->sec = emu_reg(st, RTC_SEC);
	r->min = emu_reg(st, RTC_MIN);
	r->hour = emu_reg(st, RTC_HOUR);
	r->mday = emu_reg(st, RTC_MDAY);
	r->month = emu_reg(st, RTC_MONTH);
	r->year = emu_reg(st, RTC_YEAR);
	r->b = emu_reg(st, RTC_REG_B);
	r->d = emu_reg(st, RTC_REG_D);
}

TEST(cmos_time_decodes_what_the_partition_clock_encodes)
{
	const struct vports_cfg cfg = {.tx = emu_tx, .now = emu_clock, .ctx = NULL};
	static const u8 modes[4] = {RTC_B_24H, RTC_B_24H | RTC_B_DM_BINARY, 0, RTC_B_DM_BINARY};
	struct vports st;
	u64 x = 0x9E3779B97F4A7C15ull;

	vports_init(&st, &cfg);
	for (u32 m = 0; m < 4; m++) {
		vports_io(&st, VPORTS_CMOS_INDEX, 1, false, &(u32){RTC_REG_B});
		vports_io(&st, VPORTS_CMOS_DATA, 1, false, &(u32){modes[m]});
		for (u32 i = 0; i < 500; i++) {
			struct cmos_time_regs r;
			struct pp_err err;
			u64 got = 0;

			emu_now = i == 0   ? CIVIL_UNIX_2000 /* 12 AM in 12-hour mode */
				  : i == 1 ? CIVIL_UNIX_2000 + 12ull * 3600u /* 12 PM */
					   : CIVIL_UNIX_2000 +
						 xorshift(&x) % (CIVIL_UNIX_2100 - CIVIL_UNIX_2000);
			emu_regs(&st, &r);
			CHECK_EQ(cmos_time_decode(&r, &got, &err), PP_OK);
			CHECK_EQ(got, emu_now);
		}
	}
}

TEST(cmos_time_refuses_bad_registers)
{
	/* 2026-12-07 17:58:03 UTC, BCD, 24-hour, battery good */
	const struct cmos_time_regs good = {.sec = 0x03,
					    .min = 0x58,
					    .hour = 0x17,
					    .mday = 0x07,
					    .month = 0x12,
					    .year = 0x26,
					    .b = RTC_B_24H,
					    .d = RTC_D_VRT};
	struct cmos_time_regs r;
	struct pp_err err;
	u64 s = 0;

	CHECK_EQ(cmos_time_decode(&good, &s, &err), PP_OK);
	CHECK_EQ(s, 1796666283ull);

	r = good;
	r.d = 0;
	s = 5;
	CHECK_EQ(cmos_time_decode(&r, &s, &err), PP_EINVAL);
	CHECK_MSG(&err, "VRT clear");
	CHECK_EQ(s, 5u);
	r = good;
	r.min = 0x5A;
	CHECK_EQ(cmos_time_decode(&r, &s, &err), PP_EINVAL);
	CHECK_MSG(&err, "minutes 0x5a is not BCD");
	r = good;
	r.sec = 0x60;
	CHECK_EQ(cmos_time_decode(&r, &s, &err), PP_EINVAL);
	CHECK_MSG(&err, "seconds 60 above 59");
	r = good;
	r.hour = 0x24;
	CHECK_EQ(cmos_time_decode(&r, &s, &err), PP_EINVAL);
	CHECK_MSG(&err, "hours 24 above 23");
	r = good;
	r.b = 0;       /* 12-hour */
	r.hour = 0x80; /* "0 PM" */
	CHECK_EQ(cmos_time_decode(&r, &s, &err), PP_EINVAL);
	CHECK_MSG(&err, "0 in 12-hour mode");
	r.hour = 0x13;
	CHECK_EQ(cmos_time_decode(&r, &s, &err), PP_EINVAL);
	CHECK_MSG(&err, "hours 13 above 12");
	r = good;
	r.month = 0x02;
	r.mday = 0x30;
	CHECK_EQ(cmos_time_decode(&r, &s, &err), PP_EINVAL);
	CHECK_MSG(&err, "rtc: day 30 outside 2026-02");
	r = good;
	r.month = 0x00;
	CHECK_EQ(cmos_time_decode(&r, &s, &err), PP_EINVAL);
	CHECK_MSG(&err, "month");
	/* a missing chip reads all ones (register B too: binary, 24-hour) */
	memset(&r, 0xFF, sizeof(r));
	CHECK_EQ(cmos_time_decode(&r, &s, &err), PP_EINVAL);
	CHECK_MSG(&err, "seconds 255 above 59");
	r.b = RTC_B_24H; /* BCD */
	CHECK_EQ(cmos_time_decode(&r, &s, &err), PP_EINVAL);
	CHECK_MSG(&err, "seconds 0xff is not BCD");
	CHECK_EQ(s, 5u);
}
