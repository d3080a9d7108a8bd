/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host's CMOS real-time clock (mc146818.h), read once at boot on the
 * boot CPU, before any other CPU runs (nothing else touches ports
 * 0x70/0x71: no lock). Hardware access only; the decoding is
 * cmos_time.c's (host-tested).
 *
 * A consistent reading (MC146818A, "Update Cycle"): wait until UIP is
 * clear (at most RTC_UPDATE_MAX_US), read the time registers, and read
 * them again: two equal readings cannot straddle an update. At most
 * CMOS_READ_TRIES rounds, then PP_ETIMEOUT; a clock that never clears UIP
 * gives PP_ETIMEOUT too. Never loops without bound on what the chip says.
 */
#ifndef PARAPET_HV_RTC_CMOS_H
#define PARAPET_HV_RTC_CMOS_H

#include <parapet/err.h>
#include <parapet/types.h>

#define CMOS_READ_TRIES 8u

/* The host clock as Unix seconds (UTC, as PC firmware keeps it under
 * Linux hosts and QEMU's default `-rtc base=utc`), or an error naming
 * the register or the timeout. */
int cmos_read_unix(u64 *secs, struct pp_err *err);

#endif
