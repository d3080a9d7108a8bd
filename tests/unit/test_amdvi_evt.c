// SPDX-License-Identifier: GPL-2.0-only
/* The AMD-Vi event log entry decoder (amdvi_evt.c, spec #48882 §2.5):
 * a synthetic entry of every event type with its exact fields, access
 * from the flags, unknown codes refused without a change, reserved bits
 * never copied into a field, and the names. */
#include <parapet/acpi.h>
#include <parapet/bytes.h>
#include "hypervisor/drivers/iommu/amdvi_evt.h"
#include "unit.h"

static u8 e[16];

/* An entry: code, then the word-0 fields, then word 1. */
static const u8 *ent(u32 code, u32 flags, u16 dom, u32 pasid_hi, u16 rid, u64 q1)
{
	st_le64(e, ((u64)code << 60) | ((u64)flags << 48) | ((u64)dom << 32) |
		       ((u64)pasid_hi << 16) | rid);
	st_le64(e + 8, q1);
	return e;
}

static struct iommu_fault dec(const u8 *entry)
{
	struct iommu_fault f;
	struct pp_err err;
	memset(&f, 0x5a, sizeof(f));
	if (amdvi_evt_decode(entry, &f, &err) != PP_OK)
		memset(&f, 0xee, sizeof(f));
	return f;
}

#define F(x) AMDVI_EVT_F_##x

TEST(amdvi_evt_io_page_fault)
{
	struct iommu_fault f =
	    dec(ent(2, F(PR) | F(RW) | F(PE), 7, 0, 0x0310, 0xfffff000dead1234ull));
	CHECK_EQ(f.unit_type, ACPI_IOMMU_AMDVI);
	CHECK_EQ(f.seg, 0);
	CHECK_EQ(f.code, AMDVI_EVT_IO_PAGE_FAULT);
	CHECK_EQ(f.rid, 0x0310);
	CHECK_EQ(f.addr, 0xfffff000dead1234ull);
	CHECK_EQ(f.domain, 7);
	CHECK_EQ(f.flags, F(PR) | F(RW) | F(PE));
	CHECK_EQ(f.access, IOMMU_ACC_WRITE);
	/* Read of a not-present page. */
	f = dec(ent(2, 0, 0xffff, 0, 0xffff, 0x40000));
	CHECK_EQ(f.access, IOMMU_ACC_READ);
	CHECK_EQ(f.domain, 0xffff);
	CHECK_EQ(f.rid, 0xffff);
	CHECK_EQ(f.flags, 0);
	/* Instruction fetch. */
	f = dec(ent(2, F(NX) | F(US), 1, 0, 1, 0));
	CHECK_EQ(f.access, IOMMU_ACC_EXEC);
	CHECK_EQ(f.flags, F(NX) | F(US));
	/* An interrupt request, a translation request: access unknown. */
	f = dec(ent(2, F(I) | F(RW), 1, 0, 1, 0xfee00000));
	CHECK_EQ(f.access, IOMMU_ACC_UNKNOWN);
	f = dec(ent(2, F(TR) | F(RW), 1, 0, 1, 0));
	CHECK_EQ(f.access, IOMMU_ACC_UNKNOWN);
	/* GN: bits 47:32 are a PASID, not a domain. */
	f = dec(ent(2, F(GN) | F(RZ), 0x1234, 0xf, 1, 0));
	CHECK_EQ(f.domain, 0);
	CHECK_EQ(f.flags, F(GN) | F(RZ));
	CHECK_EQ(f.access, IOMMU_ACC_READ);
}

TEST(amdvi_evt_every_type)
{
	struct iommu_fault f;
	f = dec(ent(1, F(RW) | F(RZ), 0x0abc, 0x3, 0x0010, 0x123456789000ull));
	CHECK(f.code == 1 && f.rid == 0x10 && f.addr == 0x123456789000ull && f.domain == 0);
	CHECK_EQ(f.flags, F(RW) | F(RZ));
	CHECK_EQ(f.access, IOMMU_ACC_WRITE);

	f = dec(ent(3, F(TR) | (2u << AMDVI_EVT_F_TYPE_SHIFT), 0, 0, 0x0020, 0xabc0));
	CHECK(f.code == 3 && f.rid == 0x20 && f.addr == 0xabc0 && f.domain == 0);
	CHECK_EQ(f.flags, F(TR) | (2u << AMDVI_EVT_F_TYPE_SHIFT));
	CHECK_EQ(f.access, IOMMU_ACC_UNKNOWN);
	f = dec(ent(3, 0, 0, 0, 0x0020, 0xabc0));
	CHECK_EQ(f.access, IOMMU_ACC_READ);

	f = dec(ent(4, F(RW) | (1u << AMDVI_EVT_F_TYPE_SHIFT), 0x0042, 0, 0x0030, 0x5000));
	CHECK(f.code == 4 && f.rid == 0x30 && f.addr == 0x5000 && f.domain == 0x42);
	CHECK_EQ(f.access, IOMMU_ACC_WRITE);
	CHECK_EQ(f.flags, F(RW) | (1u << AMDVI_EVT_F_TYPE_SHIFT));

	f = dec(ent(5, 0, 0, 0, 0, 0x10000ff0));
	CHECK(f.code == 5 && f.rid == 0 && f.addr == 0x10000ff0 && f.flags == 0);
	CHECK_EQ(f.access, IOMMU_ACC_UNKNOWN);

	f = dec(ent(6, 3u << AMDVI_EVT_F_TYPE_SHIFT, 0, 0, 0, 0x2000));
	CHECK(f.code == 6 && f.addr == 0x2000 && f.flags == (3u << AMDVI_EVT_F_TYPE_SHIFT));

	f = dec(ent(7, 0, 0, 0, 0x0040, 0x10000f20));
	CHECK(f.code == 7 && f.rid == 0x40 && f.addr == 0x10000f20 && f.flags == 0);

	f = dec(ent(8, F(US) | F(TR) | (5u << AMDVI_EVT_F_TYPE_SHIFT), 0x11, 0x2, 0x0050, 0x7000));
	CHECK(f.code == 8 && f.rid == 0x50 && f.addr == 0x7000 && f.domain == 0);
	CHECK_EQ(f.flags, F(US) | F(TR) | (5u << AMDVI_EVT_F_TYPE_SHIFT));
	CHECK_EQ(f.access, IOMMU_ACC_UNKNOWN);

	f = dec(ent(9, 0xfff, 0x11, 0x2, 0x0060, 0x8000));
	CHECK(f.code == 9 && f.rid == 0x60 && f.addr == 0x8000 && f.flags == 0xfff);
	CHECK_EQ(f.access, IOMMU_ACC_UNKNOWN);

	f = dec(ent(0xa, 0, 0, 0, 0, 0x12345678000abcdeull));
	CHECK(f.code == 0xa && f.rid == 0 && f.addr == 0 && f.flags == 0);

	f = dec(ent(0xb, 0xfff, 0xffff, 0xf, 0xffff, ~0ull));
	CHECK(f.code == 0xb && f.rid == 0 && f.addr == 0 && f.domain == 0 && f.flags == 0xfff);
}

