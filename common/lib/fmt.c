// SPDX-License-Identifier: GPL-2.0-only
/* Minimal printf-style formatter for freestanding code and host tools. */
#include <parapet/fmt.h>

struct fmt_out {
	char *buf;	 /* buffer mode: destination, may be NULL */
	size_t size;	 /* buffer mode: capacity */
	size_t len;	 /* characters produced so far */
	pp_putc_fn sink; /* sink mode: called per character */
};

static void emit(struct fmt_out *o, char c)
{
	if (o->sink)
		o->sink(c);
	else if (o->buf && o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void emit_pad(struct fmt_out *o, char c, int n)
{
	while (n-- > 0)
		emit(o, c);
}

static void emit_num(struct fmt_out *o, u64 v, unsigned base, bool upper, bool neg, int width,
		     bool zero, bool left)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	int total = n + (neg ? 1 : 0);
	if (!left && !zero)
		emit_pad(o, ' ', width - total);
	if (neg)
		emit(o, '-');
	if (!left && zero)
		emit_pad(o, '0', width - total);
	while (n)
		emit(o, tmp[--n]);
	if (left)
		emit_pad(o, ' ', width - total);
}

static void format(struct fmt_out *o, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			emit(o, *fmt);
			continue;
		}
		fmt++;
		bool zero = false, left = false;
		for (;; fmt++) {
			if (*fmt == '0')
				zero = true;
			else if (*fmt == '-')
				left = true;
			else
				break;
		}
		int width = 0;
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		int prec = -1;
		if (*fmt == '.') {
			fmt++;
			prec = 0;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			}
			while (*fmt >= '0' && *fmt <= '9')
				prec = prec * 10 + (*fmt++ - '0');
		}
		int lng = 0;
		while (*fmt == 'l') {
			lng++;
			fmt++;
		}
		if (*fmt == 'z') {
			lng = 2;
			fmt++;
		}
		switch (*fmt) {
		case '%': emit(o, '%'); break;
		case 'c': emit(o, (char)va_arg(ap, int)); break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			int n = 0;
			while ((prec < 0 || n < prec) && s[n])
				n++;
			if (!left)
				emit_pad(o, ' ', width - n);
			for (int i = 0; i < n; i++)
				emit(o, s[i]);
			if (left)
				emit_pad(o, ' ', width - n);
			break;
		}
		case 'd':
		case 'i': {
			s64 v = lng ? va_arg(ap, s64) : va_arg(ap, int);
			bool neg = v < 0;
			u64 mag = neg ? (u64)0 - (u64)v : (u64)v;
			emit_num(o, mag, 10, false, neg, width, zero, left);
			break;
		}
		case 'u':
		case 'x':
		case 'X': {
			u64 v = lng ? va_arg(ap, u64) : va_arg(ap, unsigned int);
			emit_num(o, v, *fmt == 'u' ? 10 : 16, *fmt == 'X', false, width, zero,
				 left);
			break;
		}
		case 'p': {
			u64 v = (u64)(uintptr_t)va_arg(ap, void *);
			emit(o, '0');
			emit(o, 'x');
			emit_num(o, v, 16, false, false, 16, true, false);
			break;
		}
		case '\0': return;
		default:
			emit(o, '%');
			emit(o, *fmt);
			break;
		}
	}
}

int pp_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_out o = {buf, size, 0, 0};
	format(&o, fmt, ap);
	if (buf && size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int pp_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = pp_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void pp_vprintf_sink(pp_putc_fn out, const char *fmt, va_list ap)
{
	struct fmt_out o = {0, 0, 0, out};
	format(&o, fmt, ap);
}

void pp_hex(char *out, const void *bytes, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	const u8 *b = bytes;
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}
