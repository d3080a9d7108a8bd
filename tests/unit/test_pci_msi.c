// SPDX-License-Identifier: GPL-2.0-only
/*
 * hypervisor/core/dma/pci_msi.c against a model of a function's
 * configuration space: the capability walk (edu's shape: PCIe, then MSI),
 * lists that loop, point below 0x40 or hold no MSI; the registers written
 * for a 64-bit and a 32-bit capability, with and without per-vector
 * masking; an address the capability cannot hold refused unwritten.
 */
#include "unit.h"
#include "hypervisor/core/dma/pci_msi.h"

struct cfg_model {
	u32 regs[64]; /* 256 bytes */
	u32 writes;
};

static u32 m_rd(void *ctx, u32 off)
{
	struct cfg_model *m = ctx;
	return m->regs[(off & 0xffu) / 4];
}

static void m_wr(void *ctx, u32 off, u32 v)
{
	struct cfg_model *m = ctx;
	m->writes++;
	m->regs[(off & 0xffu) / 4] = v;
}

static struct pci_cfg_ops ops(struct cfg_model *m)
{
	return (struct pci_cfg_ops){m, m_rd, m_wr};
}

/* Status with the capability bit; list 0x40 (PCIe, id 0x10) -> 0x80 (MSI). */
static void model_init(struct cfg_model *m, u32 msi_ctl)
{
	memset(m, 0, sizeof(*m));
	m->regs[1] = (u32)PCI_STATUS_CAP_LIST << 16;
	m->regs[0x34 / 4] = 0x40;
	m->regs[0x40 / 4] = 0x10u | (0x80u << 8);
	m->regs[0x80 / 4] = PCI_CAP_ID_MSI | (msi_ctl << 16);
}

TEST(pci_msi_find_walks_the_list)
{
	struct cfg_model m;
	struct pci_msi msi;
	struct pp_err err;
	model_init(&m, PCI_MSI_CTL_64);
	struct pci_cfg_ops c = ops(&m);
	REQUIRE(pci_msi_find(&c, &msi, &err) == PP_OK);
	CHECK_EQ(msi.cap, 0x80);
	CHECK(msi.is64 && !msi.pvm);
	CHECK_EQ(msi.vectors, 1);
	model_init(&m, PCI_MSI_CTL_PVM | (2u << 1));
	REQUIRE(pci_msi_find(&c, &msi, &err) == PP_OK);
	CHECK(!msi.is64 && msi.pvm);
	CHECK_EQ(msi.vectors, 4);
	CHECK_EQ(m.writes, 0);
}

TEST(pci_msi_find_refusals)
{
	struct cfg_model m;
	struct pci_msi msi = {0, false, false, 0};
	struct pp_err err;
	struct pci_cfg_ops c = ops(&m);
	model_init(&m, 0);
	m.regs[1] = 0; /* no capability list */
	CHECK_EQ(pci_msi_find(&c, &msi, &err), PP_ENOENT);
	CHECK_MSG(&err, "no capability list");
	model_init(&m, 0);
	m.regs[0x80 / 4] = 0x11u; /* MSI-X only, end of list */
	CHECK_EQ(pci_msi_find(&c, &msi, &err), PP_ENOENT);
	CHECK_MSG(&err, "no MSI capability");
	model_init(&m, 0);
	m.regs[0x40 / 4] = 0x10u | (0x40u << 8); /* points at itself */
	CHECK_EQ(pci_msi_find(&c, &msi, &err), PP_EINVAL);
	CHECK_MSG(&err, "longer than 48 entries");
	model_init(&m, 0);
	m.regs[0x40 / 4] = 0x10u | (0x20u << 8); /* into the header */
	CHECK_EQ(pci_msi_find(&c, &msi, &err), PP_EINVAL);
	CHECK_MSG(&err, "capability pointer 0x20 outside");
	CHECK_EQ(msi.cap, 0);
	/* 64-bit with a mask register at 0xf0: would end at 0x104 */
	model_init(&m, 0);
	m.regs[0x40 / 4] = 0x10u | (0xf0u << 8);
	m.regs[0xf0 / 4] = PCI_CAP_ID_MSI | ((PCI_MSI_CTL_64 | PCI_MSI_CTL_PVM) << 16);
	CHECK_EQ(pci_msi_find(&c, &msi, &err), PP_EINVAL);
	CHECK_MSG(&err, "MSI capability at 0xf0 runs past 0xff");
	CHECK_EQ(msi.cap, 0);
	/* 32-bit without masking at 0xf4 ends at 0x100 exactly: fine */
	m.regs[0x40 / 4] = 0x10u | (0xf4u << 8);
	m.regs[0xf4 / 4] = PCI_CAP_ID_MSI;
	REQUIRE(pci_msi_find(&c, &msi, &err) == PP_OK);
	CHECK_EQ(msi.cap, 0xf4);
	msi.cap = 0;
	CHECK_EQ(m.writes, 0);
}

TEST(pci_msi_enable_disable_64)
{
	struct cfg_model m;
	struct pci_msi msi;
	struct pp_err err;
	model_init(&m, PCI_MSI_CTL_64 | (3u << 4)); /* MME left 011b by someone */
	struct pci_cfg_ops c = ops(&m);
	REQUIRE(pci_msi_find(&c, &msi, &err) == PP_OK);
	REQUIRE(pci_msi_enable(&c, &msi, 0xfee00010ull, 0x12345, &err) == PP_OK);
	CHECK_EQ(m.regs[0x80 / 4], PCI_CAP_ID_MSI | ((PCI_MSI_CTL_64 | PCI_MSI_CTL_ENABLE) << 16));
	CHECK_EQ(m.regs[0x84 / 4], 0xfee00010u);
	CHECK_EQ(m.regs[0x88 / 4], 0);
	CHECK_EQ(m.regs[0x8c / 4], 0x2345); /* 16-bit message data */
	pci_msi_disable(&c, &msi);
	CHECK_EQ(m.regs[0x80 / 4], PCI_CAP_ID_MSI | (PCI_MSI_CTL_64 << 16));
	CHECK_EQ(m.regs[0x84 / 4], 0);
	CHECK_EQ(m.regs[0x8c / 4], 0);
}

TEST(pci_msi_enable_32_masked)
{
	struct cfg_model m;
	struct pci_msi msi;
	struct pp_err err;
	model_init(&m, PCI_MSI_CTL_PVM);
	m.regs[0x8c / 4] = 0xffffffffu; /* every vector masked */
	struct pci_cfg_ops c = ops(&m);
	REQUIRE(pci_msi_find(&c, &msi, &err) == PP_OK);
	const u32 w = m.writes;
	CHECK_EQ(pci_msi_enable(&c, &msi, 0x1fee00000ull, 5, &err), PP_EINVAL);
	CHECK_MSG(&err, "above 4 GiB for a 32-bit capability");
	CHECK_EQ(m.writes, w);
	REQUIRE(pci_msi_enable(&c, &msi, 0xfee00000ull, 5, &err) == PP_OK);
	CHECK_EQ(m.regs[0x84 / 4], 0xfee00000u);
	CHECK_EQ(m.regs[0x88 / 4], 5);
	CHECK_EQ(m.regs[0x8c / 4], 0xfffffffeu); /* vector 0 unmasked */
	CHECK(m.regs[0x80 / 4] >> 16 & PCI_MSI_CTL_ENABLE);
}
