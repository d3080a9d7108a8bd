// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: conf1 and the endpoint filter of a Linux partition
 * (hypervisor/core/linux/vpci.h) under any device and any guest sequence.
 * The input is 256 bytes of the fake device's configuration space (the ID,
 * header type and BAR type bits are forced valid unless byte 0 is 0xEE, so
 * vpci_init mostly succeeds; the capability chain is whatever the bytes
 * say), then 5-byte records op, a, b, c, d:
 *   op bit 0: IN; bits 2-1: size 1, 2, 4, or (3) a & 7;
 *   bits 5-3: 0-1 CONFIG_ADDRESS for the guest's BDF, register a, with
 *             bits 30:24 from c when op bit 6 is set; 2 CONFIG_ADDRESS any
 *             (a | b << 8 | c << 16 | d << 24); 3-4 the data port 0xCFC +
 *             (op >> 6); 5 any port 0xCF8 + (a & 7); 6 vpci_cfg_* at the
 *             guest BDF, register a | (op >> 6) << 8 (up to 0x3FF); 7 the
 *             same at BDF b << 3, register a.
 *   The written value is b | c << 8 | d << 16 | a << 24.
 *
 * Invariants: no crash, no sanitizer report; the physical callbacks only
 * see the physical BDF, registers below 0x100, DWORD-aligned reads and
 * writes inside one DWORD; every physical write is in the allowed set
 * (vpci.c): Command with only the allowed bits, Status with only RW1C bits,
 * 0x0C-0x0D, or a byte past the header of a capability whose ID in the
 * device is PM, MSI, vendor, PCIe or MSI-X, never FLR (PCIe Device Control
 * bit 15) and never a PowerState other than D0; an IN fits its size; an
 * absent BDF, a set bit 30:24 of CONFIG_ADDRESS, or a register >= 0x100
 * reads all ones; with the host bridge (device byte 1 bit 1), BDF 0 reads
 * 0 from 0x10 up and never reaches the callbacks; every counter is at most
 * the number of calls.
 * The MSI shadow (VT-d; device byte 1 bit 2: cfg.msi_remap, bit 3:
 * cfg.hide_msix): every physical byte written to the MSI capability's
 * Message Control, Address, Upper Address or Data is the hypervisor's
 * (HV_ADDR, data 0, Control only Enable); with hide_msix, no MSI-X byte
 * is ever written; vpci_msi_commit is called after every write (as
 * lvm.c does), and its Enable matches the shadow's.
 */
#include <stdlib.h>
#include <string.h>
#include "hypervisor/core/linux/vpci.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

#define CHECK(c)                                                                                   \
	do {                                                                                       \
		if (!(c))                                                                          \
			abort();                                                                   \
	} while (0)

#define GUEST VPCI_BDF(0, 3, 0)
#define PHYS VPCI_BDF(5, 1, 2)
#define HV_ADDR 0xFEE000B0ull /* a remappable-format address (vtd_irte_msi of entry 5) */

struct fake {
	u8 cfg[256];
	bool io_bar;
	const struct vpci *st; /* for the capability offsets (checked against cfg) */
};

static u32 f_read(void *ctx, u16 bdf, u16 reg)
{
	const struct fake *f = ctx;

	CHECK(bdf == PHYS && reg <= 252 && !(reg & 3u));
	return (u32)f->cfg[reg] | (u32)f->cfg[reg + 1] << 8 | (u32)f->cfg[reg + 2] << 16 |
	       (u32)f->cfg[reg + 3] << 24;
}

static bool allowed_id(const struct vpci *st, u8 id)
{
	if (id == 0x11)
		return !st->cfg.hide_msix;
	return id == 0x01 || id == 0x05 || id == 0x09 || id == 0x10;
}

/* With the MSI shadow: byte r of the MSI capability's shadowed registers
 * may only carry the hypervisor's message (and Enable). */
