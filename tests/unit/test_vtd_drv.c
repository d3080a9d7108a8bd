// SPDX-License-Identifier: GPL-2.0-only
/* The VT-d unit driver against the register model (vtd_model.h): bring-up
 * to default deny (GSTS, root table, the exact GCMD writes and descriptor
 * sequence), refusals, firmware's translation left on, context entries of
 * attach/block as exact words with their invalidations, timeouts within
 * the budget, queue errors and wrap-around, fault record decoding and
 * draining (several records, wrap from FRI, PFO). */
#include <parapet/acpi.h>
#include "hypervisor/drivers/iommu/vtd.h"
#include "hypervisor/drivers/iommu/vtd_qi.h"
#include "unit.h"
#include "vtd_model.h"

#define FRO 0x400u
/* QEMU-like: 48- and 39-bit tables, MGAW 48, ND 2 (256 domains), 2M/1G,
 * three fault records at 0x400. */
#define CAP                                                                                        \
	(VTD_CAP_SAGAW_39 | VTD_CAP_SAGAW_48 | (47ull << VTD_CAP_MGAW_SHIFT) | 2ull |              \
	 ((u64)(FRO / 16) << VTD_CAP_FRO_SHIFT) | (2ull << VTD_CAP_NFR_SHIFT) | VTD_CAP_SLLPS_2M | \
	 VTD_CAP_SLLPS_1G)
#define ECAP (VTD_ECAP_QI | VTD_ECAP_C)

/* Descriptor words the driver must produce. */
#define CC_GLOBAL 0x11ull			   /* type 1, G 01 */
#define IOTLB_GLOBAL (0x2ull | 0x10 | 0x40 | 0x80) /* type 2, G 01, DW, DR */
#define CC_DEV(did, sid) (0x1ull | 0x30 | ((u64)(did) << 16) | ((u64)(sid) << 32))
#define IOTLB_DOM(did) (0x2ull | 0x20 | 0x40 | 0x80 | ((u64)(did) << 16))
#define WAIT(seq) (0x5ull | 0x20 | 0x40 | ((u64)(seq) << 32)) /* type 5, SW, FN */

static int up(struct vtd *u, struct vtd_model *m, u64 cap, u64 ecap, u32 gsts)
{
	struct pp_err err;
	vtd_model_init(m, cap, ecap, gsts);
	return vtd_init(u, &m->env, 0xfed90000ull, &err);
}

static void teardown(struct vtd *u, struct vtd_model *m)
{
	for (u32 b = 0; b < VTD_BUSES; b++)
		if (u->ctx[b])
			m->env.free(m, u->ctx[b], u->ctx_hpa[b], 1);
	if (u->root)
		m->env.free(m, u->root, u->root_hpa, 1);
	vtd_qi_free(u);
}

