/* SPDX-License-Identifier: GPL-2.0-only */
/* NS16550-compatible UART on an I/O port (COM1 = 0x3f8). Shared by launch/. */
#ifndef PARAPET_UART_NS16550_H
#define PARAPET_UART_NS16550_H

#include <parapet/types.h>

#define UART_COM1 0x3f8

void uart_init(u16 port);
void uart_putc(char c); /* '\n' becomes "\r\n" */

#endif
