// SPDX-License-Identifier: GPL-2.0-only
/* AMD-Vi interrupt remapping table entries and the DTE's interrupt word
 * (amdvi_irte.h). Pure; host-tested (tests/unit/test_amdvi_irte.c). */
#include "hypervisor/drivers/iommu/amdvi_dte.h"
#include "hypervisor/drivers/iommu/amdvi_irte.h"

#define VECTOR_MIN 0x10u /* 0..15: reserved vectors (Intel SDM vol. 3 §6.2) */
#define HPA_LIMIT (1ull << 52)

int amdvi_irte_remapped(u32 *irte, u32 vector, u32 apic_id, struct pp_err *err)
{
	if (vector < VECTOR_MIN || vector > 0xffu)
		return pp_fail(err, PP_EINVAL, "amdvi irte: vector 0x%x is not in 0x10..0xff",
			       vector);
	if (apic_id > 0xffu)
		return pp_fail(err, PP_EINVAL,
			       "amdvi irte: APIC ID %u does not fit the 8-bit destination",
			       apic_id);
	*irte = AMDVI_IRTE_REMAP_EN | (AMDVI_IRTE_INT_TYPE_FIXED << AMDVI_IRTE_INT_TYPE_SHIFT) |
		(apic_id << AMDVI_IRTE_DEST_SHIFT) | (vector << AMDVI_IRTE_VECTOR_SHIFT);
	return PP_OK;
}

int amdvi_irt_direct(u32 *table, u32 first, u32 apic_id, struct pp_err *err)
{
	u32 e;
	if (first < VECTOR_MIN || first > 0xffu)
		return pp_fail(err, PP_EINVAL, "amdvi irte: first vector 0x%x is not in 0x10..0xff",
			       first);
	int rc = amdvi_irte_remapped(&e, first, apic_id, err); /* checks the APIC ID */
	if (rc)
		return rc;
	for (u32 v = 0; v < AMDVI_IRT_ENTRIES; v++) {
		if (v < first)
			table[v] = amdvi_irte_blocked();
		else
			(void)amdvi_irte_remapped(&table[v], v, apic_id, err); /* v, apic valid */
	}
	return PP_OK;
}

u32 amdvi_irte_blocked(void)
{
	return 0;
}

void amdvi_irte_decode(u32 irte, struct amdvi_irte_info *out)
{
	out->remap_en = (irte & AMDVI_IRTE_REMAP_EN) != 0;
	out->sup_iopf = (irte & AMDVI_IRTE_SUP_IOPF) != 0;
	out->rq_eoi = (irte & AMDVI_IRTE_RQ_EOI) != 0;
	out->dm = (irte & AMDVI_IRTE_DM) != 0;
	out->guest_mode = (irte & AMDVI_IRTE_GUEST_MODE) != 0;
	out->int_type = (irte & AMDVI_IRTE_INT_TYPE_MASK) >> AMDVI_IRTE_INT_TYPE_SHIFT;
	out->dest = (irte & AMDVI_IRTE_DEST_MASK) >> AMDVI_IRTE_DEST_SHIFT;
	out->vector = (irte & AMDVI_IRTE_VECTOR_MASK) >> AMDVI_IRTE_VECTOR_SHIFT;
	out->reserved_set = (irte & 0xff000000u) != 0;
}

int amdvi_irte_dte_word2(u64 *w2, u64 table_hpa, u32 len_log2, struct pp_err *err)
{
	if (!table_hpa || table_hpa % AMDVI_IRT_ROOT_ALIGN || table_hpa >= HPA_LIMIT)
		return pp_fail(err, PP_EINVAL,
			       "amdvi dte: interrupt table 0x%llx is zero, not 64-byte aligned or "
			       "beyond 52 bits",
			       (unsigned long long)table_hpa);
	if (len_log2 < 1 || len_log2 > AMDVI_IRT_MAX_LEN_LOG2)
		return pp_fail(err, PP_EINVAL,
			       "amdvi dte: interrupt table length 2^%u is not 2^1..2^11", len_log2);
	*w2 = AMDVI_DTE_IV_MASK | ((u64)len_log2 << AMDVI_DTE_INTTABLEN_SHIFT) |
	      (table_hpa & AMDVI_DTE_INTROOT_MASK) |
	      ((u64)AMDVI_INTCTL_REMAP << AMDVI_DTE_INTCTL_SHIFT);
	return PP_OK;
}

int amdvi_irte_msi(u32 index, u64 *addr, u32 *data, struct pp_err *err)
{
	if (index >= AMDVI_IRT_ENTRIES)
		return pp_fail(err, PP_EINVAL, "amdvi msi: index %u is not below %u", index,
			       AMDVI_IRT_ENTRIES);
	*addr = AMDVI_MSI_ADDR_BASE;
	*data = index;
	return PP_OK;
}
