// SPDX-License-Identifier: GPL-2.0-only
/*
 * pci_bar.h: BAR sizing by the all-ones write (PCI Local Bus 3.0, 6.2.5.1:
 * "software writes a value of all 1's to the register, then reads it
 * back"), with decoding off for the duration (so the device never claims
 * the all-ones address) and everything restored.
 */
#include <parapet/string.h>
#include "pci_bar.h"

#define PAGE 0x1000ull

static u16 command(const struct pci_cfg_ops *cfg)
{
	return (u16)(cfg->rd32(cfg->ctx, PCI_CFG_COMMAND) & 0xffffu);
}

static void set_command(const struct pci_cfg_ops *cfg, u16 cmd)
{
	/* the status half is write-1-to-clear: write zeros there */
	cfg->wr32(cfg->ctx, PCI_CFG_COMMAND, cmd);
}

static u32 probe(const struct pci_cfg_ops *cfg, u32 off, u32 *orig)
{
	*orig = cfg->rd32(cfg->ctx, off);
	cfg->wr32(cfg->ctx, off, 0xffffffffu);
	u32 v = cfg->rd32(cfg->ctx, off);
	cfg->wr32(cfg->ctx, off, *orig);
	return v;
}

/* BAR i (and i + 1 for a 64-bit one); returns how many slots it used. */
static u32 one_bar(const struct pci_cfg_ops *cfg, u32 i, struct pci_bar *b)
{
	u32 off = PCI_CFG_BAR0 + 4u * i, lo, hi = 0, mlo, mhi = 0xffffffffu;
	mlo = probe(cfg, off, &lo);
	if (lo & PCI_BAR_IO) {
		b->why = (lo | mlo) ? "an I/O space BAR" : NULL;
		return 1;
	}
	u32 used = 1;
	if ((lo & PCI_BAR_TYPE_MASK) == PCI_BAR_TYPE_64) {
		if (i + 1 >= PCI_NUM_BARS) {
			b->why = "a 64-bit BAR in the last slot";
			return 1;
		}
		mhi = probe(cfg, off + 4, &hi);
		used = 2;
	} else if (lo & PCI_BAR_TYPE_MASK) {
		b->why = "a reserved memory BAR type";
		return 1;
	}
	u64 mask = ((u64)mhi << 32) | (mlo & PCI_BAR_MEM_MASK);
	if (used == 1)
		mask |= 0xffffffff00000000ull;
	if ((mask & PCI_BAR_MEM_MASK) == 0)
		return used; /* unimplemented */
	u64 size = ~mask + 1;
	u64 base = ((u64)hi << 32) | (lo & PCI_BAR_MEM_MASK);
	if (size & (size - 1))
		b->why = "a size that is not a power of two";
	else if (size < PAGE)
		b->why = "smaller than a page (its page may hold other registers)";
	else if (base & (size - 1))
		b->why = "not aligned to its size";
	else if (base == 0 || base + size < base)
		b->why = "not placed by the firmware (address 0) or wrapping";
	else {
		b->base = base;
		b->size = size;
	}
	return used;
}

int pci_bars_read(const struct pci_cfg_ops *cfg, struct pci_bar bars[PCI_NUM_BARS],
		  struct pp_err *err)
{
	memset(bars, 0, sizeof(struct pci_bar) * PCI_NUM_BARS);
	u32 ht = (cfg->rd32(cfg->ctx, PCI_CFG_HEADER_TYPE & ~3u) >> 16) & 0x7fu;
	if (ht != 0)
		return pp_fail(err, PP_EINVAL, "header type %u, not an endpoint (type 0)", ht);
	u16 cmd = command(cfg);
	set_command(cfg, (u16)(cmd & ~(PCI_CMD_IO | PCI_CMD_MEM)));
	for (u32 i = 0; i < PCI_NUM_BARS;)
		i += one_bar(cfg, i, &bars[i]);
	set_command(cfg, cmd);
	return PP_OK;
}

void pci_enable_dma(const struct pci_cfg_ops *cfg, bool on)
{
	u16 cmd = command(cfg);
	if (on)
		cmd = (u16)((cmd | PCI_CMD_MEM | PCI_CMD_MASTER | PCI_CMD_INTX_OFF) & ~PCI_CMD_IO);
	else
		cmd = (u16)(cmd & ~PCI_CMD_MASTER);
	set_command(cfg, cmd);
}

void pci_enable_mem(const struct pci_cfg_ops *cfg)
{
	u16 cmd = command(cfg);
	set_command(cfg,
		    (u16)((cmd | PCI_CMD_MEM | PCI_CMD_INTX_OFF) & ~(PCI_CMD_IO | PCI_CMD_MASTER)));
}
