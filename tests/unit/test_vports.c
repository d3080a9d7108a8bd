// SPDX-License-Identifier: GPL-2.0-only
/*
 * The port-I/O platform of a Linux partition (hypervisor/core/linux/
 * vports.h): the 16550's registers and reset values (PC16550D data sheet),
 * the probe and THRE test Linux's 8250 driver runs (8250_port.c autoconfig,
 * autoconfig_16550a, serial8250_do_startup) seen as a working 16550A, the
 * CMOS clock in BCD, binary and 12-hour mode against libc's gmtime_r, the
 * PIT stubs against quick_pit_calibrate's loop, reset and poweroff with the
 * values the ACPI tables announce (vacpi.h), and unknown ports.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "hypervisor/core/linux/vacpi.h"
#include "hypervisor/core/linux/vports.h"
#include "hypervisor/lib/civil.h"
#include "unit.h"

#define COM1 0x3F8u
#define RBR (COM1 + 0u)
#define IER (COM1 + 1u)
#define IIR (COM1 + 2u)
#define FCR (COM1 + 2u)
#define LCR (COM1 + 3u)
#define MCR (COM1 + 4u)
#define LSR (COM1 + 5u)
#define MSR (COM1 + 6u)
#define SCR (COM1 + 7u)

/* 2026-12-07 11:45:29 UTC, a Monday. */
#define NOW_2026 1796643929ull

struct sink {
	u8 buf[256];
	u32 len;
	u64 now;
};

static void sink_tx(void *ctx, u8 b)
{
	struct sink *s = ctx;

	if (s->len < sizeof(s->buf))
		s->buf[s->len] = b;
	s->len++;
}

static u64 sink_now(void *ctx)
{
	return ((struct sink *)ctx)->now;
}

static void setup(struct vports *st, struct sink *s)
{
	struct vports_cfg cfg = {.tx = sink_tx, .now = sink_now, .ctx = s};

	memset(s, 0, sizeof(*s));
	s->now = NOW_2026;
	vports_init(st, &cfg);
}

static u8 inb(struct vports *st, u16 port)
{
	u32 v = 0xDEADBEEFu;

	CHECK_EQ(vports_io(st, port, 1, true, &v), VPORTS_DONE);
	CHECK(v <= 0xFFu);
	return (u8)v;
}

static enum vports_action outb_act(struct vports *st, u16 port, u8 b)
{
	u32 v = b;

	return vports_io(st, port, 1, false, &v);
}

static void outb(struct vports *st, u16 port, u8 b)
{
	CHECK_EQ(outb_act(st, port, b), VPORTS_DONE);
}

static u8 cmos(struct vports *st, u8 idx)
{
	outb(st, VPORTS_CMOS_INDEX, idx);
	return inb(st, VPORTS_CMOS_DATA);
}

TEST(vports_uart_reset_values)
{
	struct vports st;
	struct sink s;

	setup(&st, &s);
	CHECK_EQ(inb(&st, IER), 0x00);
	CHECK_EQ(inb(&st, IIR), 0x01); /* no interrupt, FIFOs off */
	CHECK_EQ(inb(&st, LCR), 0x00);
	CHECK_EQ(inb(&st, MCR), 0x00);
	CHECK_EQ(inb(&st, LSR), 0x60); /* THRE | TEMT */
	CHECK_EQ(inb(&st, MSR), 0xB0); /* DCD, DSR, CTS; no deltas */
	CHECK_EQ(inb(&st, SCR), 0x00);
	CHECK_EQ(inb(&st, RBR), 0x00); /* nothing received */
	outb(&st, LCR, 0x80);
	CHECK_EQ(inb(&st, RBR), 0x01); /* DLL: 115200 baud */
	CHECK_EQ(inb(&st, IER), 0x00); /* DLM */
	CHECK_EQ(st.n.uart, 11);
	CHECK_EQ(st.n.uart_rx, 0);
}

TEST(vports_uart_thr_to_sink)
{
	struct vports st;
	struct sink s;
	const char *msg = "linux-init: ready\n";

	setup(&st, &s);
	for (const char *p = msg; *p; p++) {
		CHECK_EQ(inb(&st, LSR) & 0x20, 0x20);
		outb(&st, RBR, (u8)*p);
	}
	CHECK_EQ(s.len, strlen(msg));
	CHECK(memcmp(s.buf, msg, strlen(msg)) == 0);
	CHECK_EQ(st.n.uart_tx, strlen(msg));
	CHECK_EQ(inb(&st, LSR), 0x60);

	/* no sink: bytes are dropped but counted */
	vports_init(&st, NULL);
	outb(&st, RBR, 'x');
	CHECK_EQ(st.n.uart_tx, 1);
}

