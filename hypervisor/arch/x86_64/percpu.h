/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-CPU data. GS base points at the CPU's struct percpu (whose first field
 * points at itself, so %gs:0 yields it). Slot 0 is the BSP; APs take slots in
 * MADT order. See docs/hypervisor.md, "Per-CPU data".
 */
#ifndef PARAPET_HV_X86_PERCPU_H
#define PARAPET_HV_X86_PERCPU_H

#include <parapet/types.h>
#include <parapet/x86.h>
#include "desc.h"
#include "regs.h"

#define HV_MAX_CPUS 64

#define CPU_STACK_PAGES 4 /* per-CPU kernel stack, plus an unmapped guard page below */
#define CPU_IST_PAGES 2	  /* IST1 stack (#DF, #NMI, #MC), plus a guard page below */

struct percpu {
	struct percpu *self; /* %gs:0 */
	u32 cpu;	     /* slot index: 0 = BSP */
	u32 apic_id;
	u64 stack_top;
	u64 ist1_top;
	volatile u32 online; /* set by the CPU when it reached its idle loop */
	u32 pad;
	u64 svm_hsave_pa;     /* SVM host save area (svm/svm.c), 0 until enabled */
	u64 svm_host_vmcb_pa; /* VMSAVE/VMLOAD area for the host's FS/GS/TR/... (svm/vmrun.S) */
	struct gdt_table gdt; /* 8-byte aligned */
	struct tss64
	    tss; /* packed; never crosses a page (struct is 64-byte aligned, < 256 bytes) */
} __attribute__((aligned(64)));
_Static_assert(sizeof(struct percpu) <= 256, "percpu block stays within one 256-byte unit");
_Static_assert(__builtin_offsetof(struct percpu, self) == 0, "%gs:0 is the self pointer");

extern struct percpu percpu[HV_MAX_CPUS];

/* Make pc the current CPU's per-CPU block (writes GS base). */
void percpu_activate(struct percpu *pc);

/* Index of the running CPU; 0 before percpu_activate() (GS base 0). */
static inline u32 this_cpu_index(void)
{
	const struct percpu *pc = (const struct percpu *)(uintptr_t)rdmsr(MSR_GS_BASE);
	return pc ? pc->cpu : 0;
}

#endif
