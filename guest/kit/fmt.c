// SPDX-License-Identifier: GPL-2.0-only
/* The guest kit's formatter (fmt.h). */
#include "fmt.h"

#include <stdint.h>

struct spec {
	int left;   /* '-' */
	int zero;   /* '0' */
	int width;  /* minimum field width */
	int prec;   /* %s precision, -1 if none */
	int length; /* 0, 1 (l), 2 (ll), 3 (z) */
};

struct out {
	gk_sink_fn sink;
	void *ctx;
	int n;
};

static void put(struct out *o, char c)
{
	o->sink(o->ctx, c);
	o->n++;
}

static void pad(struct out *o, char c, int count)
{
	while (count-- > 0)
		put(o, c);
}

/* A field: optional sign, then len characters of s, padded to the width. */
static void field(struct out *o, const struct spec *sp, char sign, const char *s, int len,
		  int numeric)
{
	int total = len + (sign ? 1 : 0);
	int fill = sp->width > total ? sp->width - total : 0;
	if (!sp->left && !(numeric && sp->zero))
		pad(o, ' ', fill);
	if (sign)
		put(o, sign);
	if (!sp->left && numeric && sp->zero)
		pad(o, '0', fill);
	for (int i = 0; i < len; i++)
		put(o, s[i]);
	if (sp->left)
		pad(o, ' ', fill);
}

static void number(struct out *o, const struct spec *sp, uint64_t v, unsigned base, int upper,
		   char sign)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int i = (int)sizeof(tmp);
	do {
		tmp[--i] = digits[v % base];
		v /= base;
	} while (v);
	field(o, sp, sign, tmp + i, (int)sizeof(tmp) - i, 1);
}

static uint64_t arg_unsigned(const struct spec *sp, va_list *ap)
{
	switch (sp->length) {
	case 1: return va_arg(*ap, unsigned long);
	case 2: return va_arg(*ap, unsigned long long);
	case 3: return va_arg(*ap, size_t);
	default: return va_arg(*ap, unsigned int);
	}
}

static int64_t arg_signed(const struct spec *sp, va_list *ap)
{
	switch (sp->length) {
	case 1: return va_arg(*ap, long);
	case 2: return va_arg(*ap, long long);
	case 3: return (int64_t)va_arg(*ap, size_t);
	default: return va_arg(*ap, int);
	}
}

/* Reads digits or '*' at *f; returns the value (-1 if neither). */
static int count(const char **f, va_list *ap)
{
	if (**f == '*') {
		(*f)++;
		return va_arg(*ap, int);
	}
	if (**f < '0' || **f > '9')
		return -1;
	int v = 0;
	while (**f >= '0' && **f <= '9') {
		if (v < 100000)
			v = v * 10 + (**f - '0');
		(*f)++;
	}
	return v;
}

static const char *parse(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){0, 0, 0, -1, 0};
	for (;; f++) {
		if (*f == '-')
			sp->left = 1;
		else if (*f == '0')
			sp->zero = 1;
		else
			break;
	}
	int w = count(&f, ap);
	if (w < 0 && f[-1] == '*') { /* a negative '*' width means '-' */
		sp->left = 1;
		w = -w;
	}
	sp->width = w > 0 ? w : 0;
	if (*f == '.') {
		f++;
		int p = count(&f, ap);
		sp->prec = p < 0 ? 0 : p;
	}
	if (*f == 'l') {
		f++;
		sp->length = 1;
		if (*f == 'l') {
			f++;
			sp->length = 2;
		}
	} else if (*f == 'z') {
		f++;
		sp->length = 3;
	}
	return f;
}

static void string(struct out *o, const struct spec *sp, const char *s)
{
	if (!s)
		s = "(null)";
	int len = 0;
	while (s[len] && (sp->prec < 0 || len < sp->prec))
		len++;
	field(o, sp, 0, s, len, 0);
}

static void convert(struct out *o, char c, const struct spec *sp, va_list *ap)
{
	switch (c) {
	case 'c': {
		char ch = (char)va_arg(*ap, int);
		field(o, sp, 0, &ch, 1, 0);
		break;
	}
	case 's': string(o, sp, va_arg(*ap, const char *)); break;
	case 'd':
	case 'i': {
		int64_t v = arg_signed(sp, ap);
		uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
		number(o, sp, mag, 10, 0, v < 0 ? '-' : 0);
		break;
	}
	case 'u': number(o, sp, arg_unsigned(sp, ap), 10, 0, 0); break;
	case 'x':
	case 'X': number(o, sp, arg_unsigned(sp, ap), 16, c == 'X', 0); break;
	case 'p': { /* "0x" and lowercase hex, padded with spaces as one field */
		uint64_t v = (uint64_t)(uintptr_t)va_arg(*ap, void *);
		char tmp[20];
		int i = (int)sizeof(tmp);
		do {
			tmp[--i] = "0123456789abcdef"[v & 15u];
			v >>= 4;
		} while (v);
		tmp[--i] = 'x';
		tmp[--i] = '0';
		field(o, sp, 0, tmp + i, (int)sizeof(tmp) - i, 0);
		break;
	}
	default: break;
	}
}

static int is_conv(char c)
{
	return c == 'c' || c == 's' || c == 'd' || c == 'i' || c == 'u' || c == 'x' || c == 'X' ||
	       c == 'p';
}

int gk_vformat(gk_sink_fn sink, void *ctx, const char *fmt, va_list ap)
{
	struct out o = {sink, ctx, 0};
	va_list aq;
	va_copy(aq, ap);
	for (const char *f = fmt; *f; f++) {
		if (*f != '%') {
			put(&o, *f);
			continue;
		}
		const char *start = f++;
		if (*f == '%') {
			put(&o, '%');
			continue;
		}
		struct spec sp;
		f = parse(f, &sp, &aq);
		if (*f && is_conv(*f)) {
			convert(&o, *f, &sp, &aq);
			continue;
		}
		/* Unknown conversion: copy what was written, stop at the end. */
		for (const char *s = start; s <= f && *s; s++)
			put(&o, *s);
		if (!*f)
			break;
	}
	va_end(aq);
	return o.n;
}

struct buf {
	char *p;
	size_t size, n;
};

static void buf_put(void *ctx, char c)
{
	struct buf *b = ctx;
	if (b->n + 1 < b->size)
		b->p[b->n] = c;
	b->n++;
}

int gk_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buf b = {buf, size, 0};
	int n = gk_vformat(buf_put, &b, fmt, ap);
	if (size)
		buf[b.n < size ? b.n : size - 1] = '\0';
	return n;
}

int gk_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = gk_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
