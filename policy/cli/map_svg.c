// SPDX-License-Identifier: GPL-2.0-only
/*
 * pol_map_svg (map.h): the document frame (size, style sheet, the DMA
 * hatch pattern), the title, the CPU cores (one bar per core the policy
 * names: one colour when exclusive, slices of the period when shared), the
 * partitions' columns (map_lane.c), channels and the host-physical axis
 * (map_link.c), the legend. The body is drawn first, then framed, since
 * the height is known only at the end.
 */
#include <stdlib.h>
#include <string.h>
#include "policy/cli/diff.h"
#include "policy/cli/map_int.h"

/* Okabe-Ito first (colour-blind safe), then eight more; text colour for each. */
static const char *const fill[PP_POL_MAX_PARTS] = {
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#7f7f7f",
    "#6a3d9a", "#b15928", "#1f78b4", "#33a02c", "#fb9a99", "#a6cee3", "#b2df8a", "#fdbf6f",
};
static const char *const ink[PP_POL_MAX_PARTS] = {
    "#ffffff", "#000000", "#ffffff", "#000000", "#000000", "#ffffff", "#000000", "#ffffff",
    "#ffffff", "#ffffff", "#ffffff", "#ffffff", "#000000", "#000000", "#000000", "#000000",
};

const char *map_fill(int idx)
{
	return idx >= 0 && idx < (int)PP_POL_MAX_PARTS ? fill[idx] : "#cccccc";
}

const char *map_ink(int idx)
{
	return idx >= 0 && idx < (int)PP_POL_MAX_PARTS ? ink[idx] : "#000000";
}

int map_part_index(const struct pp_policy *p, u32 id)
{
	for (u32 i = 0; i < p->n_parts; i++)
		if (p->parts[i].id == id)
			return (int)i;
	return -1;
}

int map_lane_x(int idx)
{
	return MAP_M + idx * (MAP_LANE_W + MAP_LANE_GAP);
}

int map_lane_cx(int idx)
{
	return map_lane_x(idx) + MAP_LANE_W / 2;
}

int map_logw(u64 size, int base, int step, int max)
{
	int d = 0;
	for (u64 v = size >> 12; v > 1; v >>= 1)
		d++;
	int w = base + d * step;
	return w > max ? max : w;
}

const char *map_perm(u32 perm)
{
	static const char *const s[8] = {"---", "r--", "-w-", "rw-", "--x", "r-x", "-wx", "rwx"};
	return s[perm & 7u];
}

void map_heading(struct map_ctx *c, const char *title)
{
	c->y += 26;
	svg_text(c->s, MAP_M, c->y, MAP_HEAD, "h", SVG_START, c->w - 2 * MAP_M, "%s", title);
	c->y += 8;
}

static void title(struct map_ctx *c)
{
	const struct pp_policy *p = c->p;
	c->y = MAP_M + 18;
	svg_text(c->s, MAP_M, c->y, 20, "t", SVG_START, c->w - 2 * MAP_M, "Partition map: %s",
		 p->name);
	c->y += 22;
	svg_text(c->s, MAP_M, c->y, MAP_FONT, "n", SVG_START, c->w - 2 * MAP_M,
		 "policy version %u, security epoch %u, platform %s, minimum hypervisor %u, "
		 "%u partition%s",
		 p->version, p->epoch, p->platform, p->min_hv, p->n_parts,
		 p->n_parts == 1 ? "" : "s");
}

#define CORE_LABEL_W 70
#define CORE_BAR_W 420
#define CORE_H 22