TEST(vports_uart_registers_store)
{
	struct vports st;
	struct sink s;

	setup(&st, &s);
	outb(&st, IER, 0xFF);
	CHECK_EQ(inb(&st, IER), 0x0F); /* bits 7-4 are 0 on a 16550 */
	outb(&st, IER, 0);
	outb(&st, MCR, 0xFF);
	CHECK_EQ(inb(&st, MCR), 0x1F);
	outb(&st, MCR, 0);
	outb(&st, SCR, 0xA5);
	CHECK_EQ(inb(&st, SCR), 0xA5);
	outb(&st, LCR, 0x1B); /* 8 data bits, even parity */
	CHECK_EQ(inb(&st, LCR), 0x1B);
	outb(&st, LSR, 0x00); /* LSR and MSR writes are ignored */
	outb(&st, MSR, 0x00);
	CHECK_EQ(inb(&st, LSR), 0x60);
	CHECK_EQ(inb(&st, MSR), 0xB0);

	/* DLAB: offsets 0 and 1 are the divisor latch, nothing is sent */
	outb(&st, LCR, 0x83);
	outb(&st, RBR, 0x0C);
	outb(&st, IER, 0x34);
	CHECK_EQ(inb(&st, RBR), 0x0C);
	CHECK_EQ(inb(&st, IER), 0x34);
	CHECK_EQ(s.len, 0);
	outb(&st, LCR, 0x03);
	CHECK_EQ(inb(&st, IER), 0x00); /* the real IER did not change */
	outb(&st, LCR, 0x83);
	CHECK_EQ(inb(&st, RBR), 0x0C); /* the latch kept its value */
}

TEST(vports_uart_receive)
{
	struct vports st;
	struct sink s;
	u8 in[20];

	setup(&st, &s);
	for (u32 i = 0; i < sizeof(in); i++)
		in[i] = (u8)('a' + i);
	/* FIFOs off: the RBR holds one byte */
	CHECK_EQ(vports_uart_input(&st, in, 3), 1);
	CHECK_EQ(inb(&st, LSR), 0x61);
	CHECK_EQ(inb(&st, RBR), 'a');
	CHECK_EQ(inb(&st, LSR), 0x60);
	CHECK_EQ(inb(&st, RBR), 'a'); /* an empty RBR repeats the last byte */

	outb(&st, FCR, 0x01);
	CHECK_EQ(vports_uart_input(&st, in, sizeof(in)), VPORTS_UART_FIFO);
	CHECK_EQ(vports_uart_input(&st, in, 1), 0);
	for (u32 i = 0; i < VPORTS_UART_FIFO; i++) {
		CHECK_EQ(inb(&st, LSR) & 1, 1);
		CHECK_EQ(inb(&st, RBR), in[i]);
	}
	CHECK_EQ(inb(&st, LSR), 0x60);
	CHECK_EQ(st.n.uart_rx, VPORTS_UART_FIFO + 1u);

	/* FCR bit 1 empties the receive FIFO; so does turning the FIFOs off */
	CHECK_EQ(vports_uart_input(&st, in, 5), 5);
	outb(&st, FCR, 0x03);
	CHECK_EQ(inb(&st, LSR), 0x60);
	CHECK_EQ(vports_uart_input(&st, in, 5), 5);
	outb(&st, FCR, 0x00);
	CHECK_EQ(inb(&st, LSR), 0x60);
	/* the ring wraps */
	outb(&st, FCR, 0x01);
	for (u32 round = 0; round < 3; round++) {
		CHECK_EQ(vports_uart_input(&st, in + round, 11), 11);
		for (u32 i = 0; i < 11; i++)
			CHECK_EQ(inb(&st, RBR), in[round + i]);
	}
}

