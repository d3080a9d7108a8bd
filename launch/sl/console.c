// SPDX-License-Identifier: GPL-2.0-only
/* The SL's console ("sl: " lines on COM1) and its one failure path. */
#include <stdarg.h>
#include <parapet/fmt.h>
#include <parapet/x86.h>
#include "common/drivers/uart/ns16550.h"
#include "sl.h"

#define CPUID1_ECX_HYPERVISOR (1u << 31)
#define PORT_RESET_CONTROL 0xcf9 /* PCI reset control register (chipset) */
#define RESET_CONTROL_FULL 0x0e	 /* full reset, reset CPU, system reset */

enum launch_stage sl_stage; /* set by sl_main (no .data in the SL) */
u32 sl_launch_type;
struct launch_config sl_config;

void sl_console_init(void)
{
	uart_init(UART_COM1);
}

void sl_printf(const char *fmt, ...)
{
	va_list ap;
	const char *p = "sl: ";
	while (*p)
		uart_putc(*p++);
	va_start(ap, fmt);
	pp_vprintf_sink(uart_putc, fmt, ap);
	va_end(ap);
	uart_putc('\n');
}

static PP_NORETURN void sl_stop(enum launch_action a)
{
	u32 eax, ebx, ecx, edx;
	cli();
	cpuid(1, 0, &eax, &ebx, &ecx, &edx);
	/*
	 * RESET on hardware: the chipset reset. Under a hypervisor (QEMU, the
	 * tests) we halt instead, so a failing boot is seen, not looped.
	 */
	if (a == LAUNCH_ACT_RESET && !(ecx & CPUID1_ECX_HYPERVISOR))
		outb(PORT_RESET_CONTROL, RESET_CONTROL_FULL);
	cpu_halt_forever();
}

enum launch_action sl_fail(enum launch_failure_kind kind, const struct pp_err *cause)
{
	static char line[2 * PP_ERR_MSG_MAX + 128];
	struct launch_failure f = {0};
	f.kind = kind;
	f.stage = sl_stage;
	f.launch_type = sl_launch_type;
	f.detail = *cause;
	enum launch_action a = launch_policy_decide(&f, &sl_config);
	launch_policy_describe(&f, a, line, sizeof(line));
	if (a == LAUNCH_ACT_FALLBACK_STATIC || a == LAUNCH_ACT_CONTINUE_WARN) {
		sl_printf("%s", line);
		return a;
	}
	/* Measure everything or stop: a stop first makes the PCRs unreachable. */
	static bool capping;
	if (!capping) {
		capping = true;
		sl_measure_cap(line);
	}
	const char *p = "PANIC: sl: ";
	while (*p)
		uart_putc(*p++);
	for (p = line; *p; p++)
		uart_putc(*p);
	uart_putc('\n');
	sl_stop(a);
}

void sl_fatal(enum launch_failure_kind kind, const struct pp_err *cause)
{
	enum launch_action a = sl_fail(kind, cause);
	/* A continue where the caller cannot continue: stop all the same. */
	sl_printf("cannot continue after \"%s\" here: halting", launch_action_name(a));
	sl_stop(LAUNCH_ACT_HALT);
}

void sl_fatalf(enum launch_failure_kind kind, int code, const char *fmt, ...)
{
	struct pp_err e;
	va_list ap;
	va_start(ap, fmt);
	e.code = code;
	pp_vsnprintf(e.msg, sizeof(e.msg), fmt, ap);
	va_end(ap);
	sl_fatal(kind, &e);
}
