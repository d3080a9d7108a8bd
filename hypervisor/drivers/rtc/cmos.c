// SPDX-License-Identifier: GPL-2.0-only
/* The host's CMOS clock, read at boot (cmos.h). */
#include <parapet/string.h>
#include <parapet/x86.h>
#include "hypervisor/arch/x86_64/timer.h"
#include "cmos.h"
#include "cmos_time.h"
#include "mc146818.h"

static u8 reg(u8 idx)
{
	outb(RTC_PORT_INDEX, idx & RTC_INDEX_MASK); /* bit 7 clear: NMIs stay enabled */
	return inb(RTC_PORT_DATA);
}

static bool uip_clear(void)
{
	struct timeout t;

	timeout_start(&t, RTC_UPDATE_MAX_US);
	while (reg(RTC_REG_A) & RTC_A_UIP)
		if (timeout_expired(&t))
			return false;
	return true;
}

static void time_regs(struct cmos_time_regs *r)
{
	r->sec = reg(RTC_SEC);
	r->min = reg(RTC_MIN);
	r->hour = reg(RTC_HOUR);
	r->mday = reg(RTC_MDAY);
	r->month = reg(RTC_MONTH);
	r->year = reg(RTC_YEAR);
	r->b = reg(RTC_REG_B);
	r->d = reg(RTC_REG_D);
}

int cmos_read_unix(u64 *secs, struct pp_err *err)
{
	struct cmos_time_regs a, b;

	for (u32 i = 0; i < CMOS_READ_TRIES; i++) {
		if (!uip_clear())
			return pp_fail(err, PP_ETIMEOUT, "rtc: update in progress for over %u us",
				       RTC_UPDATE_MAX_US);
		time_regs(&a);
		time_regs(&b);
		if (!memcmp(&a, &b, sizeof(a)))
			return cmos_time_decode(&a, secs, err);
	}
	return pp_fail(err, PP_ETIMEOUT, "rtc: no two equal readings in %u tries", CMOS_READ_TRIES);
}
