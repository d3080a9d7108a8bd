// SPDX-License-Identifier: GPL-2.0-only
/*
 * Channels and the host-physical axis of pol_map_svg (map_int.h).
 * Channels: one connector per channel (its two declarations are one
 * line), between the centres of the two partitions' columns, each on its
 * own row so no two labels meet; the label names the channel, each side's
 * rights and the size. Host-physical: the ranges the policy fixes (fixed
 * RAM, MMIO pass-through) by address on a compressed axis (a segment's
 * length grows with log2 of its size, gaps are marked, not to scale),
 * numbered, then one table row per range with its exact bounds and owner.
 */
#include <stdio.h>
#include <string.h>
#include "policy/cli/diff.h"
#include "policy/cli/map_int.h"

typedef unsigned long long ull;

#define CHAN_ROW 36

static const struct pp_pol_chan *other_side(const struct pp_policy *p, const struct pp_pol_chan *ch)
{
	for (u32 i = 0; i < p->n_chans; i++)
		if (p->chans[i].part == ch->peer && !strcmp(p->chans[i].name, ch->name))
			return &p->chans[i];
	return NULL;
}

static bool first_of_name(const struct pp_policy *p, u32 i)
{
	for (u32 j = 0; j < i; j++)
		if (!strcmp(p->chans[j].name, p->chans[i].name))
			return false;
	return true;
}

void map_channels(struct map_ctx *c)
{
	const struct pp_policy *p = c->p;
	char h[32], t[200];
	map_heading(c, "Channels (shared memory between two partitions)");
	u32 rows = 0;
	for (u32 i = 0; i < p->n_chans; i++)
		rows += first_of_name(p, i);
	if (!rows) {
		c->y += MAP_LINE;
		svg_text(c->s, MAP_M, c->y, MAP_FONT, "n", SVG_START, c->w - 2 * MAP_M, "none");
		return;
	}
	int top = c->y, end = top + (int)rows * CHAN_ROW + 6;
	/* Each column's guide down through the rows (below the heading). */
	for (u32 k = 0; k < p->n_parts; k++)
		svg_raw(c->s,
			"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
			"stroke-width=\"2\" stroke-opacity=\"0.35\"/>\n",
			map_lane_cx((int)k), top, map_lane_cx((int)k), end, map_fill((int)k));
	u32 row = 0;
	for (u32 i = 0; i < p->n_chans; i++) {
		const struct pp_pol_chan *ch = &p->chans[i], *o;
		if (!first_of_name(p, i))
			continue;
		int a = map_part_index(p, ch->part), b = map_part_index(p, ch->peer);
		o = other_side(p, ch);
		int y = top + (int)row++ * CHAN_ROW;
		if (a < 0 || b < 0 || a == b)
			continue;
		int xa = map_lane_cx(a), xb = map_lane_cx(b);
		int lo = xa < xb ? xa : xb, hi = xa < xb ? xb : xa, mid = (lo + hi) / 2;
		svg_raw(c->s,
			"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444444\" "
			"stroke-width=\"2\"/>\n"
			"<circle cx=\"%d\" cy=\"%d\" r=\"6\" fill=\"%s\" stroke=\"#444444\"/>\n"
			"<circle cx=\"%d\" cy=\"%d\" r=\"6\" fill=\"%s\" stroke=\"#444444\"/>\n",
			lo, y + 26, hi, y + 26, xa, y + 26, map_fill(a), xb, y + 26, map_fill(b));
		pol_size_human(ch->size, h, sizeof(h));
		snprintf(t, sizeof(t), "%s: %s %s, %s %s, %s", ch->name, p->parts[a].name,
			 map_perm(ch->perm), p->parts[b].name, o ? map_perm(o->perm) : "(none)", h);
		int max = hi - lo - 16;
		int tw = svg_text_w((u32)strlen(t), MAP_FONT);
		tw = tw > max ? max : tw;
		svg_raw(c->s,
			"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"#ffffff\"/>\n",
			mid - tw / 2 - 4, y + 5, tw + 8);
		svg_text(c->s, mid, y + 17, MAP_FONT, "n", SVG_MIDDLE, max, "%s", t);
	}
	c->y = end;
}

struct hrange {
	u64 hpa, size;
	int part; /* column index */
	bool mmio, dma;
	u32 perm;
};

static u32 host_ranges(const struct pp_policy *p, struct hrange *r)
{
	u32 n = 0;
	for (u32 i = 0; i < p->n_ram; i++)
		if (p->ram[i].flags & PP_POL_RAM_FIXED)
			r[n++] = (struct hrange){p->ram[i].hpa,
						 p->ram[i].size,
						 map_part_index(p, p->ram[i].part),
						 false,
						 (p->ram[i].flags & PP_POL_RAM_DMA) != 0,
						 p->ram[i].perm};
	for (u32 i = 0; i < p->n_mmio; i++)
		r[n++] = (struct hrange){
		    p->mmio[i].hpa, p->mmio[i].size, map_part_index(p, p->mmio[i].part),
		    true,	    false,	     p->mmio[i].perm};
	for (u32 i = 1; i < n; i++)
		for (u32 j = i; j > 0 && r[j - 1].hpa > r[j].hpa; j--) {
			struct hrange t = r[j];
			r[j] = r[j - 1];
			r[j - 1] = t;
		}
	return n;
}

