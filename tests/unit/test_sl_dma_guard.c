// SPDX-License-Identifier: GPL-2.0-only
/*
 * The secure loader's DMA guard (launch/sl/dma_guard*.c): the IVRS/DMAR
 * unit parser and the guarded-vs-measured comparison on crafted tables;
 * the AMD-Vi steps against the AMD-Vi model (amdvi_model.c), including a
 * device table entry planted while the unit was being enabled; the VT-d
 * steps against the VT-d model (vtd_model.c); and the hypervisor's
 * takeover of a guarded AMD-Vi unit (amdvi_adopt).
 */
#include <parapet/bytes.h>
#include <parapet/string.h>
#include "hypervisor/drivers/iommu/amdvi.h"
#include "hypervisor/drivers/iommu/amdvi_cmd.h"
#include "hypervisor/drivers/iommu/amdvi_regs.h"
#include "hypervisor/drivers/iommu/vtd_regs.h"
#include "launch/sl/dma_guard.h"
#include "amdvi_model.h"
#include "unit.h"
#include "vtd_model.h"

/* ---- tables ---- */

static u8 tbl[1024];

static u32 table(const char *sig)
{
	memset(tbl, 0, sizeof(tbl));
	memcpy(tbl, sig, 4);
	return 48;
}

/* An IVRS block (type, length) with base at 8, or a DMAR structure. */
static u32 ivrs_entry(u32 at, u8 type, u16 len, u64 base)
{
	tbl[at] = type;
	st_le16(tbl + at + 2, len);
	if (len >= 16)
		st_le64(tbl + at + 8, base);
	return at + len;
}

static u32 dmar_entry(u32 at, u16 type, u16 len, u64 base)
{
	st_le16(tbl + at, type);
	st_le16(tbl + at + 2, len);
	if (len >= 16)
		st_le64(tbl + at + 8, base);
	return at + len;
}

TEST(sl_dma_parse_ivrs_and_dmar)
{
	struct sl_dma_list l = {0};
	struct pp_err e = {0, ""};
	/* IVHD 10h and 11h of one unit, an IVMD, a 40h of a second unit */
	u32 n = table("IVRS");
	n = ivrs_entry(n, 0x10, 24, 0xfed80000);
	n = ivrs_entry(n, 0x11, 40, 0xfed80000);
	n = ivrs_entry(n, 0x20, 32, 0x12345000); /* IVMD: its "base" is no unit */
	n = ivrs_entry(n, 0x40, 40, 0xfeda0000);
	CHECK_EQ(sl_dma_parse(tbl, n, &l, &e), PP_OK);
	REQUIRE(l.count == 2);
	CHECK_EQ(l.u[0].base, 0xfed80000ull);
	CHECK_EQ(l.u[0].type, PP_DMA_GUARD_TYPE_AMDVI);
	CHECK_EQ(l.u[1].base, 0xfeda0000ull);
	/* DMAR: two DRHDs around an RMRR */
	n = table("DMAR");
	n = dmar_entry(n, 0, 16, 0xfed90000);
	n = dmar_entry(n, 1, 32, 0x7f000000);
	n = dmar_entry(n, 0, 24, 0xfed91000);
	CHECK_EQ(sl_dma_parse(tbl, n, &l, &e), PP_OK);
	REQUIRE(l.count == 4);
	CHECK_EQ(l.u[2].type, PP_DMA_GUARD_TYPE_VTD);
	CHECK_EQ(l.u[3].base, 0xfed91000ull);
	/* any other table: nothing */
	n = table("APIC");
	n = dmar_entry(n, 0, 16, 0xfed90000);
	CHECK_EQ(sl_dma_parse(tbl, n, &l, &e), PP_OK);
	CHECK_EQ(l.count, 4);
	/* an IVRS with no block at all */
	CHECK_EQ(sl_dma_parse(tbl, table("IVRS"), &l, &e), PP_OK);
}

#define PARSE_BAD(build, want, sub)                                                                \
	do {                                                                                       \
		struct sl_dma_list l_ = {0};                                                       \
		struct pp_err e_ = {0, ""};                                                        \
		u32 n_ = 0;                                                                        \
		build;                                                                             \
		CHECK_EQ(sl_dma_parse(tbl, n_, &l_, &e_), (want));                                 \
		CHECK_MSG(&e_, sub);                                                               \
	} while (0)

