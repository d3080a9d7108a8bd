// SPDX-License-Identifier: GPL-2.0-only
/* VT-d fault record decoding and reason names (vtd_fault.h). Pure;
 * host-tested (tests/unit/test_vtd_drv.c) and fuzzed. */
#include <parapet/acpi.h>
#include "hypervisor/drivers/iommu/vtd_fault.h"
#include "hypervisor/drivers/iommu/vtd_regs.h"

const char *vtd_fault_name(u32 reason)
{
	static const char *const dma[] = {
	    [VTD_FR_ROOT_NOT_PRESENT] = "root-not-present",
	    [VTD_FR_CTX_NOT_PRESENT] = "context-not-present",
	    [VTD_FR_CTX_INVALID] = "context-invalid",
	    [VTD_FR_ADDR_BEYOND_AW] = "address-beyond-aw",
	    [VTD_FR_WRITE] = "write-denied",
	    [VTD_FR_READ] = "read-denied",
	    [VTD_FR_SL_TABLE_ERROR] = "page-table-access-error",
	    [VTD_FR_ROOT_TABLE_ERROR] = "root-table-access-error",
	    [VTD_FR_CTX_TABLE_ERROR] = "context-table-access-error",
	    [VTD_FR_ROOT_RESERVED] = "root-reserved-bits",
	    [VTD_FR_CTX_RESERVED] = "context-reserved-bits",
	    [VTD_FR_SL_RESERVED] = "page-table-reserved-bits",
	    [VTD_FR_TT_BLOCKED] = "translation-type-blocked",
	};
	static const char *const ir[] = {
	    "irq-reserved-bits",      "irq-index-beyond-table",	 "irq-entry-not-present",
	    "irq-table-access-error", "irq-entry-reserved-bits", "irq-compat-blocked",
	    "irq-source-id-mismatch",
	};
	_Static_assert(PP_ARRAY_SIZE(ir) == VTD_FR_IR_LAST - VTD_FR_IR_FIRST + 1,
		       "one name per interrupt-remapping reason");
	if (reason < PP_ARRAY_SIZE(dma) && dma[reason])
		return dma[reason];
	if (reason >= VTD_FR_IR_FIRST && reason <= VTD_FR_IR_LAST)
		return ir[reason - VTD_FR_IR_FIRST];
	return "unknown";
}

int vtd_fault_decode(u64 lo, u64 hi, struct iommu_fault *f, struct pp_err *err)
{
	if (!(hi & VTD_FRCD_F))
		return pp_fail(err, PP_EINVAL,
			       "vtd fault record 0x%016llx%016llx: F (bit 127) clear, no fault",
			       (unsigned long long)hi, (unsigned long long)lo);
	u32 reason = (u32)((hi & VTD_FRCD_FR_MASK) >> VTD_FRCD_FR_SHIFT);
	u16 flags = 0;
	if (hi & VTD_FRCD_PP)
		flags |= VTD_FAULT_PASID;
	if (hi & VTD_FRCD_PRIV)
		flags |= VTD_FAULT_PRIV;
	if (reason >= VTD_FR_IR_FIRST && reason <= VTD_FR_IR_LAST)
		flags |= VTD_FAULT_IRQ_INDEX;
	u32 access = (hi & VTD_FRCD_T) ? IOMMU_ACC_READ : IOMMU_ACC_WRITE;
	if (hi & VTD_FRCD_EXE)
		access |= IOMMU_ACC_EXEC;
	*f = (struct iommu_fault){
	    .unit_type = ACPI_IOMMU_VTD,
	    .seg = 0,
	    .rid = (u16)(hi & VTD_FRCD_SID_MASK),
	    .addr = lo & VTD_FRCD_FI_MASK,
	    .access = access,
	    .code = reason,
	    .domain = 0,
	    .flags = flags,
	};
	return PP_OK;
}
