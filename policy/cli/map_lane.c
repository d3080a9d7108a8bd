// SPDX-License-Identifier: GPL-2.0-only
/*
 * The partitions' columns of pol_map_svg (map_int.h): per partition, in id
 * order, a header in its colour (name, id), image, entry, boot mode, cache
 * mask, its guest-physical memory (RAM, MMIO, channel windows by address,
 * each with a bar whose length grows with log2 of its size), its devices
 * (BDF boxes with the IOMMU unit), GSIs, I/O ports and capabilities. Every
 * column is measured first (drawn into a scratch buffer), so all columns
 * get the height of the tallest. Every label is cut to its column.
 */
#include <stdio.h>
#include <string.h>
#include "policy/cli/diff.h"
#include "policy/cli/map_int.h"

#define PAD 12
#define BAR_COL 72 /* the bars' column, then the text */
#define ROW_H 36

typedef unsigned long long ull;

struct range {
	u64 gpa, size;
	int kind; /* 0 RAM, 1 MMIO, 2 channel */
	u32 i;
};

static void subhead(struct svg *s, int x, int *y, int w, const char *t)
{
	*y += MAP_LINE + 4;
	svg_text(s, x, *y, MAP_FONT, "s", SVG_START, w, "%s", t);
	*y += 6;
}

static void line(struct svg *s, int x, int *y, int w, const char *t)
{
	*y += MAP_LINE;
	svg_text(s, x, *y, MAP_FONT, "n", SVG_START, w, "%s", t);
}

static u32 ranges(const struct pp_policy *p, u32 id, struct range *r)
{
	u32 n = 0;
	for (u32 i = 0; i < p->n_ram; i++)
		if (p->ram[i].part == id)
			r[n++] = (struct range){p->ram[i].gpa, p->ram[i].size, 0, i};
	for (u32 i = 0; i < p->n_mmio; i++)
		if (p->mmio[i].part == id)
			r[n++] = (struct range){p->mmio[i].gpa, p->mmio[i].size, 1, i};
	for (u32 i = 0; i < p->n_chans; i++)
		if (p->chans[i].part == id)
			r[n++] = (struct range){p->chans[i].gpa, p->chans[i].size, 2, i};
	for (u32 i = 1; i < n; i++)
		for (u32 j = i; j > 0 && r[j - 1].gpa > r[j].gpa; j--) {
			struct range t = r[j];
			r[j] = r[j - 1];
			r[j - 1] = t;
		}
	return n;
}

static void range_row(const struct map_ctx *c, struct svg *s, int k, const struct range *r, int x,
		      int y, int w)
{
	const struct pp_policy *p = c->p;
	char h[32], d[120];
	u32 perm = 0;
	int bw = map_logw(r->size, 8, 2, 64);
	const char *col = map_fill(k);
	pol_size_human(r->size, h, sizeof(h));
	if (r->kind == 0) {
		const struct pp_pol_ram *m = &p->ram[r->i];
		perm = m->perm;
		svg_raw(s, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"28\" fill=\"%s\"%s/>\n",
			x, y + 2, bw, col,
			m->flags & PP_POL_RAM_FIXED ? " stroke=\"#000000\" stroke-width=\"3\""
						    : "");
		if (m->flags & PP_POL_RAM_DMA)
			svg_raw(s,
				"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"28\" "
				"fill=\"url(#dma)\"/>\n",
				x, y + 2, bw);
		if (m->flags & PP_POL_RAM_FIXED)
			snprintf(d, sizeof(d), "RAM at host 0x%llx%s", (ull)m->hpa,
				 m->flags & PP_POL_RAM_DMA ? ", DMA" : "");
		else
			snprintf(d, sizeof(d), "RAM%s", m->flags & PP_POL_RAM_DMA ? ", DMA" : "");
	} else if (r->kind == 1) {
		const struct pp_pol_mmio *m = &p->mmio[r->i];
		perm = m->perm;
		svg_raw(s,
			"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"28\" fill=\"#ffffff\" "
			"stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>\n",
			x + 1, y + 3, bw - 2, col);
		snprintf(d, sizeof(d), "MMIO pass-through, host 0x%llx", (ull)m->hpa);
	} else {
		const struct pp_pol_chan *m = &p->chans[r->i];
		int peer = map_part_index(p, m->peer);
		perm = m->perm;
		svg_raw(s,
			"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"28\" fill=\"#eeeeee\" "
			"stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"1 2\"/>\n",
			x + 1, y + 3, bw - 2, col);
		snprintf(d, sizeof(d), "channel %s with %s", m->name,
			 peer >= 0 ? p->parts[peer].name : "?");
	}
	int tx = x + BAR_COL, tw = w - BAR_COL;
	svg_text(s, tx, y + 13, MAP_FONT, "n", SVG_START, tw, "0x%llx %s %s", (ull)r->gpa, h,
		 map_perm(perm));
	svg_text(s, tx, y + 28, MAP_FONT, "g", SVG_START, tw, "%s", d);
}