TEST(sl_dma_parse_rejects)
{
	PARSE_BAD(n_ = 40; table("IVRS"), PP_ETRUNC, "IVRS of 40 bytes: bad entry at 48");
	PARSE_BAD(n_ = ivrs_entry(table("IVRS"), 0x10, 24, 0xfed80000) - 1, PP_ETRUNC,
		  "IVRS of 71 bytes: bad entry at 48");
	PARSE_BAD(n_ = ivrs_entry(table("IVRS"), 0x10, 12, 0) + 4, PP_ETRUNC,
		  "bad entry at 48"); /* an IVHD too short for its base */
	PARSE_BAD(n_ = ivrs_entry(table("IVRS"), 0x20, 2, 0) + 8, PP_ETRUNC, "bad entry at 48");
	PARSE_BAD(n_ = ivrs_entry(table("IVRS"), 0x10, 24, 0xfed80000) + 3, PP_ETRUNC,
		  "bad entry at 72"); /* 3 bytes left over */
	/* fewer than 4 bytes left: neither the type nor the length is read
	 * (fuzz_sl_dma_parse found the 2-byte DMAR type read past the end) */
	PARSE_BAD(n_ = dmar_entry(table("DMAR"), 0, 16, 0xfed90000) + 1, PP_ETRUNC,
		  "DMAR of 65 bytes: bad entry at 64");
	PARSE_BAD(n_ = 2, PP_OK, ""); /* not even a signature: nothing */
	PARSE_BAD(n_ = dmar_entry(table("DMAR"), 0, 16, 0), PP_EINVAL,
		  "0x0 is 0, unaligned or above 4 GiB");
	PARSE_BAD(n_ = dmar_entry(table("DMAR"), 0, 16, 0xfed90800), PP_EINVAL, "0xfed90800 is 0");
	PARSE_BAD(n_ = dmar_entry(table("DMAR"), 0, 16, 0x100000000ull), PP_EINVAL, "above 4 GiB");
	PARSE_BAD(n_ = dmar_entry(table("DMAR"), 0, 16, 0xffffd000ull), PP_EINVAL, "above 4 GiB");
	/* nine units */
	PARSE_BAD(
	    {
		    n_ = table("DMAR");
		    for (u32 i = 0; i < 9; i++)
			    n_ = dmar_entry(n_, 0, 16, 0xfed00000 + i * 0x1000ull);
	    },
	    PP_ENOMEM, "0xfed08000 is one unit too many");
	/* one base as both kinds: across two tables into one list */
	struct sl_dma_list l = {0};
	struct pp_err e = {0, ""};
	u32 n = dmar_entry(table("DMAR"), 0, 16, 0xfed80000);
	CHECK_EQ(sl_dma_parse(tbl, n, &l, &e), PP_OK);
	n = ivrs_entry(table("IVRS"), 0x10, 24, 0xfed80000);
	CHECK_EQ(sl_dma_parse(tbl, n, &l, &e), PP_EINVAL);
	CHECK_MSG(&e, "0xfed80000 is AMD-Vi and VT-d");
}

TEST(sl_dma_same_lists)
{
	struct sl_dma_list a = {0}, b = {0};
	struct pp_err e = {0, ""};
	CHECK_EQ(sl_dma_same(&a, &b, &e), PP_OK); /* no IOMMU either time */
	a.count = b.count = 2;
	a.u[0] = b.u[0] = (struct pp_dma_guard_unit){.base = 0xfed80000, .type = 1};
	a.u[1] = b.u[1] = (struct pp_dma_guard_unit){.base = 0xfed90000, .type = 2};
	a.u[1].table = SL_DMA_ROOT; /* the guard fills these in; not compared */
	CHECK_EQ(sl_dma_same(&a, &b, &e), PP_OK);
	b.u[1].base = 0xfed91000;
	CHECK_EQ(sl_dma_same(&a, &b, &e), PP_EINVAL);
	CHECK_MSG(&e, "name 2 units, 2 were guarded; unit 1 differs");
	b.u[1].base = 0xfed90000;
	b.u[1].type = 1;
	CHECK_EQ(sl_dma_same(&a, &b, &e), PP_EINVAL);
	b.count = 1; /* one missing from the measured tables */
	CHECK_EQ(sl_dma_same(&a, &b, &e), PP_EINVAL);
	CHECK_MSG(&e, "name 1 units, 2 were guarded; unit 1 differs");
	b.count = 2;
	b.u[1].type = 2;
	a.count = 1; /* one the guard never saw */
	CHECK_EQ(sl_dma_same(&a, &b, &e), PP_EINVAL);
	CHECK_MSG(&e, "name 2 units, 1 were guarded");
}

