// SPDX-License-Identifier: GPL-2.0-only
/*
 * PCI configuration space of a Linux partition (hypervisor/core/linux/
 * vpci.h) against a fake virtio-net-like endpoint: conf1 decoding (PCI 3.0
 * §3.2.2.3.2) and the probe Linux's pci_check_type1 runs, absent BDFs, the
 * header rules (Command, Status RW1C, BAR shadow and sizing, ROM, pin), the
 * capability chain as the guest walks it, FLR and D3hot refused, MSI and
 * MSI-X reported, the extended space, and vpci_init's refusals. Every
 * physical write is logged and checked.
 */
#include <string.h>
#include "hypervisor/core/linux/vpci.h"
#include "unit.h"

#define GUEST VPCI_BDF(0, 3, 0)
#define PHYS VPCI_BDF(2, 0, 0)
#define ADDR(bdf, reg) (0x80000000u | (u32)(bdf) << 8 | (reg))

/* Capability layout of the fake device. */
#define C_MSIX 0x40u /* visible, next 0x50 */
#define C_AF 0x50u   /* Advanced Features (0x13): hidden */
#define C_PM 0x58u
#define C_PCIE 0x60u /* version 2: 0x3C bytes */
#define C_MSI 0xA0u  /* 64-bit, per-vector masking: 0x18 bytes */
#define C_VNDR 0xB8u /* 0x10 bytes */
#define C_PCIX 0xC8u /* PCI-X (0x07): hidden, ends the chain */

struct wr {
	u16 bdf, reg;
	u8 size;
	u32 val;
};

struct fake {
	u8 cfg[256];
	struct wr log[64];
	u32 nlog;
	u32 reads;
};

static u32 f_read(void *ctx, u16 bdf, u16 reg)
{
	struct fake *f = ctx;

	f->reads++;
	if (bdf != PHYS || (reg & 3u) || reg > 252)
		return 0xDEADBEEFu; /* the filter never asks that */
	return (u32)f->cfg[reg] | (u32)f->cfg[reg + 1] << 8 | (u32)f->cfg[reg + 2] << 16 |
	       (u32)f->cfg[reg + 3] << 24;
}

static void f_write(void *ctx, u16 bdf, u16 reg, u8 size, u32 val)
{
	struct fake *f = ctx;

	if (f->nlog < 64)
		f->log[f->nlog] = (struct wr){bdf, reg, size, val};
	f->nlog++;
}

static void put16(struct fake *f, u32 reg, u16 v)
{
	f->cfg[reg] = (u8)v;
	f->cfg[reg + 1] = (u8)(v >> 8);
}

static void put32(struct fake *f, u32 reg, u32 v)
{
	put16(f, reg, (u16)v);
	put16(f, reg + 2, (u16)(v >> 16));
}

static void cap(struct fake *f, u32 off, u8 id, u8 next)
{
	f->cfg[off] = id;
	f->cfg[off + 1] = next;
}

static void fake_dev(struct fake *f)
{
	memset(f, 0, sizeof(*f));
	put32(f, 0x00, 0x10411AF4u);	       /* virtio-net (modern) */
	put32(f, 0x04, 0x00100000u | 0x0007u); /* Status: cap list; Command I/O, MEM, BME */
	put32(f, 0x08, 0x02000001u);	       /* Ethernet controller, revision 1 */
	put32(f, 0x0C, 0x00800010u);	       /* multi-function bit set, cache line 0x10 */
	put32(f, 0x10, 0x0000C001u);	       /* BAR0: I/O */
	put32(f, 0x14, 0xFEB00000u);	       /* BAR1: 32-bit memory */
	put32(f, 0x20, 0xFE00000Cu);	       /* BAR4: 64-bit prefetchable */
	put32(f, 0x24, 0x00000000u);
	put32(f, 0x2C, 0x11001AF4u); /* subsystem */
	put32(f, 0x30, 0xFEB40001u); /* a physical ROM */
	f->cfg[0x34] = C_MSIX;
	put32(f, 0x3C, 0x0000010Bu); /* pin INTA, line 11 */
	cap(f, C_MSIX, 0x11, C_AF);
	put16(f, C_MSIX + 2, 0x0003); /* 4 vectors */
	cap(f, C_AF, 0x13, C_PM);
	cap(f, C_PM, 0x01, C_PCIE);
	put16(f, C_PM + 2, 0x0003);
	cap(f, C_PCIE, 0x10, C_MSI);
	put16(f, C_PCIE + 2, 0x0002);
	cap(f, C_MSI, 0x05, C_VNDR);
	put16(f, C_MSI + 2, 0x0180); /* 64-bit, masking */
	cap(f, C_VNDR, 0x09, C_PCIX);
	f->cfg[C_VNDR + 2] = 0x10;
	cap(f, C_PCIX, 0x07, 0x00);
}

