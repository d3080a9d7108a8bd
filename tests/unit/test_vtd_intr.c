// SPDX-License-Identifier: GPL-2.0-only
/* VT-d interrupt remapping in the driver (vtd_ir_init, vtd_irte_alloc,
 * vtd_irte_set) against the register model (vtd_model.c): IRTA, the exact
 * GCMD writes (SIRTP, then IRE, one command each), the interrupt entry
 * cache descriptors and waits, the entry's words with source-id
 * validation, refusals that write and queue nothing. */
#include "hypervisor/drivers/iommu/vtd.h"
#include "hypervisor/drivers/iommu/vtd_qi.h"
#include "unit.h"
#include "vtd_model.h"

#define CAP                                                                                        \
	(VTD_CAP_SAGAW_39 | VTD_CAP_SAGAW_48 | (47ull << VTD_CAP_MGAW_SHIFT) | 2ull |              \
	 ((u64)(0x400 / 16) << VTD_CAP_FRO_SHIFT))
#define WAIT(seq) (0x5ull | 0x20 | 0x40 | ((u64)(seq) << 32))

static void teardown(struct vtd *u, struct vtd_model *m)
{
	for (u32 b = 0; b < VTD_BUSES; b++)
		if (u->ctx[b])
			m->env.free(m, u->ctx[b], u->ctx_hpa[b], 1);
	if (u->root)
		m->env.free(m, u->root, u->root_hpa, 1);
	if (u->irt)
		m->env.free(m, u->irt, u->irt_hpa, 1);
	vtd_qi_free(u);
}

TEST(vtd_ir_init_exact)
{
	static struct vtd u;
	static struct vtd_model m;
	struct pp_err err;
	vtd_model_init(&m, CAP, VTD_ECAP_QI | VTD_ECAP_C | VTD_ECAP_IR, 0);
	REQUIRE(vtd_init(&u, &m.env, 0xfed90000ull, &err) == PP_OK);
	const u32 ng = m.ngcmd, nd = m.ndesc, seq = u.qi.seq;
	REQUIRE(vtd_ir_init(&u, &err) == PP_OK);
	REQUIRE(u.irt != NULL);
	CHECK_EQ(u.irt_hpa & 0xfff, 0);
	CHECK_EQ(vtd_model_rd64(&m, VTD_IRTA_REG), u.irt_hpa | 7); /* S 7: 256, xAPIC */
	/* Two commands: SIRTP (with TE and QIE kept), then IRE. */
	REQUIRE(m.ngcmd == ng + 2);
	CHECK_EQ(m.gcmd[ng], VTD_GCMD_TE | VTD_GCMD_QIE | VTD_GCMD_SIRTP);
	CHECK_EQ(m.gcmd[ng + 1], VTD_GCMD_TE | VTD_GCMD_QIE | VTD_GCMD_IRE);
	CHECK_EQ(m.multi_cmd, 0);
	CHECK(vtd_model_rd32(&m, VTD_GSTS_REG) & VTD_GSTS_IRES);
	/* Global interrupt entry cache invalidation, then a wait. */
	REQUIRE(m.ndesc == nd + 2);
	CHECK_EQ(m.desc_lo[nd], 0x4ull);
	CHECK_EQ(m.desc_lo[nd + 1], WAIT(seq + 1));
	/* Every entry not present. */
	u32 nz = 0;
	for (u32 i = 0; i < VTD_IRT_ENTRIES; i++)
		nz += u.irt[i].lo != 0 || u.irt[i].hi != 0;
	CHECK_EQ(nz, 0);

	/* An entry: allocated, written, invalidated by index, waited for. */
	u32 idx = 99;
	REQUIRE(vtd_irte_alloc(&u, &idx, &err) == PP_OK);
	CHECK_EQ(idx, 0);
	u32 idx2 = 99;
	REQUIRE(vtd_irte_alloc(&u, &idx2, &err) == PP_OK);
	CHECK_EQ(idx2, 1);
	struct vtd_irte e;
	REQUIRE(vtd_irte_remapped(&e, 0x51, 3, 0x0010, &err) == PP_OK);
	const u32 nd2 = m.ndesc;
	REQUIRE(vtd_irte_set(&u, idx2, &e, &err) == PP_OK);
	CHECK_EQ(u.irt[1].lo, 0x0000030000510001ull);
	CHECK_EQ(u.irt[1].hi, 0x0000000000040010ull);
	CHECK(u.irt[0].lo == 0 && u.irt[2].lo == 0);
	REQUIRE(m.ndesc == nd2 + 2);
	CHECK_EQ(m.desc_lo[nd2], 0x4ull | 0x10ull | (1ull << 32));
	CHECK_EQ(m.desc_hi[nd2], 0);
	CHECK_EQ(m.desc_lo[nd2 + 1] & 0xfull, 0x5ull);
	/* Blocked again, index freed and handed out again. */
	const struct vtd_irte b = vtd_irte_blocked();
	REQUIRE(vtd_irte_set(&u, idx2, &b, &err) == PP_OK);
	CHECK(u.irt[1].lo == 0 && u.irt[1].hi == 0);
	vtd_irte_free(&u, idx2);
	REQUIRE(vtd_irte_alloc(&u, &idx2, &err) == PP_OK);
	CHECK_EQ(idx2, 1);
	teardown(&u, &m);
}

TEST(vtd_ir_refusals)
{
	static struct vtd u;
	static struct vtd_model m;
	struct pp_err err;
	vtd_model_init(&m, CAP, VTD_ECAP_QI | VTD_ECAP_C, 0);
	REQUIRE(vtd_init(&u, &m.env, 0xfed90000ull, &err) == PP_OK);
	const u32 ng = m.ngcmd, nd = m.ndesc;
	CHECK_EQ(vtd_ir_init(&u, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "ECAP.IR clear");
	u32 idx = 7;
	CHECK_EQ(vtd_irte_alloc(&u, &idx, &err), PP_EINVAL);
	CHECK_EQ(idx, 7);
	struct vtd_irte e = {1, 0};
	CHECK_EQ(vtd_irte_set(&u, 0, &e, &err), PP_EINVAL);
	CHECK_EQ(m.ngcmd, ng);
	CHECK_EQ(m.ndesc, nd);
	CHECK(u.irt == NULL);
	teardown(&u, &m);

	/* With IR: an index beyond the table, and a full table. */
	vtd_model_init(&m, CAP, VTD_ECAP_QI | VTD_ECAP_C | VTD_ECAP_IR, 0);
	REQUIRE(vtd_init(&u, &m.env, 0xfed90000ull, &err) == PP_OK);
	REQUIRE(vtd_ir_init(&u, &err) == PP_OK);
	const u32 nd2 = m.ndesc;
	CHECK_EQ(vtd_irte_set(&u, VTD_IRT_ENTRIES, &e, &err), PP_EINVAL);
	CHECK_MSG(&err, "interrupt entry 256");
	CHECK_EQ(m.ndesc, nd2);
	for (u32 i = 0; i < VTD_IRT_ENTRIES; i++)
		REQUIRE(vtd_irte_alloc(&u, &idx, &err) == PP_OK);
	CHECK_EQ(vtd_irte_alloc(&u, &idx, &err), PP_ENOMEM);
	CHECK_MSG(&err, "all 256 interrupt remapping entries in use");
	teardown(&u, &m);
}