/* ---- AMD-Vi ---- */

#define ABASE 0xfed80000ull

static void amem_init(struct amdvi_model *md, struct sl_dma_mem *m)
{
	u64 pa;
	memset(m, 0, sizeof(*m));
	m->devtab = md->env.alloc(md, AMDVI_DEV_TABLE_PAGES, 1, &m->devtab_pa);
	m->cmd = md->env.alloc(md, 1, 1, &m->cmd_pa);
	m->sem = md->env.alloc(md, 1, 1, &m->sem_pa);
	(void)md->env.alloc(md, 1, 1, &pa);
	m->irt_pa = pa;
}

static bool all_deny(const struct sl_dma_mem *m)
{
	for (u32 i = 0; i < AMDVI_DEV_TABLE_ENTRIES; i++) {
		const struct amdvi_dte *d = &m->devtab[i];
		if (!amdvi_dte_blocks_all(d) || d->q[2] != (m->irt_pa | 1) || d->q[1] || d->q[3])
			return false;
	}
	return true;
}

/* A device writing the device table by DMA while the unit is being
 * enabled: the first time the guard waits, entry 0x0100 is made to allow
 * everything (translation off, IR and IW set). */
static struct amdvi_model *plant_model;
static struct sl_dma_mem *plant_mem;
static u32 plants;

static void plant_relax(void *ctx)
{
	if (!plants++)
		plant_mem->devtab[0x100].q[0] =
		    AMDVI_DTE_V_MASK | AMDVI_DTE_IR_MASK | AMDVI_DTE_IW_MASK;
	plant_model->env.relax(ctx);
}

TEST(sl_dma_guard_amdvi_blocks_every_device)
{
	struct amdvi_model md;
	struct sl_dma_mem m;
	struct pp_err e = {0, ""};
	bool on = true;
	amdvi_model_init(&md);
	amdvi_model_set_reg(&md, AMDVI_MMIO_CONTROL, AMDVI_CONTROL_COHERENT);
	amem_init(&md, &m);
	struct iommu_env env = md.env;
	env.relax = plant_relax;
	plant_model = &md;
	plant_mem = &m;
	plants = 0;
	REQUIRE(sl_dma_guard_amdvi(&env, &m, ABASE, &on, &e) == PP_OK);
	CHECK(!on);
	CHECK(plants > 0);
	CHECK(all_deny(&m)); /* the planted entry did not survive the second pass */
	CHECK_EQ(amdvi_model_reg(&md, AMDVI_MMIO_DEV_TABLE_BASE), m.devtab_pa | 0x1ff);
	CHECK_EQ(amdvi_model_reg(&md, AMDVI_MMIO_CMD_BUF_BASE), m.cmd_pa | (8ull << 56));
	CHECK_EQ(amdvi_model_reg(&md, AMDVI_MMIO_CONTROL),
		 AMDVI_CONTROL_COHERENT | AMDVI_CONTROL_IOMMU_EN | AMDVI_CONTROL_CMD_BUF_EN);
	/* invalidate all + wait, twice: the second after the rewrite */
	REQUIRE(md.nlog == 4);
	CHECK_EQ(amdvi_cmd_opcode(&md.log[0]), AMDVI_CMD_INV_IOMMU_ALL);
	CHECK_EQ(amdvi_cmd_opcode(&md.log[1]), AMDVI_CMD_COMPLETION_WAIT);
	CHECK_EQ(amdvi_cmd_opcode(&md.log[2]), AMDVI_CMD_INV_IOMMU_ALL);
	CHECK_EQ(amdvi_cmd_opcode(&md.log[3]), AMDVI_CMD_COMPLETION_WAIT);
	CHECK_EQ(*m.sem, 2);
	/* the enable comes after the bases */
	u32 ctl_at = 0, dtb_at = 0;
	for (u32 i = 0; i < md.nw; i++) {
		if (md.wlog[i].off == AMDVI_MMIO_DEV_TABLE_BASE)
			dtb_at = i;
		if (md.wlog[i].off == AMDVI_MMIO_CONTROL && (md.wlog[i].v & AMDVI_CONTROL_IOMMU_EN))
			ctl_at = i;
	}
	CHECK(ctl_at > dtb_at);
	amdvi_model_fini(&md);
}

