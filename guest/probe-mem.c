// SPDX-License-Identifier: GPL-2.0-only
/*
 * `probe-mem`: an attack guest (attack.h). Its RAM is 16 MiB at gpa 0; it
 * maps 2 MiB pages at 64 MiB, 1 GiB and 3 GiB into its own page tables and
 * writes to each in turn, saying so first. Its own tables allow it, the
 * nested page table has nothing there: the first write is a nested page
 * fault and the hypervisor stops it. `probe-mem: still running` must never
 * be printed.
 */
#include "attack.h"
#include "kit/gk.h"

int main(void)
{
	static const uint64_t targets[] = {64ull << 20, 1ull << 30, 3ull << 30};
	gk_printf("probe-mem: start\n");
	for (unsigned i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		uint64_t a = targets[i];
		if (attack_map_2m(a) != 0) {
			gk_printf("probe-mem: cannot map 0x%llx in its own tables\n",
				  (unsigned long long)a);
			continue;
		}
		gk_printf("probe-mem: writing 0x%llx\n", (unsigned long long)a);
		*(volatile uint64_t *)(uintptr_t)a = 0x5050524f42452121ull;
		gk_printf("probe-mem: still running after writing 0x%llx\n", (unsigned long long)a);
	}
	return 0;
}
