// SPDX-License-Identifier: GPL-2.0-only
/*
 * The agent's 16550 (agent_line.h), by its registers (PC16550D data sheet:
 * RBR/THR 0, IER 1, FCR 2, LCR 3, MCR 4, LSR 5, SCR 7; DLL/DLM at 0/1 with
 * LCR.DLAB). Polled: LSR.DR (bit 0) says a byte is waiting, LSR.THRE
 * (bit 5) that the transmitter takes one.
 */
#include "agent_line.h"
#include "kit/gk.h"

#define UART_RBR 0u
#define UART_THR 0u
#define UART_DLL 0u
#define UART_IER 1u
#define UART_DLM 1u
#define UART_FCR 2u
#define UART_LCR 3u
#define UART_MCR 4u
#define UART_LSR 5u
#define UART_SCR 7u
#define UART_LCR_8N1 0x03u
#define UART_LCR_DLAB 0x80u
#define UART_FCR_ENABLE_CLEAR 0x07u /* FIFO on, both FIFOs cleared */
#define UART_MCR_DTR_RTS 0x03u
#define UART_LSR_DR 0x01u
#define UART_LSR_THRE 0x20u
#define UART_DIV_115200 1u
#define AGENT_LINE_TX_SPINS 1000000u

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

int agent_line_open(uint16_t port)
{
	outb((uint16_t)(port + UART_SCR), 0x5a);
	if (inb((uint16_t)(port + UART_SCR)) != 0x5a)
		return -1;
	outb((uint16_t)(port + UART_SCR), 0xa5);
	if (inb((uint16_t)(port + UART_SCR)) != 0xa5)
		return -1;
	outb((uint16_t)(port + UART_IER), 0); /* polled: no interrupt */
	outb((uint16_t)(port + UART_LCR), UART_LCR_DLAB);
	outb((uint16_t)(port + UART_DLL), UART_DIV_115200);
	outb((uint16_t)(port + UART_DLM), 0);
	outb((uint16_t)(port + UART_LCR), UART_LCR_8N1);
	outb((uint16_t)(port + UART_FCR), UART_FCR_ENABLE_CLEAR);
	outb((uint16_t)(port + UART_MCR), UART_MCR_DTR_RTS);
	return 0;
}

bool agent_line_getc(uint16_t port, uint8_t *b)
{
	if (!(inb((uint16_t)(port + UART_LSR)) & UART_LSR_DR))
		return false;
	*b = inb((uint16_t)(port + UART_RBR));
	return true;
}

bool agent_line_write(uint16_t port, const uint8_t *p, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		uint32_t spins = 0;
		while (!(inb((uint16_t)(port + UART_LSR)) & UART_LSR_THRE))
			if (++spins > AGENT_LINE_TX_SPINS)
				return false;
			else
				gk_pause();
		outb((uint16_t)(port + UART_THR), p[i]);
	}
	return true;
}
