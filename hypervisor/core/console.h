/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor console: COM1 (docs/console.md). Every hv_printf call is
 * printed under one lock, so lines from different CPUs never interleave.
 */
#ifndef PARAPET_HV_CONSOLE_H
#define PARAPET_HV_CONSOLE_H

#include <stdarg.h>
#include <parapet/types.h>

void console_init(void);
void hv_printf(const char *fmt, ...) PP_PRINTF(1, 2);

/* Multi-line output from the exception path: takes the lock even when this
 * CPU already holds it (a fault inside hv_printf) or after a bounded wait. */
void console_lock_exception(void);
void console_printf_locked(const char *fmt, ...) PP_PRINTF(1, 2);
void console_unlock(void);

/* `PANIC: hv: <message>`, then this CPU stops (cli; hlt forever). */
PP_NORETURN void hv_panic(const char *fmt, ...) PP_PRINTF(1, 2);

#endif
