/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The VMRUN consistency checks (AMD APM vol. 2 §15.5.1 "VMRUN Instruction",
 * "Canonicalization and Consistency Checks"; event injection §15.20): the
 * guest states a VMRUN refuses with #VMEXIT(VMEXIT_INVALID). Pure and
 * host-tested (tests/unit/test_svm_check.c). Run before the first VMRUN of
 * every VMCB, and again after an exit code 0xffffffff to name the rule.
 */
#ifndef PARAPET_HV_SVM_CHECK_H
#define PARAPET_HV_SVM_CHECK_H

#include <parapet/types.h>
#include "vmcb.h"

/* What the rules depend on besides the VMCB (from struct svm_caps). */
struct svm_check_env {
	u32 phys_bits;	/* CPUID Fn8000_0008 EAX[7:0] */
	bool long_mode; /* CPUID Fn8000_0001 EDX.LM */
};

/* Guest register bits the rules name (APM vol. 2 §3.1). */
#define SVM_CR0_PE SVM_BIT64(0)
#define SVM_CR0_NW SVM_BIT64(29)
#define SVM_CR0_CD SVM_BIT64(30)
#define SVM_CR0_PG SVM_BIT64(31)
#define SVM_CR4_PAE SVM_BIT64(5)
#define SVM_EFER_LME SVM_BIT64(8)
#define SVM_EFER_LMA SVM_BIT64(10)
#define SVM_EFER_SVME SVM_BIT64(12)
/* CR4 bits the APM defines (§3.1.3: 0-12 VME..LA57, 16 FSGSBASE, 17 PCIDE,
 * 18 OSXSAVE, 20 SMEP, 21 SMAP, 22 PKE, 23 CET); every other bit is MBZ. */
#define SVM_CR4_DEFINED 0x00f71fffull
/* EFER bits the APM defines (§3.1.7: SCE, LME, LMA, NXE, SVME, LMSLE, FFXSR,
 * TCE, MCOMMIT, INTWB, UAIE, AIBRSE); every other bit is MBZ. */
#define SVM_EFER_DEFINED 0x0036fd01ull

/* The number of rules; rule i's message is svm_check_rule_name(i). */
#define SVM_CHECK_RULES 19

/* NULL when the VMCB passes every rule; otherwise the first broken rule's
 * message ("<rule>: <what> (APM vol. 2 §...)"). */
const char *svm_check_vmcb(const struct svm_vmcb *v, const struct svm_check_env *env);
const char *svm_check_rule_name(unsigned i);

#endif