static void check_msi_byte(const struct vpci *st, u32 r, u8 v)
{
	const u32 off = st->msi.off;

	if (!st->cfg.msi_remap || !off || r < off + 2u || r >= off + st->msi.data_off + 4u)
		return;
	const u32 rel = r - off;
	if (rel == 2)
		CHECK(!(v & ~1u)); /* Enable only, MME 0 */
	else if (rel == 3)
		CHECK(v == 0);
	else if (rel < 8)
		CHECK(v == (u8)(HV_ADDR >> (8 * (rel - 4))));
	else if (st->msi.is64 && rel < 12)
		CHECK(v == (u8)(HV_ADDR >> (32 + 8 * (rel - 8))));
	else
		CHECK(v == 0); /* data 0; the bytes after it are never written */
}

/* The allowed physical write of byte v at r. */
static void check_byte(const struct fake *f, u32 r, u8 v)
{
	const struct vpci *st = f->st;
	bool in_cap = false;

	switch (r) {
	case 0x04: CHECK(!(v & ~(f->io_bar ? 0x47u : 0x46u))); return;
	case 0x05: CHECK(!(v & ~0x05u)); return;
	case 0x06: CHECK(v == 0); return;
	case 0x07: CHECK(!(v & ~0xF9u)); return;
	case 0x0C:
	case 0x0D: return;
	default: break;
	}
	CHECK(r >= 0x40 && r < 0x100);
	for (u32 k = 0; k < st->ncaps; k++) {
		const struct vpci_cap *c = &st->cap[k];
		if (r < c->off || r >= (u32)c->off + c->len)
			continue;
		in_cap = true;
		CHECK(r > c->off + 1u);		       /* never an ID or next pointer */
		CHECK(allowed_id(st, f->cfg[c->off])); /* the device's own ID there */
		check_msi_byte(st, r, v);
		if (f->cfg[c->off] == 0x10 && r == c->off + 9u)
			CHECK(!(v & 0x80)); /* Initiate FLR */
		if (f->cfg[c->off] == 0x01 && r == c->off + 4u)
			CHECK(!(v & 0x03)); /* PowerState D0 */
	}
	CHECK(in_cap);
}

static void f_write(void *ctx, u16 bdf, u16 reg, u8 size, u32 val)
{
	const struct fake *f = ctx;

	CHECK(bdf == PHYS && reg < 256);
	CHECK(size == 1 || size == 2 || size == 4);
	CHECK((reg & 3u) + size <= 4u);
	for (u32 k = 0; k < size; k++)
		check_byte(f, reg + k, (u8)(val >> (8 * k)));
}

/* As lvm.c after a write: the pending Enable, if any; the shadow's
 * message always reads back. */
static void commit(struct vpci *st)
{
	u64 a;
	u32 d;
	const bool en = vpci_msi_shadow(st, &a, &d);

	CHECK(!en || st->cfg.msi_remap);
	CHECK(!(a & 3u) && d <= 0xFFFFu);
	vpci_msi_commit(st);
	CHECK(!st->msi.commit && !st->msi.dirty);
}

