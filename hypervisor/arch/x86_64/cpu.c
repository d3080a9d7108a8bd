// SPDX-License-Identifier: GPL-2.0-only
/* CPUID-based feature detection (AMD APM vol. 3 appendix E, Intel SDM vol. 2A CPUID). */
#include <parapet/string.h>
#include <parapet/x86.h>
#include "cpu.h"
#include "regs.h"

#define CPUID_1_ECX_VMX (1u << 5)

struct cpu_features cpu_features;

void cpu_detect(void)
{
	struct cpu_features *f = &cpu_features;
	u32 a, b, c, d;

	memset(f, 0, sizeof(*f));
	cpuid(0, 0, &a, &b, &c, &d);
	memcpy(f->vendor + 0, &b, 4);
	memcpy(f->vendor + 4, &d, 4);
	memcpy(f->vendor + 8, &c, 4);
	f->vendor[12] = '\0';
	if (a >= 1) {
		cpuid(1, 0, &a, &b, &c, &d);
		f->x2apic = c & CPUID_1_ECX_X2APIC;
		f->vmx = c & CPUID_1_ECX_VMX;
	}
	cpuid(0x80000000u, 0, &a, &b, &c, &d);
	f->max_ext_leaf = a;
	if (a >= 0x80000001u) {
		cpuid(0x80000001u, 0, &a, &b, &c, &d);
		f->nx = d & CPUID_80000001_EDX_NX;
		f->page1gb = d & CPUID_80000001_EDX_PAGE1GB;
		f->svm = c & CPUID_80000001_ECX_SVM;
	}
	if (f->svm && f->max_ext_leaf >= 0x8000000au) {
		cpuid(0x8000000au, 0, &a, &b, &c, &d);
		f->npt = d & CPUID_8000000A_EDX_NP;
	}
}
