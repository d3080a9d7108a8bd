/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small SVG writer for `parapet policy map` (map.h): a growing buffer,
 * integer coordinates only (so the same calls give the same bytes on every
 * host and locale), every piece of text XML-escaped, and the box of every
 * label recorded so a test can prove that no two labels overlap. Text is
 * measured as monospace (MAP_CHAR_W per font pixel) and cut with "..." to
 * the width it is given, so a label never runs past its box.
 *
 * Trust: strings come from a parsed policy (names restricted by the
 * validator, but escaped here anyway); nothing is read back.
 */
#ifndef PARAPET_POLICY_CLI_SVG_H
#define PARAPET_POLICY_CLI_SVG_H

#include <stdbool.h>
#include <stddef.h>
#include <parapet/types.h>

/* A monospace glyph is 0.6 em wide (DejaVu Sans Mono: 0.602); measured as 0.62 em. */
#define SVG_CHAR_W_PERMILLE 620

struct svg_box {
	int x, y, w, h;
};

struct svg {
	char *buf;
	size_t len, cap;
	bool oom; /* an allocation failed: the output is incomplete */
	struct svg_box *box;
	u32 n_box, box_cap;
};

void svg_init(struct svg *s);
void svg_free(struct svg *s);

/* Raw markup (no escaping: only for fixed strings and numbers). */
void svg_raw(struct svg *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Text, XML-escaped (control bytes and non-ASCII become '?'). */
void svg_esc(struct svg *s, const char *t);

/* Width in pixels of n characters at font size px. */
int svg_text_w(u32 n, int px);

/* Anchors of svg_text. */
#define SVG_START 0
#define SVG_MIDDLE 1

/*
 * A label: baseline at (x, y), font size px, class cls (from the style
 * sheet), anchor SVG_START or SVG_MIDDLE, cut to max_w pixels (0: no
 * limit). Escaped; its box recorded.
 */
void svg_text(struct svg *s, int x, int y, int px, const char *cls, int anchor, int max_w,
	      const char *fmt, ...) __attribute__((format(printf, 8, 9)));

/* Pairs of recorded labels whose boxes intersect; the first pair in *a, *b. */
u32 svg_overlaps(const struct svg *s, struct svg_box *a, struct svg_box *b);

#endif