#define GAP_W 28
#define SEG_H 26

/* The compressed bar: segments numbered 1..n, gap marks between them. */
static void host_bar(struct map_ctx *c, const struct hrange *r, u32 n)
{
	int x = MAP_M, y = c->y + 6;
	for (u32 i = 0; i < n; i++) {
		int sw = map_logw(r[i].size, 40, 5, 160);
		bool gap = i && r[i].hpa > r[i - 1].hpa + r[i - 1].size;
		int need = (gap ? GAP_W : 2) + sw;
		if (i && x + need > c->w - MAP_M) {
			x = MAP_M;
			y += SEG_H + 14;
		} else if (gap) {
			/* Two slanted strokes: addresses skipped, not to scale. */
			svg_raw(c->s,
				"<path d=\"M%d %d l6 -%d M%d %d l6 -%d\" stroke=\"#777777\" "
				"stroke-width=\"2\"/>\n",
				x + 7, y + SEG_H - 4, SEG_H - 8, x + 15, y + SEG_H - 4, SEG_H - 8);
			x += GAP_W;
		} else if (i) {
			x += 2;
		}
		const char *col = map_fill(r[i].part);
		if (r[i].mmio)
			svg_raw(
			    c->s,
			    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#ffffff\" "
			    "stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>\n",
			    x + 1, y + 1, sw - 2, SEG_H - 2, col);
		else
			svg_raw(c->s,
				"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" "
				"stroke=\"#000000\" stroke-width=\"3\"/>\n",
				x, y, sw, SEG_H, col);
		if (r[i].dma)
			svg_raw(c->s,
				"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
				"fill=\"url(#dma)\"/>\n",
				x, y, sw, SEG_H);
		bool white = !r[i].mmio && !strcmp(map_ink(r[i].part), "#ffffff");
		svg_text(c->s, x + sw / 2, y + 17, MAP_FONT, white ? "b w" : "b", SVG_MIDDLE,
			 sw - 6, "%u", i + 1);
		x += sw;
	}
	c->y = y + SEG_H + 8;
}

/* Columns of the table below the bar. */
#define COL_RANGE 36
#define COL_SIZE (COL_RANGE + 264)
#define COL_OWNER (COL_SIZE + 96)
#define COL_WHAT (COL_OWNER + 176)

static void host_row(struct map_ctx *c, const struct hrange *r, u32 i)
{
	const struct pp_policy *p = c->p;
	char h[32];
	int x = MAP_M, y = c->y += MAP_LINE + 2;
	pol_size_human(r->size, h, sizeof(h));
	svg_raw(c->s, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>\n", x,
		y - 10, map_fill(r->part));
	svg_text(c->s, x + 16, y, MAP_FONT, "n", SVG_START, COL_RANGE - 18, "%u", i + 1);
	svg_text(c->s, x + COL_RANGE, y, MAP_FONT, "n", SVG_START, COL_SIZE - COL_RANGE - 8,
		 "0x%llx-0x%llx", (ull)r->hpa, (ull)(r->hpa + r->size - 1));
	svg_text(c->s, x + COL_SIZE, y, MAP_FONT, "n", SVG_START, COL_OWNER - COL_SIZE - 8, "%s",
		 h);
	svg_text(c->s, x + COL_OWNER, y, MAP_FONT, "n", SVG_START, COL_WHAT - COL_OWNER - 8, "%s",
		 r->part >= 0 ? p->parts[r->part].name : "?");
	svg_text(c->s, x + COL_WHAT, y, MAP_FONT, "n", SVG_START, c->w - MAP_M - x - COL_WHAT,
		 "%s %s%s", r->mmio ? "MMIO pass-through" : "RAM (fixed)", map_perm(r->perm),
		 r->dma ? ", DMA" : "");
}

void map_host(struct map_ctx *c)
{
	struct hrange r[PP_POL_MAX_RAM + PP_POL_MAX_MMIO];
	char h[32];
	u32 n = host_ranges(c->p, r);
	map_heading(c, "Host-physical memory the policy fixes (compressed: length grows with "
		       "log2 of the size; gaps not to scale)");
	if (!n) {
		c->y += MAP_LINE;
		svg_text(c->s, MAP_M, c->y, MAP_FONT, "n", SVG_START, c->w - 2 * MAP_M,
			 "none: all RAM comes from the hypervisor's pool, no MMIO pass-through");
		return;
	}
	host_bar(c, r, n);
	for (u32 i = 0; i < n; i++) {
		if (i && r[i].hpa > r[i - 1].hpa + r[i - 1].size) {
			u64 gap = r[i].hpa - (r[i - 1].hpa + r[i - 1].size);
			pol_size_human(gap, h, sizeof(h));
			c->y += MAP_LINE + 2;
			svg_text(c->s, MAP_M + COL_RANGE, c->y, MAP_FONT, "g", SVG_START,
				 c->w - 2 * MAP_M - COL_RANGE, "gap of 0x%llx (%s)", (ull)gap, h);
		}
		host_row(c, &r[i], i);
	}
}
