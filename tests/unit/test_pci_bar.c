// SPDX-License-Identifier: GPL-2.0-only
/*
 * hypervisor/core/dma/pci_bar.c against a model of a type 0 function: BAR
 * sizing (32- and 64-bit, I/O, unimplemented, unmappable shapes), decoding
 * off while a BAR holds all-ones, everything restored; the command bits.
 */
#include "unit.h"
#include "hypervisor/core/dma/pci_bar.h"

struct fn_model {
	u32 regs[16];	    /* 0x00..0x3f */
	u32 size_mask[6];   /* per BAR dword: writable address bits */
	bool decoding_seen; /* a BAR held all-ones while decoding was on */
	u32 writes;
};

static u32 m_rd(void *ctx, u32 off)
{
	struct fn_model *m = ctx;
	return m->regs[off / 4];
}

static void m_wr(void *ctx, u32 off, u32 v)
{
	struct fn_model *m = ctx;
	m->writes++;
	u32 i = off / 4;
	if (off >= PCI_CFG_BAR0 && off < PCI_CFG_BAR0 + 24) {
		u32 b = (off - PCI_CFG_BAR0) / 4, ro = m->regs[i] & ~m->size_mask[b];
		m->regs[i] = (v & m->size_mask[b]) | ro;
		if (v == 0xffffffffu && (m->regs[1] & (PCI_CMD_MEM | PCI_CMD_IO)))
			m->decoding_seen = true;
		return;
	}
	if (off == PCI_CFG_COMMAND) {
		m->regs[1] = (m->regs[1] & 0xffff0000u) | (v & 0xffffu);
		return;
	}
	m->regs[i] = v;
}

/* edu-like: BAR0 32-bit 1 MiB at 0xfea00000; BAR2 64-bit prefetchable
 * 16 KiB at 0x8_0000_0000; BAR4 I/O 32 bytes. */
static void model_init(struct fn_model *m)
{
	memset(m, 0, sizeof(*m));
	m->regs[0] = 0x11e81234u;
	m->regs[1] = PCI_CMD_MEM | PCI_CMD_IO;
	m->regs[3] = 0; /* header type 0 */
	m->regs[4] = 0xfea00000u;
	m->size_mask[0] = 0xfff00000u;
	m->regs[6] = 0x00000000u | PCI_BAR_TYPE_64 | PCI_BAR_PREFETCH;
	m->size_mask[2] = 0xffffc000u;
	m->regs[7] = 0x8;
	m->size_mask[3] = 0xffffffffu;
	m->regs[8] = 0xc001u;
	m->size_mask[4] = 0xffffffe0u;
}

TEST(pci_bar_sizes_and_restores)
{
	struct fn_model m;
	model_init(&m);
	struct pci_cfg_ops ops = {&m, m_rd, m_wr};
	struct pci_bar b[PCI_NUM_BARS];
	struct pp_err err = {0, ""};
	u32 before[16];
	memcpy(before, m.regs, sizeof(before));
	REQUIRE(pci_bars_read(&ops, b, &err) == PP_OK);
	CHECK(b[0].base == 0xfea00000u && b[0].size == 0x100000u);
	CHECK(b[1].size == 0 && b[1].why == NULL); /* unimplemented */
	CHECK(b[2].base == 0x800000000ull && b[2].size == 0x4000u);
	CHECK(b[3].size == 0); /* the upper half of BAR2 */
	CHECK(b[4].size == 0 && b[4].why && strstr(b[4].why, "I/O"));
	CHECK(!m.decoding_seen);
	CHECK(memcmp(before, m.regs, sizeof(before)) == 0);
}

TEST(pci_bar_refuses_unmappable_shapes)
{
	struct fn_model m;
	model_init(&m);
	m.regs[4] = 0xfea00800u; /* 2 KiB BAR */
	m.size_mask[0] = 0xfffff800u;
	m.regs[9] = PCI_BAR_TYPE_64; /* a 64-bit BAR in slot 5 */
	m.size_mask[5] = 0xfffff000u;
	struct pci_cfg_ops ops = {&m, m_rd, m_wr};
	struct pci_bar b[PCI_NUM_BARS];
	struct pp_err err = {0, ""};
	REQUIRE(pci_bars_read(&ops, b, &err) == PP_OK);
	CHECK(b[0].size == 0 && b[0].why && strstr(b[0].why, "smaller than a page"));
	CHECK(b[5].size == 0 && b[5].why && strstr(b[5].why, "last slot"));
	m.regs[4] = 0; /* not placed */
	m.size_mask[0] = 0xfff00000u;
	REQUIRE(pci_bars_read(&ops, b, &err) == PP_OK);
	CHECK(b[0].size == 0 && b[0].why && strstr(b[0].why, "address 0"));
}

TEST(pci_bar_refuses_a_bridge)
{
	struct fn_model m;
	model_init(&m);
	m.regs[3] = 0x00010000u; /* header type 1 */
	struct pci_cfg_ops ops = {&m, m_rd, m_wr};
	struct pci_bar b[PCI_NUM_BARS];
	struct pp_err err = {0, ""};
	CHECK(pci_bars_read(&ops, b, &err) == PP_EINVAL);
	CHECK(strstr(err.msg, "header type 1") != NULL);
	CHECK(m.writes == 0);
}

TEST(pci_enable_dma_sets_and_clears_bus_master)
{
	struct fn_model m;
	model_init(&m);
	m.regs[1] |= 0xffff0000u; /* status bits: never written back as ones */
	struct pci_cfg_ops ops = {&m, m_rd, m_wr};
	pci_enable_dma(&ops, true);
	CHECK((m.regs[1] & 0xffffu) == (PCI_CMD_MEM | PCI_CMD_MASTER | PCI_CMD_INTX_OFF));
	pci_enable_dma(&ops, false);
	CHECK((m.regs[1] & 0xffffu) == (PCI_CMD_MEM | PCI_CMD_INTX_OFF));
}

TEST(pci_enable_mem_leaves_bus_master_off)
{
	struct fn_model m;
	model_init(&m);
	m.regs[1] |= 0xffff0000u | PCI_CMD_IO | PCI_CMD_MASTER;
	struct pci_cfg_ops ops = {&m, m_rd, m_wr};
	pci_enable_mem(&ops);
	CHECK((m.regs[1] & 0xffffu) == (PCI_CMD_MEM | PCI_CMD_INTX_OFF));
}
