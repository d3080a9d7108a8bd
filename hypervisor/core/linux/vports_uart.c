// SPDX-License-Identifier: GPL-2.0-only
/*
 * The polled 16550 of a Linux partition (vports.h), after the National
 * Semiconductor PC16550D data sheet (June 1995): its register summary
 * (Table II), its "UART Reset Configuration" table and the sections on
 * each register.
 *
 * Registers (offset from 0x3F8; DLAB = LCR bit 7):
 *   0  RBR (read) / THR (write); DLL with DLAB
 *   1  IER, bits 3-0 (bits 7-4 read 0); DLM with DLAB
 *   2  IIR (read) / FCR (write), whatever DLAB
 *   3  LCR    4  MCR, bits 4-0    5  LSR    6  MSR    7  SCR
 * Reset (the reset table): IER 0, IIR 0x01, FCR 0, LCR 0, MCR 0, LSR 0x60 (THRE,
 * TEMT), MSR bits 3-0 0 and bits 7-4 the modem inputs. The divisor latch
 * and SCR are not reset by the chip; we start them at 1 (115200 baud) and 0.
 * The modem inputs are DCD, DSR and CTS asserted (a cable is present), RI
 * not; in loopback (MCR bit 4, the MCR section) they follow MCR: CTS = RTS,
 * DSR = DTR, RI = OUT1, DCD = OUT2, and THR bytes are received instead of
 * sent.
 *
 * Transmission is instantaneous: a THR byte goes to the caller's sink and
 * the transmitter is empty again, so LSR always reads THRE | TEMT. There
 * is no interrupt line (nothing is ever injected), but IIR reports the
 * pending sources as the data sheet's IIR section and its interrupt
 * control table say
 * (received data with IER bit 0; THR empty with IER bit 1, set when that
 * bit goes from 0 to 1 and after each THR write, cleared by the IIR read
 * that reports it), with bits 7-6 set while the FIFOs are enabled. Linux's
 * 8250 driver needs that truth with no interrupt line: its poll timer
 * hands the IIR value to serial8250_handle_irq, which does nothing when
 * IIR says "no interrupt", so a tty write would never drain. No line
 * errors, no break, no character timeout, no modem-status deltas.
 *
 * The receive FIFO holds VPORTS_UART_FIFO bytes with FCR bit 0 set and one
 * byte (the RBR) without; FCR bit 1, and any change of bit 0, empties it.
 */
#include "hypervisor/core/linux/vports_dev.h"

#define UART_RBR 0u
#define UART_IER 1u
#define UART_IIR 2u
#define UART_LCR 3u
#define UART_MCR 4u
#define UART_LSR 5u
#define UART_MSR 6u
#define UART_SCR 7u

#define IER_ERBFI 0x01u /* received data available */
#define IER_ETBEI 0x02u /* THR empty */
#define IER_MASK 0x0Fu
#define IIR_NONE 0x01u
#define IIR_THRE 0x02u
#define IIR_RDA 0x04u
#define IIR_FIFO 0xC0u
#define FCR_ENABLE 0x01u
#define FCR_CLEAR_RX 0x02u
#define FCR_KEEP 0xC9u /* enable, DMA mode, trigger level: what FCR holds */
#define LCR_DLAB 0x80u
#define MCR_DTR 0x01u
#define MCR_RTS 0x02u
#define MCR_OUT1 0x04u
#define MCR_OUT2 0x08u
#define MCR_LOOP 0x10u
#define MCR_MASK 0x1Fu
#define LSR_DR 0x01u
#define LSR_THRE 0x20u
#define LSR_TEMT 0x40u
#define MSR_CTS 0x10u
#define MSR_DSR 0x20u
#define MSR_RI 0x40u
#define MSR_DCD 0x80u

#define UART_DLL_RESET 0x01u /* 1.8432 MHz / (16 * 1) = 115200 baud */

void vports_uart_reset(struct vports_uart *u)
{
	*u = (struct vports_uart){0};
	u->dll = UART_DLL_RESET;
	u->msr_in = MSR_DCD | MSR_DSR | MSR_CTS;
}

static u8 fifo_cap(const struct vports_uart *u)
{
	return (u->fcr & FCR_ENABLE) ? (u8)VPORTS_UART_FIFO : 1u;
}

static bool fifo_push(struct vports_uart *u, u8 b)
{
	if (u->len >= fifo_cap(u))
		return false;
	u->fifo[(u->head + u->len) % VPORTS_UART_FIFO] = b;
	u->len++;
	return true;
}

u32 vports_uart_input(struct vports *st, const u8 *buf, u32 len)
{
	u32 i;

	for (i = 0; i < len; i++)
		if (!fifo_push(&st->uart, buf[i]))
			break;
	return i;
}

static u8 iir(struct vports_uart *u)
{
	u8 fifo = (u->fcr & FCR_ENABLE) ? IIR_FIFO : 0u;

	if ((u->ier & IER_ERBFI) && u->len)
		return fifo | IIR_RDA;
	if ((u->ier & IER_ETBEI) && u->thre_ip) {
		u->thre_ip = false; /* reading IIR with this source clears it */
		return fifo | IIR_THRE;
	}
	return fifo | IIR_NONE;
}

static u8 msr(const struct vports_uart *u)
{
	u8 m = 0;

	if (!(u->mcr & MCR_LOOP))
		return u->msr_in;
	if (u->mcr & MCR_RTS)
		m |= MSR_CTS;
	if (u->mcr & MCR_DTR)
		m |= MSR_DSR;
	if (u->mcr & MCR_OUT1)
		m |= MSR_RI;
	if (u->mcr & MCR_OUT2)
		m |= MSR_DCD;
	return m;
}

u8 vports_uart_read(struct vports *st, u8 off)
{
	struct vports_uart *u = &st->uart;
	const bool dlab = (u->lcr & LCR_DLAB) != 0;

	switch (off) {
	case UART_RBR:
		if (dlab)
			return u->dll;
		if (u->len) {
			u->rbr = u->fifo[u->head];
			u->head = (u8)((u->head + 1u) % VPORTS_UART_FIFO);
			u->len--;
			st->n.uart_rx++;
		}
		return u->rbr;
	case UART_IER: return dlab ? u->dlm : u->ier;
	case UART_IIR: return iir(u);
	case UART_LCR: return u->lcr;
	case UART_MCR: return u->mcr;
	case UART_LSR: return (u8)(LSR_THRE | LSR_TEMT | (u->len ? LSR_DR : 0u));
	case UART_MSR: return msr(u);
	default: return u->scr;
	}
}

static void thr_write(struct vports *st, u8 v)
{
	struct vports_uart *u = &st->uart;

	if (u->mcr & MCR_LOOP) {
		if (fifo_push(u, v))
			st->n.uart_loop++;
	} else {
		if (st->cfg.tx)
			st->cfg.tx(st->cfg.ctx, v);
		st->n.uart_tx++;
	}
	u->thre_ip = true; /* sent at once: the THR is empty again */
}

static void fcr_write(struct vports_uart *u, u8 v)
{
	if ((v ^ u->fcr) & FCR_ENABLE)
		u->len = 0; /* enabling or disabling the FIFOs empties them */
	if (v & FCR_CLEAR_RX)
		u->len = 0;
	u->fcr = v & FCR_KEEP;
}

void vports_uart_write(struct vports *st, u8 off, u8 v)
{
	struct vports_uart *u = &st->uart;
	const bool dlab = (u->lcr & LCR_DLAB) != 0;

	switch (off) {
	case UART_RBR:
		if (dlab)
			u->dll = v;
		else
			thr_write(st, v);
		break;
	case UART_IER:
		if (dlab) {
			u->dlm = v;
			break;
		}
		if ((v & IER_ETBEI) && !(u->ier & IER_ETBEI))
			u->thre_ip = true; /* THR is always empty here */
		u->ier = v & IER_MASK;
		break;
	case UART_IIR: fcr_write(u, v); break;
	case UART_LCR: u->lcr = v; break;
	case UART_MCR: u->mcr = v & MCR_MASK; break;
	case UART_SCR: u->scr = v; break;
	default: break; /* LSR and MSR: for factory test only, ignored */
	}
}
