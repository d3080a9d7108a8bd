/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * void gdt_load(const struct desc_ptr *p): LGDT, then reload CS with a far
 * return and DS/ES/SS with the data selector; FS/GS get the null selector
 * (their bases are set through MSRs afterwards).
 */
#include "desc.h"

	.section .text.gdt_load, "ax"
	.code64
	.globl gdt_load
gdt_load:
	lgdt (%rdi)
	movl $GDT_SEL_DATA, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	xorl %eax, %eax
	movl %eax, %fs
	movl %eax, %gs
	popq %rax                /* return address */
	pushq $GDT_SEL_CODE
	pushq %rax
	lretq