static struct vpci_cfg cfg_of(struct fake *f)
{
	struct vpci_cfg c = {.guest_bdf = GUEST, .phys_bdf = PHYS, .ops = {f_read, f_write, f}};

	c.bar[0] = (struct vpci_bar_cfg){VPCI_BAR_IO, false, 0x20, 0x6000};
	c.bar[1] = (struct vpci_bar_cfg){VPCI_BAR_MEM32, false, 0x1000, 0xC0001000u};
	c.bar[4] = (struct vpci_bar_cfg){VPCI_BAR_MEM64, true, 0x4000, 0x800000000ull};
	return c;
}

static bool setup(struct vpci *st, struct fake *f)
{
	struct vpci_cfg c;
	struct pp_err err = {0};

	fake_dev(f);
	c = cfg_of(f);
	return vpci_init(st, &c, &err) == 0;
}

static u32 in(struct vpci *st, u16 port, u8 size)
{
	u32 v = 0x5A5A5A5Au;

	CHECK_EQ(vpci_io(st, port, size, true, &v), VPCI_DONE);
	return v;
}

static enum vpci_action out(struct vpci *st, u16 port, u8 size, u32 v)
{
	return vpci_io(st, port, size, false, &v);
}

/* Read through conf1 as Linux's pci_conf1_read does. */
static u32 rd(struct vpci *st, u16 bdf, u16 reg, u8 size)
{
	out(st, 0xCF8, 4, ADDR(bdf, reg & 0xFCu));
	return in(st, (u16)(0xCFC + (reg & 3u)), size);
}

static enum vpci_action wr(struct vpci *st, u16 bdf, u16 reg, u8 size, u32 v)
{
	out(st, 0xCF8, 4, ADDR(bdf, reg & 0xFCu));
	return out(st, (u16)(0xCFC + (reg & 3u)), size, v);
}

TEST(vpci_conf1_address_register)
{
	struct vpci st;
	struct fake f;

	REQUIRE(setup(&st, &f));
	/* pci_check_type1: a byte to 0xCFB, then 0x80000000 must read back */
	out(&st, 0xCFB, 1, 0x01);
	out(&st, 0xCF8, 4, 0x80000000u);
	CHECK_EQ(in(&st, 0xCF8, 4), 0x80000000u);
	CHECK_EQ(st.n.refused[VPCI_R_BAD_ACCESS], 1);
	/* reserved bits 30:24 and 1:0 read back 0, the rest as written */
	out(&st, 0xCF8, 4, 0xFFFFFFFFu);
	CHECK_EQ(in(&st, 0xCF8, 4), 0x80FFFFFCu);
	out(&st, 0xCF8, 4, 0x00001804u);
	CHECK_EQ(in(&st, 0xCF8, 4), 0x00001804u);
	/* byte and word accesses to 0xCF8-0xCFB are not CONFIG_ADDRESS */
	CHECK_EQ(in(&st, 0xCF8, 1), 0xFFu);
	CHECK_EQ(in(&st, 0xCFA, 2), 0xFFFFu);
	out(&st, 0xCF8, 2, 0x8000);
	CHECK_EQ(in(&st, 0xCF8, 4), 0x00001804u);
	CHECK_EQ(st.n.addr_writes, 3);
	CHECK_EQ(f.nlog, 0);
}

TEST(vpci_conf1_data_sizes)
{
	struct vpci st;
	struct fake f;

	REQUIRE(setup(&st, &f));
	out(&st, 0xCF8, 4, ADDR(GUEST, 0));
	CHECK_EQ(in(&st, 0xCFC, 4), 0x10411AF4u);
	CHECK_EQ(in(&st, 0xCFC, 2), 0x1AF4u);
	CHECK_EQ(in(&st, 0xCFE, 2), 0x1041u);
	CHECK_EQ(in(&st, 0xCFD, 2), 0x411Au); /* byte enables 0110 */
	CHECK_EQ(in(&st, 0xCFF, 1), 0x10u);
	/* an access past 0xCFF is malformed: all ones, nothing written */
	CHECK_EQ(in(&st, 0xCFF, 2), 0xFFFFu);
	CHECK_EQ(in(&st, 0xCFD, 4), 0xFFFFFFFFu);
	out(&st, 0xCF8, 4, ADDR(GUEST, 4));
	out(&st, 0xCFE, 4, 0xFFFFFFFFu);
	out(&st, 0xCFC, 3, 0xFFFFFFFFu);
	CHECK_EQ(st.n.refused[VPCI_R_BAD_ACCESS], 2);
	CHECK_EQ(f.nlog, 0);
	/* the register field: 0x08 reaches the class DWORD */
	CHECK_EQ(rd(&st, GUEST, 0x0B, 1), 0x02u);
}

TEST(vpci_absent_and_disabled)
{
	struct vpci st;
	struct fake f;
	const u16 absent[] = {VPCI_BDF(0, 0, 0), VPCI_BDF(0, 3, 1), VPCI_BDF(1, 3, 0),
			      VPCI_BDF(2, 0, 0), VPCI_BDF(0, 31, 7)};

	REQUIRE(setup(&st, &f));
	for (u32 i = 0; i < sizeof(absent) / sizeof(absent[0]); i++) {
		CHECK_EQ(rd(&st, absent[i], 0, 4), 0xFFFFFFFFu);
		CHECK_EQ(rd(&st, absent[i], 0x0E, 1), 0xFFu);
		wr(&st, absent[i], 0x04, 2, 0x0006);
	}
	CHECK_EQ(st.n.refused[VPCI_R_ABSENT], 5);
	/* enable bit clear: the data port is not a configuration cycle */
	out(&st, 0xCF8, 4, ADDR(GUEST, 0) & ~0x80000000u);
	CHECK_EQ(in(&st, 0xCFC, 4), 0xFFFFFFFFu);
	out(&st, 0xCFC, 2, 0x0006);
	CHECK_EQ(st.n.refused[VPCI_R_DISABLED], 1);
	CHECK_EQ(f.nlog, 0);
	/* the device itself is there */
	CHECK_EQ(rd(&st, GUEST, 0, 4), 0x10411AF4u);
}

TEST(vpci_amd_ecs_bits_rejected)
{
	struct vpci st;
	struct fake f;

	REQUIRE(setup(&st, &f));
	/* register 0x104 through AMD's IO ECS would be 0x01000000 | 0x04 */
	for (u32 bit = 24; bit < 31; bit++) {
		out(&st, 0xCF8, 4, ADDR(GUEST, 0x04) | 1u << bit);
		CHECK_EQ(in(&st, 0xCFC, 4), 0xFFFFFFFFu);
		CHECK_EQ(in(&st, 0xCFC, 2), 0xFFFFu);
		out(&st, 0xCFC, 2, 0x0006);
		CHECK_EQ(in(&st, 0xCF8, 4), ADDR(GUEST, 0x04));
	}
	CHECK_EQ(st.n.refused[VPCI_R_ADDR_ECS], 4);
	CHECK_EQ(st.n.refused[VPCI_R_ADDR_RESERVED], 3);
	CHECK_EQ(f.nlog, 0);
}

TEST(vpci_ids_read_physical_writes_dropped)
{
	struct vpci st;
	struct fake f;

	REQUIRE(setup(&st, &f));
	CHECK_EQ(rd(&st, GUEST, 0x08, 4), 0x02000001u);
	CHECK_EQ(rd(&st, GUEST, 0x2C, 4), 0x11001AF4u);
	CHECK_EQ(rd(&st, GUEST, 0x0E, 1), 0x00u); /* multi-function bit hidden */
	CHECK_EQ(rd(&st, GUEST, 0x0C, 1), 0x10u);
	const u16 ro[] = {0x00, 0x02, 0x08, 0x0E, 0x0F, 0x28, 0x2C, 0x2E, 0x34, 0x38, 0x3D};
	for (u32 i = 0; i < sizeof(ro) / sizeof(ro[0]); i++)
		wr(&st, GUEST, ro[i], 1, 0xFF);
	CHECK_EQ(st.n.refused[VPCI_R_READ_ONLY], 11);
	CHECK_EQ(f.nlog, 0);
	/* cache line size and latency timer pass */
	wr(&st, GUEST, 0x0C, 2, 0x4010);
	REQUIRE(f.nlog == 1);
	CHECK_EQ(f.log[0].bdf, PHYS);
	CHECK_EQ(f.log[0].reg, 0x0C);
	CHECK_EQ(f.log[0].size, 2);
	CHECK_EQ(f.log[0].val, 0x4010);
	/* a DWORD at 0x0C: BIST and header type are dropped, the rest byte by byte */
	wr(&st, GUEST, 0x0C, 4, 0x40FF4010u);
	REQUIRE(f.nlog == 3);
	CHECK(f.log[1].reg == 0x0C && f.log[1].size == 1 && f.log[1].val == 0x10);
	CHECK(f.log[2].reg == 0x0D && f.log[2].size == 1 && f.log[2].val == 0x40);
}

