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

#define CMOS_SEC 0x00u
#define CMOS_SEC_ALARM 0x01u
#define CMOS_MIN 0x02u
#define CMOS_MIN_ALARM 0x03u
#define CMOS_HOUR 0x04u
#define CMOS_HOUR_ALARM 0x05u
#define CMOS_WDAY 0x06u
#define CMOS_MDAY 0x07u
#define CMOS_MONTH 0x08u
#define CMOS_YEAR 0x09u
#define CMOS_A 0x0Au
#define CMOS_B 0x0Bu
#define CMOS_C 0x0Cu
#define CMOS_D 0x0Du
#define CMOS_INDEX_MASK 0x7Fu

#define A_UIP 0x80u
#define A_RESET 0x26u
#define B_DM_BINARY 0x04u
#define B_24H 0x02u
#define B_RESET B_24H
#define D_VRT 0x80u
#define HOUR_PM 0x80u

#define SECS_PER_DAY 86400u
#define UNIX_2000 946684800ull	/* 2000-01-01 00:00:00 UTC */
#define UNIX_2100 4102444800ull /* 2100-01-01 00:00:00 UTC */
#define WDAY_2000 6u		/* 2000-01-01 was a Saturday (0 = Sunday) */

void vports_cmos_reset(struct vports_cmos *c)
{
	*c = (struct vports_cmos){.a = A_RESET, .b = B_RESET};
}

static bool leap(u32 y)
{
	return (y % 4u == 0 && y % 100u != 0) || y % 400u == 0;
}

static u32 month_days(u32 y, u32 m)
{
	static const u8 days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return days[m - 1u] + (m == 2u && leap(y) ? 1u : 0u);
}

void vports_unix_to_tm(u64 secs, struct vports_tm *tm)
{
	u32 days, y = 2000, m = 1, rem;

	if (secs < UNIX_2000)
		secs = UNIX_2000;
	if (secs >= UNIX_2100)
		secs = UNIX_2100 - 1u;
	secs -= UNIX_2000;
	days = (u32)(secs / SECS_PER_DAY);
	rem = (u32)(secs % SECS_PER_DAY);
	tm->wday = (u8)((days + WDAY_2000) % 7u + 1u);
	while (days >= (leap(y) ? 366u : 365u)) {
		days -= leap(y) ? 366u : 365u;
		y++;
	}
	while (days >= month_days(y, m)) {
		days -= month_days(y, m);
		m++;
	}
	tm->year = (u16)y;
	tm->month = (u8)m;
	tm->day = (u8)(days + 1u);
	tm->hour = (u8)(rem / 3600u);
	tm->min = (u8)(rem / 60u % 60u);
	tm->sec = (u8)(rem % 60u);
}

/* v in 0-99 to the register format B asks for. */
static u8 enc(const struct vports_cmos *c, u32 v)
{
	if (c->b & B_DM_BINARY)
		return (u8)v;
	return (u8)(v / 10u << 4 | v % 10u);
}

static u8 enc_hour(const struct vports_cmos *c, u32 h)
{
	u32 h12;

	if (c->b & B_24H)
		return enc(c, h);
	h12 = h % 12u ? h % 12u : 12u;
	return (u8)(enc(c, h12) | (h >= 12u ? HOUR_PM : 0u));
}

static u64 wall(const struct vports *st)
{
	return st->cfg.now ? st->cfg.now(st->cfg.ctx) : UNIX_2000;
}

static u8 clock_reg(struct vports *st, u8 idx)
{
	struct vports_cmos *c = &st->cmos;
	struct vports_tm tm;
	u64 t = wall(st);

	if (c->latched && t >= c->latch && t - c->latch <= 1u)
		t = c->latch;
	else
		c->latched = false;
	vports_unix_to_tm(t, &tm);
	switch (idx) {
	case CMOS_SEC: return enc(&st->cmos, tm.sec);
	case CMOS_MIN: return enc(&st->cmos, tm.min);
	case CMOS_HOUR: return enc_hour(&st->cmos, tm.hour);
	case CMOS_WDAY: return enc(&st->cmos, tm.wday);
	case CMOS_MDAY: return enc(&st->cmos, tm.day);
	case CMOS_MONTH: return enc(&st->cmos, tm.month);
	default: return enc(&st->cmos, tm.year % 100u);
	}
}

u8 vports_cmos_read(struct vports *st, u16 port)
{
	struct vports_cmos *c = &st->cmos;

	if (port == VPORTS_CMOS_INDEX)
		return 0xFFu;
	switch (c->index) {
	case CMOS_SEC_ALARM: return c->alarm[0];
	case CMOS_MIN_ALARM: return c->alarm[1];
	case CMOS_HOUR_ALARM: return c->alarm[2];
	case CMOS_SEC:
	case CMOS_MIN:
	case CMOS_HOUR:
	case CMOS_WDAY:
	case CMOS_MDAY:
	case CMOS_MONTH:
	case CMOS_YEAR: return clock_reg(st, c->index);
	case CMOS_A: /* UIP never set: a snapshot for the reads that follow */
		c->latch = wall(st);
		c->latched = true;
		return c->a;
	case CMOS_B: return c->b;
	case CMOS_C: return 0;
	case CMOS_D: return D_VRT;
	default: return 0xFFu;
	}
}

void vports_cmos_write(struct vports *st, u16 port, u8 v)
{
	struct vports_cmos *c = &st->cmos;

	if (port == VPORTS_CMOS_INDEX) {
		c->index = v & CMOS_INDEX_MASK;
		return;
	}
	switch (c->index) {
	case CMOS_SEC_ALARM: c->alarm[0] = v; break;
	case CMOS_MIN_ALARM: c->alarm[1] = v; break;
	case CMOS_HOUR_ALARM: c->alarm[2] = v; break;
	case CMOS_A: c->a = v & (u8)~A_UIP; break;
	case CMOS_B: c->b = v; break;
	default: st->n.cmos_ignored++; break;
	}
}