TEST(sl_dma_guard_amdvi_firmware_on_and_no_iasup)
{
	struct amdvi_model md;
	struct sl_dma_mem m;
	struct pp_err e = {0, ""};
	bool on = false;
	amdvi_model_init(&md);
	amdvi_model_set_reg(&md, AMDVI_MMIO_EFR, 0); /* no INVALIDATE_IOMMU_ALL */
	amdvi_model_set_reg(&md, AMDVI_MMIO_CONTROL,
			    AMDVI_CONTROL_IOMMU_EN | AMDVI_CONTROL_CMD_BUF_EN |
				AMDVI_CONTROL_EVT_LOG_EN | AMDVI_CONTROL_GT_EN);
	amdvi_model_set_reg(&md, AMDVI_MMIO_STATUS,
			    AMDVI_STATUS_CMD_BUF_RUN | AMDVI_STATUS_EVT_LOG_RUN);
	amem_init(&md, &m);
	REQUIRE(sl_dma_guard_amdvi(&md.env, &m, ABASE, &on, &e) == PP_OK);
	CHECK(on);
	CHECK(all_deny(&m));
	/* firmware's enables gone, the guard's on */
	CHECK_EQ(amdvi_model_reg(&md, AMDVI_MMIO_CONTROL),
		 AMDVI_CONTROL_IOMMU_EN | AMDVI_CONTROL_CMD_BUF_EN);
	/* the first write turned everything Parapet owns off */
	REQUIRE(md.nw > 0);
	CHECK_EQ(md.wlog[0].off, AMDVI_MMIO_CONTROL);
	CHECK_EQ(md.wlog[0].v, 0);
	/* per-ID invalidation, both passes; a wait every 64 IDs and at the end */
	CHECK_EQ(md.by_op[AMDVI_CMD_INV_DEVTAB_ENTRY], 2 * 65536);
	CHECK_EQ(md.by_op[AMDVI_CMD_INV_INTERRUPT_TABLE], 2 * 65536);
	CHECK_EQ(md.by_op[AMDVI_CMD_INV_IOMMU_PAGES], 2);
	CHECK_EQ(md.by_op[AMDVI_CMD_INV_IOMMU_ALL], 0);
	CHECK_EQ(md.by_op[AMDVI_CMD_COMPLETION_WAIT], 2 * (1024 + 1));
	amdvi_model_fini(&md);
}

TEST(sl_dma_guard_amdvi_failures)
{
	struct amdvi_model md;
	struct sl_dma_mem m;
	struct pp_err e = {0, ""};
	bool on;
	amdvi_model_init(&md);
	amem_init(&md, &m);
	amdvi_model_set_reg(&md, AMDVI_MMIO_EFR, ~0ull);
	CHECK_EQ(sl_dma_guard_amdvi(&md.env, &m, ABASE, &on, &e), PP_EDEVICE);
	CHECK_MSG(&e, "unit 0xfed80000: register 0x30 reads all-ones (no unit)");
	amdvi_model_set_reg(&md, AMDVI_MMIO_EFR, AMDVI_EFR_IA_SUP);
	md.stalled = true; /* never completes */
	CHECK_EQ(sl_dma_guard_amdvi(&md.env, &m, ABASE, &on, &e), PP_ETIMEOUT);
	CHECK_MSG(&e, "register 0x0 did not change in time");
	md.stalled = false;
	/* firmware's rings that never stop */
	amdvi_model_set_reg(&md, AMDVI_MMIO_CONTROL,
			    AMDVI_CONTROL_IOMMU_EN | AMDVI_CONTROL_EVT_LOG_EN);
	amdvi_model_set_reg(&md, AMDVI_MMIO_STATUS, AMDVI_STATUS_EVT_LOG_RUN);
	md.stuck_run = true;
	CHECK_EQ(sl_dma_guard_amdvi(&md.env, &m, ABASE, &on, &e), PP_ETIMEOUT);
	CHECK_MSG(&e, "register 0x2020 did not change in time");
	amdvi_model_fini(&md);
}

