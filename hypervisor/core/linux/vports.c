// SPDX-License-Identifier: GPL-2.0-only
/*
 * The port-I/O dispatch of a Linux partition (vports.h) and its small
 * devices; the 16550 is in vports_uart.c, the CMOS clock in vports_rtc.c.
 *
 * - PIT (0x40-0x43, Intel 8254) and port B (0x61): reads of 0x40-0x43
 *   return 0, so quick_pit_calibrate's first counter read misses the 0xFF
 *   it waits for and it gives up after two reads (linux-guest.md §4: one
 *   access instead of 100,004). Port 0x61 reads 0x20, OUT2 of counter 2
 *   high: pit_calibrate_tsc polls until that bit is set, with no bound,
 *   so 0 there would hang it; bits 7-6 (SERR, IOCHK NMI sources) read 0.
 *   Writes are ignored. Everything counted.
 * - Reset: the Reset Control Register at 0xCF9 (the FADT's RESET_REG,
 *   value VACPI_RESET_VALUE = 0x06): a byte write with bit 2 (RST_CPU) set
 *   resets, whatever bits 1 (SYS_RST) and 3 (FULL_RST) say; a write
 *   without bit 2 only stores bits 1 and 3, as Linux's reboot=pci writes
 *   0x02 before 0x06. The 8042 command 0xFE written to 0x64 pulses the
 *   reset line (Linux's reboot=k). 0x64 reads 0: output buffer empty,
 *   input buffer empty, so Linux's kb_wait ends at once; there is no
 *   keyboard controller (linux-guest.md §4: Linux does not touch the
 *   i8042 on the reduced platform).
 * - Poweroff: the ACPI sleep control register (ACPI 6.5 §4.8.3.7,
 *   VACPI_SLEEP_CTL_PORT): a write with SLP_EN (bit 5) and SLP_TYP (bits
 *   4-2) = VACPI_S5_SLP_TYP powers off; SLP_EN with another type is ignored
 *   and counted (no sleep states); reads 0. The sleep status register
 *   (VACPI_SLEEP_STS_PORT) reads 0 (WAK_STS clear), writes ignored.
 * - Any other port reads all ones, as a bus with nothing on it, and drops
 *   writes: never a fault (a kernel inb must not oops). It is counted in
 *   the port table (vports.h, struct vports_port).
 *
 * Wider accesses. Every register here is one byte wide. On a PC such
 * devices sit behind the LPC bus, whose I/O cycles carry one byte; the
 * chipset splits a 16- or 32-bit access into byte cycles at consecutive
 * ports (Intel LPC Interface Specification 1.1, I/O cycles). We do not
 * split: a 2- or 4-byte access that touches one of these ports reads all
 * ones and writes nothing, and is counted in `wide` and the port table.
 * No Linux driver accesses them wider than a byte, and splitting would
 * let one instruction reach two registers at once: a 32-bit OUT to 0xCF8
 * is a PCI CONFIG_ADDRESS write (PCI Local Bus 3.0 §3.2.2.3.2: only a
 * full DWORD there is CONFIG_ADDRESS) and must never reset through the
 * 0xCF9 byte lane.
 */
#include "hypervisor/core/linux/vacpi.h"
#include "hypervisor/core/linux/vports_dev.h"

#define PIT_LAST 0x43u
#define PORT_B_OUT2 0x20u
#define UART_LAST (VPORTS_UART_BASE + 7u)
#define SLP_TYP_MASK 0x07u

void vports_init(struct vports *st, const struct vports_cfg *cfg)
{
	*st = (struct vports){0};
	if (cfg)
		st->cfg = *cfg;
	vports_uart_reset(&st->uart);
	vports_cmos_reset(&st->cmos);
}

