// SPDX-License-Identifier: GPL-2.0-only
/* dma_fault.h: owner lookup, the fault log, the console line, and the
 * owner's stop for a device with `on-fault stop`. */
#include "hypervisor/core/console.h"
#include "hypervisor/core/faultlog.h"
#include "hypervisor/core/partition_int.h"
#include "dma_fault.h"
#include "hypervisor/drivers/iommu/amdvi_evt.h"
#include "hypervisor/drivers/iommu/vtd_fault.h"
#include "dma_int.h"

#define NO_OWNER FL_PART_NONE

/* The partition index that owns requester rid (and its device), or NO_OWNER. */
static u32 owner_of(u16 seg, u16 rid, const struct dma_dev **dev)
{
	for (u32 i = 0; i < hv_nparts; i++)
		for (u32 j = 0; j < hv_parts[i].dma.n; j++)
			if (hv_parts[i].dma.devs[j].seg == seg &&
			    (hv_parts[i].dma.devs[j].rid == rid ||
			     hv_parts[i].dma.devs[j].alias == rid)) {
				*dev = &hv_parts[i].dma.devs[j];
				return i;
			}
	return NO_OWNER;
}

/* `on-fault stop` (docs/policy.md): the owner is stopped as by a
 * PP_HC_PART_STOP, its devices blocked first by its own CPU. Only posted
 * here (the boot CPU, under the unit's lock): no waiting. A partition not
 * running, or already stopping, is left as it is. */
static void stop_owner(u32 owner, const struct iommu_fault *f, const char *reason)
{
	char why[sizeof(hv_parts[0].stop_why)];
	(void)faultlog_stop_reason(f, reason, why, sizeof(why));
	if (part_stop_for_fault(&hv_parts[owner], why))
		hv_printf("partition %s: stop requested: %s (on-fault stop)\n",
			  hv_parts[owner].pp->name, why);
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
	const struct dma_dev *dev = NULL;
	u32 owner = no_device ? NO_OWNER : owner_of(f->seg, f->rid, &dev);
	u64 now = dma_env.now_us(NULL);
	struct fl_note note = {0, 0};
	const char *reason = iommu_fault_name(f->unit_type, f->code);
	const bool line = faultlog_record(owner, f, now, &note);
	if (line) {
		char text[192];
		const char *who = owner == NO_OWNER ? NULL : hv_parts[owner].pp->name;
		(void)faultlog_line(f, reason, who, note.count, note.more, text, sizeof(text));
		hv_printf("%s\n", text);
	}
	if (owner != NO_OWNER && dev && dev->on_fault == PP_POL_FAULT_STOP)
		stop_owner(owner, f, reason);
}
