/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * CET on the CPUs, CET=1 builds only (layouts and decisions in cet.h;
 * docs/hypervisor.md, "CET"). The BSP decides once, from its CPUID. Then
 * every CPU gets, when shadow stacks are on, a shadow stack for its own
 * stack and one for its IST1 stack (CET_SHSTK_PAGES from palloc above an
 * unmapped guard page; the token is written while the page is still
 * ordinary, then the page is mapped as a shadow-stack page) and its
 * interrupt SSP table, and writes IA32_PL0_SSP,
 * IA32_INTERRUPT_SSP_TABLE_ADDR, IA32_S_CET, then CR4.CET and SETSSBSY.
 *
 * Once shadow stacks are on, a RET into a frame entered before SETSSBSY
 * finds no return address on the shadow stack (#CP). So the enabling code
 * is always inlined (cet_start_bsp, cet_start_ap) into functions that never
 * return (hv_main, ap_entry), and CR4.CET and SETSSBSY share one asm block
 * with no CALL or RET between them. It runs after gdt_load()'s far return,
 * which would pop the shadow stack too: nothing calls gdt_load() later.
 *
 * Without CET=1 the three hooks (cet_start_bsp, cet_prepare_ap,
 * cet_start_ap) are empty inline functions and cet_cpu.c is not linked.
 */
#ifndef PARAPET_HV_X86_CET_CPU_H
#define PARAPET_HV_X86_CET_CPU_H

#include <parapet/err.h>
#include "hypervisor/core/palloc.h"
#include "cet.h"

#define CET_SHSTK_PAGES 1 /* per shadow stack, plus an unmapped guard page below */

#include <parapet/x86.h>
#include "regs.h"

#define CET_ALWAYS_INLINE inline __attribute__((always_inline))

/* What one CPU writes when it enables CET. */
struct cet_cpu {
	struct cet_ssp_table ssp_table; /* IA32_INTERRUPT_SSP_TABLE_ADDR */
	u64 pl0_ssp;			/* IA32_PL0_SSP: its shadow stack's token */
	u64 s_cet;			/* IA32_S_CET */
	u64 cr4_set;			/* CR4_CET or 0 */
} __attribute__((aligned(64)));

/* cet_cpu.c (CET=1 builds only) */
extern struct cet_cpu cet_cpus[]; /* HV_MAX_CPUS, slot order */
extern struct cet_features cet_enabled;

/* BSP: decide from CPUID and prepare slot 0. False: CET stays off and the
 * "hv: cet: not enabled" line was printed. */
bool cet_prepare_bsp(struct palloc *pa);
/* BSP, before CPU `cpu` starts: its shadow stacks and SSP table (nothing
 * to do when CET is off). */
int cet_prepare_cpu(u32 cpu, struct palloc *pa, struct pp_err *err);
/* AP: prints why and stops the CPU if it cannot enable what the BSP did. */
void cet_check_ap(u32 cpu);
/* BSP: the "hv: cet: enabled" line, from IA32_S_CET, CR4 and SSP read back. */
void cet_report(void);

static CET_ALWAYS_INLINE void cet_activate(u32 cpu)
{
	const struct cet_cpu *c = &cet_cpus[cpu];
	u64 cr4 = read_cr4() | c->cr4_set;

	if (c->s_cet & S_CET_SH_STK_EN) {
		wrmsr(MSR_PL0_SSP, c->pl0_ssp);
		wrmsr(MSR_INTERRUPT_SSP_TABLE, (u64)(uintptr_t)&c->ssp_table);
	}
	wrmsr(MSR_S_CET, c->s_cet); /* no effect until CR4.CET */
	if (c->s_cet & S_CET_SH_STK_EN)
		__asm__ volatile("mov %0, %%cr4\n\tsetssbsy" ::"r"(cr4) : "memory");
	else
		__asm__ volatile("mov %0, %%cr4" ::"r"(cr4) : "memory");
}

/* The hooks in the bring-up code: CET=1 builds only, empty otherwise. */
#ifdef PP_CET
/* hv_main, after palloc is up: decide, prepare, enable, report. */
static CET_ALWAYS_INLINE void cet_start_bsp(struct palloc *pa)
{
	if (!cet_prepare_bsp(pa))
		return;
	cet_activate(0);
	cet_report();
}

/* smp_start_aps, before AP `cpu` starts. */
static inline int cet_prepare_ap(u32 cpu, struct palloc *pa, struct pp_err *err)
{
	return cet_prepare_cpu(cpu, pa, err);
}

/* ap_entry, after its GDT, IDT and CR0.WP: enable what the BSP enabled. */
static CET_ALWAYS_INLINE void cet_start_ap(u32 cpu)
{
	if (!cet_enabled.shstk && !cet_enabled.ibt)
		return;
	cet_check_ap(cpu);
	cet_activate(cpu);
}
#else
static inline void cet_start_bsp(struct palloc *pa)
{
	(void)pa;
}
static inline int cet_prepare_ap(u32 cpu, struct palloc *pa, struct pp_err *err)
{
	(void)cpu;
	(void)pa;
	(void)err;
	return PP_OK;
}
static inline void cet_start_ap(u32 cpu)
{
	(void)cpu;
}
#endif

#endif
