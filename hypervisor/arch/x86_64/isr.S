/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupt/exception entry stubs: one ISR_STUB_SIZE-byte stub per vector.
 * Each pushes a uniform frame (struct exc_frame in exception.h): error code
 * (0 when the CPU pushes none), vector, then the 15 general registers.
 * Exceptions (0-31 but the NMI) call exc_dispatch(frame), which never returns. Vectors
 * that push an error code (AMD APM vol. 2 §8.2, Intel SDM vol. 3 §6.13):
 * 8, 10-14, 17, 21, 29, 30. The NMI (2: a Linux core's kick, irq.h) and
 * external interrupts (32-254, irq.h) call
 * irq_dispatch(vector), which counts (and EOIs an external one), then
 * restore the registers and IRETQ. The NMI is the hypervisor's own kick to
 * a Linux partition's core (lapic_send_nmi), which SVM holds pending
 * through an NMI intercept exit until STGI (AMD APM vol. 2 §15.17, GIF) and
 * which can also reach the core while it waits in the host; its IRETQ ends
 * the NMI's blocking (Intel SDM vol. 3A §6.7.1). The spurious LAPIC vector
 * (0xff) only returns. Every stub is
 * an IDT target, so in the CET build each begins with ENDBR64 (cet.h; 4
 * bytes, the longest stub, ENDBR64 + push imm8 + push imm32 + jmp rel32,
 * then fills its 16 exactly).
 *
 * External vectors run on the current stack (IST 0, idt.c): the hypervisor
 * is built with -mno-red-zone (mk/flags.mk), so the CPU's frame never
 * overwrites live data below RSP, and -mgeneral-regs-only, so the 15
 * general registers are all the state C code can change.
 */
#include "cet.h"
#include "desc.h"
#include "irq.h"

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
.if (\vec < IRQ_VEC_FIRST_EXTERNAL) && (\vec != IRQ_VEC_NMI)
	jmp isr_common
.else
	jmp irq_common
.endif
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

.macro SAVE_GPRS
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
.endm

isr_common:
	SAVE_GPRS
	cld
	movq %rsp, %rdi
	andq $-16, %rsp
	call exc_dispatch
1:	cli
	hlt
	jmp 1b

/* The frame is 22 quadwords (exc_frame) on the CPU's 16-byte aligned push,
 * so RSP is aligned here; the AND keeps the ABI's rule if that changes.
 * RBX (callee-saved) holds the frame across the call. */
irq_common:
	SAVE_GPRS
	cld
	movq 15*8(%rsp), %rdi /* exc_frame.vector */
	movq %rsp, %rbx
	andq $-16, %rsp
	call irq_dispatch
	movq %rbx, %rsp
	popq %rax
	popq %rbx
	popq %rcx
	popq %rdx
	popq %rsi
	popq %rdi
	popq %rbp
	popq %r8
	popq %r9
	popq %r10
	popq %r11
	popq %r12
	popq %r13
	popq %r14
	popq %r15
	addq $16, %rsp /* vector, error code */
	iretq
