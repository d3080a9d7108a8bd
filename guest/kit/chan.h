/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A channel between two partitions (docs/guest-kit.md, "Channels"): the
 * policy's shared memory of a channel end, split into two halves, each an
 * SPSC ring (ring.h) with its own producer. The end whose partition id is
 * lower produces into the first half and consumes the second; the other
 * end the reverse. So no setup message is needed: each side learns its own
 * id (PP_HC_PART_INFO) and its peer's (the channel end's target).
 * The ABI does not report where a channel's memory is: the program passes
 * the `gpa` and `size` of the policy's `channel` line.
 */
#ifndef GUEST_KIT_CHAN_H
#define GUEST_KIT_CHAN_H

#include <stddef.h>
#include <stdint.h>
#include "cap.h"
#include "ring.h"

struct gk_chan {
	struct gk_cap end;
	uint64_t self, peer;
	uint8_t *mem;
	uint64_t size;
	struct gk_ring tx, rx;
	int rx_ready;
};

/* Opens the channel end `end` over [gpa, gpa + size) and initialises this
 * side's ring. 0, or -1 (no read/write right, memory too small, no
 * partition info). */
int gk_chan_open(struct gk_chan *c, const struct gk_cap *end, uint64_t gpa, uint64_t size);

/* gk_ring_send into the own half. */
int gk_chan_send(struct gk_chan *c, const void *msg, uint32_t len);

/* gk_ring_recv from the peer's half; GK_RING_ENOTREADY until the peer has
 * opened its end. */
int gk_chan_recv(struct gk_chan *c, void *buf, uint32_t cap);

/* PP_HC_CHAN_SIGNAL to the peer: a virtual interrupt, vector
 * PP_HC_SIGNAL_VECTOR, which the peer's kit takes in gk_wait_event and
 * counts (gk_signals, idt.h). PP_HC_OK, or PP_HC_EPERM (no SIGNAL right),
 * PP_HC_ESTATE (the peer is stopped). */
int64_t gk_chan_signal(struct gk_chan *c);

#endif
