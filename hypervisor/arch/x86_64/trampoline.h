/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * AP start-up trampoline (trampoline.S), copied to a page below 1 MiB whose
 * number is the SIPI vector. Real mode -> 32-bit protected mode -> PAE,
 * EFER.LME/NXE, CR3, CR0.PG -> long mode -> ap_entry(percpu) on the CPU's
 * own stack. The BSP fills the parameter block (at trampoline_params) before
 * each SIPI; the layout below is shared with the assembly.
 */
#ifndef PARAPET_HV_X86_TRAMPOLINE_H
#define PARAPET_HV_X86_TRAMPOLINE_H

#define TR_SEL_CODE64 0x08
#define TR_SEL_DATA 0x10
#define TR_SEL_CODE32 0x18

#define TRP_GDTR 0   /* u16 limit, u32 base: LGDT operand */
#define TRP_FAR32 8  /* u32 offset, u16 selector: far pointer into 32-bit code */
#define TRP_FAR64 16 /* u32 offset, u16 selector: far pointer into 64-bit code */
#define TRP_CR3 24
#define TRP_STACK 32
#define TRP_PERCPU 40
#define TRP_ENTRY 48
#define TRP_EFER 56    /* u32 ORed into EFER (LME, NXE) */
#define TRP_STARTED 60 /* u32 set to 1 by the AP first thing */
#define TRP_SIZE 64

#ifndef __ASSEMBLY__
#include <parapet/types.h>

struct trampoline_params {
	u8 gdtr[8]; /* u16 limit, u32 base (unaligned: written with st_le*) */
	u32 far32_off;
	u16 far32_sel;
	u16 pad1;
	u32 far64_off;
	u16 far64_sel;
	u16 pad2;
	u64 cr3;
	u64 stack;
	u64 percpu;
	u64 entry;
	u32 efer_or;
	volatile u32 started;
};
_Static_assert(__builtin_offsetof(struct trampoline_params, gdtr) == TRP_GDTR, "gdtr");
_Static_assert(__builtin_offsetof(struct trampoline_params, far32_off) == TRP_FAR32, "far32");
_Static_assert(__builtin_offsetof(struct trampoline_params, far64_off) == TRP_FAR64, "far64");
_Static_assert(__builtin_offsetof(struct trampoline_params, cr3) == TRP_CR3, "cr3");
_Static_assert(__builtin_offsetof(struct trampoline_params, stack) == TRP_STACK, "stack");
_Static_assert(__builtin_offsetof(struct trampoline_params, percpu) == TRP_PERCPU, "percpu");
_Static_assert(__builtin_offsetof(struct trampoline_params, entry) == TRP_ENTRY, "entry");
_Static_assert(__builtin_offsetof(struct trampoline_params, efer_or) == TRP_EFER, "efer");
_Static_assert(__builtin_offsetof(struct trampoline_params, started) == TRP_STARTED, "started");
_Static_assert(sizeof(struct trampoline_params) == TRP_SIZE, "params size");

extern const char trampoline_start[], trampoline_pm32[], trampoline_lm64[];
extern const char trampoline_gdt[], trampoline_gdt_end[], trampoline_params[], trampoline_end[];
#endif

#endif
