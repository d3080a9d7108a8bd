/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Firmware memory maps -> handoff memory ranges (PP_MEM_*). Pure and
 * host-testable. E820/Multiboot2 types per Multiboot2 3.6.8 and ACPI 6.5
 * section 15 (address range types); EFI types per UEFI 2.10 section 7.2
 * (EFI_MEMORY_TYPE) and the table "Memory Type Usage after
 * ExitBootServices()".
 */
#ifndef PARAPET_LAUNCH_MEMMAP_H
#define PARAPET_LAUNCH_MEMMAP_H

#include <parapet/err.h>
#include <parapet/handoff.h>
#include <parapet/types.h>
#include "mb2.h"

/* EFI_MEMORY_TYPE values (UEFI 2.10, 7.2.1) */
#define EFI_RESERVED_MEMORY 0u
#define EFI_LOADER_CODE 1u
#define EFI_LOADER_DATA 2u
#define EFI_BOOT_SERVICES_CODE 3u
#define EFI_BOOT_SERVICES_DATA 4u
#define EFI_RUNTIME_SERVICES_CODE 5u
#define EFI_RUNTIME_SERVICES_DATA 6u
#define EFI_CONVENTIONAL_MEMORY 7u
#define EFI_UNUSABLE_MEMORY 8u
#define EFI_ACPI_RECLAIM_MEMORY 9u
#define EFI_ACPI_MEMORY_NVS 10u
#define EFI_MEMORY_MAPPED_IO 11u
#define EFI_MEMORY_MAPPED_IO_PORT_SPACE 12u
#define EFI_PAL_CODE 13u
#define EFI_PERSISTENT_MEMORY 14u
#define EFI_UNACCEPTED_MEMORY 15u

/* EFI_MEMORY_DESCRIPTOR field offsets (UEFI 2.10, 7.2.3 GetMemoryMap) */
#define EFI_MD_TYPE 0
#define EFI_MD_PHYS_START 8
#define EFI_MD_VIRT_START 16
#define EFI_MD_NUM_PAGES 24
#define EFI_MD_ATTRIBUTE 32
#define EFI_MD_MIN_SIZE 40u
#define EFI_PAGE_SHIFT 12

#define E820_PERSISTENT 7u /* ACPI 6.x AddressRangePersistentMemory */

u32 pp_mem_type_from_e820(u32 type);
u32 pp_mem_type_from_efi(u32 type);

/* Add the Multiboot2 tag-6 entries to the builder (empty entries skipped). */
void memmap_add_mb2(struct pp_handoff_builder *b, const struct mb2_info *mi);

/*
 * Add an EFI memory map (map_size bytes of desc_size-byte descriptors) to
 * the builder. Returns the number of descriptors or a PP_E* code.
 */
int memmap_add_efi(struct pp_handoff_builder *b, const u8 *map, u64 map_size, u64 desc_size,
		   struct pp_err *err);

/* Bit mask of EFI memory types for memmap_efi_range_covered(). */
#define EFI_TYPE_BIT(t) (1u << (t))

/*
 * Check that [lo, hi) is completely described by descriptors of the EFI map
 * whose types are in allowed_mask (EFI_TYPE_BIT set). Returns PP_OK, or
 * PP_EOVERLAP naming the first descriptor of another type, or PP_ENOENT
 * when part of the range is not in the map at all.
 */
int memmap_efi_range_covered(const u8 *map, u64 map_size, u64 desc_size, u64 lo, u64 hi,
			     u32 allowed_mask, struct pp_err *err);

#endif
