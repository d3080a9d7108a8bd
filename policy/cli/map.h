/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `parapet policy map X -o FILE.svg` (docs/policy-diff-map.md): a picture
 * of a policy's partition map. pol_map_svg (map_svg.c, map_lane.c,
 * map_link.c) draws a validated model into a self-contained SVG: no
 * scripts, no external references, integer coordinates, so the same model
 * gives the same bytes; map.c is the command.
 *
 * Trust: the model must have passed pp_policy_validate (the command
 * refuses one that does not, so the picture never silently drops a record
 * whose owner is missing); every string is escaped anyway.
 */
#ifndef PARAPET_POLICY_CLI_MAP_H
#define PARAPET_POLICY_CLI_MAP_H

#include <parapet/policy.h>
#include "policy/cli/svg.h"

/*
 * The whole document into s (initialised by the caller, freed with
 * svg_free): 0, or -1 when out of memory. s->box keeps every label's box
 * (svg_overlaps).
 */
int pol_map_svg(const struct pp_policy *p, struct svg *s);

#endif
