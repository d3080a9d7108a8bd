// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MSI shadow of a Linux partition's PCI view (hypervisor/core/linux/
 * vpci.h, cfg.msi_remap; the VT-d trap): the guest reads back what it
 * wrote, MMC reads 0, the device only ever receives the hypervisor's
 * message and the guest's Enable (after vpci_msi_commit), mask bits pass,
 * MSI-X is hidden with cfg.hide_msix, and a device without MSI is refused.
 * Every physical write is logged and checked.
 */
#include <string.h>
#include "hypervisor/core/linux/vpci.h"
#include "unit.h"

#define GUEST VPCI_BDF(0, 1, 0)
#define PHYS VPCI_BDF(0, 2, 0)
#define C_MSIX 0x40u
#define C_MSI 0x50u	      /* 64-bit, per-vector masking (0x18 bytes) or 32-bit */
#define HV_ADDR 0xFEE000B0ull /* remappable format, handle 5 (vtd_irte_msi) */
#define HV_ADDR_HI 0x0u

struct wr {
	u16 reg;
	u8 size;
	u32 val;
};

struct fake {
	u8 cfg[256];
	struct wr log[64];
	u32 nlog;
	u16 ctl_ro; /* Message Control's read-only bits (all but 0 and 6:4) */
};

static u32 f_read(void *ctx, u16 bdf, u16 reg)
{
	struct fake *f = ctx;

	if (bdf != PHYS || (reg & 3u) || reg > 252)
		return 0xDEADBEEFu;
	return (u32)f->cfg[reg] | (u32)f->cfg[reg + 1] << 8 | (u32)f->cfg[reg + 2] << 16 |
	       (u32)f->cfg[reg + 3] << 24;
}

/* Logs, and applies the write (the device's registers change). */
static void f_write(void *ctx, u16 bdf, u16 reg, u8 size, u32 val)
{
	struct fake *f = ctx;

	if (bdf != PHYS)
		return;
	if (f->nlog < 64)
		f->log[f->nlog] = (struct wr){reg, size, val};
	f->nlog++;
	for (u32 k = 0; k < size; k++)
		f->cfg[reg + k] = (u8)(val >> (8u * k));
	/* as a device: writes do not change read-only bits */
	const u16 ctl = (u16)(f->cfg[C_MSI + 2] | f->cfg[C_MSI + 3] << 8);
	f->cfg[C_MSI + 2] = (u8)((ctl & 0x71u) | (f->ctl_ro & 0xFFu));
	f->cfg[C_MSI + 3] = (u8)(f->ctl_ro >> 8);
}

static void put16(struct fake *f, u32 reg, u16 v)
{
	f->cfg[reg] = (u8)v;
	f->cfg[reg + 1] = (u8)(v >> 8);
}

static u32 get32(const struct fake *f, u32 reg)
{
	return (u32)f->cfg[reg] | (u32)f->cfg[reg + 1] << 8 | (u32)f->cfg[reg + 2] << 16 |
	       (u32)f->cfg[reg + 3] << 24;
}

/* edu-like: MSI-X at 0x40 (when msix), MSI at 0x50 with control ctl. */
static void fake_dev(struct fake *f, bool msix, u16 ctl)
{
	memset(f, 0, sizeof(*f));
	put16(f, 0x00, 0x1234);
	put16(f, 0x02, 0x11E8);
	put16(f, 0x06, 0x0010); /* capability list */
	f->cfg[0x0B] = 0x00;
	f->cfg[0x34] = msix ? C_MSIX : C_MSI;
	if (msix) {
		f->cfg[C_MSIX] = 0x11;
		f->cfg[C_MSIX + 1] = C_MSI;
	}
	f->cfg[C_MSI] = 0x05;
	f->cfg[C_MSI + 1] = 0;
	put16(f, C_MSI + 2, ctl);
	f->ctl_ro = ctl & (u16)~0x71u;
	/* a firmware leftover in the device's address and data */
	f->cfg[C_MSI + 4] = 0x0C;
	f->cfg[C_MSI + 5] = 0x10;
	f->cfg[C_MSI + 6] = 0xE0;
	f->cfg[C_MSI + 7] = 0xFE;
}

