/* SPDX-License-Identifier: GPL-2.0-only */
/* The UEFI-only part of launch: boot-services work before ExitBootServices. */
#ifndef PARAPET_LAUNCH_EFI_BOOT_H
#define PARAPET_LAUNCH_EFI_BOOT_H

#include <parapet/handoff.h>
#include <parapet/types.h>

/* Physical address of the ACPI 2.0+ RSDP from the EFI configuration table, or 0. */
u64 efi_find_rsdp(u64 system_table);

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
