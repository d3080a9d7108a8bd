// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest kit's SPSC ring (guest/kit/ring.c): layout, empty and full,
 * wrap-around, refused and corrupted input, a random sequence against a
 * model queue, and a producer and a consumer thread.
 */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include "guest/kit/ring.h"
#include "unit.h"

/* 8-byte aligned backing memory, as shared memory would be. */
static uint64_t mem[(GK_RING_HDR + 4096) / 8];

static uint64_t rec(uint32_t len)
{
	return ((uint64_t)len + 4u + 7u) & ~(uint64_t)7u;
}

TEST(guest_ring_capacity)
{
	CHECK_EQ(gk_ring_capacity(0), 0);
	CHECK_EQ(gk_ring_capacity(GK_RING_HDR + GK_RING_MIN - 1), 0);
	CHECK_EQ(gk_ring_capacity(GK_RING_HDR + GK_RING_MIN), 64);
	CHECK_EQ(gk_ring_capacity(GK_RING_HDR + 127), 64);
	CHECK_EQ(gk_ring_capacity(2048), 1024);
	CHECK_EQ(gk_ring_capacity(GK_RING_HDR + 2048), 2048);
	struct gk_ring r;
	CHECK_EQ(gk_ring_init(&r, mem, GK_RING_HDR + 10), GK_RING_ETOOBIG);
}

TEST(guest_ring_layout)
{
	struct gk_ring p;
	memset(mem, 0xa5, sizeof(mem));
	REQUIRE(gk_ring_init(&p, mem, 2048) == 0);
	const uint8_t *b = (const uint8_t *)mem;
	uint32_t magic, size;
	uint64_t head, tail;
	memcpy(&magic, b + 0x00, 4);
	memcpy(&size, b + 0x04, 4);
	memcpy(&head, b + 0x40, 8);
	memcpy(&tail, b + 0x80, 8);
	CHECK_EQ(magic, GK_RING_MAGIC);
	CHECK_EQ(size, 1024);
	CHECK_EQ(head, 0);
	CHECK_EQ(tail, 0);
	REQUIRE(gk_ring_send(&p, "hello", 5) == 5);
	memcpy(&head, b + 0x40, 8);
	CHECK_EQ(head, 16); /* 4 + 5 rounded to 8 */
	uint32_t len;
	memcpy(&len, b + GK_RING_HDR, 4);
	CHECK_EQ(len, 5);
	CHECK(memcmp(b + GK_RING_HDR + 4, "hello", 5) == 0);
	CHECK_EQ(gk_ring_used(&p), 16);
}

TEST(guest_ring_attach)
{
	struct gk_ring p, c;
	memset(mem, 0, sizeof(mem));
	CHECK_EQ(gk_ring_attach(&c, mem, 2048), GK_RING_ENOTREADY);
	CHECK_EQ(gk_ring_recv(&c, mem, 1), GK_RING_EBROKEN); /* not attached */
	REQUIRE(gk_ring_init(&p, mem, 2048) == 0);
	CHECK_EQ(gk_ring_attach(&c, mem, GK_RING_HDR + 10), GK_RING_EBROKEN);
	CHECK_EQ(gk_ring_attach(&c, mem, 1024), GK_RING_EBROKEN); /* 1024-byte ring: no room */
	REQUIRE(gk_ring_attach(&c, mem, 2048) == 0);
	CHECK_EQ(c.size, 1024);
	uint32_t bad[] = {100, 32, 0x80000000u, 0};
	for (unsigned i = 0; i < 4; i++) {
		memcpy((uint8_t *)mem + 4, &bad[i], 4);
		CHECK_EQ(gk_ring_attach(&c, mem, 2048), GK_RING_EBROKEN);
	}
}

