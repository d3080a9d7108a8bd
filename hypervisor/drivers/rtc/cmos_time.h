/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The time registers of a PC's CMOS clock (mc146818.h) as read from the
 * hardware, decoded into Unix seconds. Pure; host-tested
 * (tests/unit/test_cmos_time.c) and fuzzed (tests/fuzz/fuzz_cmos_time.c).
 *
 * Trust: the register values are the firmware's and the chip's: any byte
 * may arrive (a dead battery, a clock never set, a chip that is not
 * there and reads 0xFF). A value that is not a valid time in the mode
 * register B states is refused with the register named, never guessed.
 * Century: the chip keeps two digits; ACPI's FADT may name a century
 * register but firmware fills it inconsistently, so 20xx is assumed (the
 * years 2000-2099, civil.h).
 */
#ifndef PARAPET_HV_RTC_CMOS_TIME_H
#define PARAPET_HV_RTC_CMOS_TIME_H

#include <parapet/err.h>
#include <parapet/types.h>

struct cmos_time_regs {
	u8 sec, min, hour, mday, month, year; /* RTC_SEC ... RTC_YEAR, as read */
	u8 b;				      /* RTC_REG_B: data mode, 12/24 hours */
	u8 d;				      /* RTC_REG_D: VRT */
};

/* PP_OK and *secs; PP_EINVAL naming the first bad register (a BCD digit
 * above 9, a field out of range, 12-hour hours of 0 or above 12, VRT
 * clear: the chip itself says its time is not valid). */
int cmos_time_decode(const struct cmos_time_regs *r, u64 *secs, struct pp_err *err);

#endif
