// SPDX-License-Identifier: GPL-2.0-only
/*
 * AMD-Vi event log entry decoder (amdvi_evt.h). Pure: reads 16 bytes with
 * ld_le64, writes the caller's record only on success. One row per event
 * type says which fields the type defines (spec #48882 §2.5, the type's
 * figure); every other bit of the entry is reserved for that type.
 */
#include <parapet/acpi.h>
#include <parapet/bytes.h>
#include "hypervisor/drivers/iommu/amdvi_evt.h"

#define Q0_CODE (0xfull << 60)
#define Q0_RID 0xffffull
#define Q0_PASID_HI (0xfull << 16)
#define Q0_DOM (0xffffull << 32) /* DomainID or PASID[15:0] */
#define Q0_FLAGS_SHIFT 48u

enum { ACC_NONE, ACC_RW }; /* access from I/TR/RW/NX, or none */

struct evt_type {
	const char *name;
	u64 q0;	     /* defined bits of word 0 besides the code and flags */
	u64 q1;	     /* defined bits of word 1 */
	u32 flags;   /* defined flag bits (AMDVI_EVT_F_*) */
	bool addr;   /* word 1 (under q1) is an address */
	bool domain; /* bits 47:32 are a DomainID when GN is clear */
	u8 access;
	bool opaque; /* payload not decoded: no bit is checked as reserved */
};

#define F_TYPE2 (3u << AMDVI_EVT_F_TYPE_SHIFT)
#define F_TYPE3 (7u << AMDVI_EVT_F_TYPE_SHIFT)

/* One row: name, defined word-0 fields, defined flags, defined word-1
 * bits, word 1 is an address, bits 47:32 are a DomainID, access. */
#define ROW(n, w0, fl, w1, ad, dm, ac)                                                             \
	{                                                                                          \
		.name = (n), .q0 = (w0), .flags = (fl), .q1 = (w1), .addr = (ad), .domain = (dm),  \
		.access = (ac), .opaque = false                                                    \
	}

static const struct evt_type types[16] = {
    [AMDVI_EVT_ILLEGAL_DEV_TABLE_ENTRY] =
	ROW("illegal-dev-table-entry", Q0_RID | Q0_PASID_HI | Q0_DOM,
	    AMDVI_EVT_F_GN | AMDVI_EVT_F_I | AMDVI_EVT_F_RW | AMDVI_EVT_F_RZ | AMDVI_EVT_F_TR,
	    ~0ull, true, false, ACC_RW),
    [AMDVI_EVT_IO_PAGE_FAULT] =
	ROW("io-page-fault", Q0_RID | Q0_PASID_HI | Q0_DOM,
	    AMDVI_EVT_F_GN | AMDVI_EVT_F_NX | AMDVI_EVT_F_US | AMDVI_EVT_F_I | AMDVI_EVT_F_PR |
		AMDVI_EVT_F_RW | AMDVI_EVT_F_PE | AMDVI_EVT_F_RZ | AMDVI_EVT_F_TR,
	    ~0ull, true, true, ACC_RW),
    [AMDVI_EVT_DEV_TAB_HARDWARE_ERROR] =
	ROW("dev-tab-hardware-error", Q0_RID,
	    AMDVI_EVT_F_I | AMDVI_EVT_F_RW | AMDVI_EVT_F_TR | F_TYPE2, ~0ull, true, false, ACC_RW),
    [AMDVI_EVT_PAGE_TAB_HARDWARE_ERROR] =
	ROW("page-tab-hardware-error", Q0_RID | Q0_DOM,
	    AMDVI_EVT_F_GN | AMDVI_EVT_F_I | AMDVI_EVT_F_RW | AMDVI_EVT_F_TR | F_TYPE2, ~0ull, true,
	    true, ACC_RW),
    [AMDVI_EVT_ILLEGAL_COMMAND_ERROR] =
	ROW("illegal-command-error", 0, 0, ~0ull, true, false, ACC_NONE),
    [AMDVI_EVT_COMMAND_HARDWARE_ERROR] =
	ROW("command-hardware-error", 0, F_TYPE2, ~0ull, true, false, ACC_NONE),
    /* The address of the command that timed out: bits 127:68. */
    [AMDVI_EVT_IOTLB_INV_TIMEOUT] =
	ROW("iotlb-inv-timeout", Q0_RID, 0, ~0xfull, true, false, ACC_NONE),
    [AMDVI_EVT_INVALID_DEVICE_REQUEST] = ROW(
	"invalid-device-request", Q0_RID | Q0_PASID_HI | Q0_DOM,
	AMDVI_EVT_F_GN | AMDVI_EVT_F_US | AMDVI_EVT_F_TR | F_TYPE3, ~0ull, true, false, ACC_NONE),
    /* Flags not split here: every flag bit is kept as the unit wrote it. */
    [AMDVI_EVT_INVALID_PPR_REQUEST] = ROW("invalid-ppr-request", Q0_RID | Q0_PASID_HI | Q0_DOM,
					  AMDVI_EVT_FLAGS, ~0ull, true, false, ACC_NONE),
    /* CounterNote 83:64 and 127:96 is a counter value, not an address. */
    [AMDVI_EVT_EVENT_COUNTER_ZERO] =
	ROW("event-counter-zero", 0, 0, 0xffffffff000fffffull, false, false, ACC_NONE),
    /* Virtualized-IOMMU event: its payload is not decoded (Parapet does
     * not enable guest IOMMUs); no bit is checked as reserved. */
    [AMDVI_EVT_GUEST_EVENT_FAULT] = {.name = "guest-event-fault",
				     .flags = AMDVI_EVT_FLAGS,
				     .q1 = ~0ull,
				     .access = ACC_NONE,
				     .opaque = true},
};