/* The hypervisor takes the guarded unit over: IommuEn never cleared, the
 * SL's table kept and rewritten, the rings moved. */
TEST(amdvi_adopt_takes_over_without_disabling)
{
	struct amdvi_model md;
	struct sl_dma_mem m;
	struct pp_err e = {0, ""};
	struct amdvi u;
	bool on;
	amdvi_model_init(&md);
	amdvi_model_set_reg(&md, AMDVI_MMIO_CONTROL, AMDVI_CONTROL_COHERENT);
	amem_init(&md, &m);
	REQUIRE(sl_dma_guard_amdvi(&md.env, &m, ABASE, &on, &e) == PP_OK);
	md.nw = 0;
	md.nlog = 0;
	u32 live = amdvi_model_live(&md);
	REQUIRE(amdvi_adopt(&u, &md.env, ABASE, m.devtab, m.devtab_pa, &e) == PP_OK);
	CHECK(u.dev_table == m.devtab);
	CHECK_EQ(amdvi_model_live(&md), live + 4); /* cmd, evt, irt, sem: no new table */
	/* IommuEn was set in every Control write */
	u32 ctl_writes = 0;
	for (u32 i = 0; i < md.nw; i++)
		if (md.wlog[i].off == AMDVI_MMIO_CONTROL) {
			ctl_writes++;
			CHECK(md.wlog[i].v & AMDVI_CONTROL_IOMMU_EN);
		}
	CHECK_EQ(ctl_writes, 2);
	CHECK_EQ(amdvi_model_reg(&md, AMDVI_MMIO_CONTROL),
		 AMDVI_CONTROL_COHERENT | AMDVI_CONTROL_IOMMU_EN | AMDVI_CONTROL_CMD_BUF_EN |
		     AMDVI_CONTROL_EVT_LOG_EN);
	CHECK_EQ(amdvi_model_reg(&md, AMDVI_MMIO_DEV_TABLE_BASE), m.devtab_pa | 0x1ff);
	CHECK_EQ(amdvi_model_reg(&md, AMDVI_MMIO_CMD_BUF_BASE), u.cmd_hpa | (8ull << 56));
	CHECK_EQ(amdvi_model_reg(&md, AMDVI_MMIO_EVT_LOG_BASE), u.evt_hpa | (8ull << 56));
	CHECK(u.cmd_hpa != m.cmd_pa);
	/* every entry the deny entry with the driver's own interrupt table */
	u32 deny = 0;
	for (u32 i = 0; i < AMDVI_DEV_TABLE_ENTRIES; i++)
		deny +=
		    amdvi_dte_blocks_all(&u.dev_table[i]) && u.dev_table[i].q[2] == (u.irt_hpa | 1);
	CHECK_EQ(deny, 65536);
	REQUIRE(md.nlog == 2);
	CHECK_EQ(amdvi_cmd_opcode(&md.log[0]), AMDVI_CMD_INV_IOMMU_ALL);
	CHECK_EQ(amdvi_cmd_opcode(&md.log[1]), AMDVI_CMD_COMPLETION_WAIT);
	/* the driver works on the adopted table */
	CHECK_EQ(amdvi_attach(&u, 0x18, 1, 0x200000, 4, &e), PP_OK);
	CHECK(!amdvi_dte_blocks_all(&m.devtab[0x18]));
	CHECK_EQ(amdvi_block(&u, 0x18, &e), PP_OK);
	CHECK(amdvi_dte_blocks_all(&m.devtab[0x18]));
	amdvi_model_fini(&md);
}

