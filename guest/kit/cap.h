/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Capability lookup by enumerating the partition's own table with
 * PP_HC_CAP_INFO (selectors 0 .. n-1, n from PP_HC_PART_INFO; the order is
 * the policy's: capabilities by type then target, then channel ends by
 * name, docs/hypercalls.md).
 */
#ifndef GUEST_KIT_CAP_H
#define GUEST_KIT_CAP_H

#include <stdint.h>

struct gk_cap {
	uint64_t sel, type, target, rights;
};

/* Own partition id and table size (cached after the first call); 0 or a
 * negative PP_HC_E* status. */
int64_t gk_self(uint64_t *id, uint64_t *ncaps);

/* The n-th capability (counting from 0) with this type and at least these
 * rights; 0 and *out filled, or -1 if none. */
int gk_cap_find(uint64_t type, uint64_t rights, unsigned n, struct gk_cap *out);

/* The first capability of this type whose target is `target`. */
int gk_cap_find_target(uint64_t type, uint64_t target, struct gk_cap *out);

/* Channel ends: the n-th (the policy orders them by name), or the first
 * one whose peer is `peer`. */
int gk_chan_end(unsigned n, struct gk_cap *out);
int gk_chan_end_to(uint64_t peer, struct gk_cap *out);

/* Printable names for the console. */
const char *gk_cap_type_name(uint64_t type);
const char *gk_status_name(int64_t status);

#endif
