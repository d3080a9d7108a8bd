// SPDX-License-Identifier: GPL-2.0-only
/*
 * Emulated DRTM handshake, guest side (emulated.h, docs/drtm.md). Polled
 * NS16550 at DRTM_EMU_PORT; no interrupts.
 */
#include <parapet/fmt.h>
#include <parapet/x86.h>
#include "launch/drtm/emulated.h"

/* NS16550 registers (offsets from the base port) and bits. */
#define UART_RBR 0u /* receive buffer (read, DLAB=0) */
#define UART_THR 0u /* transmit holding (write, DLAB=0) */
#define UART_IER 1u
#define UART_FCR 2u
#define UART_LCR 3u
#define UART_MCR 4u
#define UART_LSR 5u
#define UART_SCR 7u /* scratch: absent UARTs read back 0xff */
#define UART_LCR_8N1 0x03u
#define UART_FCR_ENABLE_CLEAR 0x07u /* FIFO on, clear RX and TX */
#define UART_MCR_DTR_RTS 0x03u
#define UART_LSR_DR 0x01u   /* data ready */
#define UART_LSR_THRE 0x20u /* transmit holding register empty */

#define POST_PORT 0x80u
#define TX_POLLS 100000u /* per byte: a stuck transmitter is a missing UART */
#define DRAIN_MAX 4096u	 /* stale bytes dropped before the request */
#define REPLY_MAX 96u	 /* longest answer line accepted */

static bool uart_present(void)
{
	outb(DRTM_EMU_PORT + UART_SCR, 0x5a);
	if (inb(DRTM_EMU_PORT + UART_SCR) != 0x5a)
		return false;
	outb(DRTM_EMU_PORT + UART_SCR, 0xa5);
	return inb(DRTM_EMU_PORT + UART_SCR) == 0xa5;
}

static void uart_setup(void)
{
	outb(DRTM_EMU_PORT + UART_IER, 0);
	outb(DRTM_EMU_PORT + UART_LCR, UART_LCR_8N1);
	outb(DRTM_EMU_PORT + UART_FCR, UART_FCR_ENABLE_CLEAR);
	outb(DRTM_EMU_PORT + UART_MCR, UART_MCR_DTR_RTS);
	for (u32 i = 0; i < DRAIN_MAX && (inb(DRTM_EMU_PORT + UART_LSR) & UART_LSR_DR); i++)
		(void)inb(DRTM_EMU_PORT + UART_RBR);
}

static bool uart_put(char c)
{
	for (u32 i = 0; i < TX_POLLS; i++) {
		if (inb(DRTM_EMU_PORT + UART_LSR) & UART_LSR_THRE) {
			outb(DRTM_EMU_PORT + UART_THR, (u8)c);
			return true;
		}
		outb(POST_PORT, 0);
	}
	return false;
}

static bool uart_puts(const char *s)
{
	for (; *s; s++)
		if (!uart_put(*s))
			return false;
	return true;
}

static bool starts_with(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (*s != *prefix)
			return false;
	return true;
}

int drtm_emulated_skinit(u32 slb_base, struct pp_err *err)
{
	char req[24], line[REPLY_MAX + 1];
	u32 len = 0;

	if (slb_base & 0xffffu)
		return pp_fail(err, PP_EINVAL, "emulated SKINIT: SLB base 0x%x not 64 KiB aligned",
			       slb_base);
	if (!uart_present())
		return pp_fail(err, PP_ETIMEOUT,
			       "emulated SKINIT: no harness channel (no UART at 0x%x)",
			       DRTM_EMU_PORT);
	uart_setup();
	pp_snprintf(req, sizeof(req), "SKINIT 0x%x\n", slb_base);
	if (!uart_puts(req))
		return pp_fail(err, PP_ETIMEOUT, "emulated SKINIT: UART at 0x%x does not transmit",
			       DRTM_EMU_PORT);

	for (u32 polls = 0; polls < DRTM_EMU_WAIT_POLLS; polls++) {
		char c;

		if (!(inb(DRTM_EMU_PORT + UART_LSR) & UART_LSR_DR)) {
			outb(POST_PORT, 0);
			continue;
		}
		c = (char)inb(DRTM_EMU_PORT + UART_RBR);
		if (c == '\r')
			continue;
		if (c != '\n') {
			if (len == REPLY_MAX)
				return pp_fail(err, PP_EINVAL,
					       "emulated SKINIT: answer longer than %u bytes",
					       REPLY_MAX);
			line[len++] = (c >= 0x20 && c < 0x7f) ? c : '?';
			continue;
		}
		line[len] = '\0';
		if (len == 2 && line[0] == 'O' && line[1] == 'K')
			return 0;
		if (starts_with(line, "ERR "))
			return pp_fail(err, PP_EDEVICE,
				       "emulated SKINIT refused by the harness: %s", line + 4);
		return pp_fail(err, PP_EINVAL, "emulated SKINIT: unexpected answer '%s'", line);
	}
	return pp_fail(err, PP_ETIMEOUT,
		       "emulated SKINIT: no answer from the harness after %u polls of 0x%x",
		       DRTM_EMU_WAIT_POLLS, DRTM_EMU_PORT);
}