TEST(amdvi_adopt_refuses_a_unit_not_as_handed_over)
{
	struct amdvi_model md;
	struct sl_dma_mem m;
	struct pp_err e = {0, ""};
	struct amdvi u;
	bool on;
	amdvi_model_init(&md);
	amem_init(&md, &m);
	u32 live = amdvi_model_live(&md);
	/* not enabled at all */
	CHECK_EQ(amdvi_adopt(&u, &md.env, ABASE, m.devtab, m.devtab_pa, &e), PP_EDEVICE);
	CHECK_MSG(&e, "not the unit the secure loader left");
	REQUIRE(sl_dma_guard_amdvi(&md.env, &m, ABASE, &on, &e) == PP_OK);
	u64 ctl = amdvi_model_reg(&md, AMDVI_MMIO_CONTROL);
	md.nw = 0;
	/* another table than the handoff says */
	CHECK_EQ(amdvi_adopt(&u, &md.env, ABASE, m.devtab, m.devtab_pa + 0x1000, &e), PP_EDEVICE);
	CHECK_MSG(&e, "device table base");
	CHECK_EQ(md.nw, 0); /* nothing written */
	CHECK_EQ(amdvi_model_reg(&md, AMDVI_MMIO_CONTROL), ctl);
	CHECK_EQ(amdvi_model_live(&md), live);
	/* a smaller table */
	amdvi_model_set_reg(&md, AMDVI_MMIO_DEV_TABLE_BASE, m.devtab_pa | 0xff);
	CHECK_EQ(amdvi_adopt(&u, &md.env, ABASE, m.devtab, m.devtab_pa, &e), PP_EDEVICE);
	amdvi_model_set_reg(&md, AMDVI_MMIO_DEV_TABLE_BASE, m.devtab_pa | 0x1ff);
	CHECK_EQ(amdvi_adopt(&u, &md.env, 0x123, m.devtab, m.devtab_pa, &e), PP_EINVAL);
	CHECK_EQ(amdvi_adopt(&u, &md.env, ABASE, NULL, m.devtab_pa, &e), PP_EINVAL);
	/* rings that never stop: IommuEn stays on, the unit blocks */
	md.stuck_run = true;
	CHECK_EQ(amdvi_adopt(&u, &md.env, ABASE, m.devtab, m.devtab_pa, &e), PP_ETIMEOUT);
	CHECK(amdvi_model_reg(&md, AMDVI_MMIO_CONTROL) & AMDVI_CONTROL_IOMMU_EN);
	CHECK(amdvi_dte_blocks_all(&m.devtab[7]));
	amdvi_model_fini(&md);
}

/* ---- VT-d ---- */

#define VBASE 0xfed90000ull
#define VCAP (VTD_CAP_SAGAW_39 | (0x22ull << VTD_CAP_FRO_SHIFT))
#define VECAP ((0x50ull << VTD_ECAP_IRO_SHIFT) | VTD_ECAP_QI) /* IOTLB at 0x508 */

static u8 root_page[4096] __attribute__((aligned(4096)));

static void vmem(struct sl_dma_mem *m)
{
	memset(m, 0, sizeof(*m));
	memset(root_page, 0xa5, sizeof(root_page)); /* whatever launch left */
	m->root = root_page;
	m->root_pa = (u64)(uintptr_t)root_page;
}

