/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Control registers, MSRs and CPUID bits the hypervisor uses.
 * AMD APM vol. 2 §3.1 (CR0/CR4), §3.1.7 (EFER), Intel SDM vol. 3 §2.5, §2.2.1.
 * Usable from C and from assembly (no C in this header).
 */
#ifndef PARAPET_HV_X86_REGS_H
#define PARAPET_HV_X86_REGS_H

#ifdef __ASSEMBLY__
#define REG_BIT(n) (1 << (n))
#else
#define REG_BIT(n) (1u << (n))
#endif

/* CR0 */
#define CR0_PE REG_BIT(0)
#define CR0_MP REG_BIT(1)
#define CR0_ET REG_BIT(4)
#define CR0_NE REG_BIT(5)
#define CR0_WP REG_BIT(16)
#define CR0_PG REG_BIT(31)

/* CR4 */
#define CR4_PAE REG_BIT(5)
#define CR4_PGE REG_BIT(7)
#define CR4_CET REG_BIT(23) /* Intel SDM vol. 3A §2.5, AMD APM vol. 2 §3.1.3: needs CR0.WP */

/* RFLAGS */
#define RFLAGS_IF REG_BIT(9)

/* MSRs */
#define MSR_APIC_BASE 0x1b
#define MSR_PAT 0x277
#define MSR_EFER 0xc0000080
#define MSR_FS_BASE 0xc0000100
#define MSR_GS_BASE 0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102
/* CET (Intel SDM vol. 4 table 2-2; AMD APM vol. 2 ch. 18): cet.h */
#define MSR_S_CET 0x6a2
#define MSR_PL0_SSP 0x6a4
#define MSR_INTERRUPT_SSP_TABLE 0x6a8 /* AMD: ISST_ADDR */

/* EFER (AMD APM vol. 2 §3.1.7) */
#define EFER_SCE REG_BIT(0)
#define EFER_LME REG_BIT(8)
#define EFER_LMA REG_BIT(10)
#define EFER_NXE REG_BIT(11)
#define EFER_SVME REG_BIT(12)

/* IA32_S_CET (Intel SDM vol. 4 table 2-2). AMD defines bits 0-1 only (APM vol. 2 ch. 18). */
#define S_CET_SH_STK_EN REG_BIT(0)   /* supervisor shadow stacks */
#define S_CET_WR_SHSTK_EN REG_BIT(1) /* WRSS at CPL 0 (never set) */
#define S_CET_ENDBR_EN REG_BIT(2)    /* indirect branch tracking */
#define S_CET_LEG_IW_EN REG_BIT(3)   /* legacy code page bitmap (never set) */
#define S_CET_NO_TRACK_EN REG_BIT(4) /* honour the notrack prefix (never set) */

/* IA32_APIC_BASE (Intel SDM vol. 3 §11.4.4, §11.12.1) */
#define APIC_BASE_BSP REG_BIT(8)
#define APIC_BASE_EXTD REG_BIT(10) /* x2APIC mode */
#define APIC_BASE_EN REG_BIT(11)
#define APIC_BASE_ADDR_MASK 0x000ffffffffff000

/* PAT: the power-on default (Intel SDM vol. 3 §11.12.4): entries WB, WT, UC-, UC
 * repeated, so PCD|PWT selects UC and no flags select WB. */
#define PAT_DEFAULT 0x0007040600070406

/* CPUID */
#define CPUID_1_ECX_X2APIC REG_BIT(21)
#define CPUID_1_EDX_APIC REG_BIT(9)
#define CPUID_80000001_ECX_SVM REG_BIT(2)
#define CPUID_80000001_EDX_NX REG_BIT(20)
#define CPUID_80000001_EDX_PAGE1GB REG_BIT(26)
#define CPUID_80000001_EDX_LM REG_BIT(29)
#define CPUID_8000000A_EDX_NP REG_BIT(0)
/* CPUID.(EAX=7,ECX=0) (Intel SDM vol. 2A, CPUID leaf 07H; AMD APM vol. 3 app. E, Fn0000_0007) */
#define CPUID_7_ECX_CET_SS REG_BIT(7)	/* shadow stacks (Intel and AMD) */
#define CPUID_7_EDX_CET_IBT REG_BIT(20) /* indirect branch tracking (Intel only) */

#endif