TEST(vpci_command_filtered)
{
	struct vpci st;
	struct fake f;

	REQUIRE(setup(&st, &f));
	CHECK_EQ(rd(&st, GUEST, 0x04, 2), 0x0007u);
	wr(&st, GUEST, 0x04, 2, 0x0006);
	CHECK_EQ(st.n.refused[VPCI_R_COMMAND], 0);
	/* every bit: only I/O, MEM, BME, PERR, SERR, INTx disable reach it */
	wr(&st, GUEST, 0x04, 2, 0xFFFF);
	CHECK_EQ(st.n.refused[VPCI_R_COMMAND], 1);
	REQUIRE(f.nlog == 2);
	CHECK(f.log[0].reg == 0x04 && f.log[0].size == 2 && f.log[0].val == 0x0006);
	CHECK(f.log[1].reg == 0x04 && f.log[1].size == 2 && f.log[1].val == 0x0547);
	/* the high byte alone */
	wr(&st, GUEST, 0x05, 1, 0xFF);
	REQUIRE(f.nlog == 3);
	CHECK(f.log[2].reg == 0x05 && f.log[2].size == 1 && f.log[2].val == 0x05);
}

TEST(vpci_command_io_needs_io_bar)
{
	struct vpci st;
	struct fake f;
	struct vpci_cfg c;
	struct pp_err err = {0};

	fake_dev(&f);
	put32(&f, 0x10, 0); /* no I/O BAR */
	c = cfg_of(&f);
	c.bar[0] = (struct vpci_bar_cfg){0};
	REQUIRE(vpci_init(&st, &c, &err) == 0);
	wr(&st, GUEST, 0x04, 2, 0x0003);
	REQUIRE(f.nlog == 1);
	CHECK_EQ(f.log[0].val, 0x0002);
	CHECK_EQ(st.n.refused[VPCI_R_COMMAND], 1);
}

TEST(vpci_status_rw1c_only)
{
	struct vpci st;
	struct fake f;

	REQUIRE(setup(&st, &f));
	CHECK_EQ(rd(&st, GUEST, 0x06, 2), 0x0010u); /* capabilities list */
	wr(&st, GUEST, 0x06, 2, 0xFFFF);
	REQUIRE(f.nlog == 1);
	CHECK(f.log[0].reg == 0x06 && f.log[0].size == 2 && f.log[0].val == 0xF900);
	/* a DWORD at 0x04: Command and Status at once */
	wr(&st, GUEST, 0x04, 4, 0x80000006u);
	REQUIRE(f.nlog == 2);
	CHECK(f.log[1].reg == 0x04 && f.log[1].size == 4 && f.log[1].val == 0x80000006u);
	CHECK_EQ(st.n.refused[VPCI_R_COMMAND], 0);
	/* no capability in the view: the bit reads 0 */
	f.cfg[0x34] = 0;
	put32(&f, 0x04, 0x00100000u);
	struct vpci_cfg c = cfg_of(&f);
	struct pp_err err = {0};
	REQUIRE(vpci_init(&st, &c, &err) == 0);
	f.cfg[0x34] = C_AF; /* only a hidden capability */
	cap(&f, C_AF, 0x13, 0);
	REQUIRE(vpci_init(&st, &c, &err) == 0);
	CHECK_EQ(rd(&st, GUEST, 0x06, 2), 0x0000u);
	CHECK_EQ(rd(&st, GUEST, 0x34, 1), 0x00u);
}

TEST(vpci_bars_shadowed)
{
	struct vpci st;
	struct fake f;
	const u32 want[6] = {0x6001u, 0xC0001000u, 0, 0, 0x0000000Cu, 0x8u};

	REQUIRE(setup(&st, &f));
	for (u32 i = 0; i < 6; i++)
		CHECK_EQ(rd(&st, GUEST, (u16)(0x10 + 4 * i), 4), want[i]);
	/* Linux's __pci_read_base: all ones, read the size mask, restore */
	for (u32 i = 0; i < 6; i++) {
		const u16 reg = (u16)(0x10 + 4 * i);
		wr(&st, GUEST, reg, 4, 0xFFFFFFFFu);
		u32 mask = rd(&st, GUEST, reg, 4);
		const u32 size_mask[6] = {0xFFFFFFE1u, 0xFFFFF000u, 0, 0, 0xFFFFC00Cu, 0xFFFFFFFFu};
		CHECK_EQ(mask, size_mask[i]);
		wr(&st, GUEST, reg, 4, want[i]);
		CHECK_EQ(rd(&st, GUEST, reg, 4), want[i]);
	}
	CHECK_EQ(st.n.bar_sizing, 6);
	CHECK_EQ(st.n.refused[VPCI_R_BAR], 0);
	CHECK_EQ(f.nlog, 0);
	/* a move is kept in the shadow only */
	wr(&st, GUEST, 0x14, 4, 0xD0000000u);
	CHECK_EQ(rd(&st, GUEST, 0x14, 4), 0xD0000000u);
	wr(&st, GUEST, 0x24, 4, 0x1u);
	CHECK_EQ(rd(&st, GUEST, 0x24, 4), 0x1u);
	wr(&st, GUEST, 0x16, 2, 0xC000); /* word writes merge into the shadow */
	CHECK_EQ(rd(&st, GUEST, 0x14, 4), 0xC0000000u);
	wr(&st, GUEST, 0x18, 4, 0x12345678u); /* unimplemented: stays 0 */
	CHECK_EQ(rd(&st, GUEST, 0x18, 4), 0);
	CHECK_EQ(st.n.refused[VPCI_R_BAR], 4);
	CHECK_EQ(f.nlog, 0);
}

