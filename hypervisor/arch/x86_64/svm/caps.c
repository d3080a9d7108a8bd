// SPDX-License-Identifier: GPL-2.0-only
/* The SVM capability decision (svm.h): pure, host-tested (tests/unit/test_svm_caps.c). */
#include <parapet/string.h>
#include "svm.h"

void svm_caps_decide(const struct svm_cpuid *in, struct svm_caps *out)
{
	memset(out, 0, sizeof(*out));
	out->phys_bits = 36; /* APM vol. 3 E.4.7: the architectural minimum */
	if (in->max_ext_leaf >= 0x80000008u && (in->addr_eax & 0xffu))
		out->phys_bits = in->addr_eax & 0xffu;
	if (in->max_ext_leaf >= 0x80000001u)
		out->long_mode = in->ext1_edx & SVM_CPUID_80000001_EDX_LM;
	if (in->max_ext_leaf < 0x80000001u || !(in->ext1_ecx & SVM_CPUID_80000001_ECX_SVM)) {
		out->why = "CPUID Fn8000_0001 ECX.SVM is clear";
		return;
	}
	if (in->max_ext_leaf < 0x8000000au) {
		out->why = "CPUID Fn8000_000A (SVM features) is not reported";
		return;
	}
	out->revision = in->svm_eax & 0xffu;
	out->nasid = in->svm_ebx;
	out->np = in->svm_edx & SVM_CPUID_NP;
	out->nrips = in->svm_edx & SVM_CPUID_NRIPS;
	out->clean_bits = in->svm_edx & SVM_CPUID_VMCB_CLEAN;
	out->flush_by_asid = in->svm_edx & SVM_CPUID_FLUSH_BY_ASID;
	out->decode_assists = in->svm_edx & SVM_CPUID_DECODE_ASSISTS;
	if (in->vm_cr & SVM_VM_CR_SVMDIS) {
		out->why = (in->vm_cr & SVM_VM_CR_LOCK)
			       ? "disabled by firmware (VM_CR.SVMDIS, locked)"
			       : "disabled by firmware (VM_CR.SVMDIS)";
		return;
	}
	if (!out->long_mode) {
		out->why = "no long mode (CPUID Fn8000_0001 EDX.LM)";
		return;
	}
	if (out->nasid < 2) {
		out->why = "fewer than 2 ASIDs (CPUID Fn8000_000A EBX)";
		return;
	}
	out->usable = true;
}
