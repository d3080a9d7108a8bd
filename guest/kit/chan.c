// SPDX-License-Identifier: GPL-2.0-only
/* Channels over two SPSC rings (chan.h). */
#include "chan.h"
#include "hc.h"

int gk_chan_open(struct gk_chan *c, const struct gk_cap *end, uint64_t gpa, uint64_t size)
{
	uint64_t rw = PP_HC_RIGHT_READ | PP_HC_RIGHT_WRITE;
	if (end->type != PP_HC_CAP_CHANNEL || (end->rights & rw) != rw)
		return -1;
	if (gk_self(&c->self, 0) != PP_HC_OK)
		return -1;
	c->end = *end;
	c->peer = end->target;
	c->mem = (uint8_t *)(uintptr_t)gpa;
	c->size = size & ~(uint64_t)15u;
	c->rx_ready = 0;
	uint64_t half = c->size / 2u;
	uint8_t *mine = c->self < c->peer ? c->mem : c->mem + half;
	if (gk_ring_init(&c->tx, mine, half) != 0)
		return -1;
	return 0;
}

int gk_chan_send(struct gk_chan *c, const void *msg, uint32_t len)
{
	return gk_ring_send(&c->tx, msg, len);
}

int gk_chan_recv(struct gk_chan *c, void *buf, uint32_t cap)
{
	if (!c->rx_ready) {
		uint64_t half = c->size / 2u;
		uint8_t *theirs = c->self < c->peer ? c->mem + half : c->mem;
		int st = gk_ring_attach(&c->rx, theirs, half);
		if (st != 0)
			return st;
		c->rx_ready = 1;
	}
	return gk_ring_recv(&c->rx, buf, cap);
}

int64_t gk_chan_signal(struct gk_chan *c)
{
	return gk_hc_chan_signal(c->end.sel);
}
