/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The SVM world switch: void svm_vmrun(u64 vmcb_pa, struct svm_gprs *g,
 * u64 host_pa) (gprs.h). VMRUN saves and restores the host's RIP, RSP, RAX,
 * segment/control registers and EFER through VM_HSAVE_PA (AMD APM vol. 2
 * §15.5); it does not switch the GPRs other than RAX/RSP (saved here on the
 * host stack) nor FS, GS, TR, LDTR, KernelGSBase, STAR/LSTAR/CSTAR/SFMASK
 * and SYSENTER_* (VMSAVE/VMLOAD, §15.5.2). GIF is cleared around the
 * switch (CLGI) and set again once the host's state is back (STGI).
 * Called with IF clear. VMRUN runs with the host's IF set (STI while GIF
 * is clear takes nothing): with V_INTR_MASKING (vmcb_init.c) a physical
 * interrupt then ends the guest through the INTR intercept, whatever the
 * guest's own IF (§15.21.1). It stays pending until STGI, where the host
 * takes it (irq.c: count, EOI) before the CLI that returns IF clear.
 * if_off (RCX) non-zero: no STI, VMRUN runs with the host's IF clear, for
 * a Linux partition that owns its core's local APIC (no V_INTR_MASKING, no
 * INTR intercept: the guest's own IF decides, §15.21.1); an interrupt that
 * arrives while the host handles an exit stays pending in the APIC until
 * the guest runs again and takes it through its own IDT.
 */
#include "gprs.h"

	.section .text.svm_vmrun, "ax"
	.code64
	.globl svm_vmrun
svm_vmrun:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	pushq %rdx			/* 8(%rsp) after the next push: host_pa */
	pushq %rsi			/* (%rsp): g */
	clgi
	testq %rcx, %rcx		/* if_off: a Linux partition (vcpu.h) */
	jnz 1f
	sti				/* GIF is clear: nothing is taken before VMRUN */
1:
	movq %rdx, %rax
	vmsave %rax			/* host FS/GS/TR/... -> host_pa */
	movq %rdi, %rax
	vmload %rax			/* guest FS/GS/TR/... <- VMCB */
	movq SVM_GPR_RBX(%rsi), %rbx
	movq SVM_GPR_RCX(%rsi), %rcx
	movq SVM_GPR_RDX(%rsi), %rdx
	movq SVM_GPR_RDI(%rsi), %rdi
	movq SVM_GPR_RBP(%rsi), %rbp
	movq SVM_GPR_R8(%rsi), %r8
	movq SVM_GPR_R9(%rsi), %r9
	movq SVM_GPR_R10(%rsi), %r10
	movq SVM_GPR_R11(%rsi), %r11
	movq SVM_GPR_R12(%rsi), %r12
	movq SVM_GPR_R13(%rsi), %r13
	movq SVM_GPR_R14(%rsi), %r14
	movq SVM_GPR_R15(%rsi), %r15
	movq SVM_GPR_RSI(%rsi), %rsi
	vmrun %rax			/* RAX = VMCB; back here on #VMEXIT, RAX again the VMCB */
	pushq %rsi			/* the guest's RSI */
	movq 8(%rsp), %rsi		/* g */
	movq %rbx, SVM_GPR_RBX(%rsi)
	movq %rcx, SVM_GPR_RCX(%rsi)
	movq %rdx, SVM_GPR_RDX(%rsi)
	movq %rdi, SVM_GPR_RDI(%rsi)
	movq %rbp, SVM_GPR_RBP(%rsi)
	movq %r8, SVM_GPR_R8(%rsi)
	movq %r9, SVM_GPR_R9(%rsi)
	movq %r10, SVM_GPR_R10(%rsi)
	movq %r11, SVM_GPR_R11(%rsi)
	movq %r12, SVM_GPR_R12(%rsi)
	movq %r13, SVM_GPR_R13(%rsi)
	movq %r14, SVM_GPR_R14(%rsi)
	movq %r15, SVM_GPR_R15(%rsi)
	popq %rbx
	movq %rbx, SVM_GPR_RSI(%rsi)
	vmsave %rax			/* guest FS/GS/TR/... -> VMCB */
	popq %rsi			/* g (discarded) */
	popq %rax			/* host_pa */
	vmload %rax			/* host FS/GS/TR/... back */
	stgi				/* a pending interrupt is taken here */
	cli
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret
