/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest kit's interrupt and exception entry stubs (idt.h,
 * docs/guest-kit.md "Interrupts"); with crt0.S the kit's only assembly.
 * One stub per vector, 0-255: vectors that get no error code from the CPU
 * (every one not in GK_EXC_ERRCODE_MASK, exc.h) push a 0 in its place, then
 * each pushes its vector number and jumps to the common path, which saves
 * the caller-saved registers (struct gk_trap_frame), calls
 * gk_idt_dispatch(frame) with a 16-byte aligned stack, restores them, drops
 * vector and error code and returns with IRETQ. gk_vector_stubs[v] is stub
 * v's address, which gk_idt_init puts in the IDT. Nothing here trusts or
 * touches anything but the kit's own stack.
 */
#include "exc.h"

	.section .rodata.gk_vector_stubs, "a"
	.balign 8
	.globl gk_vector_stubs
	.type gk_vector_stubs, @object
	.size gk_vector_stubs, 256 * 8
gk_vector_stubs:

	.text
	.code64

	.set gk_vec, 0
	.rept 256
	.balign 16
1:
	.if gk_vec < GK_EXC_COUNT
	.ifeq (GK_EXC_ERRCODE_MASK >> gk_vec) & 1
	pushq $0
	.endif
	.else
	pushq $0
	.endif
	pushq $gk_vec
	jmp gk_vec_common
	.pushsection .rodata.gk_vector_stubs, "a"
	.quad 1b
	.popsection
	.set gk_vec, gk_vec + 1
	.endr

/*
 * The CPU pushed SS, RSP, RFLAGS, CS, RIP (aligning RSP to 16 first) and
 * maybe an error code; with the stub's pushes that is 7 quadwords, and the
 * 9 registers below make 16: RSP is 16-byte aligned at the call.
 */
gk_vec_common:
	pushq %rax
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	cld
	movq %rsp, %rdi
	call gk_idt_dispatch
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rax
	addq $16, %rsp				/* vector, error code */
	iretq

	.section .note.GNU-stack, "", @progbits
