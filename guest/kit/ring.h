/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A single-producer single-consumer message ring in memory shared by two
 * partitions (docs/guest-kit.md, "Ring layout"), freestanding and also
 * compiled on the host (tests/unit/test_guest_ring.c). Layout, all fields
 * little-endian, offsets from the ring's base (8-byte aligned):
 *
 *   0x00 u32 magic   GK_RING_MAGIC, written last by gk_ring_init (release)
 *   0x04 u32 size    bytes in the data area: a power of two, >= 64
 *   0x40 u64 head    bytes ever written; written by the producer only
 *   0x80 u64 tail    bytes ever consumed; written by the consumer only
 *   0xc0 data[size]  records at offset (counter % size), wrapping
 *
 * A record is a u32 length L (1 .. size - 8) and L payload bytes, padded to
 * a multiple of 8; it may wrap around the end of the data area. Empty:
 * head == tail. The producer writes a record, then stores head (release);
 * the consumer loads head (acquire), copies the record, then stores tail
 * (release), which the producer loads (acquire) before reusing the space.
 * Either side checks what the other wrote (head - tail <= size, record
 * length in range) and reports a broken ring instead of trusting it.
 */
#ifndef GUEST_KIT_RING_H
#define GUEST_KIT_RING_H

#include <stddef.h>
#include <stdint.h>

#define GK_RING_MAGIC 0x31524b47u /* "GKR1" */
#define GK_RING_HDR 0xc0u	  /* bytes before the data area */
#define GK_RING_MIN 64u		  /* smallest data area */

/* Results of gk_ring_send / gk_ring_recv besides a length >= 0.
 * ETOOBIG: send, longer than the ring can ever hold; recv, the next record
 * does not fit the buffer (it stays in the ring). */
#define GK_RING_EMPTY 0	       /* recv: nothing there */
#define GK_RING_EFULL (-1)     /* send: no room for this record now */
#define GK_RING_ETOOBIG (-2)   /* see above */
#define GK_RING_EBROKEN (-3)   /* the shared fields are inconsistent */
#define GK_RING_ENOTREADY (-4) /* the producer has not initialised it yet */

struct gk_ring {
	volatile uint8_t *base; /* the shared memory */
	uint32_t size;		/* data area bytes (from the producer's init) */
};

/* The largest data area (a power of two) that fits in `bytes` of memory,
 * 0 if less than GK_RING_HDR + GK_RING_MIN. */
uint32_t gk_ring_capacity(size_t bytes);

/* Producer: lay a ring over `bytes` of memory at `mem`; returns 0, or
 * GK_RING_ETOOBIG when the memory is too small. */
int gk_ring_init(struct gk_ring *r, void *mem, size_t bytes);

/* Consumer: attach to a ring the producer initialised in `bytes` at `mem`:
 * 0, GK_RING_ENOTREADY (no magic yet) or GK_RING_EBROKEN. */
int gk_ring_attach(struct gk_ring *r, void *mem, size_t bytes);

/* Longest payload a ring of this data size can carry. */
static inline uint32_t gk_ring_max_msg(const struct gk_ring *r)
{
	return r->size - 8u;
}

/* Producer: append one record of len (>= 1) bytes. Returns len, or
 * GK_RING_EFULL / GK_RING_ETOOBIG / GK_RING_EBROKEN. */
int gk_ring_send(struct gk_ring *r, const void *msg, uint32_t len);

/* Consumer: take the oldest record into buf (cap bytes). Returns its
 * length, GK_RING_EMPTY, GK_RING_ETOOBIG (left in the ring) or
 * GK_RING_EBROKEN. */
int gk_ring_recv(struct gk_ring *r, void *buf, uint32_t cap);

/* Bytes in use (records and padding), as the consumer or producer sees it. */
uint64_t gk_ring_used(const struct gk_ring *r);

#endif
