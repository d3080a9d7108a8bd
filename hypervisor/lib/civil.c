// SPDX-License-Identifier: GPL-2.0-only
/* Calendar time and Unix seconds (civil.h). */
#include "civil.h"

#define SECS_PER_DAY 86400u
#define WDAY_2000 6u /* 2000-01-01 was a Saturday (0 = Sunday) */

bool civil_leap(u32 y)
{
	return (y % 4u == 0 && y % 100u != 0) || y % 400u == 0;
}

u32 civil_month_days(u32 y, u32 m)
{
	static const u8 days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m < 1u || m > 12u)
		return 0;
	return days[m - 1u] + (m == 2u && civil_leap(y) ? 1u : 0u);
}

static u32 year_days(u32 y)
{
	return civil_leap(y) ? 366u : 365u;
}

void civil_from_unix(u64 secs, struct civil_tm *tm)
{
	u32 days, y = 2000, m = 1, rem;

	if (secs < CIVIL_UNIX_2000)
		secs = CIVIL_UNIX_2000;
	if (secs >= CIVIL_UNIX_2100)
		secs = CIVIL_UNIX_2100 - 1u;
	secs -= CIVIL_UNIX_2000;
	days = (u32)(secs / SECS_PER_DAY);
	rem = (u32)(secs % SECS_PER_DAY);
	tm->wday = (u8)((days + WDAY_2000) % 7u + 1u);
	while (days >= year_days(y)) {
		days -= year_days(y);
		y++;
	}
	while (days >= civil_month_days(y, m)) {
		days -= civil_month_days(y, m);
		m++;
	}
	tm->year = (u16)y;
	tm->month = (u8)m;
	tm->day = (u8)(days + 1u);
	tm->hour = (u8)(rem / 3600u);
	tm->min = (u8)(rem / 60u % 60u);
	tm->sec = (u8)(rem % 60u);
}

int civil_to_unix(const struct civil_tm *tm, u64 *secs, struct pp_err *err)
{
	u64 days = 0;

	if (tm->year < 2000u || tm->year > 2099u)
		return pp_fail(err, PP_EINVAL, "year %u outside 2000-2099", tm->year);
	if (tm->month < 1u || tm->month > 12u)
		return pp_fail(err, PP_EINVAL, "month %u outside 1-12", tm->month);
	if (tm->day < 1u || tm->day > civil_month_days(tm->year, tm->month))
		return pp_fail(err, PP_EINVAL, "day %u outside %04u-%02u", tm->day, tm->year,
			       tm->month);
	if (tm->hour > 23u || tm->min > 59u || tm->sec > 59u)
		return pp_fail(err, PP_EINVAL, "time %u:%u:%u out of range", tm->hour, tm->min,
			       tm->sec);
	for (u32 y = 2000; y < tm->year; y++)
		days += year_days(y);
	for (u32 m = 1; m < tm->month; m++)
		days += civil_month_days(tm->year, m);
	days += tm->day - 1u;
	*secs = CIVIL_UNIX_2000 + days * SECS_PER_DAY + (u64)tm->hour * 3600u + (u64)tm->min * 60u +
		tm->sec;
	return PP_OK;
}