/* One shared core: each partition's slice of the period, then the idle rest. */
static void core_shared(struct map_ctx *c, u32 cpu, int x, int y)
{
	const struct pp_policy *p = c->p;
	u32 period = 0;
	for (u32 i = 0; i < p->n_cpus; i++)
		if (p->cpus[i].cpu == cpu && p->cpus[i].mode == PP_POL_CPU_SHARED)
			period = p->cpus[i].period_us;
	if (!period)
		return;
	int at = x;
	char desc[200];
	size_t dl = 0;
	desc[0] = 0;
	for (u32 k = 0; k < p->n_parts; k++)
		for (u32 i = 0; i < p->n_cpus; i++) {
			const struct pp_pol_cpu *e = &p->cpus[i];
			if (e->cpu != cpu || e->part != p->parts[k].id)
				continue;
			int w = (int)((u64)e->slice_us * CORE_BAR_W / period);
			u32 pct = (u32)((u64)e->slice_us * 100 / period);
			svg_raw(c->s,
				"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" "
				"stroke=\"#ffffff\"/>\n",
				at, y, w, CORE_H, map_fill((int)k));
			if (w >= svg_text_w(4, 11) + 6)
				svg_text(c->s, at + w / 2, y + 15, 11,
					 strcmp(map_ink((int)k), "#ffffff") ? "c" : "c w",
					 SVG_MIDDLE, w - 6, "%s %u%%", p->parts[k].name, pct);
			if (dl < sizeof(desc))
				dl +=
				    (size_t)snprintf(desc + dl, sizeof(desc) - dl, "%s%s %u us",
						     dl ? ", " : "", p->parts[k].name, e->slice_us);
			at += w;
		}
	if (at < x + CORE_BAR_W)
		svg_raw(c->s,
			"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#eeeeee\"/>\n",
			at, y, x + CORE_BAR_W - at, CORE_H);
	int tx = x + CORE_BAR_W + 12;
	svg_text(c->s, tx, y + 15, MAP_FONT, "n", SVG_START, c->w - MAP_M - tx,
		 "shared: %s of %u us", desc, period);
}

static void cores(struct map_ctx *c)
{
	const struct pp_policy *p = c->p;
	map_heading(c, "CPU cores (only the cores the policy names)");
	u32 last = 0xffffffffu;
	for (;;) {
		/* The next core number above the last one drawn. */
		u32 cpu = 0xffffffffu;
		for (u32 i = 0; i < p->n_cpus; i++)
			if ((last == 0xffffffffu || p->cpus[i].cpu > last) && p->cpus[i].cpu < cpu)
				cpu = p->cpus[i].cpu;
		if (cpu == 0xffffffffu)
			break;
		last = cpu;
		int x = MAP_M + CORE_LABEL_W, y = c->y + 4;
		svg_text(c->s, MAP_M, y + 15, MAP_FONT, "n", SVG_START, CORE_LABEL_W - 6, "CPU %u",
			 cpu);
		const struct pp_pol_cpu *ex = NULL;
		for (u32 i = 0; i < p->n_cpus; i++)
			if (p->cpus[i].cpu == cpu && p->cpus[i].mode == PP_POL_CPU_EXCLUSIVE)
				ex = &p->cpus[i];
		if (ex) {
			int k = map_part_index(p, ex->part);
			svg_raw(
			    c->s,
			    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", x,
			    y, CORE_BAR_W, CORE_H, map_fill(k));
			svg_text(c->s, x + CORE_BAR_W / 2, y + 15, 11,
				 strcmp(map_ink(k), "#ffffff") ? "c" : "c w", SVG_MIDDLE,
				 CORE_BAR_W - 8, "%s", k >= 0 ? p->parts[k].name : "?");
			int tx = x + CORE_BAR_W + 12;
			svg_text(c->s, tx, y + 15, MAP_FONT, "n", SVG_START, c->w - MAP_M - tx,
				 "exclusive");
		} else {
			core_shared(c, cpu, x, y);
		}
		c->y += CORE_H + 6;
	}
}

