/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exception stubs for the launch stage: vectors 0-31 push a uniform frame
 * (vector, error code or 0) and call launch_exception(), which reports and
 * halts. Vectors with a CPU-pushed error code: AMD64 APM Vol. 2, 8.2
 * (8, 10-14, 17, 21, 29, 30).
 */
	.code64
	.section .text.isr, "ax"

.macro STUB vec
	.balign 16
launch_isr_\vec:
	.if (\vec == 8) || (\vec >= 10 && \vec <= 14) || (\vec == 17) || (\vec == 21) || (\vec == 29) || (\vec == 30)
	.else
	pushq $0
	.endif
	pushq $\vec
	jmp launch_isr_common
.endm

	.globl launch_isr_table
launch_isr_table:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	STUB \v
	.endr

launch_isr_common:
	/* stack: vector, error, rip, cs, rflags, rsp, ss */
	mov (%rsp), %rdi		/* vector */
	mov 8(%rsp), %rsi		/* error code */
	mov 16(%rsp), %rdx		/* faulting rip */
	mov %cr2, %rcx
	and $-16, %rsp
	call launch_exception
1:	cli
	hlt
	jmp 1b
