// SPDX-License-Identifier: GPL-2.0-only
/* VT-d interrupt remapping table entries, IRTA, the interrupt entry cache
 * descriptor and remappable MSI addresses (vtd_irte.h). Pure;
 * host-tested (tests/unit/test_vtd_irte.c). */
#include "hypervisor/drivers/iommu/vtd_irte.h"

#define VECTOR_MIN 0x10u /* 0..15: reserved vectors (Intel SDM vol. 3 §6.2) */
#define IRTA_S 7u	 /* 2^(7+1) = 256 entries */
_Static_assert((1u << (IRTA_S + 1)) == VTD_IRT_ENTRIES, "IRTA.S encodes the table size");

int vtd_irte_remapped(struct vtd_irte *e, u32 vector, u32 apic_id, u16 sid, struct pp_err *err)
{
	if (vector < VECTOR_MIN || vector > 0xffu)
		return pp_fail(err, PP_EINVAL, "vtd irte: vector 0x%x is not in 0x10..0xff",
			       vector);
	if (apic_id > 0xffu)
		return pp_fail(err, PP_EINVAL,
			       "vtd irte: APIC ID %u does not fit the xAPIC destination", apic_id);
	e->lo = VTD_IRTE_P | ((u64)vector << VTD_IRTE_V_SHIFT) |
		((u64)apic_id << VTD_IRTE_DST_XAPIC_SHIFT);
	e->hi = (u64)sid | ((u64)VTD_IRTE_SVT_SID << VTD_IRTE_SVT_SHIFT);
	return PP_OK;
}

struct vtd_irte vtd_irte_blocked(void)
{
	return (struct vtd_irte){0, 0};
}

void vtd_irte_decode(const struct vtd_irte *e, struct vtd_irte_info *out)
{
	out->p = (e->lo & VTD_IRTE_P) != 0;
	out->fpd = (e->lo & VTD_IRTE_FPD) != 0;
	out->dm = (e->lo & VTD_IRTE_DM) != 0;
	out->rh = (e->lo & VTD_IRTE_RH) != 0;
	out->tm = (e->lo & VTD_IRTE_TM) != 0;
	out->im = (e->lo & VTD_IRTE_IM) != 0;
	out->dlm = (u32)((e->lo & VTD_IRTE_DLM_MASK) >> VTD_IRTE_DLM_SHIFT);
	out->vector = (u32)((e->lo & VTD_IRTE_V_MASK) >> VTD_IRTE_V_SHIFT);
	out->dst = (u32)((e->lo & VTD_IRTE_DST_MASK) >> VTD_IRTE_DST_SHIFT);
	out->apic_id = (u32)((e->lo >> VTD_IRTE_DST_XAPIC_SHIFT) & 0xffu);
	out->sid = (u16)(e->hi & VTD_IRTE_SID_MASK);
	out->sq = (u32)((e->hi & VTD_IRTE_SQ_MASK) >> VTD_IRTE_SQ_SHIFT);
	out->svt = (u32)((e->hi & VTD_IRTE_SVT_MASK) >> VTD_IRTE_SVT_SHIFT);
	out->reserved_set =
	    (e->lo & VTD_IRTE_LO_RESERVED) != 0 || (e->hi & VTD_IRTE_HI_RESERVED) != 0;
}

int vtd_irta(u64 table_hpa, u64 *irta, struct pp_err *err)
{
	if (!table_hpa || (table_hpa & ~VTD_IRTA_ADDR))
		return pp_fail(err, PP_EINVAL,
			       "vtd irta: table 0x%llx is zero or not 4 KiB aligned",
			       (unsigned long long)table_hpa);
	*irta = table_hpa | IRTA_S; /* EIME clear: xAPIC */
	return PP_OK;
}

u64 vtd_qi_iec_global(void)
{
	return VTD_QI_TYPE_IEC;
}

u64 vtd_qi_iec_index(u16 index)
{
	return VTD_QI_TYPE_IEC | VTD_QI_IEC_G_INDEX | ((u64)index << VTD_QI_IEC_IIDX_SHIFT);
}

int vtd_irte_msi(u32 index, u64 *addr, u32 *data, struct pp_err *err)
{
	if (index >= VTD_IRT_ENTRIES)
		return pp_fail(err, PP_EINVAL, "vtd msi: index %u is not below %u", index,
			       VTD_IRT_ENTRIES);
	*addr = VTD_MSI_ADDR_BASE | ((index & 0x7fffu) << VTD_MSI_ADDR_HANDLE_SHIFT) |
		VTD_MSI_ADDR_IF | ((index >> 15) ? VTD_MSI_ADDR_HANDLE15 : 0);
	*data = 0;
	return PP_OK;
}
