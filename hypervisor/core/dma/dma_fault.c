// SPDX-License-Identifier: GPL-2.0-only
/* dma_fault.h: owner lookup, the fault log, the console line. */
#include "hypervisor/core/console.h"
#include "hypervisor/core/faultlog.h"
#include "hypervisor/core/partition_int.h"
#include "dma_fault.h"
#include "hypervisor/drivers/iommu/amdvi_evt.h"
#include "hypervisor/drivers/iommu/vtd_fault.h"
#include "dma_int.h"

#define NO_OWNER FL_PART_NONE

static u32 owner_of(u16 seg, u16 rid)
{
	for (u32 i = 0; i < hv_nparts; i++)
		for (u32 j = 0; j < hv_parts[i].dma.n; j++)
			if (hv_parts[i].dma.devs[j].seg == seg &&
			    (hv_parts[i].dma.devs[j].rid == rid ||
			     hv_parts[i].dma.devs[j].alias == rid))
				return i;
	return NO_OWNER;
}

const char *iommu_fault_name(u32 unit_type, u32 code)
{
	if (unit_type == ACPI_IOMMU_AMDVI)
		return amdvi_event_name(code);
	if (unit_type == ACPI_IOMMU_VTD)
		return vtd_fault_name(code);
	return "unknown";
}

void dma_fault_take(void *ctx, const struct iommu_fault *f)
{
	(void)ctx;
	/* a record that names no requester (a log overflow, an entry the
	 * decoder refused, an AMD-Vi event without a device ID) is nobody's:
	 * its rid 0 is not 00:00.0's */
	const bool no_device = f->unit_type == ACPI_IOMMU_AMDVI
				   ? (f->flags & (AMDVI_FAULT_OVERFLOW | AMDVI_FAULT_UNDECODED)) ||
					 f->code == AMDVI_EVT_ILLEGAL_COMMAND_ERROR ||
					 f->code == AMDVI_EVT_COMMAND_HARDWARE_ERROR ||
					 f->code == AMDVI_EVT_EVENT_COUNTER_ZERO ||
					 f->code == AMDVI_EVT_GUEST_EVENT_FAULT
				   : (f->flags & VTD_FAULT_OVERFLOW) != 0;
	u32 owner = no_device ? NO_OWNER : owner_of(f->seg, f->rid);
	u64 now = dma_env.now_us(NULL);
	struct fl_note note = {0, 0};
	if (!faultlog_record(owner, f, now, &note))
		return;
	char line[192];
	const char *who = owner == NO_OWNER ? NULL : hv_parts[owner].pp->name;
	(void)faultlog_line(f, iommu_fault_name(f->unit_type, f->code), who, note.count, note.more,
			    line, sizeof(line));
	hv_printf("%s\n", line);
}
