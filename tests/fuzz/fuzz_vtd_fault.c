// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: VT-d fault records (hypervisor/drivers/iommu/
 * vtd_fault.c). Each 16 bytes of input are one 128-bit record as the unit's
 * fault recording register holds it (low qword first, little-endian).
 * Invariants: no crash or undefined behaviour on any record; a record with
 * F clear is refused with a message and leaves the output untouched; a
 * decoded record has the VT-d unit type, a 4 KiB aligned address, the SID
 * as requester id, exactly one of read/write (plus execute only with EXE),
 * an 8-bit reason whose name is never NULL, and only known flags.
 */
#include <stdlib.h>
#include <string.h>
#include <parapet/acpi.h>
#include <parapet/bytes.h>
#include "hypervisor/drivers/iommu/vtd_fault.h"
#include "hypervisor/drivers/iommu/vtd_regs.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static void check(u64 lo, u64 hi)
{
	struct iommu_fault f, before;
	struct pp_err err = {0};
	memset(&f, 0x5A, sizeof(f));
	before = f;
	int rc = vtd_fault_decode(lo, hi, &f, &err);
	if (!(hi & VTD_FRCD_F)) {
		if (rc != PP_EINVAL || err.msg[0] == 0 || f.unit_type != before.unit_type ||
		    f.seg != before.seg || f.rid != before.rid || f.addr != before.addr ||
		    f.access != before.access || f.code != before.code ||
		    f.domain != before.domain || f.flags != before.flags)
			abort();
		return;
	}
	if (rc != PP_OK || f.unit_type != ACPI_IOMMU_VTD || (f.addr & 0xFFF) != 0 ||
	    f.addr != (lo & ~0xFFFull) || f.rid != (u16)hi || f.code > 0xFF ||
	    f.code != ((hi >> 32) & 0xFF))
		abort();
	u32 rw = f.access & (IOMMU_ACC_READ | IOMMU_ACC_WRITE);
	if (rw != IOMMU_ACC_READ && rw != IOMMU_ACC_WRITE)
		abort();
	if (!!(f.access & IOMMU_ACC_EXEC) != !!(hi & VTD_FRCD_EXE))
		abort();
	if (f.flags & ~(VTD_FAULT_PASID | VTD_FAULT_PRIV | VTD_FAULT_IRQ_INDEX))
		abort();
	const char *name = vtd_fault_name(f.code);
	if (!name || !name[0])
		abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	for (size_t off = 0; off + 16 <= size; off += 16)
		check(ld_le64(data + off), ld_le64(data + off + 8));
	if (size >= 4 && !vtd_fault_name(ld_le32(data)))
		abort();
	return 0;
}