TEST(vtd_init_default_deny)
{
	static struct vtd u;
	static struct vtd_model m;
	REQUIRE(up(&u, &m, CAP, ECAP, 0) == PP_OK);
	/* Translation and the queue on, the root pointer set. */
	CHECK_EQ(vtd_model_rd32(&m, VTD_GSTS_REG), VTD_GSTS_TES | VTD_GSTS_QIES | VTD_GSTS_RTPS);
	CHECK_EQ(vtd_model_rd64(&m, VTD_RTADDR_REG), u.root_hpa);
	CHECK_EQ(u.root_hpa & 0xfff, 0);
	/* Every root entry absent: every DMA faults (reason 1). */
	const u8 *root = (const u8 *)u.root;
	u32 nonzero = 0;
	for (u32 i = 0; i < 4096; i++)
		nonzero += root[i] != 0;
	CHECK_EQ(nonzero, 0);
	/* Exactly three commands, one bit each, the §11.4.4.1 way. */
	REQUIRE(m.ngcmd == 3);
	CHECK_EQ(m.gcmd[0], VTD_GCMD_SRTP);
	CHECK_EQ(m.gcmd[1], VTD_GCMD_QIE); /* RTPS not carried: a one-shot's status */
	CHECK_EQ(m.gcmd[2], VTD_GCMD_QIE | VTD_GCMD_TE);
	CHECK_EQ(m.multi_cmd, 0);
	/* The queue: one page, 128-bit descriptors; global invalidations and a
	 * wait whose status write landed. */
	CHECK_EQ(vtd_model_rd64(&m, VTD_IQA_REG), u.qi.ring_hpa);
	REQUIRE(m.ndesc == 3);
	CHECK_EQ(m.desc_lo[0], CC_GLOBAL);
	CHECK_EQ(m.desc_hi[0], 0);
	CHECK_EQ(m.desc_lo[1], IOTLB_GLOBAL);
	CHECK_EQ(m.desc_hi[1], 0);
	CHECK_EQ(m.desc_lo[2], WAIT(1));
	CHECK_EQ(m.desc_hi[2], u.qi.status_hpa);
	CHECK_EQ(*u.qi.status, 1);
	CHECK_EQ(vtd_model_rd64(&m, VTD_IQT_REG), 3 << 4);
	CHECK_EQ(vtd_model_rd32(&m, VTD_FECTL_REG), VTD_FECTL_IM);
	/* What the unit is. */
	CHECK_EQ(vtd_depth(&u), 4);
	CHECK_EQ(vtd_leaf_mask(&u), PT_LEAF_4K | PT_LEAF_2M | PT_LEAF_1G);
	CHECK_EQ(u.domains, 256);
	CHECK_EQ(u.nfr, 3);
	CHECK_EQ(u.fro, FRO);
	CHECK(!u.fw_te);
	CHECK_EQ(u.n.commands, 3);
	CHECK_EQ(u.n.descriptors, 3);
	CHECK_EQ(u.n.waits, 1);
	CHECK_EQ(u.n.timeouts, 0);
	teardown(&u, &m);
	CHECK_EQ(m.live_pages, 0);
}

