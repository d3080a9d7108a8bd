// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the port-I/O platform of a Linux partition
 * (hypervisor/core/linux/vports.h) under any sequence of guest accesses.
 * The input is 8 bytes of wall clock (any u64, clamping included) then
 * 5-byte records: op, a, b, c, d. op bit 0: IN; bits 2-1: size 1, 2, 4,
 * or (3) a & 7, any size; bits 4-3: the port is one of the emulated ports
 * or a neighbour (a), any port (a | d << 8), or the record queues console
 * input (a % 20 bytes from b) or moves the clock (by a | b << 8 | c << 16
 * seconds). The written value is b | c << 8 | d << 16 | a << 24.
 *
 * Invariants: no crash, no sanitizer report; an IN value fits its size;
 * unknown ports and every wide access read all ones; RESET only from a
 * byte write with bit 2 to 0xCF9 or 0xFE to 0x64, POWEROFF only from a byte
 * write of SLP_EN with SLP_TYP 5 to the sleep control port; LSR reads 0x60
 * or 0x61; a BCD seconds register is valid BCD below 0x60; the console sink
 * gets exactly uart_tx bytes, at most one per byte write to 0x3F8; every
 * counter is at most the number of accesses; the port table's counts sum
 * to the unknown accesses and each is reads + writes + err.
 */
#include <stdlib.h>
#include <string.h>
#include "hypervisor/core/linux/vacpi.h"
#include "hypervisor/core/linux/vports.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

#define CHECK(c)                                                                                   \
	do {                                                                                       \
		if (!(c))                                                                          \
			abort();                                                                   \
	} while (0)

static const u16 ports[] = {
    0x3F7, 0x3F8, 0x3F9, 0x3FA, 0x3FB, 0x3FC, 0x3FD, 0x3FE, 0x3FF, 0x400, 0x3F,	  0x40,
    0x41,  0x42,  0x43,	 0x44,	0x60,  0x61,  0x64,  0x6F,  0x70,  0x71,  0x72,	  0x80,
    0xCF8, 0xCF9, 0xCFA, 0xCFC, 0xAFF, 0xB00, 0xB01, 0xB02, 0x2F8, 0x2E8, 0xFFFF, 0xFFFE,
};

struct ctx {
	u64 now, tx;
};

static void tx(void *c, u8 b)
{
	(void)b;
	((struct ctx *)c)->tx++;
}

static u64 now(void *c)
{
	return ((struct ctx *)c)->now;
}

static bool emulated(u16 port)
{
	return (port >= 0x3F8 && port <= 0x3FF) || (port >= 0x40 && port <= 0x43) || port == 0x61 ||
	       port == 0x64 || port == 0x70 || port == 0x71 || port == VACPI_RESET_PORT ||
	       port == VACPI_SLEEP_CTL_PORT || port == VACPI_SLEEP_STS_PORT;
}

static void check_counts(const struct vports *st, const struct ctx *c, u64 calls, u64 thr_writes)
{
	const struct vports_counts *n = &st->n;
	const u64 parts[] = {
	    n->uart,	 n->uart_tx, n->uart_rx,      n->uart_loop,	n->pit,		  n->cmos,
	    n->kbc,	 n->rst,     n->sleep,	      n->resets,	n->poweroffs,	  n->wide,
	    n->bad_size, n->unknown, n->cmos_ignored, n->sleep_ignored, st->top_evictions};
	u64 sum = 0;

	CHECK(n->accesses == calls);
	for (u32 i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		CHECK(parts[i] <= calls);
	CHECK(c->tx == n->uart_tx);
	CHECK(n->uart_tx + n->uart_loop <= thr_writes);
	for (u32 i = 0; i < VPORTS_TOP; i++) {
		const struct vports_port *t = &st->top[i];
		if (!t->used)
			continue;
		CHECK(t->count == t->reads + t->writes + t->err);
		sum += t->count;
	}
	CHECK(sum == n->unknown);
	CHECK(st->uart.len <= VPORTS_UART_FIFO && st->uart.head < VPORTS_UART_FIFO);
	CHECK(st->cmos.index < 0x80);
}

static void one(struct vports *st, u16 port, u8 sz, bool in, u32 wval)
{
	const u8 before_idx = st->cmos.index, before_b = st->cmos.b;
	u32 v = in ? 0x5A5A5A5Au : wval;
	enum vports_action act = vports_io(st, port, sz, in, &v);
	const bool sized = sz == 1 || sz == 2 || sz == 4;

	if (in) {
		CHECK(act == VPORTS_DONE);
		if (sz == 1)
			CHECK(v <= 0xFFu);
		if (sz == 2)
			CHECK(v <= 0xFFFFu);
		if (!sized || sz != 1 || !emulated(port))
			CHECK(v == (sz == 1 ? 0xFFu : sz == 2 ? 0xFFFFu : 0xFFFFFFFFu));
		if (sz == 1 && port == 0x3FD)
			CHECK(v == 0x60 || v == 0x61);
		if (sz == 1 && port == 0x71 && before_idx == 0 && !(before_b & 0x04))
			CHECK((v & 0x0F) <= 9 && v < 0x60);
		return;
	}
	if (act == VPORTS_RESET)
		CHECK(sz == 1 && ((port == VACPI_RESET_PORT && (wval & 0x04)) ||
				  (port == 0x64 && (wval & 0xFF) == 0xFE)));
	else if (act == VPORTS_POWEROFF)
		CHECK(sz == 1 && port == VACPI_SLEEP_CTL_PORT && (wval & 0x3C) == 0x34);
	else
		CHECK(act == VPORTS_DONE);
	if (sz == 1 && ((port == VACPI_RESET_PORT && (wval & 0x04)) ||
			(port == 0x64 && (wval & 0xFF) == 0xFE)))
		CHECK(act == VPORTS_RESET);
	if (sz == 1 && port == VACPI_SLEEP_CTL_PORT && (wval & 0x3C) == 0x34)
		CHECK(act == VPORTS_POWEROFF);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct vports st;
	struct ctx c = {0};
	struct vports_cfg cfg = {.tx = tx, .now = now, .ctx = &c};
	u64 calls = 0, thr_writes = 0;
	u8 in_buf[20];

	if (size < 8)
		return 0;
	memcpy(&c.now, data, 8);
	data += 8;
	size -= 8;
	vports_init(&st, &cfg);
	for (; size >= 5; data += 5, size -= 5) {
		const u8 op = data[0], a = data[1], b = data[2];
		const u32 wval = (u32)b | (u32)data[3] << 8 | (u32)data[4] << 16 | (u32)a << 24;
		static const u8 sizes[3] = {1, 2, 4};
		const u8 sz = ((op >> 1) & 3) == 3 ? (a & 7) : sizes[(op >> 1) & 3];
		const bool in = op & 1;
		u16 port;

		switch ((op >> 3) & 3) {
		case 0: port = ports[a % (sizeof(ports) / sizeof(ports[0]))]; break;
		case 1: port = (u16)(a | data[4] << 8); break;
		case 2:
			for (u32 i = 0; i < sizeof(in_buf); i++)
				in_buf[i] = (u8)(b + i);
			CHECK(vports_uart_input(&st, in_buf, a % 20u) <= VPORTS_UART_FIFO);
			continue;
		default: c.now += (u64)a | (u64)b << 8 | (u64)data[3] << 16; continue;
		}
		if (!in && sz == 1 && port == 0x3F8)
			thr_writes++;
		one(&st, port, sz, in, wval);
		calls++;
	}
	check_counts(&st, &c, calls, thr_writes);
	return 0;
}
