// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the AMD-Vi event log entry decoder
 * (hypervisor/drivers/iommu/amdvi_evt.c) on arbitrary 16-byte entries, as
 * a unit (or a bug in one) could write them. The input is cut into
 * entries; a short tail is padded with zeros. Invariants: no crash or
 * out-of-bounds read; a refusal is PP_EINVAL for codes 0 and 0xc..0xf
 * only and leaves the record untouched; an accepted record has the
 * entry's code, a rid and flags taken from the entry's own bits, a valid
 * access value, and a name.
 */
#include <stdlib.h>
#include <string.h>
#include <parapet/acpi.h>
#include <parapet/bytes.h>
#include "hypervisor/drivers/iommu/amdvi_evt.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static void one(const u8 e[16])
{
	struct iommu_fault f, before;
	struct pp_err err;
	u64 q0 = ld_le64(e);
	u32 code = (u32)(q0 >> 60);
	memset(&f, 0x5a, sizeof(f));
	before = f;
	int rc = amdvi_evt_decode(e, &f, &err);
	if (!amdvi_event_name(code))
		abort();
	if (rc != PP_OK) {
		if (rc != PP_EINVAL || (code >= 1 && code <= 0xb) || !err.msg[0] ||
		    f.unit_type != before.unit_type || f.rid != before.rid ||
		    f.addr != before.addr || f.access != before.access || f.code != before.code ||
		    f.domain != before.domain || f.flags != before.flags || f.seg != before.seg)
			abort();
		return;
	}
	if (code < 1 || code > 0xb || f.code != code || f.unit_type != ACPI_IOMMU_AMDVI || f.seg)
		abort();
	if (f.rid != 0 && f.rid != (u16)q0)
		abort();
	if (f.domain != 0 && f.domain != (u16)(q0 >> 32))
		abort();
	if ((f.flags & AMDVI_EVT_FLAGS & ~(u32)(q0 >> 48)) != 0)
		abort();
	if (f.flags & (AMDVI_FAULT_UNDECODED | AMDVI_FAULT_OVERFLOW | (1u << 12)))
		abort();
	if (f.access != IOMMU_ACC_UNKNOWN && f.access != IOMMU_ACC_READ &&
	    f.access != IOMMU_ACC_WRITE && f.access != IOMMU_ACC_EXEC)
		abort();
	if (f.addr & ~ld_le64(e + 8))
		abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	u8 e[16];
	for (size_t off = 0; off < size && off < (size_t)16 * 64; off += 16) {
		size_t n = size - off < 16 ? size - off : 16;
		memset(e, 0, sizeof(e));
		memcpy(e, data + off, n);
		one(e);
	}
	return 0;
}