static int setup(struct vpci *st, struct fake *f, bool msix, u16 ctl, bool remap, bool hide)
{
	struct vpci_cfg c = {.guest_bdf = GUEST, .phys_bdf = PHYS, .host_bridge = true};
	struct pp_err err = {0};

	fake_dev(f, msix, ctl);
	c.ops = (struct vpci_ops){f_read, f_write, f};
	c.msi_remap = remap;
	c.msi_addr = HV_ADDR;
	c.msi_data = 0;
	c.hide_msix = hide;
	return vpci_init(st, &c, &err);
}

TEST(vpci_msi_shadow_read_back)
{
	struct vpci st;
	struct fake f;
	u64 a;
	u32 d;

	/* 64-bit, per-vector masking, MMC 2 (4 messages) */
	REQUIRE(setup(&st, &f, true, 0x0184, true, true) == 0);
	CHECK_EQ(f.nlog, 0); /* vpci_init reads only */
	/* MSI-X hidden: the first capability is MSI */
	CHECK_EQ(vpci_cfg_read(&st, GUEST, 0x34, 1), C_MSI);
	CHECK_EQ(st.ncaps, 1);
	CHECK_EQ(st.msi.off, C_MSI);
	/* MMC reads 0 (one message); 64-bit and masking physical */
	CHECK_EQ(vpci_cfg_read(&st, GUEST, C_MSI + 2, 2), 0x0180);
	/* address and data read 0 before the guest writes them, not the device's */
	CHECK_EQ(vpci_cfg_read(&st, GUEST, C_MSI + 4, 4), 0);
	/* the guest's message, as Linux writes it */
	CHECK_EQ(vpci_cfg_write(&st, GUEST, C_MSI + 4, 4, 0xFEE03003u), VPCI_MSI);
	CHECK_EQ(vpci_cfg_write(&st, GUEST, C_MSI + 8, 4, 0x12345678u), VPCI_MSI);
	CHECK_EQ(vpci_cfg_write(&st, GUEST, C_MSI + 0xC, 2, 0x4061), VPCI_MSI);
	CHECK_EQ(vpci_cfg_write(&st, GUEST, C_MSI + 0xE, 2, 0xBEEF), VPCI_MSI); /* reserved */
	CHECK_EQ(vpci_cfg_write(&st, GUEST, C_MSI + 2, 2, 0x0021), VPCI_MSI);	/* MME 2, Enable */
	/* read back: address bits 1:0 read 0 (PCI 3.0 §6.8.1.4) */
	CHECK_EQ(vpci_cfg_read(&st, GUEST, C_MSI + 4, 4), 0xFEE03000u);
	CHECK_EQ(vpci_cfg_read(&st, GUEST, C_MSI + 8, 4), 0x12345678u);
	CHECK_EQ(vpci_cfg_read(&st, GUEST, C_MSI + 0xC, 4), 0x4061u);
	CHECK_EQ(vpci_cfg_read(&st, GUEST, C_MSI + 0xD, 1), 0x40u);
	CHECK_EQ(vpci_cfg_read(&st, GUEST, C_MSI + 2, 2), 0x01A1u);
	CHECK_EQ(vpci_cfg_read(&st, GUEST, C_MSI, 4), 0x01A10005u);
	CHECK(vpci_msi_shadow(&st, &a, &d));
	CHECK_EQ(a, 0x12345678FEE03000ull);
	CHECK_EQ(d, 0x4061);
	/* byte writes into the address */
	CHECK_EQ(vpci_cfg_write(&st, GUEST, C_MSI + 5, 1, 0x10), VPCI_MSI);
	CHECK_EQ(vpci_cfg_read(&st, GUEST, C_MSI + 4, 4), 0xFEE01000u);
	/* disabled: Enable reads 0, vpci_msi_shadow says so */
	CHECK_EQ(vpci_cfg_write(&st, GUEST, C_MSI + 2, 1, 0x00), VPCI_MSI);
	CHECK(!vpci_msi_shadow(&st, &a, &d));
	CHECK_EQ(vpci_cfg_read(&st, GUEST, C_MSI + 2, 2), 0x0180u);
	/* the ID and next pointer still drop writes */
	CHECK_EQ(st.n.refused[VPCI_R_CAP_HEADER], 0);
	vpci_cfg_write(&st, GUEST, C_MSI, 4, 0xFFFF0000u);
	CHECK_EQ(st.n.refused[VPCI_R_CAP_HEADER], 1);
	CHECK_EQ(vpci_cfg_read(&st, GUEST, C_MSI, 2), 0x0005u);
}

