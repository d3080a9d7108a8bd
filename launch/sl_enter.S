/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * void launch_enter_sl(u32 slb_base): enter the secure loader exactly as
 * SKINIT leaves the CPU (AMD APM vol. 2, 15.27): 32-bit protected mode,
 * paging off, interrupts off, EAX = SLB base, ESP = SLB base + 64 KiB,
 * EIP = SLB base + entry offset (SLB word 0). Used on the emulated and the
 * static path (on hardware with SKINIT, the instruction does this).
 *
 * Long mode -> compatibility mode (far return to a 32-bit code segment,
 * launch_gdt's LAUNCH_CS32) -> CR0.PG = 0 (leaves long mode; APM vol. 2,
 * 14.7 "Leaving Long Mode") -> EFER.LME = 0 -> CR4.PAE = 0. This code
 * runs identity-mapped below 4 GiB (launch is at 2 MiB).
 */
#include "launch/cpu_defs.h"
#include "launch/gdt.h"

#define SLB_SIZE 0x10000

	.section .text, "ax"
	.code64
	.globl launch_enter_sl
	.type launch_enter_sl, @function
launch_enter_sl:
	cli
	cld
	mov %edi, %ebx			/* SLB base (below 4 GiB) */
	lgdt launch_gdt_ptr
	pushq $LAUNCH_CS32
	lea 1f(%rip), %rax
	push %rax
	lretq
	.code32
1:	mov $LAUNCH_DS, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %ss
	mov %eax, %fs
	mov %eax, %gs
	mov %cr0, %eax
	and $~CR0_PG, %eax
	mov %eax, %cr0			/* paging off: long mode inactive */
	mov $MSR_EFER, %ecx
	rdmsr
	and $~EFER_LME, %eax
	wrmsr
	mov %cr4, %eax
	and $~CR4_PAE, %eax
	mov %eax, %cr4
	xor %eax, %eax
	mov %eax, %cr3
	movzwl (%ebx), %ecx		/* SLB word 0: entry offset */
	add %ebx, %ecx
	lea SLB_SIZE(%ebx), %esp
	mov %ebx, %eax
	xor %ebx, %ebx
	xor %edx, %edx
	xor %esi, %esi
	xor %edi, %edi
	xor %ebp, %ebp
	jmp *%ecx

	.section .note.GNU-stack, "", @progbits