TEST(vpci_rom_pin_line)
{
	struct vpci st;
	struct fake f;

	REQUIRE(setup(&st, &f));
	CHECK_EQ(rd(&st, GUEST, 0x30, 4), 0);
	wr(&st, GUEST, 0x30, 4, 0xFFFFF801u);
	CHECK_EQ(rd(&st, GUEST, 0x30, 4), 0);
	CHECK_EQ(st.n.refused[VPCI_R_ROM], 1);
	CHECK_EQ(rd(&st, GUEST, 0x3D, 1), 0);
	CHECK_EQ(rd(&st, GUEST, 0x3C, 1), 0);
	wr(&st, GUEST, 0x3C, 1, 0x0A);
	CHECK_EQ(rd(&st, GUEST, 0x3C, 4), 0x0000000Au);
	wr(&st, GUEST, 0x3C, 2, 0x0105);
	CHECK_EQ(rd(&st, GUEST, 0x3C, 4), 0x00000005u);
	CHECK_EQ(st.n.refused[VPCI_R_READ_ONLY], 1);
	CHECK_EQ(f.nlog, 0);
}

TEST(vpci_capability_chain_filtered)
{
	struct vpci st;
	struct fake f;
	u8 p, ids[8], n = 0;

	REQUIRE(setup(&st, &f));
	/* the walk Linux's pci_find_capability does */
	p = (u8)rd(&st, GUEST, 0x34, 1);
	while (p && n < 8) {
		ids[n++] = (u8)rd(&st, GUEST, p, 1);
		p = (u8)rd(&st, GUEST, (u16)(p + 1), 1);
	}
	REQUIRE(n == 5);
	CHECK(ids[0] == 0x11 && ids[1] == 0x01 && ids[2] == 0x10 && ids[3] == 0x05 &&
	      ids[4] == 0x09);
	CHECK_EQ(rd(&st, GUEST, C_MSIX, 4), 0x00035811u); /* next skips the AF capability */
	CHECK_EQ(rd(&st, GUEST, C_AF, 4), 0);		  /* hidden */
	CHECK_EQ(rd(&st, GUEST, C_PCIX, 4), 0);
	CHECK_EQ(rd(&st, GUEST, 0xF0, 4), 0); /* outside every capability */
	CHECK_EQ(rd(&st, GUEST, C_VNDR + 2, 1), 0x10);
	/* writes: hidden, headers and gaps dropped */
	wr(&st, GUEST, C_AF + 4, 1, 0x01); /* AF Initiate FLR */
	wr(&st, GUEST, C_PCIX + 2, 2, 0xFFFF);
	wr(&st, GUEST, 0xF0, 4, 0xFFFFFFFFu);
	CHECK_EQ(st.n.refused[VPCI_R_CAP_HIDDEN], 3);
	wr(&st, GUEST, C_PM + 1, 1, 0x00);
	CHECK_EQ(st.n.refused[VPCI_R_CAP_HEADER], 1);
	CHECK_EQ(f.nlog, 0);
	/* a DWORD over the PM header: the header bytes dropped, the rest byte by byte */
	wr(&st, GUEST, C_PM, 4, 0xAABB0000u);
	REQUIRE(f.nlog == 2);
	CHECK(f.log[0].reg == C_PM + 2 && f.log[0].size == 1 && f.log[0].val == 0xBB);
	CHECK(f.log[1].reg == C_PM + 3 && f.log[1].size == 1 && f.log[1].val == 0xAA);
	/* vendor capability (virtio) body passes */
	wr(&st, GUEST, C_VNDR + 4, 4, 0x12345678u);
	REQUIRE(f.nlog == 3);
	CHECK(f.log[2].reg == C_VNDR + 4 && f.log[2].size == 4 && f.log[2].val == 0x12345678u);
}

