/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupt/exception entry stubs: one ISR_STUB_SIZE-byte stub per vector.
 * Each pushes a uniform frame (struct exc_frame in exception.h): error code
 * (0 when the CPU pushes none), vector, then the 15 general registers, and
 * calls exc_dispatch(frame), which never returns. Vectors that push an error
 * code (AMD APM vol. 2 §8.2, Intel SDM vol. 3 §6.13): 8, 10-14, 17, 21, 29, 30.
 * The spurious LAPIC vector (0xff) only returns. Every stub is an IDT
 * target, so in the CET build each begins with ENDBR64 (cet.h; 4 bytes, the
 * longest stub then fills its 16 exactly).
 */
#include "cet.h"
#include "desc.h"

	.section .text.isr, "ax"
	.code64
	.altmacro

.macro STUB vec
	.balign ISR_STUB_SIZE
isr_stub_\vec:
	CET_ENDBR64
.if \vec == VECTOR_SPURIOUS
	iretq
.else
.if (\vec == 8) || ((\vec >= 10) && (\vec <= 14)) || (\vec == 17) || (\vec == 21) || (\vec == 29) || (\vec == 30)
	/* the CPU pushed the error code */
.else
	pushq $0
.endif
	pushq $\vec
	jmp isr_common
.endif
	.org isr_stub_\vec + ISR_STUB_SIZE /* fails to assemble if a stub outgrows its slot */
.endm

	.balign ISR_STUB_SIZE
	.globl isr_stubs
isr_stubs:
	.set vec, 0
	.rept IDT_VECTORS
	STUB %vec
	.set vec, vec + 1
	.endr

isr_common:
	pushq %r15
	pushq %r14
	pushq %r13
	pushq %r12
	pushq %r11
	pushq %r10
	pushq %r9
	pushq %r8
	pushq %rbp
	pushq %rdi
	pushq %rsi
	pushq %rdx
	pushq %rcx
	pushq %rbx
	pushq %rax
	cld
	movq %rsp, %rdi
	andq $-16, %rsp
	call exc_dispatch
1:	cli
	hlt
	jmp 1b
