// SPDX-License-Identifier: GPL-2.0-only
/*
 * `probe`: an attack guest for the tests (tests/qemu/cases/
 * partition-refusals-uefi.sh), run in place of the service partition's
 * image. In order, each step printing what it got:
 *   1. a hypercall without the capability: PART_STOP with the console
 *      selector (not a control capability) -> PP_HC_EPERM;
 *   2. a console write of a buffer outside its memory -> PP_HC_EFAULT;
 *   3. IN from port 0x80 (no port in its policy) -> all ones, refused;
 *   4. OUT to port 0x80 -> dropped, refused;
 *   5. RDMSR of the TSC (allowlisted) -> a value;
 *   6. it maps 64 MiB (past its 16 MiB of RAM) into its own page tables
 *      and reads it: its own tables allow it, the nested page table has
 *      nothing there -> a nested page fault: the hypervisor stops it.
 * Nothing after step 6 runs; the last line must never be printed.
 */
#include "kit/gk.h"

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint64_t rdmsr_(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

int main(void)
{
	struct gk_cap c;
	if (gk_cap_find(PP_HC_CAP_CONSOLE, PP_HC_RIGHT_USE, 0, &c) != 0)
		return 1;
	const uint64_t con = c.sel;
	gk_printf("probe: stop without control: %s\n", gk_status_name(gk_hc_part_stop(con)));
	gk_printf("probe: console write outside memory: %s\n",
		  gk_status_name(gk_hc_console_write(con, (const void *)0x7ff00000ull, 16)));
	gk_printf("probe: in 0x80 = 0x%x\n", inb(0x80));
	outb(0x80, 0x42);
	gk_printf("probe: out 0x80 done\n");
	uint64_t t = rdmsr_(0x10);
	gk_printf("probe: rdmsr tsc %s\n", t ? "nonzero" : "zero");
	/* its own tables: PML4[0] -> PDPT[0] -> PD, identity (docs/partitions.md) */
	uint64_t cr3;
	__asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
	const uint64_t addr = 0x000ffffffffff000ull;
	uint64_t *pml4 = (uint64_t *)(uintptr_t)(cr3 & addr);
	uint64_t *pdpt = (uint64_t *)(uintptr_t)(pml4[0] & addr);
	uint64_t *pd = (uint64_t *)(uintptr_t)(pdpt[0] & addr);
	pd[32] = (64ull << 20) | 0x83; /* P, RW, PS: a 2 MiB page at 64 MiB */
	__asm__ volatile("invlpg (%0)" : : "r"(64ull << 20) : "memory");
	gk_printf("probe: reading 64 MiB\n");
	volatile uint64_t *far = (volatile uint64_t *)(uintptr_t)(64ull << 20);
	uint64_t x = *far;
	gk_printf("probe: still running after reading 0x%llx\n", (unsigned long long)x);
	return 0;
}