TEST(vpci_pcie_flr_never_reaches_device)
{
	struct vpci st;
	struct fake f;

	REQUIRE(setup(&st, &f));
	wr(&st, GUEST, C_PCIE + 8, 2, 0x8000 | 0x2810); /* FLR, MPS, max read request */
	REQUIRE(f.nlog == 1);
	CHECK(f.log[0].reg == C_PCIE + 8 && f.log[0].size == 2 && f.log[0].val == 0x2810);
	wr(&st, GUEST, C_PCIE + 9, 1, 0x80);
	wr(&st, GUEST, C_PCIE + 8, 4, 0x000F8000u); /* with Device Status RW1C bits */
	REQUIRE(f.nlog == 3);
	CHECK(f.log[1].reg == C_PCIE + 9 && f.log[1].size == 1 && f.log[1].val == 0);
	CHECK(f.log[2].size == 4 && f.log[2].val == 0x000F0000u);
	CHECK_EQ(st.n.refused[VPCI_R_FLR], 3);
	wr(&st, GUEST, C_PCIE + 8, 2, 0x2810);
	CHECK_EQ(st.n.refused[VPCI_R_FLR], 3);
	for (u32 i = 0; i < f.nlog && i < 64; i++)
		CHECK(!(f.log[i].reg <= C_PCIE + 9 && f.log[i].reg + f.log[i].size > C_PCIE + 9 &&
			((f.log[i].val >> (8 * (C_PCIE + 9 - f.log[i].reg))) & 0x80)));
}

TEST(vpci_pm_d3hot_never_requested)
{
	struct vpci st;
	struct fake f;

	REQUIRE(setup(&st, &f));
	wr(&st, GUEST, C_PM + 4, 2, 0x0003); /* D3hot */
	wr(&st, GUEST, C_PM + 4, 1, 0x02);   /* D2 */
	wr(&st, GUEST, C_PM + 4, 2, 0x8100); /* PME_Status clear, PME_En, D0 */
	REQUIRE(f.nlog == 3);
	CHECK(f.log[0].reg == C_PM + 4 && f.log[0].size == 2 && f.log[0].val == 0x0000);
	CHECK(f.log[1].reg == C_PM + 4 && f.log[1].size == 1 && f.log[1].val == 0x00);
	CHECK(f.log[2].val == 0x8100);
	CHECK_EQ(st.n.refused[VPCI_R_PM_STATE], 2);
}

TEST(vpci_msi_writes_reported)
{
	struct vpci st;
	struct fake f;

	REQUIRE(setup(&st, &f));
	CHECK_EQ(wr(&st, GUEST, C_MSIX + 2, 2, 0x8000), VPCI_MSI);
	CHECK_EQ(st.last_msi.cap_id, 0x11);
	CHECK_EQ(st.last_msi.reg, C_MSIX + 2);
	CHECK_EQ(wr(&st, GUEST, C_MSI + 4, 4, 0xFEE00000u), VPCI_MSI);
	CHECK_EQ(st.last_msi.cap_id, 0x05);
	CHECK_EQ(st.last_msi.cap_off, C_MSI);
	CHECK_EQ(st.last_msi.size, 4);
	CHECK_EQ(st.n.msi_writes, 2);
	REQUIRE(f.nlog == 2);
	CHECK(f.log[1].reg == C_MSI + 4 && f.log[1].val == 0xFEE00000u);
	/* the MSI capability's last byte (mask, pending) still belongs to it */
	CHECK_EQ(wr(&st, GUEST, C_MSI + 0x14, 4, 0), VPCI_MSI);
	CHECK_EQ(wr(&st, GUEST, C_MSI + 0x18, 1, 0), VPCI_DONE); /* next cap's ID */
	/* not an MSI write */
	CHECK_EQ(wr(&st, GUEST, C_MSI, 1, 0), VPCI_DONE);
	CHECK_EQ(wr(&st, GUEST, 0x04, 2, 6), VPCI_DONE);
}

TEST(vpci_extended_space)
{
	struct vpci st;
	struct fake f;

	REQUIRE(setup(&st, &f));
	CHECK_EQ(vpci_cfg_read(&st, GUEST, 0x100, 4), 0xFFFFFFFFu);
	CHECK_EQ(vpci_cfg_read(&st, GUEST, 0xFFE, 2), 0xFFFFu);
	CHECK_EQ(vpci_cfg_write(&st, GUEST, 0x100, 4, 0x00010001u), VPCI_DONE);
	CHECK_EQ(st.n.refused[VPCI_R_EXT], 1);
	CHECK_EQ(vpci_cfg_read(&st, GUEST, 0xFE, 4), 0xFFFFFFFFu); /* crosses a DWORD */
	CHECK_EQ(vpci_cfg_read(&st, GUEST, 0, 3), 0xFFFFFFFFu);
	CHECK_EQ(f.nlog, 0);
}

static int init_with(struct vpci_cfg *c, struct pp_err *err)
{
	struct vpci st;

	return vpci_init(&st, c, err);
}

