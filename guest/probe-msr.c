// SPDX-License-Identifier: GPL-2.0-only
/*
 * `probe-msr`: an attack guest (attack.h). Writes VM_HSAVE_PA
 * (0xc0010117, the host save area of SVM: not on the hypervisor's MSR
 * allowlist) -> the hypervisor injects #GP(0) -> the kit's IDT prints
 * `exception #GP (13), error 0x0, rip 0x...` and stops (cli; hlt), which
 * stops the partition. `probe-msr: still running` must never be printed.
 */
#include "attack.h"
#include "kit/gk.h"

#define MSR_VM_HSAVE_PA 0xc0010117u

int main(void)
{
	gk_printf("probe-msr: start\n");
	gk_printf("probe-msr: wrmsr 0x%x\n", MSR_VM_HSAVE_PA);
	__asm__ volatile("wrmsr" : : "c"(MSR_VM_HSAVE_PA), "a"(0u), "d"(0u) : "memory");
	gk_printf("probe-msr: still running\n");
	return 0;
}
