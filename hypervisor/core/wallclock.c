// SPDX-License-Identifier: GPL-2.0-only
/* The hypervisor's wall clock (wallclock.h). */
#include <parapet/x86.h>
#include "hypervisor/arch/x86_64/timer.h"
#include "hypervisor/drivers/rtc/cmos.h"
#include "hypervisor/lib/civil.h"
#include "console.h"
#include "wallclock.h"

/* Written once by wallclock_init on the boot CPU before the other CPUs
 * start; read-only afterwards. */
static u64 base_secs = CIVIL_UNIX_2000, base_tsc, tsc_khz;

void wallclock_init(void)
{
	struct pp_err err = {0, ""};
	struct civil_tm tm;
	u64 secs;

	tsc_khz = timer_tsc_khz();
	base_tsc = rdtsc();
	if (cmos_read_unix(&secs, &err)) {
		hv_printf("hv: wallclock: %s; partitions see 2000-01-01 00:00:00 UTC\n", err.msg);
		return;
	}
	base_secs = secs;
	civil_from_unix(secs, &tm);
	hv_printf("hv: wallclock: %04u-%02u-%02u %02u:%02u:%02u UTC (host CMOS clock)%s\n", tm.year,
		  tm.month, tm.day, tm.hour, tm.min, tm.sec,
		  tsc_khz ? "" : ", not advancing (no calibrated TSC)");
}

u64 wallclock_now(void)
{
	u64 now = rdtsc();

	if (!tsc_khz || now < base_tsc) /* another CPU's TSC behind the boot CPU's */
		return base_secs;
	return base_secs + (now - base_tsc) / (tsc_khz * 1000u);
}
