/* SPDX-License-Identifier: GPL-2.0-only */
/* The UEFI-only part of launch: boot-services work before ExitBootServices. */
#ifndef PARAPET_LAUNCH_EFI_BOOT_H
#define PARAPET_LAUNCH_EFI_BOOT_H

#include <parapet/handoff.h>
#include <parapet/types.h>

/* Physical address of the ACPI 2.0+ RSDP from the EFI configuration table, or 0. */
u64 efi_find_rsdp(u64 system_table);

struct mb2_info;

/*
 * With boot services alive, before the hypervisor's range is checked: move
 * every boot module (other than module `hv`) that overlaps [hv_base,
 * hv_base + hv_size) to pages allocated below 4 GiB outside it (LoaderData,
 * AllocateMaxAddress; Multiboot2 modules are 32-bit), and update mi. GRUB
 * places modules first-fit, so a large one (a Linux kernel or initramfs,
 * docs/linux-partition.md) can land at 16 MiB, where the hypervisor is
 * linked. The bytes are copied unchanged, the old pages freed (FreePages);
 * the secure loader measures them at their new place. Failure is fatal (launch_fail).
 */
void efi_move_modules(u64 system_table, struct mb2_info *mi, u32 hv, u64 hv_base, u64 hv_size);

/*
 * With boot services alive: reserve the hypervisor's physical range
 * [hv_base, hv_base + hv_size) (AllocatePages AllocateAddress, LoaderData;
 * when that fails because boot-services code/data sit there, as OVMF's DXE
 * volume does at 9-21 MiB, the range is used after ExitBootServices
 * instead), collect the firmware event log (seam, see efi_collect_fw_log),
 * take the final memory map, ExitBootServices, cli, check the range is free
 * in the final map, and add the map to the builder. Any failure is fatal
 * (launch_fail). Returns the EFI descriptor count. The caller must leave the
 * firmware's page tables and GDT (launch_switch_cpu) before writing the range.
 */
u32 efi_exit_firmware(u64 system_table, u64 image_handle, u64 hv_base, u64 hv_size,
		      struct pp_handoff_builder *b);

#endif