TEST(vpci_init_checks_bars)
{
	struct fake f;
	struct vpci_cfg c;
	struct pp_err err = {0};

	fake_dev(&f);
	c = cfg_of(&f);
	c.bar[1].size = 0x1800;
	CHECK_EQ(init_with(&c, &err), PP_EINVAL);
	CHECK_MSG(&err, "BAR1: memory size 0x1800");
	c = cfg_of(&f);
	c.bar[1].addr = 0xC0000800u;
	CHECK_EQ(init_with(&c, &err), PP_EINVAL);
	CHECK_MSG(&err, "not aligned");
	c = cfg_of(&f);
	c.bar[1].addr = 0xFFFFF000ull + 0x1000u; /* 4 GiB: not a 32-bit address */
	CHECK_EQ(init_with(&c, &err), PP_ERANGE);
	c = cfg_of(&f);
	c.bar[0].size = 512;
	CHECK_EQ(init_with(&c, &err), PP_EINVAL);
	CHECK_MSG(&err, "I/O size");
	c = cfg_of(&f);
	c.bar[5] = c.bar[4];
	c.bar[4] = (struct vpci_bar_cfg){0};
	CHECK_EQ(init_with(&c, &err), PP_EINVAL);
	CHECK_MSG(&err, "needs BAR6");
	c = cfg_of(&f);
	c.bar[3] = c.bar[4];
	CHECK_EQ(init_with(&c, &err), PP_EINVAL);
	CHECK_MSG(&err, "needs BAR4 free");
	c = cfg_of(&f);
	c.bar[2].type = 7;
	CHECK_EQ(init_with(&c, &err), PP_EINVAL);
	/* the device's own BAR types must match */
	c = cfg_of(&f);
	c.bar[4].prefetch = false;
	CHECK_EQ(init_with(&c, &err), PP_EINVAL);
	CHECK_MSG(&err, "BAR4: the device's BAR");
	c = cfg_of(&f);
	c.bar[1].type = VPCI_BAR_IO;
	c.bar[1].size = 0x100;
	c.bar[1].addr = 0x7000;
	CHECK_EQ(init_with(&c, &err), PP_EINVAL);
	CHECK_MSG(&err, "not I/O");
	c = cfg_of(&f);
	c.ops.write = 0;
	CHECK_EQ(init_with(&c, &err), PP_EINVAL);
	c = cfg_of(&f);
	CHECK_EQ(init_with(&c, &err), 0);
	CHECK_EQ(f.nlog, 0);
}

TEST(vpci_init_checks_device)
{
	struct fake f;
	struct vpci_cfg c;
	struct pp_err err = {0};

	fake_dev(&f);
	put32(&f, 0, 0xFFFFFFFFu);
	c = cfg_of(&f);
	CHECK_EQ(init_with(&c, &err), PP_EINVAL);
	CHECK_MSG(&err, "no device at physical 02:00.0");
	fake_dev(&f);
	f.cfg[0x0E] = 0x81; /* a PCI-to-PCI bridge */
	CHECK_EQ(init_with(&c, &err), PP_EINVAL);
	CHECK_MSG(&err, "header type 1");
}

TEST(vpci_init_checks_capabilities)
{
	struct fake f;
	struct vpci_cfg c;
	struct pp_err err = {0};
	struct vpci st;

	/* a loop ends the walk */
	fake_dev(&f);
	c = cfg_of(&f);
	f.cfg[C_VNDR + 1] = C_MSIX;
	REQUIRE(vpci_init(&st, &c, &err) == 0);
	CHECK_EQ(st.ncaps, 5);
	CHECK_EQ(rd(&st, GUEST, C_VNDR + 1, 1), 0);
	/* the low two bits of a pointer are masked, below 0x40 ends it */
	fake_dev(&f);
	f.cfg[0x34] = C_MSIX | 3;
	f.cfg[C_MSIX + 1] = 0x3C;
	REQUIRE(vpci_init(&st, &c, &err) == 0);
	CHECK_EQ(st.ncaps, 1);
	CHECK_EQ(rd(&st, GUEST, 0x34, 1), C_MSIX);
	/* a hidden capability inside the PCIe capability */
	fake_dev(&f);
	f.cfg[C_PCIE + 1] = C_PCIE + 8;
	cap(&f, C_PCIE + 8, 0x13, C_MSI);
	CHECK_EQ(vpci_init(&st, &c, &err), PP_EINVAL);
	CHECK_MSG(&err, "inside capability 0x10");
	/* two PM capabilities */
	fake_dev(&f);
	f.cfg[C_AF] = 0x01;
	CHECK_EQ(vpci_init(&st, &c, &err), PP_EINVAL);
	CHECK_MSG(&err, "second capability 0x01");
	/* a capability running past 0xFF is clamped */
	fake_dev(&f);
	f.cfg[C_VNDR + 1] = 0xFC;
	cap(&f, 0xFC, 0x09, 0);
	f.cfg[0xFE] = 0xFF;
	REQUIRE(vpci_init(&st, &c, &err) == 0);
	CHECK_EQ(st.cap[st.ncaps - 1].len, 4);
	CHECK_EQ(rd(&st, GUEST, 0xFE, 1), 0xFF);
	CHECK_EQ(f.nlog, 0);
}