const char *amdvi_event_name(u32 code)
{
	if (code == 0)
		return "log-overflow";
	if (code < 16 && types[code].name)
		return types[code].name;
	return "unknown";
}

static u32 access_of(const struct evt_type *t, u32 flags)
{
	if (t->access != ACC_RW || (flags & (AMDVI_EVT_F_I | AMDVI_EVT_F_TR)))
		return IOMMU_ACC_UNKNOWN;
	if (flags & AMDVI_EVT_F_RW)
		return IOMMU_ACC_WRITE;
	if (flags & AMDVI_EVT_F_NX)
		return IOMMU_ACC_EXEC;
	return IOMMU_ACC_READ;
}

int amdvi_evt_decode(const u8 entry[16], struct iommu_fault *f, struct pp_err *err)
{
	u64 q0 = ld_le64(entry), q1 = ld_le64(entry + 8);
	u32 code = (u32)(q0 >> 60);
	const struct evt_type *t = &types[code];
	if (!t->name)
		return pp_fail(err, PP_EINVAL,
			       "amdvi event: unknown event code 0x%x (entry 0x%016llx 0x%016llx)",
			       code, (unsigned long long)q0, (unsigned long long)q1);
	u32 flags = (u32)(q0 >> Q0_FLAGS_SHIFT) & t->flags;
	u64 known0 = Q0_CODE | t->q0 | ((u64)t->flags << Q0_FLAGS_SHIFT);
	struct iommu_fault n = {
	    .unit_type = ACPI_IOMMU_AMDVI,
	    .rid = (u16)(q0 & t->q0 & Q0_RID),
	    .addr = t->addr ? q1 & t->q1 : 0,
	    .access = access_of(t, flags),
	    .code = code,
	    .domain = t->domain && !(flags & AMDVI_EVT_F_GN) ? (u16)((q0 & Q0_DOM) >> 32) : 0,
	    .flags = (u16)flags,
	};
	if (!t->opaque && ((q0 & ~known0) || (q1 & ~t->q1)))
		n.flags |= AMDVI_FAULT_RESERVED;
	*f = n;
	return PP_OK;
}
