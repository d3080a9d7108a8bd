/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Delays and timeouts: the TSC, calibrated once against PIT channel 2
 * (polled through port 0x61; no interrupts). Falls back to PIT-only delays
 * when the calibration fails.
 */
#ifndef PARAPET_HV_X86_TIMER_H
#define PARAPET_HV_X86_TIMER_H

#include <parapet/types.h>

/* Calibrate; returns the TSC frequency in kHz (0: PIT-only delays). */
u64 timer_init(void);
/* The calibrated TSC frequency in kHz (0 before timer_init or when it failed). */
u64 timer_tsc_khz(void);
void udelay(u64 us);
/* A timeout `us` microseconds from now. Without a calibrated TSC each
 * timeout_expired() call waits TIMER_PIT_STEP_US on the PIT instead. */
#define TIMER_PIT_STEP_US 10
struct timeout {
	u64 end;  /* TSC value */
	u64 left; /* PIT fallback: steps left */
};
void timeout_start(struct timeout *t, u64 us);
bool timeout_expired(struct timeout *t);

#endif
