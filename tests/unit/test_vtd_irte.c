// SPDX-License-Identifier: GPL-2.0-only
/* VT-d interrupt remapping (§9.10, §11.4.8.1, §6.5.2.7, §5.1.2.2): exact
 * bits of the remapped IRTE with source-id validation, IRTA, the
 * interrupt entry cache descriptors and the remappable MSI address;
 * refusals that leave the output untouched. */
#include "hypervisor/drivers/iommu/vtd_irte.h"
#include "unit.h"

TEST(vtd_irte_remapped_bits)
{
	struct pp_err err;
	struct vtd_irte e = {0, 0};
	/* P, fixed, edge, physical; vector 0x51 in 23:16; APIC ID 3 in 47:40;
	 * SID 0x0010 (00:02.0) in 79:64, SQ 00b, SVT 01b in 83:82. */
	REQUIRE(vtd_irte_remapped(&e, 0x51, 3, 0x0010, &err) == PP_OK);
	CHECK_EQ(e.lo, 0x0000030000510001ull);
	CHECK_EQ(e.hi, 0x0000000000040010ull);
	struct vtd_irte_info i;
	vtd_irte_decode(&e, &i);
	CHECK(i.p && !i.fpd && !i.dm && !i.rh && !i.tm && !i.im);
	CHECK_EQ(i.dlm, 0);
	CHECK_EQ(i.vector, 0x51);
	CHECK_EQ(i.apic_id, 3);
	CHECK_EQ(i.dst, 0x300);
	CHECK_EQ(i.sid, 0x0010);
	CHECK_EQ(i.sq, 0);
	CHECK_EQ(i.svt, VTD_IRTE_SVT_SID);
	CHECK(!i.reserved_set);
	struct vtd_irte b = vtd_irte_blocked();
	CHECK(b.lo == 0 && b.hi == 0);
	struct vtd_irte r = {1ull << 12, 0};
	vtd_irte_decode(&r, &i);
	CHECK(i.reserved_set);
	r = (struct vtd_irte){0, 1ull << 20};
	vtd_irte_decode(&r, &i);
	CHECK(i.reserved_set);
}

TEST(vtd_irte_refusals)
{
	struct pp_err err;
	struct vtd_irte e = {7, 9};
	CHECK_EQ(vtd_irte_remapped(&e, 0x0f, 0, 0x10, &err), PP_EINVAL);
	CHECK_EQ(vtd_irte_remapped(&e, 0x100, 0, 0x10, &err), PP_EINVAL);
	CHECK_EQ(vtd_irte_remapped(&e, 0x50, 256, 0x10, &err), PP_EINVAL);
	CHECK(e.lo == 7 && e.hi == 9);
	u64 irta = 5;
	CHECK_EQ(vtd_irta(0, &irta, &err), PP_EINVAL);
	CHECK_EQ(vtd_irta(0x1800, &irta, &err), PP_EINVAL);
	CHECK_EQ(irta, 5);
	u64 a = 1;
	u32 d = 1;
	CHECK_EQ(vtd_irte_msi(256, &a, &d, &err), PP_EINVAL);
	CHECK(a == 1 && d == 1);
}

TEST(vtd_irta_and_iec)
{
	struct pp_err err;
	u64 irta = 0;
	REQUIRE(vtd_irta(0x7654000ull, &irta, &err) == PP_OK);
	CHECK_EQ(irta, 0x7654007ull); /* S = 7: 256 entries; EIME clear */
	CHECK_EQ(vtd_qi_iec_global(), 0x4ull);
	/* type 4, G 1 (index), IM 0, IIDX 0x12 in 47:32 */
	CHECK_EQ(vtd_qi_iec_index(0x12), 0x4ull | 0x10ull | (0x12ull << 32));
}

TEST(vtd_irte_msi_for_index)
{
	struct pp_err err;
	u64 a = 0;
	u32 d = 1;
	REQUIRE(vtd_irte_msi(0, &a, &d, &err) == PP_OK);
	CHECK_EQ(a, 0xfee00010ull); /* interrupt format 1, handle 0, SHV 0 */
	CHECK_EQ(d, 0);
	REQUIRE(vtd_irte_msi(5, &a, &d, &err) == PP_OK);
	CHECK_EQ(a, 0xfee00000ull | (5u << 5) | 0x10u);
	REQUIRE(vtd_irte_msi(255, &a, &d, &err) == PP_OK);
	CHECK_EQ(a, 0xfee01ff0ull);
}
