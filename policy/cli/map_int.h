/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internals of pol_map_svg (map.h): the layout's constants and the drawing
 * context shared by map_svg.c (frame, title, cores, legend), map_lane.c
 * (one column per partition) and map_link.c (channels, host-physical
 * axis). Same trust rules as map.h.
 */
#ifndef PARAPET_POLICY_CLI_MAP_INT_H
#define PARAPET_POLICY_CLI_MAP_INT_H

#include "policy/cli/map.h"

#define MAP_M 24	/* outer margin */
#define MAP_LANE_W 360	/* a partition's column */
#define MAP_LANE_GAP 20 /* between columns */
#define MAP_MIN_W 1000	/* the picture is at least this wide */
#define MAP_FONT 12	/* body text */
#define MAP_LINE 16	/* body line height */
#define MAP_HEAD 14	/* section headings */

struct map_ctx {
	const struct pp_policy *p; /* sorted, validated */
	struct svg *s;
	int w;		 /* picture width */
	int y;		 /* the next free line */
	int lane_top;	 /* first y of the columns */
	int lane_bottom; /* last y of the columns */
};

/* The partition's index in p->parts (its column and colour), or -1. */
int map_part_index(const struct pp_policy *p, u32 id);
/* Its fill colour and the colour of text on that fill. */
const char *map_fill(int idx);
const char *map_ink(int idx);
/* Left edge and centre of column idx. */
int map_lane_x(int idx);
int map_lane_cx(int idx);
/* A width that grows with log2(size / 4 KiB): base + step per doubling, at most max. */
int map_logw(u64 size, int base, int step, int max);
/* "rw-" */
const char *map_perm(u32 perm);
/* A section heading at ctx->y, moving y below it. */
void map_heading(struct map_ctx *c, const char *title);

void map_lanes(struct map_ctx *c);
void map_channels(struct map_ctx *c);
void map_host(struct map_ctx *c);

#endif
