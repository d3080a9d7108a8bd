// SPDX-License-Identifier: GPL-2.0-only
/*
 * Identity map of 0-4 GiB with 2-MiB pages (APM Vol. 2, 5.3.3 "2-Mbyte page
 * translation"): one PML4 entry -> one PDPT -> four page directories. The
 * BIOS entry stub fills the same tables in 32-bit code before enabling
 * paging; launch_main() refills them (same values) before the jump to the
 * hypervisor so that UEFI boots also leave the firmware's tables behind.
 */
#include "paging.h"

__attribute__((aligned(4096))) u64 launch_pml4[PT_ENTRIES];
__attribute__((aligned(4096))) u64 launch_pdpt[PT_ENTRIES];
__attribute__((aligned(4096))) u64 launch_pd[IDMAP_PDS * PT_ENTRIES];
_Static_assert(sizeof(launch_pml4) == 4096 && sizeof(launch_pdpt) == 4096, "one page each");

u64 paging_build_identity(void)
{
	for (u32 i = 0; i < IDMAP_PDS * PT_ENTRIES; i++)
		launch_pd[i] = (u64)i * PAGE_2M | PTE_P | PTE_RW | PTE_PS;
	for (u32 i = 0; i < IDMAP_PDS; i++)
		launch_pdpt[i] =
		    (u64)(uintptr_t)&launch_pd[(size_t)i * PT_ENTRIES] | PTE_P | PTE_RW;
	launch_pml4[0] = (u64)(uintptr_t)launch_pdpt | PTE_P | PTE_RW;
	return (u64)(uintptr_t)launch_pml4;
}
