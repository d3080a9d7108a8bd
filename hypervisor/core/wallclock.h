/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's wall clock (UTC Unix seconds): the host's CMOS clock
 * read once at boot (drivers/rtc/cmos.h), advanced by the TSC calibrated
 * against the PIT (arch/x86_64/timer.h). What a Linux partition's CMOS
 * registers show (core/linux/vports_rtc.c). Not trusted for anything
 * security relevant: the host's clock is whatever the firmware or the
 * operator set, and nothing here authenticates it.
 */
#ifndef PARAPET_HV_WALLCLOCK_H
#define PARAPET_HV_WALLCLOCK_H

#include <parapet/types.h>

/* Read the host clock (boot CPU, after timer_init, before the other CPUs
 * start) and print it, or why it could not be read: then the clock starts
 * at 2000-01-01 00:00:00 (CIVIL_UNIX_2000) and says so. */
void wallclock_init(void);
/* Now, from any CPU. */
u64 wallclock_now(void);

#endif