/* Partition swatches, then the symbols. */
static void legend(struct map_ctx *c)
{
	const struct pp_policy *p = c->p;
	map_heading(c, "Legend");
	int x = MAP_M, y = c->y + 4;
	for (u32 k = 0; k < p->n_parts; k++) {
		int tw = svg_text_w((u32)strlen(p->parts[k].name), MAP_FONT);
		if (x + 22 + tw > c->w - MAP_M && x > MAP_M) {
			x = MAP_M;
			y += 22;
		}
		svg_raw(c->s, "<rect x=\"%d\" y=\"%d\" width=\"16\" height=\"16\" fill=\"%s\"/>\n",
			x, y, map_fill((int)k));
		svg_text(c->s, x + 22, y + 13, MAP_FONT, "n", SVG_START, 0, "%s", p->parts[k].name);
		x += 22 + tw + 24;
	}
	static const struct {
		const char *shape, *label;
	} sym[] = {
	    {"fill=\"#bbbbbb\"", "RAM"},
	    {"", "DMA-enabled RAM"}, /* grey, hatched */
	    {"fill=\"#bbbbbb\" stroke=\"#000000\" stroke-width=\"3\"",
	     "RAM at a fixed host address"},
	    {"fill=\"#ffffff\" stroke=\"#555555\" stroke-width=\"2\" stroke-dasharray=\"4 2\"",
	     "MMIO pass-through"},
	    {"fill=\"#eeeeee\" stroke=\"#555555\" stroke-width=\"2\" stroke-dasharray=\"1 2\"",
	     "channel window"},
	    {"fill=\"#eeeeee\"", "idle part of a shared core's period"},
	};
	x = MAP_M;
	y += 26;
	for (u32 i = 0; i < sizeof(sym) / sizeof(sym[0]); i++) {
		int tw = svg_text_w((u32)strlen(sym[i].label), MAP_FONT);
		if (x + 30 + tw > c->w - MAP_M && x > MAP_M) {
			x = MAP_M;
			y += 22;
		}
		svg_raw(c->s, "<rect x=\"%d\" y=\"%d\" width=\"22\" height=\"16\" ", x + 1, y);
		if (!sym[i].shape[0])
			svg_raw(c->s,
				"fill=\"#bbbbbb\"/><rect x=\"%d\" y=\"%d\" width=\"22\" "
				"height=\"16\" fill=\"url(#dma)\"/>\n",
				x + 1, y);
		else
			svg_raw(c->s, "%s/>\n", sym[i].shape);
		svg_text(c->s, x + 30, y + 13, MAP_FONT, "n", SVG_START, 0, "%s", sym[i].label);
		x += 30 + tw + 24;
	}
	c->y = y + 16;
}

static const char style[] =
    "<style>\n"
    "text{font-family:'DejaVu Sans Mono',Menlo,Consolas,monospace;fill:#222222}\n"
    ".t{font-size:20px;font-weight:bold}\n"
    ".h{font-size:14px;font-weight:bold}\n"
    ".n{font-size:12px}\n"
    ".c{font-size:11px}\n"
    ".b{font-size:14px;font-weight:bold}\n"
    ".g{font-size:12px;fill:#666666}\n"
    ".s{font-size:12px;font-weight:bold}\n"
    ".w{fill:#ffffff}\n"
    "</style>\n";

int pol_map_svg(const struct pp_policy *p, struct svg *out)
{
	struct pp_policy *q = malloc(sizeof(*q));
	struct svg body;
	if (!q)
		return -1;
	*q = *p;
	pp_policy_sort(q);
	svg_init(&body);
	struct map_ctx c = {q, &body, 0, 0, 0, 0};
	int lanes_w = 2 * MAP_M + (int)q->n_parts * (MAP_LANE_W + MAP_LANE_GAP) - MAP_LANE_GAP;
	c.w = lanes_w > MAP_MIN_W ? lanes_w : MAP_MIN_W;
	title(&c);
	cores(&c);
	map_lanes(&c);
	map_channels(&c);
	map_host(&c);
	legend(&c);
	int h = c.y + MAP_M;
	svg_raw(out,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		"viewBox=\"0 0 %d %d\">\n",
		c.w, h, c.w, h);
	svg_raw(out, "<title>Partition map: ");
	svg_esc(out, q->name);
	svg_raw(out, "</title>\n%s", style);
	svg_raw(out, "<defs><pattern id=\"dma\" width=\"6\" height=\"6\" "
		     "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
		     "<rect width=\"2\" height=\"6\" fill=\"#000000\" fill-opacity=\"0.45\"/>"
		     "</pattern></defs>\n");
	svg_raw(out, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", c.w, h);
	if (body.len)
		svg_raw(out, "%s", body.buf);
	svg_raw(out, "</svg>\n");
	/* The labels' boxes are the body's. */
	free(out->box);
	out->box = body.box;
	out->n_box = body.n_box;
	out->box_cap = body.box_cap;
	body.box = NULL;
	int rc = out->oom || body.oom ? -1 : 0;
	free(q);
	svg_free(&body);
	return rc;
}