TEST(vports_uart_iir)
{
	struct vports st;
	struct sink s;
	const u8 b = 'z';

	setup(&st, &s);
	outb(&st, FCR, 0x01);
	CHECK_EQ(inb(&st, IIR), 0xC1); /* FIFOs on, no interrupt */
	outb(&st, IER, 0x02);	       /* enabling ETBEI with the THR empty */
	CHECK_EQ(inb(&st, IIR), 0xC2);
	CHECK_EQ(inb(&st, IIR), 0xC1); /* the read cleared it */
	outb(&st, RBR, 'x');	       /* sent at once: THR empty again */
	CHECK_EQ(inb(&st, IIR), 0xC2);
	outb(&st, IER, 0x02); /* rewriting the same bit does not re-arm */
	CHECK_EQ(inb(&st, IIR), 0xC1);

	/* received data outranks THR empty, and only with ERBFI */
	outb(&st, RBR, 'y');
	CHECK_EQ(vports_uart_input(&st, &b, 1), 1);
	CHECK_EQ(inb(&st, IIR), 0xC2);
	outb(&st, RBR, 'y');
	outb(&st, IER, 0x03);
	CHECK_EQ(inb(&st, IIR), 0xC4);
	CHECK_EQ(inb(&st, IIR), 0xC4); /* stays while data waits */
	CHECK_EQ(inb(&st, RBR), 'z');
	CHECK_EQ(inb(&st, IIR), 0xC2);
	CHECK_EQ(inb(&st, IIR), 0xC1);
	/* DLAB does not hide the IIR */
	outb(&st, LCR, 0x80);
	CHECK_EQ(inb(&st, IIR), 0xC1);
}

TEST(vports_uart_loopback)
{
	struct vports st;
	struct sink s;

	setup(&st, &s);
	outb(&st, FCR, 0x01);
	outb(&st, MCR, 0x10);
	CHECK_EQ(inb(&st, MSR), 0x00);
	outb(&st, MCR, 0x11); /* DTR -> DSR */
	CHECK_EQ(inb(&st, MSR), 0x20);
	outb(&st, MCR, 0x12); /* RTS -> CTS */
	CHECK_EQ(inb(&st, MSR), 0x10);
	outb(&st, MCR, 0x14); /* OUT1 -> RI */
	CHECK_EQ(inb(&st, MSR), 0x40);
	outb(&st, MCR, 0x18); /* OUT2 -> DCD */
	CHECK_EQ(inb(&st, MSR), 0x80);
	outb(&st, MCR, 0x1F);
	CHECK_EQ(inb(&st, MSR), 0xF0);
	outb(&st, RBR, 'L'); /* received, not sent */
	CHECK_EQ(s.len, 0);
	CHECK_EQ(st.n.uart_loop, 1);
	CHECK_EQ(inb(&st, LSR), 0x61);
	CHECK_EQ(inb(&st, RBR), 'L');
	outb(&st, MCR, 0x0B);
	CHECK_EQ(inb(&st, MSR), 0xB0);
	outb(&st, RBR, 'S');
	CHECK_EQ(s.len, 1);
}

/*
 * What Linux 6.1's 8250 driver does to COM1 (drivers/tty/serial/8250/
 * 8250_port.c): autoconfig's IER existence test and loopback test,
 * the FIFO probe through IIR bits 7-6, autoconfig_16550a's EFR, SuperIO,
 * 16750 and UUE tests, then serial8250_do_startup's LSR safety check and
 * THRE test. A working 16550A passes each; none of it reaches the sink.
 */