TEST(sl_dma_guard_vtd_blocks_every_device)
{
	struct vtd_model md;
	struct sl_dma_mem m;
	struct pp_err e = {0, ""};
	bool on = true;
	vtd_model_init(&md, VCAP | VTD_CAP_RWBF, VECAP, 0);
	vmem(&m);
	REQUIRE(sl_dma_guard_vtd(&md.env, &m, VBASE, &on, &e) == PP_OK);
	CHECK(!on);
	u32 nz = 0;
	for (u32 i = 0; i < 4096; i++)
		nz += root_page[i] != 0;
	CHECK_EQ(nz, 0); /* no root entry present */
	CHECK_EQ(vtd_model_rd64(&md, VTD_RTADDR_REG), m.root_pa);
	CHECK(vtd_model_rd32(&md, VTD_GSTS_REG) & VTD_GSTS_TES);
	CHECK_EQ(md.ccmd_n, 1);
	CHECK_EQ(md.ccmd_last, VTD_CCMD_ICC | VTD_CCMD_CIRG_GLOBAL);
	CHECK_EQ(md.iotlb_n, 1);
	CHECK_EQ(md.iotlb_last,
		 VTD_IOTLB_IVT | VTD_IOTLB_IIRG_GLOBAL | VTD_IOTLB_DR | VTD_IOTLB_DW);
	CHECK_EQ(md.multi_cmd, 0);
	/* WBF, SRTP, TE: in that order, TE last */
	REQUIRE(md.ngcmd == 3);
	CHECK(md.gcmd[0] & VTD_GCMD_WBF);
	CHECK(md.gcmd[1] & VTD_GCMD_SRTP);
	CHECK(md.gcmd[2] & VTD_GCMD_TE);
	CHECK_EQ(md.srtp_te, 0);
}

TEST(sl_dma_guard_vtd_firmware_on)
{
	struct vtd_model md;
	struct sl_dma_mem m;
	struct pp_err e = {0, ""};
	bool on = false;
	/* firmware translating with queued invalidation on, its queue empty */
	vtd_model_init(&md, VCAP, VECAP, VTD_GSTS_TES | VTD_GSTS_QIES);
	vmem(&m);
	REQUIRE(sl_dma_guard_vtd(&md.env, &m, VBASE, &on, &e) == PP_OK);
	CHECK(on);
	/* TE never cleared: QIE off, then SRTP with TE on; no TE command */
	REQUIRE(md.ngcmd == 2);
	CHECK(!(md.gcmd[0] & VTD_GCMD_QIE));
	for (u32 i = 0; i < md.ngcmd; i++)
		CHECK(md.gcmd[i] & VTD_GCMD_TE);
	CHECK_EQ(md.srtp_te, 1);
	CHECK_EQ(md.ccmd_n, 1);
	CHECK_EQ(md.iotlb_n, 1);
	CHECK_EQ(vtd_model_rd32(&md, VTD_GSTS_REG) & (VTD_GSTS_TES | VTD_GSTS_QIES), VTD_GSTS_TES);
}

TEST(sl_dma_guard_vtd_failures)
{
	struct vtd_model md;
	struct sl_dma_mem m;
	struct pp_err e = {0, ""};
	bool on;
	vtd_model_init(&md, VCAP, VECAP, 0);
	vmem(&m);
	vtd_model_set32(&md, VTD_VER_REG, 0xffffffffu);
	CHECK_EQ(sl_dma_guard_vtd(&md.env, &m, VBASE, &on, &e), PP_EDEVICE);
	CHECK_MSG(&e, "unit 0xfed90000: register 0x0 reads all-ones");
	vtd_model_init(&md, VCAP, VECAP, 0);
	md.gsts_stuck = true;
	CHECK_EQ(sl_dma_guard_vtd(&md.env, &m, VBASE, &on, &e), PP_ETIMEOUT);
	CHECK_MSG(&e, "register 0x1c did not change in time");
	CHECK(!(vtd_model_rd32(&md, VTD_GSTS_REG) & VTD_GSTS_TES));
	vtd_model_init(&md, VCAP, VECAP, 0);
	md.reg_inv_stuck = true;
	CHECK_EQ(sl_dma_guard_vtd(&md.env, &m, VBASE, &on, &e), PP_ETIMEOUT);
	CHECK_MSG(&e, "register 0x28 did not change in time");
	CHECK(!(vtd_model_rd32(&md, VTD_GSTS_REG) & VTD_GSTS_TES)); /* not on untested */
	/* firmware's queue that never drains */
	vtd_model_init(&md, VCAP, VECAP, VTD_GSTS_QIES);
	vtd_model_set64(&md, VTD_IQT_REG, 5ull << VTD_IQ_INDEX_SHIFT);
	md.queue_stuck = true;
	CHECK_EQ(sl_dma_guard_vtd(&md.env, &m, VBASE, &on, &e), PP_ETIMEOUT);
	CHECK_MSG(&e, "register 0x80 did not change in time");
}