TEST(vpci_reason_names)
{
	for (u32 i = 0; i < VPCI_R_COUNT; i++) {
		REQUIRE(vpci_reason_name(i) != 0);
		CHECK(strcmp(vpci_reason_name(i), "?") != 0);
		for (u32 j = 0; j < i; j++)
			CHECK(strcmp(vpci_reason_name(i), vpci_reason_name(j)) != 0);
	}
	CHECK(strcmp(vpci_reason_name(VPCI_R_COUNT), "?") == 0);
	CHECK(strcmp(vpci_reason_name(VPCI_R_FLR), "flr") == 0);
}

/* The synthetic host bridge at 00:00.0 (vpci.h): the class Linux's
 * pci_sanity_check looks for (PCI_CLASS_DEVICE, a 16-bit read at 0x0A),
 * IDs, header type 0 and nothing else; its writes reach nothing; absent
 * without host_bridge; the endpoint may not sit on it. */
TEST(vpci_host_bridge)
{
	struct vpci st;
	struct fake f;
	struct vpci_cfg c;
	struct pp_err err = {0};

	fake_dev(&f);
	c = cfg_of(&f);
	c.host_bridge = true;
	REQUIRE(vpci_init(&st, &c, &err) == 0);
	const u32 reads = f.reads;
	/* pci_check_type1: a byte to 0xCFB, then CONFIG_ADDRESS reads back */
	CHECK_EQ(out(&st, 0xCFB, 1, 0x01), VPCI_DONE);
	out(&st, 0xCF8, 4, 0x80000000u);
	CHECK_EQ(in(&st, 0xCF8, 4), 0x80000000u);
	CHECK_EQ(rd(&st, VPCI_HOST_BDF, 0x0A, 2), 0x0600u);
	CHECK_EQ(rd(&st, VPCI_HOST_BDF, 0x00, 4), 0x00081B36u);
	CHECK_EQ(rd(&st, VPCI_HOST_BDF, 0x02, 2), 0x0008u);
	CHECK_EQ(rd(&st, VPCI_HOST_BDF, 0x08, 4), 0x06000000u);
	CHECK_EQ(rd(&st, VPCI_HOST_BDF, 0x0E, 1), 0x00u);
	for (u16 reg = 0x10; reg < 0x100; reg += 4)
		CHECK_EQ(rd(&st, VPCI_HOST_BDF, reg, 4), 0u);
	CHECK_EQ(rd(&st, VPCI_HOST_BDF, 0x04, 4), 0u); /* Command, Status: no cap list */
	/* writes: Command, a BAR sizing, the extended space: all dropped */
	wr(&st, VPCI_HOST_BDF, 0x04, 2, 0x0007);
	wr(&st, VPCI_HOST_BDF, 0x10, 4, 0xFFFFFFFFu);
	CHECK_EQ(rd(&st, VPCI_HOST_BDF, 0x10, 4), 0u);
	CHECK_EQ(rd(&st, VPCI_HOST_BDF, 0x04, 2), 0u);
	CHECK_EQ(vpci_cfg_write(&st, VPCI_HOST_BDF, 0x100, 4, 1), VPCI_DONE);
	CHECK_EQ(vpci_cfg_read(&st, VPCI_HOST_BDF, 0x100, 4), 0xFFFFFFFFu);
	CHECK_EQ(st.n.refused[VPCI_R_READ_ONLY], 2);
	CHECK_EQ(st.n.refused[VPCI_R_EXT], 1);
	CHECK_EQ(f.nlog, 0);
	CHECK_EQ(f.reads, reads); /* the physical device is never asked */
	/* other functions of device 0 stay absent; the endpoint is there */
	CHECK_EQ(rd(&st, VPCI_BDF(0, 0, 1), 0, 4), 0xFFFFFFFFu);
	CHECK_EQ(rd(&st, GUEST, 0, 4), 0x10411AF4u);
	/* without host_bridge, 00:00.0 is absent */
	c.host_bridge = false;
	REQUIRE(vpci_init(&st, &c, &err) == 0);
	CHECK_EQ(rd(&st, VPCI_HOST_BDF, 0x0A, 2), 0xFFFFu);
	/* the endpoint cannot be put where the bridge is */
	c.host_bridge = true;
	c.guest_bdf = VPCI_HOST_BDF;
	CHECK_EQ(vpci_init(&st, &c, &err), PP_EINVAL);
	CHECK_MSG(&err, "where the host bridge is");
}