static u32 ones(u8 size)
{
	return size == 1 ? 0xFFu : size == 2 ? 0xFFFFu : 0xFFFFFFFFu;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static struct fake f;
	static struct vpci st;
	struct vpci_cfg cfg = {.guest_bdf = GUEST, .phys_bdf = PHYS};
	struct pp_err err = {0};
	u64 calls = 0;

	if (size < 256)
		return 0;
	memcpy(f.cfg, data, 256);
	f.st = &st;
	data += 256;
	size -= 256;
	cfg.bar[0] = (struct vpci_bar_cfg){VPCI_BAR_IO, false, 0x40, 0x6000};
	cfg.bar[1] = (struct vpci_bar_cfg){VPCI_BAR_MEM32, false, 0x1000, 0xC0001000u};
	cfg.bar[2] = (struct vpci_bar_cfg){VPCI_BAR_MEM64, true, 0x100000000ull, 0x400000000ull};
	f.io_bar = true;
	if (f.cfg[0] != 0xEE) {
		f.cfg[0] = 0xF4;
		f.cfg[0x0E] &= 0x80;
		f.cfg[0x10] |= 1u;
		f.cfg[0x14] &= 0xF0u;
		f.cfg[0x18] = (u8)((f.cfg[0x18] & 0xF0u) | 0xCu);
	}
	if (f.cfg[1] & 1u) { /* no I/O BAR: I/O Space must not reach the device */
		cfg.bar[0] = (struct vpci_bar_cfg){0};
		f.io_bar = false;
	}
	const bool host = (f.cfg[1] & 2u) != 0;
	cfg.host_bridge = host; /* the synthetic 00:00.0, or 00:00.0 absent */
	cfg.msi_remap = (f.cfg[1] & 4u) != 0;
	cfg.msi_addr = HV_ADDR;
	cfg.hide_msix = (f.cfg[1] & 8u) != 0;
	cfg.ops = (struct vpci_ops){f_read, f_write, &f};
	if (vpci_init(&st, &cfg, &err) != 0) {
		CHECK(err.msg[0] != 0);
		return 0;
	}
	CHECK(st.ncaps <= VPCI_MAX_CAPS);
	for (; size >= 5; data += 5, size -= 5) {
		const u8 op = data[0], a = data[1], b = data[2], c = data[3], d = data[4];
		const bool in = op & 1u;
		const u8 sz = (op >> 1 & 3u) == 3 ? (a & 7u) : (u8)(1u << (op >> 1 & 3u));
		u32 v = (u32)b | (u32)c << 8 | (u32)d << 16 | (u32)a << 24, addr;
		u16 port = 0, bdf = GUEST, reg = 0;
		bool direct = false;

		switch (op >> 3 & 7u) {
		case 0:
		case 1:
			addr = 0x80000000u | (u32)GUEST << 8 | a;
			if (op & 0x40u)
				addr |= (u32)(c & 0x7Fu) << 24;
			vpci_io(&st, 0xCF8, 4, false, &addr);
			calls++;
			continue;
		case 2: port = 0xCF8; break;
		case 3:
		case 4: port = (u16)(0xCFC + (op >> 6)); break;
		case 5: port = (u16)(0xCF8 + (a & 7u)); break;
		case 6:
			direct = true;
			reg = (u16)(a | (op >> 6) << 8);
			break;
		default:
			direct = true;
			bdf = (u16)(b << 3);
			reg = a;
			break;
		}
		calls++;
		if (direct) {
			const bool ok = (sz == 1 || sz == 2 || sz == 4) && (reg & 3u) + sz <= 4u;
			if (in) {
				v = vpci_cfg_read(&st, bdf, reg, sz);
				if (ok)
					CHECK(v <= ones(sz));
				if (ok && ((bdf != GUEST && !(host && bdf == 0)) || reg >= 0x100))
					CHECK(v == ones(sz));
				if (ok && host && bdf == 0 && reg >= 0x10 && reg < 0x100)
					CHECK(v == 0); /* the host bridge: IDs and class only */
			} else {
				vpci_cfg_write(&st, bdf, reg, sz, v);
				commit(&st);
			}
			continue;
		}
		if (port == 0xCF8 && !in && sz == 4) {
			vpci_io(&st, port, sz, false, &v);
			continue;
		}
		if (in) {
			const u32 cur = st.addr;
			v = 0xA5A5A5A5u;
			vpci_io(&st, port, sz, true, &v);
			if (sz == 1 || sz == 2 || sz == 4)
				CHECK(v <= ones(sz));
			if (port >= 0xCFC && (sz == 1 || sz == 2 || sz == 4) &&
			    ((cur & 0x7F000000u) || !(cur & 0x80000000u) ||
			     ((u16)(cur >> 8) != GUEST && !(host && (u16)(cur >> 8) == 0))))
				CHECK(v == ones(sz));
			if (port == 0xCF8 && sz == 4)
				CHECK(v == (cur & 0x80FFFFFCu));
		} else {
			vpci_io(&st, port, sz, false, &v);
			commit(&st);
		}
	}
	CHECK(st.n.reads + st.n.writes + st.n.addr_writes <= calls);
	CHECK(st.n.msi_writes <= st.n.writes && st.n.bar_sizing <= st.n.writes);
	for (u32 r = 0; r < VPCI_R_COUNT; r++)
		CHECK(st.n.refused[r] <= calls);
	return 0;
}