TEST(amdvi_evt_unknown_codes)
{
	struct iommu_fault f;
	struct pp_err err;
	for (u32 code = 0; code < 16; code++) {
		bool known = code >= 1 && code <= 0xb;
		memset(&f, 0x5a, sizeof(f));
		int rc = amdvi_evt_decode(ent(code, 0, 0, 0, 0x10, 0x1000), &f, &err);
		CHECK_EQ(rc, known ? PP_OK : PP_EINVAL);
		if (!known) {
			const u8 *p = (const u8 *)&f;
			u32 same = 0;
			for (u32 i = 0; i < sizeof(f); i++)
				same += p[i] == 0x5a;
			CHECK_EQ(same, sizeof(f));
		}
	}
	amdvi_evt_decode(ent(0xc, 0, 0, 0, 0x10, 0x1000), &f, &err);
	CHECK_MSG(&err, "amdvi event: unknown event code 0xc (entry 0xc000000000000010 "
			"0x0000000000001000)");
}

TEST(amdvi_evt_reserved_bits)
{
	struct iommu_fault clean = dec(ent(2, F(RW), 7, 0, 0x0310, 0x1000));
	CHECK_EQ(clean.flags & AMDVI_FAULT_RESERVED, 0);
	/* IO_PAGE_FAULT reserves 31:20 and 59:57. */
	struct iommu_fault f = dec(ent(2, F(RW) | (7u << 9), 7, 0xfff0, 0x0310, 0x1000));
	CHECK_EQ(f.flags, F(RW) | AMDVI_FAULT_RESERVED);
	CHECK(f.rid == clean.rid && f.domain == clean.domain && f.addr == clean.addr);
	CHECK_EQ(f.access, clean.access);
	/* DEV_TAB_HARDWARE_ERROR reserves 47:32 (no domain) and GN, NX, ...:
	 * none of them reaches a field. */
	f = dec(ent(3, 0xfff, 0xffff, 0xf, 0x20, 0x40));
	CHECK_EQ(f.flags, (F(I) | F(RW) | F(TR) | (3u << 9)) | AMDVI_FAULT_RESERVED);
	CHECK_EQ(f.domain, 0);
	CHECK_EQ(f.rid, 0x20);
	/* ILLEGAL_COMMAND_ERROR has no DeviceID. */
	f = dec(ent(5, 0, 0, 0, 0x1234, 0x40));
	CHECK_EQ(f.rid, 0);
	CHECK_EQ(f.flags, AMDVI_FAULT_RESERVED);
	/* IOTLB_INV_TIMEOUT: address bits 67:64 are reserved. */
	f = dec(ent(7, 0, 0, 0, 1, 0x100f));
	CHECK_EQ(f.addr, 0x1000);
	CHECK_EQ(f.flags, AMDVI_FAULT_RESERVED);
	/* EVENT_COUNTER_ZERO: bits 95:84 are reserved. */
	f = dec(ent(0xa, 0, 0, 0, 0, 0x00100000ull));
	CHECK_EQ(f.flags, AMDVI_FAULT_RESERVED);
	/* GUEST_EVENT_FAULT: payload opaque, nothing reserved. */
	f = dec(ent(0xb, 0, 0xffff, 0xf, 0xffff, ~0ull));
	CHECK_EQ(f.flags & AMDVI_FAULT_RESERVED, 0);
}

TEST(amdvi_evt_names)
{
	static const char *const names[] = {
	    "log-overflow",	      "illegal-dev-table-entry", "io-page-fault",
	    "dev-tab-hardware-error", "page-tab-hardware-error", "illegal-command-error",
	    "command-hardware-error", "iotlb-inv-timeout",	 "invalid-device-request",
	    "invalid-ppr-request",    "event-counter-zero",	 "guest-event-fault"};
	for (u32 c = 0; c < 12; c++)
		CHECK(strcmp(amdvi_event_name(c), names[c]) == 0);
	for (u32 c = 12; c < 20; c++)
		CHECK(strcmp(amdvi_event_name(c), "unknown") == 0);
	CHECK(strcmp(amdvi_event_name(~0u), "unknown") == 0);
}
