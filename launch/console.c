// SPDX-License-Identifier: GPL-2.0-only
/* COM1 output for the launch stage, through the hypervisor's NS16550 driver. */
#include <stdarg.h>
#include <parapet/fmt.h>
#include <parapet/x86.h>
#include "common/drivers/uart/ns16550.h"
#include "console.h"

void launch_console_init(void)
{
	uart_init(UART_COM1);
}

static void con_puts(const char *s)
{
	while (*s)
		uart_putc(*s++);
}

static void con_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pp_vprintf_sink(uart_putc, fmt, ap);
	va_end(ap);
}

void launch_printf(const char *fmt, ...)
{
	va_list ap;
	con_puts("launch: ");
	va_start(ap, fmt);
	pp_vprintf_sink(uart_putc, fmt, ap);
	va_end(ap);
	uart_putc('\n');
}

void launch_fail(const struct pp_err *e)
{
	cli();
	con_printf("PANIC: launch: %s\n", e->msg);
	cpu_halt_forever();
}

void launch_failf(int code, const char *fmt, ...)
{
	struct pp_err e;
	va_list ap;
	va_start(ap, fmt);
	e.code = code;
	pp_vsnprintf(e.msg, sizeof(e.msg), fmt, ap);
	va_end(ap);
	launch_fail(&e);
}
