// SPDX-License-Identifier: GPL-2.0-only
/* The guest's MSI decoded and judged (vmsi.h; Intel SDM vol. 3 §11.11). */
#include <parapet/fmt.h>
#include "hypervisor/core/linux/vmsi.h"

#define DLM_FIXED 0u
#define DLM_LOWEST 1u

u32 vmsi_decide(u64 addr, u32 data, u32 own_apic, struct vmsi_msg *out)
{
	const u32 lo = (u32)addr;

	out->dest = (lo >> VMSI_ADDR_DEST_SHIFT) & 0xFFu;
	out->logical = (lo & VMSI_ADDR_DM) != 0;
	out->rh = (lo & VMSI_ADDR_RH) != 0;
	out->vector = data & VMSI_DATA_VECTOR;
	out->dlm = (data >> VMSI_DATA_DLM_SHIFT) & 7u;
	out->level = (data & VMSI_DATA_TRIGGER) != 0;
	if ((addr >> 32) || (lo & VMSI_ADDR_BASE_MASK) != VMSI_ADDR_BASE ||
	    (lo & VMSI_ADDR_RESERVED))
		out->reason = VMSI_R_ADDRESS;
	else if (data & VMSI_DATA_RESERVED)
		out->reason = VMSI_R_DATA;
	else if (out->dlm != DLM_FIXED && out->dlm != DLM_LOWEST)
		out->reason = VMSI_R_DELIVERY;
	else if (out->level)
		out->reason = VMSI_R_TRIGGER;
	else if (out->vector < VMSI_VECTOR_MIN)
		out->reason = VMSI_R_VECTOR;
	else if (out->logical)
		out->reason = VMSI_R_LOGICAL;
	else if (out->dest != own_apic)
		out->reason = VMSI_R_FOREIGN;
	else
		out->reason = VMSI_OK;
	return out->reason;
}

void vmsi_explain(const struct vmsi_msg *m, u32 own_apic, char *buf, size_t n)
{
	switch (m->reason) {
	case VMSI_OK: pp_snprintf(buf, n, "accepted"); break;
	case VMSI_R_ADDRESS:
		pp_snprintf(buf, n, "not 0xFEExxxxx with bits 11:4, 1:0 and the upper half clear");
		break;
	case VMSI_R_LOGICAL: pp_snprintf(buf, n, "logical destination mode (only physical)"); break;
	case VMSI_R_FOREIGN:
		pp_snprintf(buf, n, "destination APIC ID %u is not the partition's (%u)", m->dest,
			    own_apic);
		break;
	case VMSI_R_DATA: pp_snprintf(buf, n, "reserved data bits set"); break;
	case VMSI_R_DELIVERY:
		pp_snprintf(buf, n, "delivery mode %s (only fixed or lowest priority)",
			    vmsi_dlm_name(m->dlm));
		break;
	case VMSI_R_TRIGGER: pp_snprintf(buf, n, "level-triggered (only edge)"); break;
	case VMSI_R_VECTOR:
		pp_snprintf(buf, n, "vector 0x%x below 0x%x", m->vector, VMSI_VECTOR_MIN);
		break;
	default: pp_snprintf(buf, n, "?"); break;
	}
}

const char *vmsi_reason_name(u32 reason)
{
	static const char *const names[VMSI_R_COUNT] = {
	    [VMSI_OK] = "ok",
	    [VMSI_R_ADDRESS] = "address",
	    [VMSI_R_LOGICAL] = "logical",
	    [VMSI_R_FOREIGN] = "foreign",
	    [VMSI_R_DATA] = "data",
	    [VMSI_R_DELIVERY] = "delivery",
	    [VMSI_R_TRIGGER] = "trigger",
	    [VMSI_R_VECTOR] = "vector",
	};

	return reason < VMSI_R_COUNT ? names[reason] : "?";
}

const char *vmsi_dlm_name(u32 dlm)
{
	static const char *const names[8] = {
	    "fixed", "lowest-priority", "smi", "reserved-3", "nmi", "init", "reserved-6", "extint"};

	return names[dlm & 7u];
}
