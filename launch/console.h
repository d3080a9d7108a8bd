/* SPDX-License-Identifier: GPL-2.0-only */
/* launch's COM1 console: "launch: " lines and the single fatal-error path. */
#ifndef PARAPET_LAUNCH_CONSOLE_H
#define PARAPET_LAUNCH_CONSOLE_H

#include <parapet/err.h>
#include <parapet/types.h>

void launch_console_init(void);
/* Prints "launch: " followed by the formatted text and a newline. */
void launch_printf(const char *fmt, ...) PP_PRINTF(1, 2);

/*
 * THE fatal-error path of the launch stage: prints
 * "PANIC: launch: <message>" and halts this CPU with interrupts off.
 * Every unrecoverable error goes through here (the future launch policy
 * decides what happens instead of halting).
 */
PP_NORETURN void launch_fail(const struct pp_err *e);
/* Convenience: format a message into a pp_err with the given code, then launch_fail. */
PP_NORETURN void launch_failf(int code, const char *fmt, ...) PP_PRINTF(2, 3);

#endif