/* A list of short items, packed into lines of the column's width. */
struct pack {
	struct svg *s;
	int x, y, w;
	char buf[160];
	size_t len;
};

static void pack_flush(struct pack *k)
{
	if (!k->len)
		return;
	line(k->s, k->x, &k->y, k->w, k->buf);
	k->len = 0;
	k->buf[0] = 0;
}

static void pack_add(struct pack *k, const char *item)
{
	size_t n = strlen(item);
	if (k->len && svg_text_w((u32)(k->len + 2 + n), MAP_FONT) > k->w)
		pack_flush(k);
	if (k->len + n + 3 < sizeof(k->buf))
		k->len += (size_t)snprintf(k->buf + k->len, sizeof(k->buf) - k->len, "%s%s",
					   k->len ? ", " : "", item);
}

static void pack_end(struct pack *k)
{
	if (!k->len)
		pack_add(k, "none");
	pack_flush(k);
}

static const char *cap_name(u32 cap)
{
	switch (cap) {
	case PP_POL_CAP_CONSOLE: return "console";
	case PP_POL_CAP_TPM: return "tpm";
	case PP_POL_CAP_EVENTLOG_READ: return "eventlog-read";
	case PP_POL_CAP_FAULTLOG_READ: return "faultlog-read";
	case PP_POL_CAP_CONTROL: return "control";
	default: return "?";
	}
}

static void small_lists(const struct map_ctx *c, struct svg *s, u32 id, int x, int *y, int w)
{
	const struct pp_policy *p = c->p;
	struct pack k = {s, x, 0, w, "", 0};
	char item[64];
	subhead(s, x, y, w, "Interrupts (GSI)");
	k.y = *y;
	for (u32 i = 0; i < p->n_irqs; i++)
		if (p->irqs[i].part == id) {
			snprintf(item, sizeof(item), "%u", p->irqs[i].gsi);
			pack_add(&k, item);
		}
	pack_end(&k);
	*y = k.y;
	subhead(s, x, y, w, "I/O ports");
	k.y = *y;
	for (u32 i = 0; i < p->n_ports; i++)
		if (p->ports[i].part == id) {
			const struct pp_pol_port *r = &p->ports[i];
			snprintf(item, sizeof(item), "0x%x-0x%x", r->base,
				 r->base + r->count - (r->count ? 1 : 0));
			pack_add(&k, item);
		}
	pack_end(&k);
	*y = k.y;
	subhead(s, x, y, w, "Capabilities");
	k.y = *y;
	for (u32 i = 0; i < p->n_caps; i++)
		if (p->caps[i].part == id) {
			int t = map_part_index(p, p->caps[i].target);
			if (p->caps[i].cap == PP_POL_CAP_CONTROL)
				snprintf(item, sizeof(item), "control of %s",
					 t >= 0 ? p->parts[t].name : "?");
			else
				snprintf(item, sizeof(item), "%s", cap_name(p->caps[i].cap));
			pack_add(&k, item);
		}
	pack_end(&k);
	*y = k.y;
}

