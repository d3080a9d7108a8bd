/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The real-mode test guest (tests/qemu/cases/real16-uefi.sh,
 * docs/partitions.md "Boot state for real16"): a flat binary, linked at 0,
 * for a `boot real16` partition whose RAM starts at gpa 0 (the flat image
 * is loaded at the start of that region: part/image.c) with `entry 0x0`,
 * so it starts at CS:IP 0000:0000 with CS base 0 and offsets are
 * guest-physical addresses. It prints one line through PP_HC_CONSOLE_WRITE
 * (docs/hypercalls.md: EAX 0x10, EBX the console capability's selector 0,
 * ECX the message's gpa, EDX its length) and stops with cli; hlt, which
 * the hypervisor turns into a stop ("hlt with interrupts off"). The
 * hypervisor reads the full 64-bit registers: real mode leaves their upper
 * halves as they were (zero at start), and 32-bit operand-size moves (the
 * 0x66 prefix) write the low 32 bits. It trusts nothing and needs no
 * stack, no interrupts and no guest kit (which is 64-bit only).
 */
/* PP_HC_CONSOLE_WRITE of parapet/hypercall.h (whose C suffixes GAS does not take) */
#define HC_CONSOLE_WRITE 0x10

	.code16
	.section .text, "ax"
	.globl real16_start
real16_start:
	movl	$HC_CONSOLE_WRITE, %eax
	xorl	%ebx, %ebx			/* capability selector 0: console */
	movl	$real16_msg, %ecx		/* gpa: CS base 0 */
	movl	$(real16_msg_end - real16_msg), %edx
	vmmcall
	cli
1:	hlt					/* IF clear: the hypervisor stops us */
	jmp	1b

real16_msg:
	.ascii	"real16: hello from real mode"
real16_msg_end:
