// SPDX-License-Identifier: GPL-2.0-only
/* NS16550 UART, polled, 115200 8N1. Registers per the PC16550D data sheet. */
#include <parapet/x86.h>
#include "ns16550.h"

#define UART_THR 0 /* transmit holding (DLAB=0) */
#define UART_DLL 0 /* divisor latch low (DLAB=1) */
#define UART_IER 1
#define UART_DLM 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_LCR_DLAB 0x80
#define UART_LCR_8N1 0x03
#define UART_FCR_ENABLE_CLEAR 0x07
#define UART_MCR_DTR_RTS 0x03
#define UART_LSR_THRE 0x20
#define UART_SPIN_LIMIT 100000u

static u16 uart_port;

void uart_init(u16 port)
{
	uart_port = port;
	outb(port + UART_IER, 0x00);
	outb(port + UART_LCR, UART_LCR_DLAB);
	outb(port + UART_DLL, 1); /* 115200 baud */
	outb(port + UART_DLM, 0);
	outb(port + UART_LCR, UART_LCR_8N1);
	outb(port + UART_FCR, UART_FCR_ENABLE_CLEAR);
	outb(port + UART_MCR, UART_MCR_DTR_RTS);
}

static void uart_raw(char c)
{
	/* Bounded wait: a missing or stuck UART must not hang the CPU. */
	for (u32 i = 0; i < UART_SPIN_LIMIT; i++)
		if (inb(uart_port + UART_LSR) & UART_LSR_THRE)
			break;
	outb(uart_port + UART_THR, (u8)c);
}

void uart_putc(char c)
{
	if (!uart_port)
		return;
	if (c == '\n')
		uart_raw('\r');
	uart_raw(c);
}