TEST(vports_uart_linux_8250_probe)
{
	struct vports st;
	struct sink s;
	u8 scratch, scratch2, scratch3, save_mcr, save_lcr, status1, status2, iir1, iir2;

	setup(&st, &s);
	scratch = inb(&st, IER);
	outb(&st, IER, 0);
	scratch2 = inb(&st, IER) & 0x0F;
	outb(&st, IER, 0x0F);
	scratch3 = inb(&st, IER) & 0x0F;
	outb(&st, IER, scratch);
	CHECK_EQ(scratch2, 0);
	CHECK_EQ(scratch3, 0x0F);

	save_mcr = inb(&st, MCR);
	save_lcr = inb(&st, LCR);
	outb(&st, MCR, 0x10 | 0x0A); /* LOOP | OUT2 | RTS */
	status1 = inb(&st, MSR) & 0xF0;
	outb(&st, MCR, save_mcr);
	CHECK_EQ(status1, 0x90); /* DCD | CTS */

	outb(&st, LCR, 0xBF);
	outb(&st, FCR, 0); /* the EFR on a 16650; the FCR here */
	outb(&st, LCR, 0);
	outb(&st, FCR, 0x01);
	CHECK_EQ(inb(&st, IIR) >> 6, 3); /* 16550A: autoconfig_16550a */

	outb(&st, LCR, 0x80);
	CHECK(inb(&st, IIR) != 0); /* no EFR with DLAB */
	outb(&st, LCR, 0xBF);
	CHECK(inb(&st, IIR) != 0); /* nor with 0xBF */
	outb(&st, LCR, 0);
	status1 = inb(&st, MCR);
	outb(&st, LCR, 0xE0);
	status2 = inb(&st, IIR); /* EXCR1 of a SuperIO */
	CHECK_EQ((status1 ^ status2) & 0x10, 0);
	outb(&st, LCR, 0);
	outb(&st, MCR, status1 ^ 0x10);
	outb(&st, LCR, 0xE0);
	status2 = inb(&st, IIR);
	outb(&st, LCR, 0);
	outb(&st, MCR, status1);
	CHECK_EQ((status2 ^ status1) & 0x10, 0); /* EXCR1 did not follow LOOP: no SuperIO */

	outb(&st, LCR, 0);
	outb(&st, FCR, 0x01 | 0x20);
	status1 = inb(&st, IIR) >> 5;
	outb(&st, FCR, 0x01);
	outb(&st, LCR, 0x80);
	outb(&st, FCR, 0x01 | 0x20);
	status2 = inb(&st, IIR) >> 5;
	outb(&st, FCR, 0x01);
	outb(&st, LCR, 0);
	CHECK_EQ(status1, 6);
	CHECK_EQ(status2, 6); /* 7 would be a 16750 */

	scratch = inb(&st, IER);
	outb(&st, IER, scratch & (u8)~0x40);
	CHECK_EQ(inb(&st, IER) & 0x40, 0);
	outb(&st, IER, scratch | 0x40);
	CHECK_EQ(inb(&st, IER) & 0x40, 0); /* no UUE: not an XScale */
	outb(&st, IER, scratch);
	outb(&st, LCR, save_lcr);

	/* end of autoconfig: reset the UART */
	outb(&st, MCR, save_mcr);
	outb(&st, FCR, 0x01);
	outb(&st, FCR, 0x07);
	outb(&st, FCR, 0);
	(void)inb(&st, RBR);
	outb(&st, IER, 0);

	/* serial8250_do_startup */
	outb(&st, FCR, 0x01);
	outb(&st, FCR, 0x07);
	(void)inb(&st, LSR);
	(void)inb(&st, RBR);
	(void)inb(&st, IIR);
	(void)inb(&st, MSR);
	CHECK(inb(&st, LSR) != 0xFF); /* "LSR safety check engaged!" otherwise */
	outb(&st, LCR, 0x03);
	outb(&st, MCR, 0x0B);
	CHECK_EQ(inb(&st, LSR) & 0x20, 0x20);
	outb(&st, IER, 0x02);
	iir1 = inb(&st, IIR);
	outb(&st, IER, 0);
	outb(&st, IER, 0x02);
	iir2 = inb(&st, IIR);
	outb(&st, IER, 0);
	/* UART_BUG_THRE would be (!(iir1 & NO_INT) && (iir2 & NO_INT)) */
	CHECK_EQ(iir1 & 0x0F, 0x02);
	CHECK_EQ(iir2 & 0x0F, 0x02);

	/* polled transmission (serial8250_handle_irq from the poll timer) */
	outb(&st, IER, 0x02);
	CHECK_EQ(inb(&st, IIR) & 0x0F, 0x02);
	for (u8 i = 0; i < 16; i++)
		outb(&st, RBR, (u8)('0' + i % 10u));
	CHECK_EQ(inb(&st, IIR) & 0x0F, 0x02); /* room for the next 16 */
	CHECK_EQ(s.len, 16);
	CHECK_EQ(st.n.uart_loop, 0);
	CHECK_EQ(st.n.uart, 87); /* the whole probe, startup and 16 bytes: 87 exits */
}

/* Libc's view of t, for the CMOS round trips. */
static void libc_tm(u64 t, struct tm *out)
{
	time_t tt = (time_t)t;

	REQUIRE(gmtime_r(&tt, out) != NULL);
}

static u32 bcd(u8 v)
{
	return (v >> 4) * 10u + (v & 0x0Fu);
}

TEST(vports_cmos_bcd)
{
	struct vports st;
	struct sink s;

	setup(&st, &s);
	CHECK_EQ(cmos(&st, 0x0A), 0x26); /* UIP = 0 */
	CHECK_EQ(cmos(&st, 0x0B), 0x02); /* 24-hour, BCD */
	CHECK_EQ(cmos(&st, 0x0C), 0x00);
	CHECK_EQ(cmos(&st, 0x0D), 0x80); /* VRT */
	CHECK_EQ(cmos(&st, 0x00), 0x29);
	CHECK_EQ(cmos(&st, 0x02), 0x45);
	CHECK_EQ(cmos(&st, 0x04), 0x11);
	CHECK_EQ(cmos(&st, 0x06), 0x02); /* Monday */
	CHECK_EQ(cmos(&st, 0x07), 0x07);
	CHECK_EQ(cmos(&st, 0x08), 0x12);
	CHECK_EQ(cmos(&st, 0x09), 0x26);
	CHECK_EQ(cmos(&st, 0x80 | 0x09), 0x26); /* NMI-disable bit dropped */
	CHECK_EQ(cmos(&st, 0x0E), 0xFF);
	CHECK_EQ(cmos(&st, 0x32), 0xFF); /* no century byte */
	CHECK_EQ(cmos(&st, 0x7F), 0xFF);
	CHECK_EQ(inb(&st, VPORTS_CMOS_INDEX), 0xFF);
	CHECK_EQ(st.n.cmos, 31);
	/* the clock moves with the caller's */
	s.now += 31;
	CHECK_EQ(cmos(&st, 0x00), 0x00);
	CHECK_EQ(cmos(&st, 0x02), 0x46);
}

