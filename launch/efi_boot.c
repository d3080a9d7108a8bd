// SPDX-License-Identifier: GPL-2.0-only
/*
 * UEFI boot-services phase (GRUB entered launch through the Multiboot2 EFI
 * amd64 entry with boot services alive). UEFI Specification 2.10: 4.3 system
 * table, 4.6 configuration table, 7.2 AllocatePages / GetMemoryMap, 7.4
 * ExitBootServices.
 */
#include <parapet/bytes.h>
#include <parapet/string.h>
#include <parapet/x86.h>
#include "console.h"
#include "efi.h"
#include "efi_boot.h"
#include "mb2.h"
#include "fwlog/efi_tcg2.h"
#include "memmap.h"

#define EFI_MMAP_BUF_SIZE (64u * 1024u)

/* 8868e871-e4f1-11d3-bc22-0080c73c8881 (EFI_ACPI_20_TABLE_GUID), in memory order */
static const u8 efi_acpi20_guid[16] = {0x71, 0xe8, 0x68, 0x88, 0xf1, 0xe4, 0xd3, 0x11,
				       0xbc, 0x22, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81};

/* Memory that is free after ExitBootServices (besides GRUB's loader data). */
#define EFI_BS_RECLAIMABLE                                                                         \
	(EFI_TYPE_BIT(EFI_CONVENTIONAL_MEMORY) | EFI_TYPE_BIT(EFI_BOOT_SERVICES_CODE) |            \
	 EFI_TYPE_BIT(EFI_BOOT_SERVICES_DATA))

static u8 efi_mmap_buf[EFI_MMAP_BUF_SIZE] __attribute__((aligned(8)));

static const char *efi_status_name(efi_status s)
{
	switch (s) {
	case EFI_SUCCESS: return "EFI_SUCCESS";
	case EFI_INVALID_PARAMETER: return "EFI_INVALID_PARAMETER";
	case EFI_UNSUPPORTED: return "EFI_UNSUPPORTED";
	case EFI_BUFFER_TOO_SMALL: return "EFI_BUFFER_TOO_SMALL";
	case EFI_OUT_OF_RESOURCES: return "EFI_OUT_OF_RESOURCES";
	case EFI_NOT_FOUND: return "EFI_NOT_FOUND";
	default: return "EFI error";
	}
}

static const struct efi_system_table *efi_st(u64 system_table)
{
	const struct efi_system_table *st =
	    (const struct efi_system_table *)(uintptr_t)system_table;
	if (!st || st->hdr.signature != EFI_SYSTEM_TABLE_SIGNATURE)
		launch_failf(PP_EMAGIC, "EFI system table at 0x%llx has a bad signature",
			     (unsigned long long)system_table);
	const struct efi_boot_services *bs = st->boot_services;
	if (!bs || bs->hdr.signature != EFI_BOOT_SERVICES_SIGNATURE)
		launch_failf(PP_EMAGIC, "EFI boot services table at 0x%llx has a bad signature",
			     (unsigned long long)(uintptr_t)bs);
	return st;
}

u64 efi_find_rsdp(u64 system_table)
{
	const struct efi_system_table *st = efi_st(system_table);
	const u8 *ct = st->configuration_table;
	u64 n = st->number_of_table_entries;
	if (!ct || n > EFI_CONFIG_TABLE_MAX)
		return 0;
	for (u64 i = 0; i < n; i++) {
		const u8 *e = ct + i * EFI_CONFIG_TABLE_SIZE;
		if (memcmp(e, efi_acpi20_guid, sizeof(efi_acpi20_guid)) == 0)
			return ld_le64(e + 16);
	}
	return 0;
}

/*
 * The firmware's TCG2 event log (launch/fwlog/efi_tcg2.c, docs/eventlog.md
 * "Firmware log"): copied with boot services alive, before the final memory
 * map is taken (it allocates nothing, so the map key stays valid); the Final
 * Events table's later events (ExitBootServices measures into PCR 5) are
 * appended after ExitBootServices, and the handoff's fw_log_* fields set.
 */
static void efi_collect_fw_log(const struct efi_system_table *st, struct pp_handoff_builder *b)
{
	b->hdr.fw_log_base = 0;
	b->hdr.fw_log_size = 0;
	b->hdr.fw_log_format = 0;
	efi_fwlog_collect(st);
}

static efi_status efi_get_map(const struct efi_boot_services *bs, u64 *size, u64 *key,
			      u64 *desc_size)
{
	u32 desc_version = 0;
	*size = sizeof(efi_mmap_buf);
	return bs->get_memory_map(size, efi_mmap_buf, key, desc_size, &desc_version);
}

#define MOVE_TRIES 8u /* allocations that landed over the hypervisor, kept aside */

static bool overlaps(u64 a, u64 alen, u64 b, u64 blen)
{
	return a < b + blen && b < a + alen;
}