TEST(vtd_init_refusals)
{
	static struct vtd u;
	static struct vtd_model m;
	struct pp_err err;
	/* No queued invalidation. */
	vtd_model_init(&m, CAP, VTD_ECAP_C, 0);
	CHECK_EQ(vtd_init(&u, &m.env, 0xfed90000ull, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "vtd 0xfed90000: ECAP 0x0000000000000001 has no queued invalidation");
	CHECK_EQ(m.ngcmd, 0);
	CHECK_EQ(m.live_pages, 0);
	/* 57-bit 5-level tables only. */
	vtd_model_init(&m, (CAP & ~VTD_CAP_SAGAW_MASK) | VTD_CAP_SAGAW_57, ECAP, 0);
	CHECK_EQ(vtd_init(&u, &m.env, 0xfed90000ull, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "CAP.SAGAW 0x8 offers neither 39-bit 3-level (bit 1) nor 48-bit");
	CHECK_EQ(m.ngcmd, 0);
	/* No unit: all-ones. */
	vtd_model_init(&m, CAP, ECAP, 0);
	vtd_model_set32(&m, VTD_VER_REG, 0xFFFFFFFFu);
	CHECK_EQ(vtd_init(&u, &m.env, 0xfed90000ull, &err), PP_EDEVICE);
	CHECK_MSG(&err, "VER_REG 0xffffffff (no unit)");
	/* Fault records over the registers; reserved ND. */
	vtd_model_init(&m, (CAP & ~VTD_CAP_FRO_MASK) | (1ull << VTD_CAP_FRO_SHIFT), ECAP, 0);
	CHECK_EQ(vtd_init(&u, &m.env, 0xfed90000ull, &err), PP_EDEVICE);
	CHECK_MSG(&err, "CAP.FRO 0x10");
	vtd_model_init(&m, CAP | 7ull, ECAP, 0);
	CHECK_EQ(vtd_init(&u, &m.env, 0xfed90000ull, &err), PP_EDEVICE);
	CHECK_MSG(&err, "CAP.ND 7 is reserved");
	CHECK_EQ(m.live_pages, 0);
	/* No large pages: 4 KiB leaves only; 2 MiB without 1 GiB. */
	REQUIRE(up(&u, &m, CAP & ~(VTD_CAP_SLLPS_2M | VTD_CAP_SLLPS_1G), ECAP, 0) == PP_OK);
	CHECK_EQ(vtd_leaf_mask(&u), PT_LEAF_4K);
	teardown(&u, &m);
	REQUIRE(up(&u, &m, CAP & ~VTD_CAP_SLLPS_1G, ECAP, 0) == PP_OK);
	CHECK_EQ(vtd_leaf_mask(&u), PT_LEAF_4K | PT_LEAF_2M);
	teardown(&u, &m);
}

TEST(vtd_depth3_unit)
{
	/* QEMU's default aw-bits=39: SAGAW 39-bit only -> 3-level tables, the
	 * context entry's AW 1. */
	static struct vtd u;
	static struct vtd_model m;
	struct pp_err err;
	REQUIRE(up(&u, &m,
		   (CAP & ~VTD_CAP_SAGAW_48 & ~VTD_CAP_MGAW_MASK) | (38ull << VTD_CAP_MGAW_SHIFT),
		   ECAP, 0) == PP_OK);
	CHECK_EQ(vtd_depth(&u), 3);
	REQUIRE(vtd_attach(&u, 0x0018, 1, 0x3000, &err) == PP_OK);
	CHECK_EQ(u.ctx[0][0x18].lo, 0x3000ull | 1);
	CHECK_EQ(u.ctx[0][0x18].hi, 1 | (1 << 8));
	teardown(&u, &m);
	CHECK_EQ(m.live_pages, 0);
}

TEST(vtd_init_firmware_left_translation_on)
{
	static struct vtd u;
	static struct vtd_model m;
	/* Firmware: TE and its own queue on (head == tail: idle). */
	vtd_model_init(&m, CAP, ECAP, VTD_GSTS_TES | VTD_GSTS_QIES | VTD_GSTS_RTPS);
	vtd_model_set64(&m, VTD_IQH_REG, 5 << 4);
	vtd_model_set64(&m, VTD_IQT_REG, 5 << 4);
	struct pp_err err;
	REQUIRE(vtd_init(&u, &m.env, 0xfed90000ull, &err) == PP_OK);
	CHECK(u.fw_te);
	/* TE is never cleared: every write keeps it; no TE command at the end. */
	REQUIRE(m.ngcmd == 3);
	CHECK_EQ(m.gcmd[0], VTD_GCMD_TE);		  /* QIE off, TE kept */
	CHECK_EQ(m.gcmd[1], VTD_GCMD_TE | VTD_GCMD_SRTP); /* our root table under TE */
	CHECK_EQ(m.gcmd[2], VTD_GCMD_TE | VTD_GCMD_QIE);  /* our queue */
	for (u32 i = 0; i < m.ngcmd; i++)
		CHECK(m.gcmd[i] & VTD_GCMD_TE);
	CHECK_EQ(m.multi_cmd, 0);
	CHECK_EQ(vtd_model_rd64(&m, VTD_RTADDR_REG), u.root_hpa);
	/* The caches forgotten after the switch. */
	REQUIRE(m.ndesc == 3);
	CHECK_EQ(m.desc_lo[0], CC_GLOBAL);
	CHECK_EQ(m.desc_lo[1], IOTLB_GLOBAL);
	CHECK_EQ(vtd_model_rd32(&m, VTD_GSTS_REG), VTD_GSTS_TES | VTD_GSTS_QIES | VTD_GSTS_RTPS);
	teardown(&u, &m);

	/* Firmware's queue never drains: timeout, TE untouched. */
	vtd_model_init(&m, CAP, ECAP, VTD_GSTS_TES | VTD_GSTS_QIES);
	m.queue_stuck = true;
	vtd_model_set64(&m, VTD_IQT_REG, 5 << 4);
	CHECK_EQ(vtd_init(&u, &m.env, 0xfed90000ull, &err), PP_ETIMEOUT);
	CHECK_MSG(&err, "firmware's invalidation queue not drained in 100000 us");
	CHECK_EQ(m.ngcmd, 0);
	CHECK_EQ(m.live_pages, 0);
}

TEST(vtd_init_unit_that_does_not_answer)
{
	static struct vtd u;
	static struct vtd_model m;
	struct pp_err err;
	vtd_model_init(&m, CAP, ECAP, 0);
	m.gsts_stuck = true;
	CHECK_EQ(vtd_init(&u, &m.env, 0xfed90000ull, &err), PP_ETIMEOUT);
	CHECK_MSG(&err, "vtd 0xfed90000: SRTP: GSTS 0x00000000, bit 0x40000000 not set after "
			"100000 us");
	/* Within the budget: at most one tick past it. */
	CHECK(m.now_us >= IOMMU_TIMEOUT_US);
	CHECK(m.now_us <= IOMMU_TIMEOUT_US + m.tick_us);
	CHECK_EQ(u.n.timeouts, 1);
	CHECK_EQ(m.ngcmd, 1);
	/* The root page stays (the unit may hold the pointer): free it here. */
	teardown(&u, &m);
	CHECK_EQ(m.live_pages, 0);
}

static u64 ctx_lo(const struct vtd *u, u16 rid)
{
	return u->ctx[rid >> 8][rid & 0xFF].lo;
}

static u64 ctx_hi(const struct vtd *u, u16 rid)
{
	return u->ctx[rid >> 8][rid & 0xFF].hi;
}

TEST(vtd_attach_block_entries_and_descriptors)
{
	static struct vtd u;
	static struct vtd_model m;
	struct pp_err err;
	REQUIRE(up(&u, &m, CAP, ECAP, 0) == PP_OK);
	u32 d0 = m.ndesc;
	u16 rid = 0x0118; /* 01:03.0 */
	u64 slpt = 0x12345000ull;
	REQUIRE(vtd_attach(&u, rid, 7, slpt, &err) == PP_OK);
	/* Root entry of bus 1 -> its context table; others absent. */
	REQUIRE(u.ctx[1] != NULL);
	CHECK_EQ(u.root[1].lo, u.ctx_hpa[1] | 1);
	CHECK_EQ(u.root[1].hi, 0);
	CHECK_EQ(u.root[0].lo, 0);
	CHECK_EQ(u.root[2].lo, 0);
	/* Context entry: P, TT 00, SLPTPTR; AW 2 (48-bit), DID 7. */
	CHECK_EQ(ctx_lo(&u, rid), slpt | 1);
	CHECK_EQ(ctx_hi(&u, rid), 2 | (7 << 8));
	CHECK_EQ(ctx_lo(&u, rid + 1), 0);
	REQUIRE(m.ndesc == d0 + 3);
	CHECK_EQ(m.desc_lo[d0], CC_DEV(7, rid));
	CHECK_EQ(m.desc_lo[d0 + 1], IOTLB_DOM(7));
	CHECK_EQ(m.desc_lo[d0 + 2], WAIT(2));
	/* The same attach again: nothing to do. */
	REQUIRE(vtd_attach(&u, rid, 7, slpt, &err) == PP_OK);
	CHECK_EQ(m.ndesc, d0 + 3);

	/* Block: both words 0, invalidation under the old domain. */
	REQUIRE(vtd_block(&u, rid, &err) == PP_OK);
	CHECK_EQ(ctx_lo(&u, rid), 0);
	CHECK_EQ(ctx_hi(&u, rid), 0);
	REQUIRE(m.ndesc == d0 + 6);
	CHECK_EQ(m.desc_lo[d0 + 3], CC_DEV(7, rid));
	CHECK_EQ(m.desc_lo[d0 + 4], IOTLB_DOM(7));
	CHECK_EQ(m.desc_lo[d0 + 5], WAIT(3));
	/* Blocking what is blocked (or never attached) queues nothing. */
	REQUIRE(vtd_block(&u, rid, &err) == PP_OK);
	REQUIRE(vtd_block(&u, 0x0500, &err) == PP_OK);
	CHECK_EQ(m.ndesc, d0 + 6);

	/* Re-attach to another domain: blocked first, then attached. */
	REQUIRE(vtd_attach(&u, rid, 7, slpt, &err) == PP_OK);
	u32 d1 = m.ndesc;
	REQUIRE(vtd_attach(&u, rid, 9, 0x777000ull, &err) == PP_OK);
	CHECK_EQ(ctx_lo(&u, rid), 0x777000ull | 1);
	CHECK_EQ(ctx_hi(&u, rid), 2 | (9 << 8));
	REQUIRE(m.ndesc == d1 + 6);
	CHECK_EQ(m.desc_lo[d1], CC_DEV(7, rid));
	CHECK_EQ(m.desc_lo[d1 + 1], IOTLB_DOM(7));
	CHECK_EQ(m.desc_lo[d1 + 3], CC_DEV(9, rid));
	CHECK_EQ(m.desc_lo[d1 + 4], IOTLB_DOM(9));
	/* A second device on the bus shares the context table. */
	u64 ctx1 = u.ctx_hpa[1];
	REQUIRE(vtd_attach(&u, 0x0100, 9, 0x777000ull, &err) == PP_OK);
	CHECK_EQ(u.ctx_hpa[1], ctx1);
	/* Flush of a domain: one IOTLB descriptor and a wait. */
	u32 d2 = m.ndesc;
	REQUIRE(vtd_flush_domain(&u, 9, &err) == PP_OK);
	REQUIRE(m.ndesc == d2 + 2);
	CHECK_EQ(m.desc_lo[d2], IOTLB_DOM(9));
	CHECK_EQ(m.desc_lo[d2 + 1] & 0xFFFFFFFFull, WAIT(0));
	CHECK_EQ(m.multi_cmd, 0);
	teardown(&u, &m);
	CHECK_EQ(m.live_pages, 0);
}

TEST(vtd_attach_caching_mode_and_refusals)
{
	static struct vtd u;
	static struct vtd_model m;
	struct pp_err err;
	/* Caching mode: the context-cache invalidation names domain 0. */
	REQUIRE(up(&u, &m, CAP | VTD_CAP_CM, ECAP, 0) == PP_OK);
	u32 d0 = m.ndesc;
	REQUIRE(vtd_attach(&u, 0x0010, 3, 0x5000, &err) == PP_OK);
	CHECK_EQ(m.desc_lo[d0], CC_DEV(0, 0x0010));
	CHECK_EQ(m.desc_lo[d0 + 1], IOTLB_DOM(3));
	/* Refusals change nothing and queue nothing. */
	u32 d1 = m.ndesc;
	CHECK_EQ(vtd_attach(&u, 0x0020, 0, 0x5000, &err), PP_ERANGE);
	CHECK_MSG(&err, "domain 0 outside 1..255 (CAP.ND 2)");
	CHECK_EQ(vtd_attach(&u, 0x0020, 256, 0x5000, &err), PP_ERANGE);
	CHECK_EQ(vtd_flush_domain(&u, 0, &err), PP_ERANGE);
	CHECK_EQ(vtd_attach(&u, 0x0020, 4, 0x5800, &err), PP_EINVAL);
	CHECK_MSG(&err, "00:04.0: second-level root 0x5800 is not a 4 KiB page below 2^52");
	CHECK_EQ(vtd_attach(&u, 0x0020, 4, 1ull << 52, &err), PP_EINVAL);
	CHECK_EQ(vtd_attach(&u, 0x0020, 4, 0, &err), PP_EINVAL);
	CHECK_EQ(m.ndesc, d1);
	CHECK_EQ(ctx_lo(&u, 0x0020), 0);
	teardown(&u, &m);
	CHECK_EQ(m.live_pages, 0);
	/* Before init. */
	static struct vtd none;
	CHECK_EQ(vtd_block(&none, 0x10, &err), PP_EINVAL);
	CHECK_MSG(&err, "unit not initialised");
}

TEST(vtd_queue_timeout_error_and_wrap)
{
	static struct vtd u;
	static struct vtd_model m;
	struct pp_err err;
	REQUIRE(up(&u, &m, CAP, ECAP, 0) == PP_OK);
	/* A unit that never completes: the wait gives up within the budget. */
	m.queue_stuck = true;
	u64 t0 = m.now_us;
	CHECK_EQ(vtd_flush_domain(&u, 5, &err), PP_ETIMEOUT);
	CHECK_MSG(&err, "invalidation wait 2 not completed in 100000 us (status 0x1");
	CHECK(m.now_us - t0 >= IOMMU_TIMEOUT_US);
	CHECK(m.now_us - t0 <= IOMMU_TIMEOUT_US + m.tick_us);
	CHECK_EQ(u.n.timeouts, 1);
	/* It catches up later: the next wait completes (and the stale one). */
	m.queue_stuck = false;
	CHECK_EQ(vtd_flush_domain(&u, 5, &err), PP_OK);
	CHECK_EQ(*u.qi.status, 3);

	/* A descriptor the unit refuses (FSTS.IQE): a device error, no hang. */
	m.iqe_on_wait = true;
	CHECK_EQ(vtd_flush_domain(&u, 5, &err), PP_EDEVICE);
	CHECK_MSG(&err, "invalidation queue error (FSTS.IQE) waiting for completion");
	m.iqe_on_wait = false;
	vtd_model_set32(&m, VTD_FSTS_REG, 0);
	teardown(&u, &m);

	/* 200 flushes: 400 descriptors wrap the 256-slot ring. */
	REQUIRE(up(&u, &m, CAP, ECAP, 0) == PP_OK);
	for (u32 i = 0; i < 200; i++)
		REQUIRE(vtd_flush_domain(&u, (u16)(1 + i % 200), &err) == PP_OK);
	CHECK_EQ(m.ndesc, 3 + 400);
	CHECK_EQ(u.qi.tail, (3 + 400) % 256);
	CHECK_EQ(u.n.waits, 201);
	CHECK_EQ(*u.qi.status, 201);
	/* A full ring that never drains: submit gives up. */
	m.queue_stuck = true;
	int rc = PP_OK;
	for (u32 i = 0; i < 300 && rc == PP_OK; i++)
		rc = vtd_qi_submit(&u, vtd_qi_iotlb_domain(1), 0, &err);
	CHECK_EQ(rc, PP_ETIMEOUT);
	CHECK_MSG(&err, "invalidation queue full for 100000 us");
	teardown(&u, &m);
	CHECK_EQ(m.live_pages, 0);
}

TEST(vtd_fault_decode_records)
{
	struct iommu_fault f;
	struct pp_err err;
	/* A read from 01:03.0 at 0x12345678abc refused for lack of R. */
	u64 hi = VTD_FRCD_F | VTD_FRCD_T | (0x06ull << 32) | 0x0118;
	REQUIRE(vtd_fault_decode(0x12345678abcull, hi, &f, &err) == PP_OK);
	CHECK_EQ(f.unit_type, ACPI_IOMMU_VTD);
	CHECK_EQ(f.rid, 0x0118);
	CHECK_EQ(f.addr, 0x12345678000ull);
	CHECK_EQ(f.access, IOMMU_ACC_READ);
	CHECK_EQ(f.code, 6);
	CHECK_EQ(f.flags, 0);
	CHECK(strcmp(vtd_fault_name(f.code), "read-denied") == 0);
	/* A write (T 0) to an absent root entry, with EXE, PRIV and a PASID. */
	hi = VTD_FRCD_F | (0x01ull << 32) | VTD_FRCD_EXE | VTD_FRCD_PRIV | VTD_FRCD_PP |
	     (0xABCDEull << 40) | 0xFFFF;
	REQUIRE(vtd_fault_decode(0xFFFFFFFFFFFFFFFFull, hi, &f, &err) == PP_OK);
	CHECK_EQ(f.rid, 0xFFFF);
	CHECK_EQ(f.addr, 0xFFFFFFFFFFFFF000ull);
	CHECK_EQ(f.access, IOMMU_ACC_WRITE | IOMMU_ACC_EXEC);
	CHECK_EQ(f.code, 1);
	CHECK_EQ(f.flags, VTD_FAULT_PASID | VTD_FAULT_PRIV);
	CHECK(strcmp(vtd_fault_name(f.code), "root-not-present") == 0);
	/* Interrupt-remapping reason: the address is an index. */
	REQUIRE(vtd_fault_decode(0x5ull << 48, VTD_FRCD_F | (0x22ull << 32), &f, &err) == PP_OK);
	CHECK_EQ(f.flags, VTD_FAULT_IRQ_INDEX);
	CHECK(strcmp(vtd_fault_name(0x22), "irq-entry-not-present") == 0);
	/* F clear: refused, *f untouched. */
	struct iommu_fault before = f;
	CHECK_EQ(vtd_fault_decode(0x1000, (0x05ull << 32) | 0x10, &f, &err), PP_EINVAL);
	CHECK_MSG(&err, "F (bit 127) clear, no fault");
	CHECK(f.rid == before.rid && f.addr == before.addr && f.code == before.code &&
	      f.access == before.access && f.flags == before.flags);
	/* Names. */
	CHECK(strcmp(vtd_fault_name(2), "context-not-present") == 0);
	CHECK(strcmp(vtd_fault_name(5), "write-denied") == 0);
	CHECK(strcmp(vtd_fault_name(0x0D), "translation-type-blocked") == 0);
	CHECK(strcmp(vtd_fault_name(0x26), "irq-source-id-mismatch") == 0);
	CHECK(strcmp(vtd_fault_name(0), "unknown") == 0);
	CHECK(strcmp(vtd_fault_name(0x0E), "unknown") == 0);
	CHECK(strcmp(vtd_fault_name(0x30), "unknown") == 0);
	CHECK(strcmp(vtd_fault_name(0xFFFFFFFFu), "unknown") == 0);
}

struct seen_faults {
	struct iommu_fault f[8];
	u32 n;
};

static void collect(void *ctx, const struct iommu_fault *f)
{
	struct seen_faults *s = ctx;
	if (s->n < 8)
		s->f[s->n] = *f;
	s->n++;
}

static u64 frcd_hi(const struct vtd_model *m, u32 i)
{
	return vtd_model_rd64(m, FRO + i * 16 + 8);
}

TEST(vtd_drain_records_and_overflow)
{
	static struct vtd u;
	static struct vtd_model m;
	REQUIRE(up(&u, &m, CAP, ECAP, 0) == PP_OK);
	struct seen_faults s = {0};
	CHECK_EQ(vtd_drain(&u, collect, &s), 0);
	CHECK_EQ(s.n, 0);
	/* Three records, FRI 1: drained 1, 2, then wrapping to 0. */
	vtd_model_fault(&m, 1, 0x1000, VTD_FRCD_F | VTD_FRCD_T | (0x02ull << 32) | 0x0010);
	vtd_model_fault(&m, 2, 0x2000, VTD_FRCD_F | (0x05ull << 32) | 0x0018);
	vtd_model_fault(&m, 0, 0x3000, VTD_FRCD_F | VTD_FRCD_T | (0x06ull << 32) | 0x0020);
	vtd_model_set32(&m, VTD_FSTS_REG,
			vtd_model_rd32(&m, VTD_FSTS_REG) | VTD_FSTS_PFO | (1u << 8));
	CHECK(vtd_model_rd32(&m, VTD_FSTS_REG) & VTD_FSTS_PPF);
	CHECK_EQ(vtd_drain(&u, collect, &s), 4);
	REQUIRE(s.n == 4);
	CHECK_EQ(s.f[0].rid, 0x0010);
	CHECK_EQ(s.f[0].code, 2);
	CHECK_EQ(s.f[0].access, IOMMU_ACC_READ);
	CHECK_EQ(s.f[0].addr, 0x1000);
	CHECK_EQ(s.f[1].rid, 0x0018);
	CHECK_EQ(s.f[1].access, IOMMU_ACC_WRITE);
	CHECK_EQ(s.f[2].rid, 0x0020);
	CHECK_EQ(s.f[2].addr, 0x3000);
	CHECK_EQ(s.f[3].flags, VTD_FAULT_OVERFLOW);
	CHECK_EQ(s.f[3].rid, 0);
	CHECK_EQ(s.f[3].unit_type, ACPI_IOMMU_VTD);
	/* Every F cleared, PFO cleared, PPF follows. */
	for (u32 i = 0; i < 3; i++)
		CHECK_EQ(frcd_hi(&m, i) & VTD_FRCD_F, 0);
	CHECK_EQ(vtd_model_rd32(&m, VTD_FSTS_REG) & (VTD_FSTS_PFO | VTD_FSTS_PPF), 0);
	CHECK_EQ(u.n.faults, 3);
	CHECK_EQ(u.n.overflows, 1);
	CHECK_EQ(vtd_drain(&u, collect, &s), 0);

	/* The one-record unit (QEMU): FRI 0 each time, F cleared so the next
	 * fault can be recorded; an FRI beyond NFR is taken modulo NFR. */
	vtd_model_fault(&m, 0, 0x4000, VTD_FRCD_F | (0x05ull << 32) | 0x0028);
	vtd_model_set32(&m, VTD_FSTS_REG, vtd_model_rd32(&m, VTD_FSTS_REG) | (7u << 8));
	s.n = 0;
	CHECK_EQ(vtd_drain(&u, collect, &s), 0); /* 7 % 3 = 1: F clear there, stops */
	CHECK_EQ(s.n, 0);
	CHECK(frcd_hi(&m, 0) & VTD_FRCD_F);
	vtd_model_set32(&m, VTD_FSTS_REG, vtd_model_rd32(&m, VTD_FSTS_REG) & ~(0xFFu << 8));
	CHECK_EQ(vtd_drain(&u, collect, &s), 1);
	CHECK_EQ(s.f[0].addr, 0x4000);
	teardown(&u, &m);
	CHECK_EQ(m.live_pages, 0);
}

TEST(vtd_non_coherent_unit_and_write_buffer_flush)
{
	static struct vtd u;
	static struct vtd_model m;
	struct pp_err err;
	/* No ECAP.C: the driver flushes the lines it writes (clflush; the
	 * model reads memory directly, so only the result is visible). CAP.RWBF:
	 * a write-buffer flush (WBF, one command) before each invalidation. */
	REQUIRE(up(&u, &m, CAP | VTD_CAP_RWBF, VTD_ECAP_QI, 0) == PP_OK);
	CHECK(!u.coherent);
	REQUIRE(m.ngcmd == 4);
	CHECK_EQ(m.gcmd[0], VTD_GCMD_WBF);
	CHECK_EQ(m.gcmd[1], VTD_GCMD_SRTP);
	u32 g0 = m.ngcmd;
	REQUIRE(vtd_attach(&u, 0x0008, 2, 0x9000, &err) == PP_OK);
	CHECK_EQ(ctx_lo(&u, 0x0008), 0x9000ull | 1);
	REQUIRE(m.ngcmd == g0 + 1);
	CHECK_EQ(m.gcmd[g0], VTD_GCMD_QIE | VTD_GCMD_TE | VTD_GCMD_WBF);
	CHECK_EQ(m.multi_cmd, 0);
	teardown(&u, &m);
	CHECK_EQ(m.live_pages, 0);
}