/* Does [port, port + size) hold one of the byte registers above? */
static bool touches_device(u16 port, u8 size)
{
	static const u16 ranges[][2] = {
	    {VPORTS_UART_BASE, UART_LAST},
	    {VPORTS_PIT_BASE, PIT_LAST},
	    {VPORTS_PORT_B, VPORTS_PORT_B},
	    {VPORTS_KBC_CMD, VPORTS_KBC_CMD},
	    {VPORTS_CMOS_INDEX, VPORTS_CMOS_DATA},
	    {VACPI_RESET_PORT, VACPI_RESET_PORT},
	    {VACPI_SLEEP_CTL_PORT, VACPI_SLEEP_STS_PORT},
	};
	const u32 lo = port, hi = (u32)port + size - 1u;

	for (u32 i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		if (lo <= ranges[i][1] && ranges[i][0] <= hi)
			return true;
	return false;
}

/* Space-Saving (vports.h): the port's entry, else a free one, else the
 * entry with the smallest count, which the port inherits. */
static void count_other(struct vports *st, u16 port, bool in)
{
	struct vports_port *e = 0;
	u32 i;

	st->n.unknown++;
	for (i = 0; i < VPORTS_TOP && !e; i++)
		if (st->top[i].used && st->top[i].port == port)
			e = &st->top[i];
	for (i = 0; i < VPORTS_TOP && !e; i++)
		if (!st->top[i].used) {
			e = &st->top[i];
			*e = (struct vports_port){.port = port, .used = true};
		}
	if (!e) {
		e = &st->top[0];
		for (i = 1; i < VPORTS_TOP; i++)
			if (st->top[i].count < e->count)
				e = &st->top[i];
		st->top_evictions++;
		*e = (struct vports_port){
		    .port = port, .used = true, .count = e->count, .err = e->count};
	}
	e->count++;
	if (in)
		e->reads++;
	else
		e->writes++;
}

static enum vports_action sleep_write(struct vports *st, u8 v)
{
	if (!(v & VACPI_SLEEP_SLP_EN))
		return VPORTS_DONE;
	if (((v >> VACPI_SLEEP_SLP_TYP_SHIFT) & SLP_TYP_MASK) == VACPI_S5_SLP_TYP) {
		st->n.poweroffs++;
		return VPORTS_POWEROFF;
	}
	st->n.sleep_ignored++;
	return VPORTS_DONE;
}

static enum vports_action reset_write(struct vports *st, u8 v)
{
	if (v & VPORTS_RST_CPU) {
		st->n.resets++;
		return VPORTS_RESET;
	}
	st->rst_cnt = v & VPORTS_RST_KEEP;
	return VPORTS_DONE;
}

static enum vports_action kbc_write(struct vports *st, u8 v)
{
	if (v != VPORTS_KBC_RESET)
		return VPORTS_DONE;
	st->n.resets++;
	return VPORTS_RESET;
}

/* One byte access; *v holds the byte written, or receives the byte read. */
static enum vports_action byte_io(struct vports *st, u16 port, bool in, u8 *v)
{
	if (port >= VPORTS_UART_BASE && port <= UART_LAST) {
		st->n.uart++;
		if (in)
			*v = vports_uart_read(st, (u8)(port - VPORTS_UART_BASE));
		else
			vports_uart_write(st, (u8)(port - VPORTS_UART_BASE), *v);
		return VPORTS_DONE;
	}
	switch (port) {
	case VPORTS_PIT_BASE:
	case VPORTS_PIT_BASE + 1u:
	case VPORTS_PIT_BASE + 2u:
	case PIT_LAST:
		st->n.pit++;
		if (in)
			*v = 0;
		return VPORTS_DONE;
	case VPORTS_PORT_B:
		st->n.pit++;
		if (in)
			*v = PORT_B_OUT2;
		return VPORTS_DONE;
	case VPORTS_KBC_CMD:
		st->n.kbc++;
		if (in) {
			*v = 0;
			return VPORTS_DONE;
		}
		return kbc_write(st, *v);
	case VPORTS_CMOS_INDEX:
	case VPORTS_CMOS_DATA:
		st->n.cmos++;
		if (in)
			*v = vports_cmos_read(st, port);
		else
			vports_cmos_write(st, port, *v);
		return VPORTS_DONE;
	case VACPI_RESET_PORT:
		st->n.rst++;
		if (in) {
			*v = st->rst_cnt;
			return VPORTS_DONE;
		}
		return reset_write(st, *v);
	case VACPI_SLEEP_CTL_PORT:
		st->n.sleep++;
		if (in) {
			*v = 0;
			return VPORTS_DONE;
		}
		return sleep_write(st, *v);
	case VACPI_SLEEP_STS_PORT:
		st->n.sleep++;
		if (in)
			*v = 0;
		return VPORTS_DONE;
	default:
		count_other(st, port, in);
		if (in)
			*v = 0xFFu;
		return VPORTS_DONE;
	}
}

enum vports_action vports_io(struct vports *st, u16 port, u8 size, bool in, u32 *val)
{
	enum vports_action act;
	u8 b;

	st->n.accesses++;
	if (size != 1u && size != 2u && size != 4u) {
		st->n.bad_size++;
		if (in)
			*val = 0xFFFFFFFFu;
		return VPORTS_DONE;
	}
	if (size != 1u) {
		if (touches_device(port, size))
			st->n.wide++;
		count_other(st, port, in);
		if (in)
			*val = size == 2u ? 0xFFFFu : 0xFFFFFFFFu;
		return VPORTS_DONE;
	}
	b = in ? 0xFFu : (u8)*val;
	act = byte_io(st, port, in, &b);
	if (in)
		*val = b;
	return act;
}

u32 vports_top(const struct vports *st, struct vports_port *out, u32 max)
{
	u32 n = 0;

	for (u32 i = 0; i < VPORTS_TOP; i++) {
		u32 j;
		if (!st->top[i].used)
			continue;
		/* insertion by count, descending; ties by port, ascending */
		for (j = n; j > 0; j--) {
			const struct vports_port *p = &out[j - 1u], *t = &st->top[i];
			if (p->count > t->count || (p->count == t->count && p->port < t->port))
				break;
			if (j < max)
				out[j] = *p;
		}
		if (j < max)
			out[j] = st->top[i];
		if (n < max)
			n++;
	}
	return n;
}