/* One column from y = top into s; returns its bottom. */
static int lane(const struct map_ctx *c, struct svg *s, int k, int top)
{
	const struct pp_policy *p = c->p;
	const struct pp_pol_part *pt = &p->parts[k];
	int x0 = map_lane_x(k), x = x0 + PAD, w = MAP_LANE_W - 2 * PAD, y = top;
	bool white = !strcmp(map_ink(k), "#ffffff");
	char t[128];

	svg_raw(s, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"30\" fill=\"%s\"/>\n", x0, y,
		MAP_LANE_W, map_fill(k));
	snprintf(t, sizeof(t), "id %u", pt->id);
	int idw = svg_text_w((u32)strlen(t), MAP_FONT);
	svg_text(s, x, y + 20, 14, white ? "b w" : "b", SVG_START, w - idw - 12, "%s", pt->name);
	svg_text(s, x0 + MAP_LANE_W - PAD - idw, y + 20, MAP_FONT, white ? "n w" : "n", SVG_START,
		 0, "%s", t);
	y += 34;
	snprintf(t, sizeof(t), "image %s", pt->image);
	line(s, x, &y, w, t);
	snprintf(t, sizeof(t), "entry 0x%llx, %s", (ull)pt->entry,
		 pt->mode == PP_POL_BOOT_REAL16	   ? "real mode"
		 : pt->mode == PP_POL_BOOT_LINUX64 ? "Linux 64-bit boot"
						   : "64-bit long mode");
	line(s, x, &y, w, t);
	if (pt->cache_mask)
		snprintf(t, sizeof(t), "L3 cache ways 0x%x", pt->cache_mask);
	else
		snprintf(t, sizeof(t), "L3 cache: no mask (default class)");
	line(s, x, &y, w, t);

	struct range r[PP_POL_MAX_RAM + PP_POL_MAX_MMIO + PP_POL_MAX_CHANS];
	u32 n = ranges(p, pt->id, r);
	subhead(s, x, &y, w, "Memory (guest-physical)");
	for (u32 i = 0; i < n; i++) {
		range_row(c, s, k, &r[i], x, y, w);
		y += ROW_H;
	}
	if (!n)
		line(s, x, &y, w, "none");

	subhead(s, x, &y, w, "Devices");
	bool any = false;
	for (u32 i = 0; i < p->n_devs; i++) {
		const struct pp_pol_dev *d = &p->devs[i];
		if (d->part != pt->id)
			continue;
		any = true;
		svg_raw(s,
			"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"22\" rx=\"4\" "
			"fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"2\"/>\n",
			x, y + 2, w, map_fill(k));
		svg_text(s, x + 8, y + 17, MAP_FONT, "n", SVG_START, w - 16,
			 "%04x:%02x:%02x.%u  IOMMU unit %u", d->seg, d->bus, d->devfn >> 3,
			 d->devfn & 7u, d->iommu);
		y += 26;
	}
	if (!any)
		line(s, x, &y, w, "none");
	small_lists(c, s, pt->id, x, &y, w);
	return y + PAD;
}

void map_lanes(struct map_ctx *c)
{
	struct svg scratch;
	map_heading(c, "Partitions");
	int top = c->y + 4, bottom = top;
	svg_init(&scratch);
	for (u32 k = 0; k < c->p->n_parts; k++) {
		int b = lane(c, &scratch, (int)k, top);
		bottom = b > bottom ? b : bottom;
	}
	c->s->oom |= scratch.oom;
	svg_free(&scratch);
	for (u32 k = 0; k < c->p->n_parts; k++)
		svg_raw(c->s,
			"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" "
			"stroke=\"%s\" stroke-width=\"2\"/>\n",
			map_lane_x((int)k), top, MAP_LANE_W, bottom - top, map_fill((int)k));
	for (u32 k = 0; k < c->p->n_parts; k++)
		lane(c, c->s, (int)k, top);
	c->lane_top = top;
	c->lane_bottom = bottom;
	c->y = bottom;
}