TEST(vpci_msi_shadow_device_writes)
{
	struct vpci st;
	struct fake f;

	REQUIRE(setup(&st, &f, false, 0x0184, true, false) == 0);
	/* a 4-byte write at the address: the device gets the hypervisor's
	 * address, upper half, data; Enable clear is written at once */
	CHECK_EQ(vpci_cfg_write(&st, GUEST, C_MSI + 4, 4, 0xFEE00000u), VPCI_MSI);
	REQUIRE(f.nlog == 4);
	CHECK(f.log[0].reg == C_MSI + 4 && f.log[0].size == 4 && f.log[0].val == (u32)HV_ADDR);
	CHECK(f.log[1].reg == C_MSI + 8 && f.log[1].size == 4 && f.log[1].val == HV_ADDR_HI);
	CHECK(f.log[2].reg == C_MSI + 0xC && f.log[2].size == 2 && f.log[2].val == 0);
	CHECK(f.log[3].reg == C_MSI + 2 && f.log[3].size == 2 && f.log[3].val == 0);
	/* enable: the message again, but Enable waits for vpci_msi_commit */
	f.nlog = 0;
	CHECK_EQ(vpci_cfg_write(&st, GUEST, C_MSI + 2, 2, 0x0071), VPCI_MSI);
	REQUIRE(f.nlog == 3);
	CHECK(f.log[0].reg == C_MSI + 4 && f.log[0].val == (u32)HV_ADDR);
	CHECK(f.log[2].reg == C_MSI + 0xC && f.log[2].val == 0);
	CHECK_EQ(f.cfg[C_MSI + 2] & 1u, 0);
	vpci_msi_commit(&st);
	REQUIRE(f.nlog == 4);
	CHECK(f.log[3].reg == C_MSI + 2 && f.log[3].size == 2 && f.log[3].val == 1); /* MME 0 */
	vpci_msi_commit(&st); /* nothing pending */
	CHECK_EQ(f.nlog, 4);
	/* the device's registers never held a guest value */
	CHECK_EQ(get32(&f, C_MSI + 4), (u32)HV_ADDR);
	CHECK_EQ(get32(&f, C_MSI + 8), 0);
	CHECK_EQ(get32(&f, C_MSI + 0xC) & 0xFFFFu, 0);
	/* MME as the guest wrote it (7), MMC 0; the device got MME 0 */
	CHECK_EQ(vpci_cfg_read(&st, GUEST, C_MSI + 2, 2), 0x01F1u);
	CHECK_EQ(f.cfg[C_MSI + 2] & 0x71u, 0x01);
	/* per-vector masking passes through: mask at +0x10, the guest's value */
	f.nlog = 0;
	CHECK_EQ(vpci_cfg_write(&st, GUEST, C_MSI + 0x10, 4, 1), VPCI_MSI);
	REQUIRE(f.nlog == 1);
	CHECK(f.log[0].reg == C_MSI + 0x10 && f.log[0].size == 4 && f.log[0].val == 1);
	CHECK_EQ(vpci_cfg_read(&st, GUEST, C_MSI + 0x10, 4), 1);
	/* a 4-byte write over ID/next/control: header dropped, control shadowed */
	f.nlog = 0;
	CHECK_EQ(vpci_cfg_write(&st, GUEST, C_MSI, 4, 0x00000000u), VPCI_MSI);
	REQUIRE(f.nlog == 4);
	CHECK(f.log[3].reg == C_MSI + 2 && f.log[3].val == 0); /* disabled at once */
}

