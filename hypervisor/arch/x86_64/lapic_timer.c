// SPDX-License-Identifier: GPL-2.0-only
/*
 * The LAPIC timer on the hardware (lapic_timer.h): calibrated once on the
 * BSP against the TSC, then started periodic on each CPU that needs the
 * host tick. The rate is written once by the BSP before any CPU starts its
 * timer and only read afterwards.
 */
#include <parapet/x86.h>
#include "hypervisor/core/console.h"
#include "irq.h"
#include "lapic.h"
#include "lapic_timer.h"
#include "timer.h"

static u64 rate_khz;

/* TSC first, then the count, at both ends: the read latencies cancel. */
static u32 sample(u64 *tsc)
{
	*tsc = rdtsc();
	return lapic_read(LAPIC_TIMER_CURRENT);
}

int lapic_timer_calibrate(struct pp_err *err)
{
	u64 tsc_khz = timer_tsc_khz(), t0, t1, khz;
	u32 div;
	int rc;
	if (!lapic_base())
		return pp_fail(err, PP_ENOENT, "lapic timer: the LAPIC is not set up");
	if (!tsc_khz)
		return pp_fail(
		    err, PP_ENOTSUP,
		    "lapic timer: the TSC is not calibrated, nothing to measure against");
	rc = lapic_timer_divide_bits(LAPIC_TIMER_DIVIDE, &div, err);
	if (rc)
		return rc;
	lapic_write(LAPIC_LVT_TIMER, lapic_timer_lvt(IRQ_VEC_TICK, false, true));
	lapic_write(LAPIC_TIMER_DIVIDE_CONF, div);
	lapic_write(LAPIC_TIMER_INITIAL, 0xffffffffu);
	u32 c0 = sample(&t0);
	while (rdtsc() - t0 < tsc_khz * LAPIC_TIMER_CALIBRATE_MS)
		cpu_relax();
	u32 c1 = sample(&t1);
	lapic_write(LAPIC_TIMER_INITIAL, 0);
	rc = lapic_timer_rate_khz(c0, c1, t1 - t0, tsc_khz, &khz, err);
	if (rc)
		return rc;
	rate_khz = khz;
	hv_printf("hv: lapic timer: %llu kHz (divide by %u)\n", (unsigned long long)khz,
		  LAPIC_TIMER_DIVIDE);
	return PP_OK;
}

u64 lapic_timer_khz(void)
{
	return rate_khz;
}

int lapic_timer_start(u32 hz, struct pp_err *err)
{
	u32 div, count;
	if (!rate_khz)
		return pp_fail(err, PP_ENOENT, "lapic timer: not calibrated, cannot tick at %u Hz",
			       hz);
	int rc = lapic_timer_divide_bits(LAPIC_TIMER_DIVIDE, &div, err);
	if (!rc)
		rc = lapic_timer_period_count(rate_khz, hz, &count, err);
	if (rc)
		return rc;
	/* LVT and divider first: the initial-count write starts the count. */
	lapic_write(LAPIC_LVT_TIMER, lapic_timer_lvt(IRQ_VEC_TICK, true, false));
	lapic_write(LAPIC_TIMER_DIVIDE_CONF, div);
	lapic_write(LAPIC_TIMER_INITIAL, count);
	return PP_OK;
}

void lapic_timer_stop(void)
{
	lapic_write(LAPIC_LVT_TIMER, lapic_timer_lvt(IRQ_VEC_TICK, false, true));
	lapic_write(LAPIC_TIMER_INITIAL, 0);
}

u32 lapic_timer_current(void)
{
	return lapic_read(LAPIC_TIMER_CURRENT);
}
