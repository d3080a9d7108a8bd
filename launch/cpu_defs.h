/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Control-register, MSR, CPUID and page-table bits launch needs, as plain
 * #defines so that entry.S can use them (AMD64 APM Vol. 2: 3.1 CR0/CR4,
 * 3.1.7 EFER, 5.3 long-mode page translation; Vol. 3 CPUID Fn8000_0001).
 */
#ifndef PARAPET_LAUNCH_CPU_DEFS_H
#define PARAPET_LAUNCH_CPU_DEFS_H

#define CR0_PE 0x00000001
#define CR0_PG 0x80000000
#define CR4_PAE 0x00000020

#define MSR_EFER 0xc0000080
#define EFER_LME 0x00000100
#define EFER_NXE 0x00000800

#define CPUID_EXT_MAX_LEAF 0x80000000
#define CPUID_EXT_FEATURES 0x80000001
#define CPUID_EXT_EDX_NX 0x00100000 /* bit 20 */
#define CPUID_EXT_EDX_LM 0x20000000 /* bit 29 */

/* Long-mode paging entries (PML4E, PDPTE, 2-MiB PDE): APM Vol. 2, 5.3.3 */
#define PTE_P 0x001
#define PTE_RW 0x002
#define PTE_PS 0x080 /* in a PDE: maps a 2-MiB page */
#define PT_ENTRIES 512
#define PAGE_2M 0x200000
#define IDMAP_PDS 4 /* 4 page directories x 1 GiB = identity 0-4 GiB */

#endif
