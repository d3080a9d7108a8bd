/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Console output over PP_HC_CONSOLE_WRITE with the partition's console
 * capability (found on first use). gk_printf formats with fmt.h into a
 * PP_HC_CONSOLE_MAX-byte buffer and writes it in as many calls as it takes
 * (each chunk whole; the last one when the string ends). Single-threaded:
 * one virtual CPU per kit program.
 */
#ifndef GUEST_KIT_CONSOLE_H
#define GUEST_KIT_CONSOLE_H

#include <stdarg.h>
#include <stdint.h>

/* Returns the characters formatted, or the first failing call's negative
 * PP_HC_E* status (PP_HC_EPERM when the partition has no console). */
int gk_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int gk_vprintf(const char *fmt, va_list ap);
int gk_puts(const char *s); /* s and a newline */

/* The stop path after main returns (crt0.S): reports the code; crt0 then
 * halts forever. */
void gk_exit(int code);

#endif
