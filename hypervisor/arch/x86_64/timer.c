// SPDX-License-Identifier: GPL-2.0-only
/*
 * PIT (Intel 8254 data sheet) channel 2 in mode 0, gated through port 0x61:
 * bit 0 = gate, bit 1 = speaker enable, bit 5 = OUT2. The TSC is calibrated
 * against a 10 ms PIT interval.
 */
#include <parapet/x86.h>
#include "timer.h"

#define PIT_HZ 1193182ull
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PIT_CMD_CH2_LOHI_MODE0 0xb0 /* channel 2, lobyte/hibyte, mode 0, binary */
#define PORT_61 0x61
#define PORT_61_GATE2 0x01
#define PORT_61_SPEAKER 0x02
#define PORT_61_OUT2 0x20
#define PIT_MAX_COUNT 0xffffu
#define PIT_POLL_LIMIT 100000000u
#define CALIBRATE_MS 10

static u64 tsc_khz;

/* Wait `count` PIT ticks (<= 0xffff). Returns false if OUT2 never rose. */
static bool pit_wait_ticks(u32 count)
{
	u8 v = inb(PORT_61) & (u8) ~(PORT_61_SPEAKER | PORT_61_GATE2);
	outb(PORT_61, v); /* gate low: counter holds */
	outb(PIT_CMD, PIT_CMD_CH2_LOHI_MODE0);
	outb(PIT_CH2, (u8)count);
	outb(PIT_CH2, (u8)(count >> 8));
	outb(PORT_61, v | PORT_61_GATE2); /* gate high: count down, OUT2 rises at 0 */
	for (u32 i = 0; i < PIT_POLL_LIMIT; i++)
		if (inb(PORT_61) & PORT_61_OUT2)
			return true;
	return false;
}

static void pit_delay_us(u64 us)
{
	u64 ticks = us * PIT_HZ / 1000000 + 1;
	while (ticks) {
		u32 n = (u32)PP_MIN(ticks, (u64)PIT_MAX_COUNT);
		if (!pit_wait_ticks(n))
			return;
		ticks -= n;
	}
}

u64 timer_init(void)
{
	u64 t0 = rdtsc();
	bool ok = pit_wait_ticks((u32)(PIT_HZ * CALIBRATE_MS / 1000));
	u64 t1 = rdtsc();
	tsc_khz = (ok && t1 > t0) ? (t1 - t0) / CALIBRATE_MS : 0;
	return tsc_khz;
}

void timeout_start(struct timeout *t, u64 us)
{
	t->end = rdtsc() + us * tsc_khz / 1000;
	t->left = us / TIMER_PIT_STEP_US + 1;
}

bool timeout_expired(struct timeout *t)
{
	if (tsc_khz)
		return rdtsc() >= t->end;
	if (!t->left)
		return true;
	pit_delay_us(TIMER_PIT_STEP_US);
	t->left--;
	return false;
}

void udelay(u64 us)
{
	if (!tsc_khz) {
		pit_delay_us(us);
		return;
	}
	u64 end = rdtsc() + us * tsc_khz / 1000;
	while (rdtsc() < end)
		cpu_relax();
}

u64 timer_tsc_khz(void)
{
	return tsc_khz;
}
