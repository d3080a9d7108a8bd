// SPDX-License-Identifier: GPL-2.0-only
/* The SPSC message ring in shared memory (ring.h has the layout). */
#include "ring.h"

#define OFF_MAGIC 0x00u
#define OFF_SIZE 0x04u
#define OFF_HEAD 0x40u
#define OFF_TAIL 0x80u
#define MAX_SIZE (1u << 30) /* keeps lengths within an int */

static volatile uint32_t *u32_at(const struct gk_ring *r, uint32_t off)
{
	return (volatile uint32_t *)(r->base + off);
}

static volatile uint64_t *u64_at(const struct gk_ring *r, uint32_t off)
{
	return (volatile uint64_t *)(r->base + off);
}

static uint64_t rec_bytes(uint32_t len)
{
	return ((uint64_t)len + 4u + 7u) & ~(uint64_t)7u;
}

uint32_t gk_ring_capacity(size_t bytes)
{
	if (bytes < GK_RING_HDR + GK_RING_MIN)
		return 0;
	size_t room = bytes - GK_RING_HDR;
	uint32_t size = GK_RING_MIN;
	while (size < MAX_SIZE && (size_t)size * 2u <= room)
		size *= 2u;
	return size;
}

int gk_ring_init(struct gk_ring *r, void *mem, size_t bytes)
{
	uint32_t size = gk_ring_capacity(bytes);
	if (!size)
		return GK_RING_ETOOBIG;
	r->base = mem;
	r->size = size;
	__atomic_store_n(u32_at(r, OFF_MAGIC), 0u, __ATOMIC_RELAXED);
	__atomic_store_n(u32_at(r, OFF_SIZE), size, __ATOMIC_RELAXED);
	__atomic_store_n(u64_at(r, OFF_HEAD), 0u, __ATOMIC_RELAXED);
	__atomic_store_n(u64_at(r, OFF_TAIL), 0u, __ATOMIC_RELAXED);
	__atomic_store_n(u32_at(r, OFF_MAGIC), GK_RING_MAGIC, __ATOMIC_RELEASE);
	return 0;
}

int gk_ring_attach(struct gk_ring *r, void *mem, size_t bytes)
{
	r->base = mem;
	r->size = 0;
	if (bytes < GK_RING_HDR + GK_RING_MIN)
		return GK_RING_EBROKEN;
	if (__atomic_load_n(u32_at(r, OFF_MAGIC), __ATOMIC_ACQUIRE) != GK_RING_MAGIC)
		return GK_RING_ENOTREADY;
	uint32_t size = __atomic_load_n(u32_at(r, OFF_SIZE), __ATOMIC_RELAXED);
	if (size < GK_RING_MIN || size > MAX_SIZE || (size & (size - 1u)) ||
	    size > bytes - GK_RING_HDR)
		return GK_RING_EBROKEN;
	r->size = size;
	return 0;
}

/* Copies n bytes at ring counter `at`, wrapping around the data area. */
static void put_bytes(struct gk_ring *r, uint64_t at, const uint8_t *src, uint32_t n)
{
	volatile uint8_t *data = r->base + GK_RING_HDR;
	for (uint32_t i = 0; i < n; i++)
		data[(at + i) & (r->size - 1u)] = src[i];
}

static void get_bytes(const struct gk_ring *r, uint64_t at, uint8_t *dst, uint32_t n)
{
	const volatile uint8_t *data = r->base + GK_RING_HDR;
	for (uint32_t i = 0; i < n; i++)
		dst[i] = data[(at + i) & (r->size - 1u)];
}

/* head - tail, or -1 when the pair is impossible. */
static int64_t used_checked(const struct gk_ring *r, uint64_t head, uint64_t tail)
{
	uint64_t used = head - tail;
	if (used > r->size || (head & 7u) || (tail & 7u))
		return -1;
	return (int64_t)used;
}

int gk_ring_send(struct gk_ring *r, const void *msg, uint32_t len)
{
	if (!r->size)
		return GK_RING_EBROKEN;
	if (len == 0 || len > gk_ring_max_msg(r))
		return GK_RING_ETOOBIG;
	uint64_t head = __atomic_load_n(u64_at(r, OFF_HEAD), __ATOMIC_RELAXED);
	uint64_t tail = __atomic_load_n(u64_at(r, OFF_TAIL), __ATOMIC_ACQUIRE);
	int64_t used = used_checked(r, head, tail);
	if (used < 0)
		return GK_RING_EBROKEN;
	uint64_t need = rec_bytes(len);
	if (need > r->size - (uint64_t)used)
		return GK_RING_EFULL;
	uint8_t hdr[4] = {(uint8_t)len, (uint8_t)(len >> 8), (uint8_t)(len >> 16),
			  (uint8_t)(len >> 24)};
	put_bytes(r, head, hdr, 4);
	put_bytes(r, head + 4u, msg, len);
	__atomic_store_n(u64_at(r, OFF_HEAD), head + need, __ATOMIC_RELEASE);
	return (int)len;
}

int gk_ring_recv(struct gk_ring *r, void *buf, uint32_t cap)
{
	if (!r->size)
		return GK_RING_EBROKEN;
	uint64_t tail = __atomic_load_n(u64_at(r, OFF_TAIL), __ATOMIC_RELAXED);
	uint64_t head = __atomic_load_n(u64_at(r, OFF_HEAD), __ATOMIC_ACQUIRE);
	int64_t used = used_checked(r, head, tail);
	if (used < 0)
		return GK_RING_EBROKEN;
	if (used == 0)
		return GK_RING_EMPTY;
	uint8_t hdr[4];
	get_bytes(r, tail, hdr, 4);
	uint32_t len = (uint32_t)hdr[0] | (uint32_t)hdr[1] << 8 | (uint32_t)hdr[2] << 16 |
		       (uint32_t)hdr[3] << 24;
	if (len == 0 || len > gk_ring_max_msg(r) || rec_bytes(len) > (uint64_t)used)
		return GK_RING_EBROKEN;
	if (len > cap)
		return GK_RING_ETOOBIG;
	get_bytes(r, tail + 4u, buf, len);
	__atomic_store_n(u64_at(r, OFF_TAIL), tail + rec_bytes(len), __ATOMIC_RELEASE);
	return (int)len;
}

uint64_t gk_ring_used(const struct gk_ring *r)
{
	uint64_t tail = __atomic_load_n(u64_at(r, OFF_TAIL), __ATOMIC_ACQUIRE);
	uint64_t head = __atomic_load_n(u64_at(r, OFF_HEAD), __ATOMIC_ACQUIRE);
	return head - tail;
}
