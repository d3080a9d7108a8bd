/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Small freestanding formatter (also compiled on the host).
 * Supports %% %c %s %d %i %u %x %X %p with l/ll/z modifiers, field width,
 * '0' and '-' flags, and precision for %s.
 */
#ifndef PARAPET_FMT_H
#define PARAPET_FMT_H

#include <stdarg.h>
#include <parapet/types.h>

/* Always NUL-terminates when size > 0; returns the untruncated length. */
int pp_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int pp_snprintf(char *buf, size_t size, const char *fmt, ...) PP_PRINTF(3, 4);

/* Lowercase hex of n bytes into out (2n characters and a NUL). */
void pp_hex(char *out, const void *bytes, size_t n);

/* Formatted output to a character sink (used by each stage's console). */
typedef void (*pp_putc_fn)(char c);
void pp_vprintf_sink(pp_putc_fn out, const char *fmt, va_list ap);

#endif