TEST(guest_ring_empty_full)
{
	struct gk_ring p, c;
	REQUIRE(gk_ring_init(&p, mem, GK_RING_HDR + 64) == 0);
	REQUIRE(gk_ring_attach(&c, mem, GK_RING_HDR + 64) == 0);
	char buf[64];
	CHECK_EQ(gk_ring_recv(&c, buf, sizeof(buf)), GK_RING_EMPTY);
	CHECK_EQ(gk_ring_max_msg(&p), 56);
	CHECK_EQ(gk_ring_send(&p, buf, 0), GK_RING_ETOOBIG);
	CHECK_EQ(gk_ring_send(&p, buf, 57), GK_RING_ETOOBIG);
	/* four 12-byte records (16 bytes each) fill the 64 bytes exactly */
	for (int i = 0; i < 4; i++) {
		memset(buf, 'a' + i, 12);
		CHECK_EQ(gk_ring_send(&p, buf, 12), 12);
	}
	CHECK_EQ(gk_ring_used(&p), 64);
	CHECK_EQ(gk_ring_send(&p, buf, 1), GK_RING_EFULL);
	CHECK_EQ(gk_ring_recv(&c, buf, sizeof(buf)), 12);
	CHECK_EQ(buf[0], 'a');
	CHECK_EQ(gk_ring_send(&p, buf, 13), GK_RING_EFULL); /* needs 24, 16 free */
	CHECK_EQ(gk_ring_send(&p, "z", 1), 1);
	for (int i = 1; i < 4; i++) {
		CHECK_EQ(gk_ring_recv(&c, buf, sizeof(buf)), 12);
		CHECK_EQ(buf[11], 'a' + i);
	}
	CHECK_EQ(gk_ring_recv(&c, buf, sizeof(buf)), 1);
	CHECK_EQ(buf[0], 'z');
	CHECK_EQ(gk_ring_recv(&c, buf, sizeof(buf)), GK_RING_EMPTY);
	/* the largest message fits an empty ring, whole */
	memset(buf, 'm', 56);
	CHECK_EQ(gk_ring_send(&p, buf, 56), 56);
	CHECK_EQ(gk_ring_used(&p), 64);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(gk_ring_recv(&c, buf, 56), 56);
	CHECK_EQ(buf[55], 'm');
}

/* Records whose header or payload straddle the end of the data area. */
TEST(guest_ring_wraps)
{
	struct gk_ring p, c;
	REQUIRE(gk_ring_init(&p, mem, GK_RING_HDR + 64) == 0);
	REQUIRE(gk_ring_attach(&c, mem, GK_RING_HDR + 64) == 0);
	char in[64], out[64];
	for (int round = 0; round < 50; round++) {
		uint32_t len = 1u + (uint32_t)(round * 7) % 40u;
		for (uint32_t i = 0; i < len; i++)
			in[i] = (char)(round * 31 + (int)i);
		REQUIRE(gk_ring_send(&p, in, len) == (int)len);
		memset(out, 0, sizeof(out));
		REQUIRE(gk_ring_recv(&c, out, sizeof(out)) == (int)len);
		CHECK(memcmp(in, out, len) == 0);
	}
	/* the counters ran past the data area many times */
	uint64_t head;
	memcpy(&head, (uint8_t *)mem + 0x40, 8);
	CHECK(head > (uint64_t)64 * 10);
	CHECK_EQ(gk_ring_used(&p), 0);
}

TEST(guest_ring_small_buffer_keeps_record)
{
	struct gk_ring p, c;
	REQUIRE(gk_ring_init(&p, mem, 2048) == 0);
	REQUIRE(gk_ring_attach(&c, mem, 2048) == 0);
	REQUIRE(gk_ring_send(&p, "0123456789", 10) == 10);
	char out[16];
	CHECK_EQ(gk_ring_recv(&c, out, 9), GK_RING_ETOOBIG);
	CHECK_EQ(gk_ring_used(&c), 16);
	CHECK_EQ(gk_ring_recv(&c, out, 10), 10);
	CHECK(memcmp(out, "0123456789", 10) == 0);
}

/* What a hostile or broken peer writes into the shared fields is refused,
 * never followed out of the ring. */
TEST(guest_ring_rejects_corruption)
{
	struct gk_ring p, c;
	uint8_t *b = (uint8_t *)mem;
	char out[2048];
	REQUIRE(gk_ring_init(&p, mem, 2048) == 0);
	REQUIRE(gk_ring_attach(&c, mem, 2048) == 0);
	uint64_t v = 1024 + 8; /* head more than a ring ahead of tail */
	memcpy(b + 0x40, &v, 8);
	CHECK_EQ(gk_ring_recv(&c, out, sizeof(out)), GK_RING_EBROKEN);
	CHECK_EQ(gk_ring_send(&p, "x", 1), GK_RING_EBROKEN);
	v = 12; /* misaligned */
	memcpy(b + 0x40, &v, 8);
	CHECK_EQ(gk_ring_recv(&c, out, sizeof(out)), GK_RING_EBROKEN);
	REQUIRE(gk_ring_init(&p, mem, 2048) == 0);
	REQUIRE(gk_ring_send(&p, "abc", 3) == 3);
	uint32_t len = 5000; /* longer than the ring */
	memcpy(b + GK_RING_HDR, &len, 4);
	CHECK_EQ(gk_ring_recv(&c, out, sizeof(out)), GK_RING_EBROKEN);
	len = 20; /* longer than what head says was written */
	memcpy(b + GK_RING_HDR, &len, 4);
	CHECK_EQ(gk_ring_recv(&c, out, sizeof(out)), GK_RING_EBROKEN);
	len = 0;
	memcpy(b + GK_RING_HDR, &len, 4);
	CHECK_EQ(gk_ring_recv(&c, out, sizeof(out)), GK_RING_EBROKEN);
	v = 1000; /* tail ahead of head (the consumer's field, but shared) */
	memcpy(b + 0x80, &v, 8);
	CHECK_EQ(gk_ring_send(&p, "x", 1), GK_RING_EBROKEN);
}