TEST(vpci_msi_shadow_32bit)
{
	struct vpci st;
	struct fake f;
	u64 a;
	u32 d;

	/* 32-bit, no masking: 10 bytes, data at +8 */
	REQUIRE(setup(&st, &f, false, 0x0000, true, false) == 0);
	CHECK_EQ(st.msi.data_off, 8);
	CHECK_EQ(vpci_cfg_write(&st, GUEST, C_MSI + 4, 4, 0xFEE03000u), VPCI_MSI);
	CHECK_EQ(vpci_cfg_write(&st, GUEST, C_MSI + 8, 2, 0x0041), VPCI_MSI);
	CHECK_EQ(vpci_cfg_write(&st, GUEST, C_MSI + 2, 2, 0x0001), VPCI_MSI);
	CHECK(vpci_msi_shadow(&st, &a, &d));
	CHECK_EQ(a, 0xFEE03000u);
	CHECK_EQ(d, 0x41);
	CHECK_EQ(vpci_cfg_read(&st, GUEST, C_MSI + 8, 2), 0x41);
	/* past the capability (10 bytes): hidden */
	CHECK_EQ(vpci_cfg_read(&st, GUEST, C_MSI + 0xA, 2), 0);
	/* no upper address written to the device */
	for (u32 i = 0; i < f.nlog && i < 64; i++)
		CHECK(f.log[i].reg != C_MSI + 8 || f.log[i].size == 2);
	vpci_msi_commit(&st);
	CHECK_EQ(f.cfg[C_MSI + 2] & 1u, 1);
	CHECK_EQ(get32(&f, C_MSI + 4), (u32)HV_ADDR);
}

TEST(vpci_msi_without_shadow_and_refusal)
{
	struct vpci st;
	struct fake f;
	struct vpci_cfg c = {.guest_bdf = GUEST, .phys_bdf = PHYS, .ops = {f_read, f_write, &f}};
	struct pp_err err = {0};
	u64 a;
	u32 d;

	/* without msi_remap: the guest's message reaches the device (AMD-Vi) */
	REQUIRE(setup(&st, &f, true, 0x0180, false, false) == 0);
	CHECK_EQ(st.ncaps, 2); /* MSI-X shown */
	CHECK_EQ(vpci_cfg_write(&st, GUEST, C_MSI + 4, 4, 0xFEE01000u), VPCI_MSI);
	CHECK_EQ(get32(&f, C_MSI + 4), 0xFEE01000u);
	CHECK(!vpci_msi_shadow(&st, &a, &d));
	/* the shadow needs an MSI capability: MSI-X only is refused */
	fake_dev(&f, true, 0);
	f.cfg[C_MSIX + 1] = 0;
	c.msi_remap = true;
	c.hide_msix = true;
	CHECK_EQ(vpci_init(&st, &c, &err), PP_EINVAL);
	CHECK_MSG(&err, "the MSI shadow needs an MSI capability");
	/* a 64-bit MSI capability cut by the end of the space (data at 0x100) */
	fake_dev(&f, false, 0x0080);
	memset(f.cfg + C_MSI, 0, 8);
	f.cfg[0x34] = 0xF4;
	f.cfg[0xF4] = 0x05;
	f.cfg[0xF6] = 0x80;
	f.ctl_ro = 0;
	c.hide_msix = false;
	CHECK_EQ(vpci_init(&st, &c, &err), PP_EINVAL);
	CHECK_MSG(&err, "the MSI capability at 0xf4 runs past 0xff");
}
