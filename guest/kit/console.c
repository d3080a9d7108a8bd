// SPDX-License-Identifier: GPL-2.0-only
/* Console output (console.h). */
#include "console.h"
#include "cap.h"
#include "fmt.h"
#include "hc.h"

struct console {
	int64_t sel; /* -1: not looked up yet, -2: the partition has none */
	int64_t status;
	uint32_t n;
	char buf[PP_HC_CONSOLE_MAX];
};

static struct console con = {-1, 0, 0, {0}};

static void flush(struct console *c)
{
	if (c->n && c->sel >= 0) {
		int64_t st = gk_hc_console_write((uint64_t)c->sel, c->buf, c->n);
		if (st != PP_HC_OK && c->status == PP_HC_OK)
			c->status = st;
	}
	c->n = 0;
}

static void sink(void *ctx, char ch)
{
	struct console *c = ctx;
	c->buf[c->n++] = ch;
	if (c->n == sizeof(c->buf))
		flush(c);
}

int gk_vprintf(const char *fmt, va_list ap)
{
	if (con.sel == -1) {
		struct gk_cap cap;
		if (gk_cap_find(PP_HC_CAP_CONSOLE, PP_HC_RIGHT_USE, 0, &cap) == 0)
			con.sel = (int64_t)cap.sel;
		else
			con.sel = -2;
	}
	if (con.sel < 0)
		return PP_HC_EPERM;
	con.status = PP_HC_OK;
	con.n = 0;
	int n = gk_vformat(sink, &con, fmt, ap);
	flush(&con);
	return con.status != PP_HC_OK ? (int)con.status : n;
}

int gk_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = gk_vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int gk_puts(const char *s)
{
	return gk_printf("%s\n", s);
}

void gk_exit(int code)
{
	gk_printf("gk: main returned %d, stopping\n", code);
}