/* Linux's mach_get_cmos_time reading, in both modes, checked by libc. */
static void read_clock(struct vports *st, bool binary, struct tm *got)
{
	u8 r[10];

	memset(got, 0, sizeof(*got));
	REQUIRE((cmos(st, 0x0A) & 0x80) == 0);
	for (u8 i = 0; i < 10; i++)
		r[i] = cmos(st, i);
	got->tm_sec = (int)(binary ? r[0] : bcd(r[0]));
	got->tm_min = (int)(binary ? r[2] : bcd(r[2]));
	got->tm_hour = (int)(binary ? r[4] : bcd(r[4]));
	got->tm_wday = (int)(binary ? r[6] : bcd(r[6])) - 1;
	got->tm_mday = (int)(binary ? r[7] : bcd(r[7]));
	got->tm_mon = (int)(binary ? r[8] : bcd(r[8])) - 1;
	got->tm_year = (int)(binary ? r[9] : bcd(r[9])) + 100;
}

TEST(vports_cmos_round_trip)
{
	struct vports st;
	struct sink s;
	const u64 fixed[] = {946684800ull, 951868799ull,  951868800ull, 1709164800ull,
			     NOW_2026,	   4102444799ull, 978307199ull, 1234567890ull};
	u64 x = 0x9E3779B97F4A7C15ull;

	setup(&st, &s);
	for (u32 mode = 0; mode < 2; mode++) {
		outb(&st, VPORTS_CMOS_INDEX, 0x0B);
		outb(&st, VPORTS_CMOS_DATA, mode ? 0x06 : 0x02);
		for (u32 i = 0; i < 400; i++) {
			struct tm want, got;
			if (i < sizeof(fixed) / sizeof(fixed[0])) {
				s.now = fixed[i];
			} else {
				x ^= x << 13;
				x ^= x >> 7;
				x ^= x << 17;
				s.now = 946684800ull + x % (4102444800ull - 946684800ull);
			}
			libc_tm(s.now, &want);
			read_clock(&st, mode == 1, &got);
			CHECK_EQ(got.tm_sec, want.tm_sec);
			CHECK_EQ(got.tm_min, want.tm_min);
			CHECK_EQ(got.tm_hour, want.tm_hour);
			CHECK_EQ(got.tm_mday, want.tm_mday);
			CHECK_EQ(got.tm_mon, want.tm_mon);
			CHECK_EQ(got.tm_year, want.tm_year);
			CHECK_EQ(got.tm_wday, want.tm_wday);
			/* and back to the caller's seconds */
			CHECK_EQ((u64)timegm(&got), s.now);
		}
	}
}

TEST(vports_cmos_12h_and_clamp)
{
	struct vports st;
	struct sink s;
	struct civil_tm tm;

	setup(&st, &s);
	outb(&st, VPORTS_CMOS_INDEX, 0x0B);
	outb(&st, VPORTS_CMOS_DATA, 0x00); /* 12-hour, BCD */
	s.now = 946684800ull;		   /* midnight */
	CHECK_EQ(cmos(&st, 0x04), 0x12);
	s.now += 12ull * 3600u; /* noon */
	CHECK_EQ(cmos(&st, 0x04), 0x92);
	s.now += 3600u; /* 13:00 */
	CHECK_EQ(cmos(&st, 0x04), 0x81);
	s.now += 10ull * 3600u; /* 23:00 */
	CHECK_EQ(cmos(&st, 0x04), 0x91);
	outb(&st, VPORTS_CMOS_INDEX, 0x0B);
	outb(&st, VPORTS_CMOS_DATA, 0x04); /* 12-hour, binary */
	CHECK_EQ(cmos(&st, 0x04), 0x8B);

	civil_from_unix(0, &tm); /* 1970: the RTC cannot say it */
	CHECK_EQ(tm.year, 2000);
	CHECK_EQ(tm.month, 1);
	CHECK_EQ(tm.day, 1);
	CHECK_EQ(tm.wday, 7); /* Saturday */
	CHECK_EQ(tm.hour + tm.min + tm.sec, 0);
	civil_from_unix(~0ull, &tm);
	CHECK_EQ(tm.year, 2099);
	CHECK_EQ(tm.month, 12);
	CHECK_EQ(tm.day, 31);
	CHECK_EQ(tm.hour, 23);
	CHECK_EQ(tm.min, 59);
	CHECK_EQ(tm.sec, 59);

	/* no clock from the caller: 2000-01-01 */
	vports_init(&st, NULL);
	CHECK_EQ(cmos(&st, 0x09), 0x00);
	CHECK_EQ(cmos(&st, 0x08), 0x01);
}

