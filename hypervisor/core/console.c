// SPDX-License-Identifier: GPL-2.0-only
/* Console output over the NS16550 UART, serialised between CPUs. */
#include <parapet/fmt.h>
#include <parapet/x86.h>
#include "hypervisor/arch/x86_64/percpu.h"
#include "common/drivers/uart/ns16550.h"
#include "console.h"
#include "spinlock.h"

#define EXC_LOCK_SPINS 50000000u

static struct spinlock console_lock;
static volatile u32 console_owner; /* cpu index + 1 of the holder, 0 when free */

void console_init(void)
{
	uart_init(UART_COM1);
}

static void lock(void)
{
	spin_lock(&console_lock);
	console_owner = this_cpu_index() + 1;
}

void console_unlock(void)
{
	console_owner = 0;
	spin_unlock(&console_lock);
}

void console_lock_exception(void)
{
	u32 me = this_cpu_index() + 1;
	if (console_owner == me)
		return; /* faulted while printing: we already hold it */
	for (u32 i = 0; i < EXC_LOCK_SPINS; i++) {
		if (spin_trylock(&console_lock)) {
			console_owner = me;
			return;
		}
		cpu_relax();
	}
	console_owner = me; /* holder is stuck: print anyway */
}

void console_printf_locked(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pp_vprintf_sink(uart_putc, fmt, ap);
	va_end(ap);
}

void hv_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	lock();
	pp_vprintf_sink(uart_putc, fmt, ap);
	console_unlock();
	va_end(ap);
}

void hv_panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	console_lock_exception();
	console_printf_locked("PANIC: hv: ");
	pp_vprintf_sink(uart_putc, fmt, ap);
	console_printf_locked("\n");
	console_unlock();
	va_end(ap);
	cpu_halt_forever();
}
