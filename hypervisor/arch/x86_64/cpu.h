/* SPDX-License-Identifier: GPL-2.0-only */
/* CPU identification and feature bits the bring-up needs (CPUID). */
#ifndef PARAPET_HV_X86_CPU_H
#define PARAPET_HV_X86_CPU_H

#include <parapet/types.h>

struct cpu_features {
	char vendor[13]; /* "AuthenticAMD", "GenuineIntel", ... */
	u32 max_ext_leaf;
	bool nx;      /* CPUID 0x80000001 EDX bit 20 */
	bool page1gb; /* CPUID 0x80000001 EDX bit 26 */
	bool x2apic;  /* CPUID 1 ECX bit 21 */
	bool svm;     /* CPUID 0x80000001 ECX bit 2 */
	bool npt;     /* CPUID 0x8000000A EDX bit 0 (only if svm) */
	bool vmx;     /* CPUID 1 ECX bit 5 */
};

extern struct cpu_features cpu_features;

/* Fill cpu_features from the CPU this runs on (the BSP). */
void cpu_detect(void);

#endif