TEST(vports_cmos_writes)
{
	struct vports st;
	struct sink s;

	setup(&st, &s);
	outb(&st, VPORTS_CMOS_INDEX, 0x00);
	outb(&st, VPORTS_CMOS_DATA, 0x59); /* the guest cannot set the clock */
	CHECK_EQ(inb(&st, VPORTS_CMOS_DATA), 0x29);
	outb(&st, VPORTS_CMOS_INDEX, 0x0C);
	outb(&st, VPORTS_CMOS_DATA, 0xF0);
	outb(&st, VPORTS_CMOS_INDEX, 0x0D);
	outb(&st, VPORTS_CMOS_DATA, 0x00);
	outb(&st, VPORTS_CMOS_INDEX, 0x40);
	outb(&st, VPORTS_CMOS_DATA, 0x00);
	CHECK_EQ(st.n.cmos_ignored, 4);
	CHECK_EQ(cmos(&st, 0x0C), 0x00);
	CHECK_EQ(cmos(&st, 0x0D), 0x80);
	CHECK_EQ(cmos(&st, 0x40), 0xFF);
	/* alarms are stored */
	for (u8 i = 1; i <= 5; i += 2) {
		outb(&st, VPORTS_CMOS_INDEX, i);
		outb(&st, VPORTS_CMOS_DATA, (u8)(0x10 + i));
	}
	CHECK_EQ(cmos(&st, 1), 0x11);
	CHECK_EQ(cmos(&st, 3), 0x13);
	CHECK_EQ(cmos(&st, 5), 0x15);
	/* UIP is read-only; the rest of A is stored */
	outb(&st, VPORTS_CMOS_INDEX, 0x0A);
	outb(&st, VPORTS_CMOS_DATA, 0xA6);
	CHECK_EQ(cmos(&st, 0x0A), 0x26);
	outb(&st, VPORTS_CMOS_INDEX, 0x8B); /* NMI bit on the index write */
	outb(&st, VPORTS_CMOS_DATA, 0x86);
	CHECK_EQ(cmos(&st, 0x0B), 0x86);
}

/* quick_pit_calibrate (arch/x86/kernel/tsc.c): pit_verify_msb reads the
 * counter twice and compares the MSB; pit_expect_msb loops up to 50,000
 * times while it matches. */
TEST(vports_pit_calibration_gives_up)
{
	struct vports st;
	struct sink s;
	u32 count = 0;

	setup(&st, &s);
	outb(&st, VPORTS_PORT_B, (u8)((inb(&st, VPORTS_PORT_B) & ~0x02u) | 0x01u));
	outb(&st, VPORTS_PIT_BASE + 3u, 0xB0);
	outb(&st, VPORTS_PIT_BASE + 2u, 0xFF);
	outb(&st, VPORTS_PIT_BASE + 2u, 0xFF);
	(void)inb(&st, VPORTS_PIT_BASE + 2u);
	(void)inb(&st, VPORTS_PIT_BASE + 2u);
	while (count < 50000) {
		(void)inb(&st, VPORTS_PIT_BASE + 2u);
		if (inb(&st, VPORTS_PIT_BASE + 2u) != 0xFF)
			break;
		count++;
	}
	CHECK_EQ(count, 0);
	CHECK_EQ(st.n.pit, 9); /* 1 + 1 + 1 + 2 + 2, then 2: not 100,004 */
	for (u16 p = VPORTS_PIT_BASE; p <= VPORTS_PIT_BASE + 3u; p++)
		CHECK_EQ(inb(&st, p), 0);
	/* pit_calibrate_tsc polls port B until OUT2 (bit 5) is high */
	CHECK_EQ(inb(&st, VPORTS_PORT_B), 0x20);
	CHECK_EQ(st.n.unknown, 0);
}

