/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Civil (proleptic Gregorian, UTC) calendar time of a PC real-time clock and
 * Unix seconds, both ways, for the years an MC146818-style RTC with a
 * two-digit year can say: 2000-2099. Used by the CMOS clock a Linux
 * partition reads (core/linux/vports_rtc.c) and by the hypervisor's own
 * boot-time read of the host RTC (drivers/rtc/cmos.c). Pure; host-tested
 * (tests/unit/test_civil.c).
 *
 * Leap years: divisible by 4, except centuries not divisible by 400 (the
 * Gregorian rule; within 2000-2099 every fourth year, 2000 included).
 */
#ifndef PARAPET_HV_LIB_CIVIL_H
#define PARAPET_HV_LIB_CIVIL_H

#include <parapet/err.h>
#include <parapet/types.h>

#define CIVIL_UNIX_2000 946684800ull  /* 2000-01-01 00:00:00 UTC */
#define CIVIL_UNIX_2100 4102444800ull /* 2100-01-01 00:00:00 UTC */

struct civil_tm {
	u16 year; /* 2000-2099 */
	u8 month; /* 1-12 */
	u8 day;	  /* 1-31 */
	u8 wday;  /* 1-7, 1 = Sunday (MC146818 day of week) */
	u8 hour, min, sec;
};

bool civil_leap(u32 year);
/* Days in `month` (1-12) of `year`; 0 for a month out of range. */
u32 civil_month_days(u32 year, u32 month);
/* Unix seconds to calendar time, clamped to 2000-2099: before 2000 gives
 * 2000-01-01 00:00:00, after 2099 gives 2099-12-31 23:59:59. */
void civil_from_unix(u64 secs, struct civil_tm *tm);
/* Calendar time to Unix seconds. PP_EINVAL with the field named for a
 * year outside 2000-2099, a month outside 1-12, a day outside the month, an
 * hour above 23, a minute or second above 59 (wday is not read). */
int civil_to_unix(const struct civil_tm *tm, u64 *secs, struct pp_err *err);

#endif
