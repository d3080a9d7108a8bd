// SPDX-License-Identifier: GPL-2.0-only
/* Firmware memory map normalisation into PP_MEM_* ranges. */
#include <parapet/bytes.h>
#include "memmap.h"

u32 pp_mem_type_from_e820(u32 type)
{
	switch (type) {
	case MB2_MMAP_AVAILABLE: return PP_MEM_USABLE;
	case MB2_MMAP_ACPI_RECLAIM: return PP_MEM_ACPI_RECLAIM;
	case MB2_MMAP_NVS: return PP_MEM_ACPI_NVS;
	case MB2_MMAP_BADRAM: return PP_MEM_UNUSABLE;
	case E820_PERSISTENT: return PP_MEM_PERSISTENT;
	default: return PP_MEM_RESERVED;
	}
}

u32 pp_mem_type_from_efi(u32 type)
{
	switch (type) {
	/* free once ExitBootServices() returned */
	case EFI_LOADER_CODE:
	case EFI_LOADER_DATA:
	case EFI_BOOT_SERVICES_CODE:
	case EFI_BOOT_SERVICES_DATA:
	case EFI_CONVENTIONAL_MEMORY: return PP_MEM_USABLE;
	case EFI_RUNTIME_SERVICES_CODE:
	case EFI_RUNTIME_SERVICES_DATA: return PP_MEM_FW_RUNTIME;
	case EFI_ACPI_RECLAIM_MEMORY: return PP_MEM_ACPI_RECLAIM;
	case EFI_ACPI_MEMORY_NVS: return PP_MEM_ACPI_NVS;
	case EFI_UNUSABLE_MEMORY: return PP_MEM_UNUSABLE;
	case EFI_PERSISTENT_MEMORY: return PP_MEM_PERSISTENT;
	default: return PP_MEM_RESERVED; /* reserved, MMIO, PAL, unaccepted, unknown */
	}
}

void memmap_add_mb2(struct pp_handoff_builder *b, const struct mb2_info *mi)
{
	for (u32 i = 0; i < mi->mmap_count; i++)
		pp_hb_add_mem(b, mi->mmap[i].base, mi->mmap[i].length,
			      pp_mem_type_from_e820(mi->mmap[i].type));
}

int memmap_add_efi(struct pp_handoff_builder *b, const u8 *map, u64 map_size, u64 desc_size,
		   struct pp_err *err)
{
	if (desc_size < EFI_MD_MIN_SIZE || (desc_size & 7))
		return pp_fail(err, PP_EINVAL, "EFI memory map: descriptor size %llu invalid",
			       (unsigned long long)desc_size);
	if (map_size % desc_size)
		return pp_fail(err, PP_EINVAL,
			       "EFI memory map: size %llu not a multiple of descriptor size %llu",
			       (unsigned long long)map_size, (unsigned long long)desc_size);
	u64 n = map_size / desc_size;
	if (n > PP_HANDOFF_MAX_MMAP)
		return pp_fail(err, PP_ENOMEM, "EFI memory map: %llu descriptors, at most %u",
			       (unsigned long long)n, PP_HANDOFF_MAX_MMAP);
	for (u64 i = 0; i < n; i++) {
		const u8 *d = map + i * desc_size;
		u64 base = ld_le64(d + EFI_MD_PHYS_START);
		u64 pages = ld_le64(d + EFI_MD_NUM_PAGES);
		u64 end;
		if (pages > (UINT64_MAX >> EFI_PAGE_SHIFT) ||
		    !pp_add_ok(base, pages << EFI_PAGE_SHIFT, &end))
			return pp_fail(
			    err, PP_ERANGE,
			    "EFI memory map: descriptor %llu at 0x%llx with 0x%llx pages wraps",
			    (unsigned long long)i, (unsigned long long)base,
			    (unsigned long long)pages);
		pp_hb_add_mem(b, base, pages << EFI_PAGE_SHIFT,
			      pp_mem_type_from_efi(ld_le32(d + EFI_MD_TYPE)));
	}
	if (b->error)
		return pp_fail(err, b->error, "EFI memory map: handoff builder error %d", b->error);
	return (int)n;
}

int memmap_efi_range_covered(const u8 *map, u64 map_size, u64 desc_size, u64 lo, u64 hi,
			     u32 allowed_mask, struct pp_err *err)
{
	u64 covered = 0;
	if (desc_size < EFI_MD_MIN_SIZE || lo >= hi)
		return pp_fail(err, PP_EINVAL,
			       "EFI memory map: bad descriptor size or empty range");
	for (u64 off = 0; off + desc_size <= map_size; off += desc_size) {
		const u8 *d = map + off;
		u32 type = ld_le32(d + EFI_MD_TYPE);
		u64 base = ld_le64(d + EFI_MD_PHYS_START);
		u64 pages = ld_le64(d + EFI_MD_NUM_PAGES), end;
		if (pages > (UINT64_MAX >> EFI_PAGE_SHIFT) ||
		    !pp_add_ok(base, pages << EFI_PAGE_SHIFT, &end))
			end = UINT64_MAX;
		if (!(base < hi && lo < end))
			continue;
		if (type >= 32 || !(allowed_mask & EFI_TYPE_BIT(type)))
			return pp_fail(
			    err, PP_EOVERLAP,
			    "[0x%llx, 0x%llx) overlaps EFI memory type %u at [0x%llx, 0x%llx)",
			    (unsigned long long)lo, (unsigned long long)hi, type,
			    (unsigned long long)base, (unsigned long long)end);
		covered += PP_MIN(hi, end) - PP_MAX(lo, base);
	}
	/* Descriptors never overlap (UEFI 7.2.3), so the sum is the covered size. */
	if (covered < hi - lo)
		return pp_fail(err, PP_ENOENT,
			       "[0x%llx, 0x%llx): 0x%llx bytes are not in the EFI memory map",
			       (unsigned long long)lo, (unsigned long long)hi,
			       (unsigned long long)(hi - lo - covered));
	return PP_OK;
}
