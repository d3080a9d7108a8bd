/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest kit's tiny formatter, freestanding and also compiled on the
 * host (tests/unit/test_guest_fmt.c checks it against libc). Conversions:
 * %% %c %s %d %i %u %x %X %p; length l, ll, z; flags '-' and '0'; a field
 * width (digits or '*'); a precision for %s (digits or '*'). Anything else
 * is copied out as written. Output goes to a sink one character at a time.
 */
#ifndef GUEST_KIT_FMT_H
#define GUEST_KIT_FMT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*gk_sink_fn)(void *ctx, char c);

/* Returns the number of characters sent to the sink. */
int gk_vformat(gk_sink_fn sink, void *ctx, const char *fmt, va_list ap);

/* Always NUL-terminates when size > 0; returns the untruncated length. */
int gk_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int gk_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
