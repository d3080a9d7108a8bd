/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * AP trampoline (see trampoline.h). Position independent: it runs from
 * whatever page below 1 MiB the BSP copied it to (CS = page >> 4, IP = 0;
 * Intel SDM vol. 3 §9.4.4, AMD APM vol. 2 §15.27.8 / §16.x start-up IPI).
 * EBX holds the page's physical base from real mode to long mode.
 * Mode switch per Intel SDM vol. 3 §9.8.5 / AMD APM vol. 2 §14.6.
 */
#include "regs.h"
#include "trampoline.h"

#define P(field) (trampoline_params - trampoline_start + (field))

	.section .rodata.trampoline, "a"
	.balign 16
	.globl trampoline_start
trampoline_start:
	.code16
	cli
	cld
	movw %cs, %ax
	movw %ax, %ds
	movzwl %ax, %ebx
	shll $4, %ebx
	movl $1, P(TRP_STARTED)
	lgdtl P(TRP_GDTR)
	movl %cr0, %eax
	orl $CR0_PE, %eax
	movl %eax, %cr0
	ljmpl *P(TRP_FAR32)

	.code32
	.globl trampoline_pm32
trampoline_pm32:
	movw $TR_SEL_DATA, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	movw %ax, %fs
	movw %ax, %gs
	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl P(TRP_CR3)(%ebx), %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	rdmsr
	orl P(TRP_EFER)(%ebx), %eax
	wrmsr
	movl $(CR0_PG | CR0_WP | CR0_NE | CR0_ET | CR0_MP | CR0_PE), %eax
	movl %eax, %cr0
	ljmpl *P(TRP_FAR64)(%ebx)

	.code64
	.globl trampoline_lm64
trampoline_lm64:
	movl $TR_SEL_DATA, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %ebx, %ebx
	movq P(TRP_STACK)(%rbx), %rsp
	movq P(TRP_PERCPU)(%rbx), %rdi
	movq P(TRP_ENTRY)(%rbx), %rax
	xorl %ebp, %ebp
	pushq $0                 /* fake return address: C sees a normal call frame */
	jmpq *%rax

	.balign 8
	.globl trampoline_gdt
trampoline_gdt:
	.quad 0
	.quad 0x00af9a000000ffff /* TR_SEL_CODE64: L=1, execute/read */
	.quad 0x00cf92000000ffff /* TR_SEL_DATA: flat read/write */
	.quad 0x00cf9a000000ffff /* TR_SEL_CODE32: D=1, flat execute/read */
	.globl trampoline_gdt_end
trampoline_gdt_end:

	.balign 8
	.globl trampoline_params
trampoline_params:
	.skip TRP_SIZE
	.globl trampoline_end
trampoline_end:
