// SPDX-License-Identifier: GPL-2.0-only
/* Per-CPU blocks (static: HV_MAX_CPUS of them in .bss). */
#include "percpu.h"

struct percpu percpu[HV_MAX_CPUS];

void percpu_activate(struct percpu *pc)
{
	pc->self = pc;
	wrmsr(MSR_GS_BASE, (u64)(uintptr_t)pc);
}