/* A model FIFO of messages: the ring must agree on every send's
 * success or EFULL, every message's bytes and every empty read. */
struct model {
	uint8_t msg[512][64];
	uint32_t len[512];
	unsigned head, count;
	uint64_t used;
};

static void random_run(uint32_t data_size, unsigned seed, int steps)
{
	static struct model m;
	struct gk_ring p, c;
	memset(&m, 0, sizeof(m));
	REQUIRE(gk_ring_init(&p, mem, GK_RING_HDR + data_size) == 0);
	REQUIRE(gk_ring_attach(&c, mem, GK_RING_HDR + data_size) == 0);
	REQUIRE(p.size == data_size);
	srand(seed);
	uint32_t maxlen = gk_ring_max_msg(&p) < 64 ? gk_ring_max_msg(&p) : 64;
	for (int s = 0; s < steps; s++) {
		if (rand() % 100 < 55) {
			uint8_t in[64];
			uint32_t len = 1u + (uint32_t)rand() % maxlen;
			for (uint32_t i = 0; i < len; i++)
				in[i] = (uint8_t)rand();
			int want = m.used + rec(len) <= data_size ? (int)len : GK_RING_EFULL;
			int got = gk_ring_send(&p, in, len);
			CHECK_EQ(got, want);
			if (got != want)
				return;
			if (got > 0) {
				REQUIRE(m.count < 512);
				unsigned slot = (m.head + m.count++) % 512;
				memcpy(m.msg[slot], in, len);
				m.len[slot] = len;
				m.used += rec(len);
			}
		} else {
			uint8_t out[64];
			int got = gk_ring_recv(&c, out, sizeof(out));
			if (!m.count) {
				CHECK_EQ(got, GK_RING_EMPTY);
				continue;
			}
			unsigned slot = m.head;
			CHECK_EQ(got, (int)m.len[slot]);
			if (got != (int)m.len[slot])
				return;
			CHECK(memcmp(out, m.msg[slot], m.len[slot]) == 0);
			m.head = (m.head + 1) % 512;
			m.count--;
			m.used -= rec(m.len[slot]);
		}
		CHECK_EQ(gk_ring_used(&p), m.used);
	}
}

TEST(guest_ring_random_vs_model)
{
	random_run(64, 1, 20000);
	random_run(128, 2, 20000);
	random_run(256, 3, 20000);
	random_run(4096, 4, 40000);
}

/* One producer thread, one consumer thread, numbered messages. */
#define THREAD_MSGS 40000u

static void *producer(void *arg)
{
	struct gk_ring *p = arg;
	for (uint32_t n = 1; n <= THREAD_MSGS;) {
		uint8_t msg[40];
		uint32_t len = 4u + n % 36u;
		for (uint32_t i = 0; i < len; i++)
			msg[i] = (uint8_t)(n + i);
		memcpy(msg, &n, 4);
		int st = gk_ring_send(p, msg, len);
		if (st == (int)len)
			n++;
		else if (st == GK_RING_EFULL)
			sched_yield();
		else
			return (void *)1;
	}
	return NULL;
}

TEST(guest_ring_two_threads)
{
	struct gk_ring p, c;
	REQUIRE(gk_ring_init(&p, mem, GK_RING_HDR + 256) == 0);
	REQUIRE(gk_ring_attach(&c, mem, GK_RING_HDR + 256) == 0);
	pthread_t t;
	REQUIRE(pthread_create(&t, NULL, producer, &p) == 0);
	uint32_t expect = 1, bad = 0;
	while (expect <= THREAD_MSGS && !bad) {
		uint8_t out[64];
		int got = gk_ring_recv(&c, out, sizeof(out));
		if (got == GK_RING_EMPTY) {
			sched_yield();
			continue;
		}
		uint32_t n;
		memcpy(&n, out, 4);
		if (got != (int)(4u + expect % 36u) || n != expect)
			bad = expect;
		for (int i = 4; i < got && !bad; i++)
			if (out[i] != (uint8_t)(expect + (uint32_t)i))
				bad = expect;
		expect++;
	}
	void *ret;
	pthread_join(t, &ret);
	CHECK(ret == NULL);
	CHECK_EQ(bad, 0);
	CHECK_EQ(expect, THREAD_MSGS + 1);
	CHECK_EQ(gk_ring_used(&c), 0);
}