TEST(vports_reset_ports)
{
	struct vports st;
	struct sink s;
	u32 v;

	setup(&st, &s);
	CHECK_EQ(outb_act(&st, VACPI_RESET_PORT, VACPI_RESET_VALUE), VPORTS_RESET);
	CHECK_EQ(outb_act(&st, VACPI_RESET_PORT, 0x0E), VPORTS_RESET); /* full reset */
	CHECK_EQ(outb_act(&st, VACPI_RESET_PORT, 0x04), VPORTS_RESET); /* soft reset */
	/* reboot=pci writes 0x02 first: stored, no reset */
	CHECK_EQ(outb_act(&st, VACPI_RESET_PORT, 0x02), VPORTS_DONE);
	CHECK_EQ(inb(&st, VACPI_RESET_PORT), 0x02);
	CHECK_EQ(outb_act(&st, VACPI_RESET_PORT, 0xFB), VPORTS_DONE);
	CHECK_EQ(inb(&st, VACPI_RESET_PORT), 0x0A);
	/* a DWORD to 0xCF8 is the PCI address register, not a reset */
	v = 0x80000600u;
	CHECK_EQ(vports_io(&st, 0xCF8, 4, false, &v), VPORTS_DONE);
	v = 0x0606u;
	CHECK_EQ(vports_io(&st, 0xCF8, 2, false, &v), VPORTS_DONE);
	CHECK_EQ(st.n.wide, 2);

	/* 8042: status 0, command 0xFE resets, others ignored */
	CHECK_EQ(inb(&st, VPORTS_KBC_CMD), 0x00);
	CHECK_EQ(outb_act(&st, VPORTS_KBC_CMD, 0xAD), VPORTS_DONE);
	CHECK_EQ(outb_act(&st, VPORTS_KBC_CMD, VPORTS_KBC_RESET), VPORTS_RESET);
	v = VPORTS_KBC_RESET;
	CHECK_EQ(vports_io(&st, VPORTS_KBC_CMD, 2, false, &v), VPORTS_DONE);
	CHECK_EQ(st.n.resets, 4);
	CHECK_EQ(st.n.kbc, 3);
	CHECK_EQ(st.n.rst, 7);
}

TEST(vports_sleep_ports)
{
	struct vports st;
	struct sink s;
	u32 v;

	setup(&st, &s);
	CHECK_EQ(VACPI_SLEEP_POWEROFF, 0x34);
	CHECK_EQ(outb_act(&st, VACPI_SLEEP_CTL_PORT, VACPI_SLEEP_POWEROFF), VPORTS_POWEROFF);
	CHECK_EQ(outb_act(&st, VACPI_SLEEP_CTL_PORT, 0xF7), VPORTS_POWEROFF); /* reserved bits */
	CHECK_EQ(outb_act(&st, VACPI_SLEEP_CTL_PORT, 0x14), VPORTS_DONE); /* S5 without SLP_EN */
	CHECK_EQ(outb_act(&st, VACPI_SLEEP_CTL_PORT, 0x2C), VPORTS_DONE); /* S3 */
	CHECK_EQ(outb_act(&st, VACPI_SLEEP_CTL_PORT, 0x20), VPORTS_DONE); /* S0 */
	CHECK_EQ(st.n.sleep_ignored, 2);
	CHECK_EQ(st.n.poweroffs, 2);
	CHECK_EQ(inb(&st, VACPI_SLEEP_CTL_PORT), 0);
	CHECK_EQ(inb(&st, VACPI_SLEEP_STS_PORT), 0);
	outb(&st, VACPI_SLEEP_STS_PORT, 0x80);
	v = VACPI_SLEEP_POWEROFF;
	CHECK_EQ(vports_io(&st, VACPI_SLEEP_CTL_PORT, 2, false, &v), VPORTS_DONE);
	CHECK_EQ(st.n.sleep, 8);
	CHECK_EQ(st.n.wide, 1);
}

TEST(vports_unknown_ports)
{
	struct vports st;
	struct sink s;
	struct vports_port top[VPORTS_TOP + 2];
	u32 v, n;

	setup(&st, &s);
	v = 0;
	CHECK_EQ(vports_io(&st, 0x80, 1, true, &v), VPORTS_DONE);
	CHECK_EQ(v, 0xFF);
	v = 0;
	CHECK_EQ(vports_io(&st, 0xCFC, 2, true, &v), VPORTS_DONE);
	CHECK_EQ(v, 0xFFFF);
	v = 0;
	CHECK_EQ(vports_io(&st, 0xCFC, 4, true, &v), VPORTS_DONE);
	CHECK_EQ(v, 0xFFFFFFFFu);
	v = 0x12;
	CHECK_EQ(vports_io(&st, 0x80, 1, false, &v), VPORTS_DONE);
	v = 0;
	CHECK_EQ(vports_io(&st, 0x80, 3, true, &v), VPORTS_DONE); /* no such size */
	CHECK_EQ(v, 0xFFFFFFFFu);
	CHECK_EQ(st.n.bad_size, 1);
	CHECK_EQ(st.n.unknown, 4);
	CHECK_EQ(st.n.wide, 0);
	n = vports_top(&st, top, VPORTS_TOP);
	REQUIRE(n == 2);
	CHECK_EQ(top[0].port, 0x80);
	CHECK_EQ(top[0].reads, 1);
	CHECK_EQ(top[0].writes, 1);
	CHECK_EQ(top[1].port, 0xCFC);
	CHECK_EQ(top[1].count, 2);

	/* wide accesses to the UART: all ones, nothing sent or changed */
	v = 0x4141u;
	CHECK_EQ(vports_io(&st, COM1, 2, false, &v), VPORTS_DONE);
	v = 0;
	CHECK_EQ(vports_io(&st, MCR, 4, true, &v), VPORTS_DONE);
	CHECK_EQ(v, 0xFFFFFFFFu);
	v = 0x0F0F0F0Fu;
	CHECK_EQ(vports_io(&st, 0x3F6, 4, false, &v), VPORTS_DONE); /* reaches 0x3F8-0x3F9 */
	CHECK_EQ(s.len, 0);
	CHECK_EQ(inb(&st, IER), 0);
	CHECK_EQ(st.n.wide, 3);
	CHECK_EQ(st.n.uart, 1);

	/* a storm port survives a crowd of one-off ports */
	setup(&st, &s);
	for (u32 i = 0; i < 200; i++) {
		v = 0;
		(void)vports_io(&st, 0x2E8, 1, true, &v);
		(void)vports_io(&st, (u16)(0x1000u + i), 1, true, &v);
	}
	CHECK_EQ(st.n.unknown, 400);
	CHECK(st.top_evictions > 0);
	n = vports_top(&st, top, VPORTS_TOP + 2u);
	REQUIRE(n == VPORTS_TOP);
	CHECK_EQ(top[0].port, 0x2E8);
	CHECK_EQ(top[0].count, 200);
	CHECK_EQ(top[0].err, 0);
	CHECK_EQ(top[0].reads, 200);
	for (u32 i = 1; i < n; i++) {
		CHECK(top[i - 1].count >= top[i].count);
		CHECK(top[i].count >= top[i].err);
	}
	n = vports_top(&st, top, 3);
	CHECK_EQ(n, 3);
	CHECK_EQ(top[0].port, 0x2E8);
	CHECK_EQ(st.n.accesses, 400);
}

/* COM2 (0x2F8) is absent: autoconfig's IER test reads the floating bus
 * (0x0F after masking) and the driver registers no port there. */
TEST(vports_absent_com2)
{
	struct vports st;
	struct sink s;
	u8 scratch2;

	setup(&st, &s);
	outb(&st, 0x2F9, 0);
	scratch2 = inb(&st, 0x2F9) & 0x0F;
	CHECK(scratch2 != 0);
	CHECK_EQ(st.n.uart, 0);
	CHECK_EQ(st.n.unknown, 2);
	CHECK_EQ(s.len, 0);
}

/* A read of A (UIP = 0) gives the reads that follow one snapshot, as the
 * chip's 244 us guarantee does: a second boundary between the seconds and
 * minutes reads does not give a time a minute off. */
TEST(vports_cmos_snapshot)
{
	struct vports st;
	struct sink s;

	setup(&st, &s);
	s.now = NOW_2026 + 30u; /* 11:45:59 */
	CHECK_EQ(cmos(&st, 0x0A) & 0x80, 0);
	CHECK_EQ(cmos(&st, 0x00), 0x59);
	s.now++; /* 11:46:00 */
	CHECK_EQ(cmos(&st, 0x02), 0x45);
	CHECK_EQ(cmos(&st, 0x00), 0x59);
	s.now++; /* more than a second after the snapshot: live again */
	CHECK_EQ(cmos(&st, 0x02), 0x46);
	CHECK_EQ(cmos(&st, 0x00), 0x01);
	s.now += 10u;
	CHECK_EQ(cmos(&st, 0x00), 0x11); /* no read of A: live */
	s.now = NOW_2026;		 /* the caller's clock went back: live */
	CHECK_EQ(cmos(&st, 0x0A), 0x26);
	s.now = NOW_2026 - 1u;
	CHECK_EQ(cmos(&st, 0x00), 0x28);
}
