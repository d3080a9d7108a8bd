/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The LAPIC timer as the host tick (docs/hypervisor.md, "Interrupts and
 * the host tick"): Intel SDM vol. 3 §11.5.4 "APIC Timer" (Figure 11-8 LVT,
 * Figure 11-10 Divide Configuration Register), AMD APM vol. 2 §16.4.1
 * "APIC Timer Interrupt". The timer counts down from the initial count at
 * the bus/core crystal clock divided by the divide configuration; its
 * rate is measured once on the BSP against the calibrated TSC, and every
 * CPU's timer is assumed to run at that rate (one clock feeds them all).
 * We always divide by LAPIC_TIMER_DIVIDE (16).
 *
 * The arithmetic and register encodings are pure (lapic_timer_calc.c,
 * host-tested in tests/unit/test_lapic_timer.c); lapic_timer.c touches the
 * hardware. Trust: all inputs come from the CPU's own registers.
 */
#ifndef PARAPET_HV_X86_LAPIC_TIMER_H
#define PARAPET_HV_X86_LAPIC_TIMER_H

#include <parapet/err.h>
#include <parapet/types.h>

/* xAPIC register offsets (x2APIC MSR = 0x800 + offset / 16: 0x832, 0x838,
 * 0x839, 0x83e; Intel SDM vol. 3 Table 11-6). */
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_TIMER_INITIAL 0x380
#define LAPIC_TIMER_CURRENT 0x390
#define LAPIC_TIMER_DIVIDE_CONF 0x3e0

/* LVT timer register (Figure 11-8): vector 7:0, delivery status 12, mask
 * 16, timer mode 18:17 (00 one-shot, 01 periodic, 10 TSC-deadline). */
#define LAPIC_LVT_VECTOR_MASK 0xffu
#define LAPIC_LVT_MASKED (1u << 16)
#define LAPIC_LVT_TIMER_PERIODIC (1u << 17)

#define LAPIC_TIMER_DIVIDE 16u	    /* the divider this code uses */
#define LAPIC_TIMER_CALIBRATE_MS 10 /* TSC time the count is watched for */

/* The LVT timer value for `vector`, one-shot or periodic, masked or not. */
u32 lapic_timer_lvt(u8 vector, bool periodic, bool masked);
/* Divide configuration bits 3,1,0 for a divider of 1, 2, 4, ..., 128;
 * PP_EINVAL for anything else. */
int lapic_timer_divide_bits(u32 divide, u32 *bits, struct pp_err *err);
/*
 * The timer's count rate in kHz from two reads of the current count
 * (count0 then count1, counting down from a larger initial count) taken
 * tsc_delta TSC ticks apart at tsc_khz. PP_ENOTSUP without a calibrated
 * TSC, PP_EDEVICE when the count did not go down, PP_ERANGE when it ran
 * out (reached 0) or the rate is below 1 kHz.
 */
int lapic_timer_rate_khz(u32 count0, u32 count1, u64 tsc_delta, u64 tsc_khz, u64 *khz,
			 struct pp_err *err);
/* The periodic initial count for `hz` interrupts a second at `khz`:
 * khz * 1000 / hz, rounded to nearest; PP_ERANGE if it is 0 or above
 * 0xffffffff, PP_EINVAL for hz 0. */
int lapic_timer_period_count(u64 khz, u32 hz, u32 *count, struct pp_err *err);

/* BSP, once, after lapic_init and timer_init: measure the rate (timer
 * masked, one-shot, for LAPIC_TIMER_CALIBRATE_MS) and print
 * `hv: lapic timer: N kHz (divide by 16)`. Leaves the timer stopped. */
int lapic_timer_calibrate(struct pp_err *err);
/* The measured rate in kHz; 0 before a successful calibration. */
u64 lapic_timer_khz(void);
/* Calling CPU: periodic, IRQ_VEC_TICK, unmasked, `hz` a second. */
int lapic_timer_start(u32 hz, struct pp_err *err);
/* Calling CPU: masked and stopped (initial count 0). */
void lapic_timer_stop(void);
/* Calling CPU: the current count (0 when stopped or a one-shot expired). */
u32 lapic_timer_current(void);

#endif
