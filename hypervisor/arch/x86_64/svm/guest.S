/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The first guest (docs/svm.md): flat 64-bit, position-independent, copied
 * by first_guest.c to guest-physical SVM_GUEST_CODE_GPA. It asks CPUID leaf
 * 1 whether a hypervisor is present (ECX[31], set by the CPUID exit), makes
 * a VMMCALL console write (docs/hypercalls.md: RAX = PP_HC_CONSOLE_WRITE,
 * RBX = selector 0, its console capability, RCX = guest-physical address,
 * RDX = length; the guest's page tables are an identity map) of the
 * matching string, then halts. Only data: it never runs in the hypervisor.
 */
	.section .rodata.svm_guest, "a"
	.code64
	.globl svm_guest_blob
	.globl svm_guest_blob_end
svm_guest_blob:
	movl $1, %eax
	xorl %ecx, %ecx
	cpuid				/* 2 bytes: exit 0x72 */
	leaq no_hv(%rip), %rbx
	movl $(no_hv_end - no_hv), %esi
	btl $31, %ecx
	jnc 1f
	leaq hello(%rip), %rbx
	movl $(hello_end - hello), %esi
1:	movq %rbx, %rcx			/* the string's guest-physical address */
	movl %esi, %edx			/* its length */
	xorl %ebx, %ebx			/* selector 0: the console capability */
	movl $0x10, %eax		/* PP_HC_CONSOLE_WRITE */
	vmmcall				/* 3 bytes: exit 0x81 */
	hlt				/* 1 byte: exit 0x78 */
	ud2				/* never resumed after HLT */
hello:
	.ascii "hello from a guest"
hello_end:
no_hv:
	.ascii "cpuid did not report a hypervisor"
no_hv_end:
svm_guest_blob_end:
