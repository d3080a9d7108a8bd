/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest general-purpose registers the VMCB does not hold (it holds RAX
 * and RSP, APM vol. 2 Table B-2): saved and loaded by vmrun.S around VMRUN.
 * Usable from C and assembly.
 */
#ifndef PARAPET_HV_SVM_GPRS_H
#define PARAPET_HV_SVM_GPRS_H

#define SVM_GPR_RBX 0x00
#define SVM_GPR_RCX 0x08
#define SVM_GPR_RDX 0x10
#define SVM_GPR_RSI 0x18
#define SVM_GPR_RDI 0x20
#define SVM_GPR_RBP 0x28
#define SVM_GPR_R8 0x30
#define SVM_GPR_R9 0x38
#define SVM_GPR_R10 0x40
#define SVM_GPR_R11 0x48
#define SVM_GPR_R12 0x50
#define SVM_GPR_R13 0x58
#define SVM_GPR_R14 0x60
#define SVM_GPR_R15 0x68

#ifndef __ASSEMBLY__
#include <parapet/types.h>

struct svm_gprs {
	u64 rbx, rcx, rdx, rsi, rdi, rbp, r8, r9, r10, r11, r12, r13, r14, r15;
};
_Static_assert(__builtin_offsetof(struct svm_gprs, rbx) == SVM_GPR_RBX, "rbx");
_Static_assert(__builtin_offsetof(struct svm_gprs, rcx) == SVM_GPR_RCX, "rcx");
_Static_assert(__builtin_offsetof(struct svm_gprs, rdx) == SVM_GPR_RDX, "rdx");
_Static_assert(__builtin_offsetof(struct svm_gprs, rsi) == SVM_GPR_RSI, "rsi");
_Static_assert(__builtin_offsetof(struct svm_gprs, rdi) == SVM_GPR_RDI, "rdi");
_Static_assert(__builtin_offsetof(struct svm_gprs, rbp) == SVM_GPR_RBP, "rbp");
_Static_assert(__builtin_offsetof(struct svm_gprs, r8) == SVM_GPR_R8, "r8");
_Static_assert(__builtin_offsetof(struct svm_gprs, r15) == SVM_GPR_R15, "r15");
_Static_assert(sizeof(struct svm_gprs) == SVM_GPR_R15 + 8, "no padding");

/*
 * One world switch (vmrun.S): VMSAVE the host's extra state to host_pa,
 * VMLOAD the guest's from vmcb_pa, CLGI, load g, VMRUN; after #VMEXIT save
 * the guest's GPRs into g, VMSAVE the guest's extra state, VMLOAD the
 * host's, STGI. The exit code and guest RAX/RSP/RIP are in the VMCB.
 */
void svm_vmrun(u64 vmcb_pa, struct svm_gprs *g, u64 host_pa, u64 if_off);
#endif

#endif
