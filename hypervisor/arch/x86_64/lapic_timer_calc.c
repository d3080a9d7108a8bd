// SPDX-License-Identifier: GPL-2.0-only
/*
 * LAPIC timer encodings and calibration arithmetic (lapic_timer.h): pure,
 * host-tested (tests/unit/test_lapic_timer.c), linked into the hypervisor.
 */
#include "lapic_timer.h"

u32 lapic_timer_lvt(u8 vector, bool periodic, bool masked)
{
	u32 v = vector & LAPIC_LVT_VECTOR_MASK;
	if (periodic)
		v |= LAPIC_LVT_TIMER_PERIODIC;
	if (masked)
		v |= LAPIC_LVT_MASKED;
	return v;
}

int lapic_timer_divide_bits(u32 divide, u32 *bits, struct pp_err *err)
{
	/* Figure 11-10: bits 3,1,0 = 000 /2, 001 /4, 010 /8, 011 /16, 100 /32,
	 * 101 /64, 110 /128, 111 /1 (bit 2 is reserved, 0). */
	u32 code;
	if (divide == 1) {
		code = 7;
	} else {
		u32 log2 = 0;
		while (log2 < 8 && (1u << log2) != divide)
			log2++;
		if (log2 < 1 || log2 > 7)
			return pp_fail(err, PP_EINVAL,
				       "lapic timer: divide by %u: not 1, 2, 4, ..., 128", divide);
		code = log2 - 1;
	}
	*bits = (code & 3u) | ((code & 4u) << 1);
	return PP_OK;
}

int lapic_timer_rate_khz(u32 count0, u32 count1, u64 tsc_delta, u64 tsc_khz, u64 *khz,
			 struct pp_err *err)
{
	if (!tsc_khz)
		return pp_fail(
		    err, PP_ENOTSUP,
		    "lapic timer: the TSC is not calibrated, nothing to measure against");
	if (count1 == 0)
		return pp_fail(err, PP_ERANGE,
			       "lapic timer: the count ran out (from 0x%x to 0) within %llu TSC "
			       "ticks",
			       count0, (unsigned long long)tsc_delta);
	if (count1 >= count0 || !tsc_delta)
		return pp_fail(err, PP_EDEVICE,
			       "lapic timer: the count did not go down (0x%x then 0x%x, %llu TSC "
			       "ticks apart)",
			       count0, count1, (unsigned long long)tsc_delta);
	u64 counted = (u64)(count0 - count1), prod;
	if (__builtin_mul_overflow(counted, tsc_khz, &prod))
		return pp_fail(err, PP_ERANGE,
			       "lapic timer: %llu counts at a TSC of %llu kHz overflow",
			       (unsigned long long)counted, (unsigned long long)tsc_khz);
	u64 r = prod / tsc_delta;
	if (!r)
		return pp_fail(err, PP_ERANGE,
			       "lapic timer: %llu counts in %llu TSC ticks: below 1 kHz",
			       (unsigned long long)counted, (unsigned long long)tsc_delta);
	*khz = r;
	return PP_OK;
}

int lapic_timer_period_count(u64 khz, u32 hz, u32 *count, struct pp_err *err)
{
	if (!hz)
		return pp_fail(err, PP_EINVAL, "lapic timer: a tick of 0 Hz");
	u64 per_s;
	if (__builtin_mul_overflow(khz, 1000u, &per_s))
		return pp_fail(err, PP_ERANGE, "lapic timer: a rate of %llu kHz is out of range",
			       (unsigned long long)khz);
	u64 c = per_s / hz + (per_s % hz >= (hz + 1) / 2 ? 1 : 0);
	if (!c || c > 0xffffffffull)
		return pp_fail(err, PP_ERANGE,
			       "lapic timer: %u Hz at %llu kHz needs an initial count of %llu "
			       "(1..0xffffffff)",
			       hz, (unsigned long long)khz, (unsigned long long)c);
	*count = (u32)c;
	return PP_OK;
}
