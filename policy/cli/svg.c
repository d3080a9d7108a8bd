// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SVG writer of `parapet policy map` (svg.h): buffer growth with an
 * out-of-memory flag (checked once by the caller), XML escaping of every
 * label, label boxes for the overlap check. Host code (libc).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "policy/cli/svg.h"

void svg_init(struct svg *s)
{
	memset(s, 0, sizeof(*s));
}

void svg_free(struct svg *s)
{
	free(s->buf);
	free(s->box);
	memset(s, 0, sizeof(*s));
}

static bool grow(struct svg *s, size_t more)
{
	if (s->oom)
		return false;
	if (s->len + more + 1 <= s->cap)
		return true;
	size_t cap = s->cap ? s->cap : 16384;
	while (cap < s->len + more + 1)
		cap *= 2;
	char *b = realloc(s->buf, cap);
	if (!b) {
		s->oom = true;
		return false;
	}
	s->buf = b;
	s->cap = cap;
	return true;
}

static void vraw(struct svg *s, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || !grow(s, (size_t)n))
		return;
	vsnprintf(s->buf + s->len, s->cap - s->len, fmt, ap);
	s->len += (size_t)n;
}

void svg_raw(struct svg *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vraw(s, fmt, ap);
	va_end(ap);
}

void svg_esc(struct svg *s, const char *t)
{
	for (; *t; t++) {
		switch (*t) {
		case '<': svg_raw(s, "&lt;"); break;
		case '>': svg_raw(s, "&gt;"); break;
		case '&': svg_raw(s, "&amp;"); break;
		case '"': svg_raw(s, "&quot;"); break;
		case '\'': svg_raw(s, "&apos;"); break;
		default:
			/* Control bytes are not XML; anything else outside ASCII is dropped. */
			if ((unsigned char)*t >= 0x20 && (unsigned char)*t < 0x7f)
				svg_raw(s, "%c", *t);
			else
				svg_raw(s, "?");
		}
	}
}

int svg_text_w(u32 n, int px)
{
	return (int)(((u64)n * (u64)px * SVG_CHAR_W_PERMILLE + 999) / 1000);
}

void svg_text(struct svg *s, int x, int y, int px, const char *cls, int anchor, int max_w,
	      const char *fmt, ...)
{
	char t[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t, sizeof(t), fmt, ap);
	va_end(ap);
	u32 n = (u32)strlen(t);
	if (max_w > 0 && svg_text_w(n, px) > max_w) {
		/* Cut to fit, with "..." */
		while (n > 0 && svg_text_w(n + 3, px) > max_w)
			n--;
		memcpy(t + n, "...", 4);
		n += 3;
	}
	int w = svg_text_w(n, px);
	int x0 = anchor == SVG_MIDDLE ? x - w / 2 : x;
	svg_raw(s, "<text x=\"%d\" y=\"%d\" class=\"%s\"%s>", x, y, cls,
		anchor == SVG_MIDDLE ? " text-anchor=\"middle\"" : "");
	svg_esc(s, t);
	svg_raw(s, "</text>\n");
	if (s->n_box == s->box_cap) {
		u32 cap = s->box_cap ? s->box_cap * 2 : 256;
		struct svg_box *b = realloc(s->box, cap * sizeof(*b));
		if (!b) {
			s->oom = true;
			return;
		}
		s->box = b;
		s->box_cap = cap;
	}
	/* Ascent about 0.8 em above the baseline, descent 0.2 em below. */
	s->box[s->n_box++] = (struct svg_box){x0, y - px * 4 / 5, w, px};
}

static bool meet(const struct svg_box *a, const struct svg_box *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

u32 svg_overlaps(const struct svg *s, struct svg_box *a, struct svg_box *b)
{
	u32 n = 0;
	for (u32 i = 0; i < s->n_box; i++)
		for (u32 j = i + 1; j < s->n_box; j++)
			if (meet(&s->box[i], &s->box[j]) && !n++) {
				*a = s->box[i];
				*b = s->box[j];
			}
	return n;
}