void efi_move_modules(u64 system_table, struct mb2_info *mi, u32 hv, u64 hv_base, u64 hv_size)
{
	const struct efi_boot_services *bs = efi_st(system_table)->boot_services;
	for (u32 i = 0; i < mi->mod_count; i++) {
		struct mb2_module *m = &mi->mod[i];
		const u64 len = (u64)m->end - m->start,
			  pages = (len + PP_PAGE_SIZE - 1) >> PP_PAGE_SHIFT;
		u64 aside[MOVE_TRIES], dst = 0;
		u32 n = 0;
		if (i == hv || !overlaps(m->start, len, hv_base, hv_size))
			continue;
		/* below 4 GiB and outside the hypervisor's range: a page that
		 * lands over it is kept aside (so the next try goes elsewhere) */
		while (n < MOVE_TRIES) {
			u64 addr = 0xffffffffull;
			efi_status s = bs->allocate_pages(EFI_ALLOCATE_MAX_ADDRESS, EFI_LOADER_DATA,
							  pages, &addr);
			if (s != EFI_SUCCESS)
				launch_failf(
				    PP_ENOMEM,
				    "module %u [0x%x, 0x%x) overlaps the hypervisor's range "
				    "[0x%llx, 0x%llx) and no %llu pages below 4 GiB are "
				    "free to move it: %s",
				    i, m->start, m->end, (unsigned long long)hv_base,
				    (unsigned long long)hv_base + hv_size,
				    (unsigned long long)pages, efi_status_name(s));
			if (!overlaps(addr, pages << PP_PAGE_SHIFT, hv_base, hv_size)) {
				dst = addr;
				break;
			}
			aside[n++] = addr;
		}
		for (u32 k = 0; k < n; k++)
			(void)bs->free_pages(aside[k], pages);
		if (!dst)
			launch_failf(
			    PP_ENOMEM,
			    "module %u: %u allocations in a row landed over the hypervisor's "
			    "range",
			    i, MOVE_TRIES);
		memmove((void *)(uintptr_t)dst, (const void *)(uintptr_t)m->start, (size_t)len);
		launch_printf("module %u moved from 0x%x to 0x%llx (%llu bytes): it overlapped the "
			      "hypervisor's range",
			      i, m->start, (unsigned long long)dst, (unsigned long long)len);
		/* its old pages (GRUB's LoaderData, modules 4 KiB aligned) back to
		 * the firmware, so the hypervisor's range can be allocated */
		efi_status s = bs->free_pages(m->start, pages);
		if (s != EFI_SUCCESS)
			launch_failf(PP_EDEVICE,
				     "module %u: FreePages(0x%x, %llu) of its old place: %s", i,
				     m->start, (unsigned long long)pages, efi_status_name(s));
		m->start = (u32)dst;
		m->end = (u32)(dst + len);
	}
}

u32 efi_exit_firmware(u64 system_table, u64 image_handle, u64 hv_base, u64 hv_size,
		      struct pp_handoff_builder *b)
{
	const struct efi_system_table *st = efi_st(system_table);
	const struct efi_boot_services *bs = st->boot_services;
	u64 pages = hv_size >> PP_PAGE_SHIFT, addr = hv_base, hv_end = hv_base + hv_size;
	u64 size, key, desc_size;
	struct pp_err err;
	efi_status s;

	s = bs->allocate_pages(EFI_ALLOCATE_ADDRESS, EFI_LOADER_DATA, pages, &addr);
	if (s != EFI_SUCCESS) {
		/*
		 * OVMF keeps its decompressed DXE firmware volume in boot-services
		 * data at 9-21 MiB, over the hypervisor's 16 MiB. Such memory is
		 * free once ExitBootServices returns: accept boot-services code/data
		 * (and free memory) and load after the exit; refuse anything else.
		 */
		efi_status s2 = efi_get_map(bs, &size, &key, &desc_size);
		if (s2 != EFI_SUCCESS)
			launch_failf(PP_EDEVICE,
				     "EFI AllocatePages(AllocateAddress) for the hypervisor range "
				     "[0x%llx, 0x%llx) failed: %s, and GetMemoryMap: %s",
				     (unsigned long long)hv_base, (unsigned long long)hv_end,
				     efi_status_name(s), efi_status_name(s2));
		if (memmap_efi_range_covered(efi_mmap_buf, size, desc_size, hv_base, hv_end,
					     EFI_BS_RECLAIMABLE, &err))
			launch_failf(PP_ENOMEM,
				     "EFI AllocatePages(AllocateAddress) for the hypervisor range "
				     "failed: %s; %s",
				     efi_status_name(s), err.msg);
		launch_printf("hypervisor range 0x%llx-0x%llx holds EFI boot-services memory: "
			      "loading it after ExitBootServices",
			      (unsigned long long)hv_base, (unsigned long long)hv_end);
	}

	efi_collect_fw_log(st, b);

	for (int attempt = 0;; attempt++) {
		/* No output, allocation or other boot service between these two calls. */
		s = efi_get_map(bs, &size, &key, &desc_size);
		if (s != EFI_SUCCESS)
			launch_failf(
			    PP_EDEVICE,
			    "EFI GetMemoryMap failed: %s (0x%llx), map needs %llu bytes, buffer %u",
			    efi_status_name(s), (unsigned long long)s, (unsigned long long)size,
			    EFI_MMAP_BUF_SIZE);
		s = bs->exit_boot_services((efi_handle)(uintptr_t)image_handle, key);
		if (s == EFI_SUCCESS)
			break;
		if (s != EFI_INVALID_PARAMETER || attempt == 1)
			launch_failf(PP_EDEVICE,
				     "EFI ExitBootServices failed: %s (0x%llx), attempt %d",
				     efi_status_name(s), (unsigned long long)s, attempt + 1);
	}
	cli();
	efi_fwlog_finish(b);

	/* Whether reserved or reclaimed: the final map must call the range free. */
	if (memmap_efi_range_covered(efi_mmap_buf, size, desc_size, hv_base, hv_end,
				     EFI_BS_RECLAIMABLE | EFI_TYPE_BIT(EFI_LOADER_CODE) |
					 EFI_TYPE_BIT(EFI_LOADER_DATA),
				     &err))
		launch_failf(err.code, "hypervisor range after ExitBootServices: %s", err.msg);
	int n = memmap_add_efi(b, efi_mmap_buf, size, desc_size, &err);
	if (n < 0)
		launch_fail(&err);
	return (u32)n;
}
