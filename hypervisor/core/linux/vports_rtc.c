// SPDX-License-Identifier: GPL-2.0-only
/*
 * The CMOS clock of a Linux partition (vports.h) at ports 0x70 (index,
 * write only: reads 0xFF) and 0x71 (data), after the Motorola MC146818A
 * data sheet (address map, "Time, Calendar and Alarm Data Modes" table,
 * registers A-D):
 *   0 seconds  2 minutes  4 hours  6 day of week (1 = Sunday)  7 date
 *   8 month  9 year (two digits)  -- read from the caller's wall clock;
 *            writes are ignored (the hypervisor owns the clock)
 *   1 3 5    seconds/minutes/hours alarm: stored, never fire
 *   A        UIP (bit 7) always 0, so Linux's wait for the end of an
 *            update returns at once; bits 6-0 stored, starting at 0x26
 *            (the 32.768 kHz time base, 1.024 kHz rate)
 *   B        SET, PIE, AIE, UIE, SQWE, DM (bit 2: 1 binary, 0 BCD), 24/12
 *            (bit 1: 1 = 24-hour), DSE: stored, starting at 0x02 (24-hour,
 *            BCD). The chip's RESET pin sets neither A nor B's DM and 24/12
 *            (firmware programs them); these are our power-on values.
 *   C        IRQF/PF/AF/UF: 0 (no interrupt ever raised), writes ignored
 *   D        VRT (bit 7) = 1: the battery is good; writes ignored
 *   0x0E-0x7F  the CMOS RAM: not provided, reads 0xFF, writes ignored
 * Bit 7 of an index write (NMI disable on the PC) is dropped. In 12-hour
 * mode hours are 1-12 with bit 7 set after noon (also in BCD).
 *
 * A consistent reading. The chip promises that no update starts for at
 * least 244 us after UIP reads 0, so software reads A, then the clock
 * registers one by one (Linux's mach_get_cmos_time does exactly that and
 * reads each register once). Our clock ticks whenever the caller's does,
 * so a read of A takes a snapshot, and the clock registers return it while
 * the caller's clock is at most one second past it; after that, or with
 * no read of A, they read the live clock. A second boundary between the
 * reads of seconds and minutes thus cannot produce a time a minute off.
 */
#include "hypervisor/core/linux/vports_dev.h"
#include "hypervisor/drivers/rtc/mc146818.h"
#include "hypervisor/lib/civil.h"

#define A_RESET 0x26u
#define B_RESET RTC_B_24H

void vports_cmos_reset(struct vports_cmos *c)
{
	*c = (struct vports_cmos){.a = A_RESET, .b = B_RESET};
}

/* v in 0-99 to the register format B asks for. */
static u8 enc(const struct vports_cmos *c, u32 v)
{
	if (c->b & RTC_B_DM_BINARY)
		return (u8)v;
	return (u8)(v / 10u << 4 | v % 10u);
}

static u8 enc_hour(const struct vports_cmos *c, u32 h)
{
	u32 h12;

	if (c->b & RTC_B_24H)
		return enc(c, h);
	h12 = h % 12u ? h % 12u : 12u;
	return (u8)(enc(c, h12) | (h >= 12u ? RTC_HOUR_PM : 0u));
}

static u64 wall(const struct vports *st)
{
	return st->cfg.now ? st->cfg.now(st->cfg.ctx) : CIVIL_UNIX_2000;
}

static u8 clock_reg(struct vports *st, u8 idx)
{
	struct vports_cmos *c = &st->cmos;
	struct civil_tm tm;
	u64 t = wall(st);

	if (c->latched && t >= c->latch && t - c->latch <= 1u)
		t = c->latch;
	else
		c->latched = false;
	civil_from_unix(t, &tm);
	switch (idx) {
	case RTC_SEC: return enc(&st->cmos, tm.sec);
	case RTC_MIN: return enc(&st->cmos, tm.min);
	case RTC_HOUR: return enc_hour(&st->cmos, tm.hour);
	case RTC_WDAY: return enc(&st->cmos, tm.wday);
	case RTC_MDAY: return enc(&st->cmos, tm.day);
	case RTC_MONTH: return enc(&st->cmos, tm.month);
	default: return enc(&st->cmos, tm.year % 100u);
	}
}

u8 vports_cmos_read(struct vports *st, u16 port)
{
	struct vports_cmos *c = &st->cmos;

	if (port == VPORTS_CMOS_INDEX)
		return 0xFFu;
	switch (c->index) {
	case RTC_SEC_ALARM: return c->alarm[0];
	case RTC_MIN_ALARM: return c->alarm[1];
	case RTC_HOUR_ALARM: return c->alarm[2];
	case RTC_SEC:
	case RTC_MIN:
	case RTC_HOUR:
	case RTC_WDAY:
	case RTC_MDAY:
	case RTC_MONTH:
	case RTC_YEAR: return clock_reg(st, c->index);
	case RTC_REG_A: /* UIP never set: a snapshot for the reads that follow */
		c->latch = wall(st);
		c->latched = true;
		return c->a;
	case RTC_REG_B: return c->b;
	case RTC_REG_C: return 0;
	case RTC_REG_D: return RTC_D_VRT;
	default: return 0xFFu;
	}
}

void vports_cmos_write(struct vports *st, u16 port, u8 v)
{
	struct vports_cmos *c = &st->cmos;

	if (port == VPORTS_CMOS_INDEX) {
		c->index = v & RTC_INDEX_MASK;
		return;
	}
	switch (c->index) {
	case RTC_SEC_ALARM: c->alarm[0] = v; break;
	case RTC_MIN_ALARM: c->alarm[1] = v; break;
	case RTC_HOUR_ALARM: c->alarm[2] = v; break;
	case RTC_REG_A: c->a = v & (u8)~RTC_A_UIP; break;
	case RTC_REG_B: c->b = v; break;
	default: st->n.cmos_ignored++; break;
	}
}
