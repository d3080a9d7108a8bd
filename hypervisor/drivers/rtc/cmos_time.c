// SPDX-License-Identifier: GPL-2.0-only
/* The CMOS clock's time registers to Unix seconds (cmos_time.h). */
#include "hypervisor/lib/civil.h"
#include "cmos_time.h"
#include "mc146818.h"

/* One register in the data mode of register B (MC146818A, "Time, Calendar
 * and Alarm Data Modes": BCD packs two decimal digits, binary is the
 * value). `mask` drops bits that are not part of the number (the 12-hour
 * PM flag). PP_EINVAL for a BCD digit above 9 or a value above max. */
static int field(const struct cmos_time_regs *r, u8 raw, u8 mask, u32 max, const char *name,
		 u32 *out, struct pp_err *err)
{
	u32 v = raw & mask;

	if (!(r->b & RTC_B_DM_BINARY)) {
		if ((v & 0xFu) > 9u || (v >> 4) > 9u)
			return pp_fail(err, PP_EINVAL, "rtc: %s 0x%02x is not BCD", name, raw);
		v = (v >> 4) * 10u + (v & 0xFu);
	}
	if (v > max)
		return pp_fail(err, PP_EINVAL, "rtc: %s %u above %u", name, v, max);
	*out = v;
	return PP_OK;
}

int cmos_time_decode(const struct cmos_time_regs *r, u64 *secs, struct pp_err *err)
{
	u32 sec = 0, min = 0, hour = 0, mday = 0, month = 0, year = 0;
	int rc;

	if (!(r->d & RTC_D_VRT))
		return pp_fail(err, PP_EINVAL, "rtc: register D 0x%02x: VRT clear, time not valid",
			       r->d);
	if ((rc = field(r, r->sec, 0xFF, 59, "seconds", &sec, err)) ||
	    (rc = field(r, r->min, 0xFF, 59, "minutes", &min, err)) ||
	    (rc = field(r, r->mday, 0xFF, 31, "day of month", &mday, err)) ||
	    (rc = field(r, r->month, 0xFF, 12, "month", &month, err)) ||
	    (rc = field(r, r->year, 0xFF, 99, "year", &year, err)))
		return rc;
	if (r->b & RTC_B_24H) {
		if ((rc = field(r, r->hour, 0xFF, 23, "hours", &hour, err)))
			return rc;
	} else {
		/* 12-hour mode: 1-12, bit 7 = PM; 12 AM is midnight */
		if ((rc = field(r, r->hour, (u8)~RTC_HOUR_PM, 12, "hours", &hour, err)))
			return rc;
		if (!hour)
			return pp_fail(err, PP_EINVAL, "rtc: hours 0x%02x: 0 in 12-hour mode",
				       r->hour);
		hour = hour % 12u + (r->hour & RTC_HOUR_PM ? 12u : 0u);
	}
	const struct civil_tm tm = {.year = (u16)(2000u + year),
				    .month = (u8)month,
				    .day = (u8)mday,
				    .hour = (u8)hour,
				    .min = (u8)min,
				    .sec = (u8)sec};
	struct pp_err why;
	if ((rc = civil_to_unix(&tm, secs, &why)))
		return pp_fail(err, rc, "rtc: %s", why.msg); /* only a day past the month's end */
	return PP_OK;
}
