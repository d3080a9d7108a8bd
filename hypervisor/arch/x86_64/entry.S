/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypervisor entry from launch (docs/handoff.md): 64-bit mode, paging on
 * with launch's identity map, interrupts off, RDI = handoff blob, stack
 * undefined. Zero .bss, switch to the boot stack (which has an unmapped
 * guard page below it once our page tables are live), clear RFLAGS and call
 * hv_main(handoff).
 */
#include "regs.h"

	.section .text.entry, "ax"
	.code64
	.globl hv_start
hv_start:
	cli
	cld
	movq %rdi, %r12
	leaq __bss_start(%rip), %rdi
	leaq __bss_end(%rip), %rcx
	subq %rdi, %rcx
	shrq $3, %rcx
	xorl %eax, %eax
	rep stosq
	/* Segment bases left by firmware/launch are meaningless to us: GS base 0
	 * means "no per-CPU block yet" (percpu.h). */
	xorl %eax, %eax
	xorl %edx, %edx
	movl $MSR_FS_BASE, %ecx
	wrmsr
	movl $MSR_GS_BASE, %ecx
	wrmsr
	movl $MSR_KERNEL_GS_BASE, %ecx
	wrmsr
	leaq boot_stack_top(%rip), %rsp
	pushq $0
	popfq
	movq %r12, %rdi
	xorl %ebp, %ebp
	call hv_main
1:	cli
	hlt
	jmp 1b

	.section .bss.boot_stack, "aw", @nobits
	.balign 4096
	.globl boot_stack_guard
boot_stack_guard:
	.skip 4096
	.skip 16384
	.globl boot_stack_top
boot_stack_top:
