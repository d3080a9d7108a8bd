/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * void launch_enter_sl(u32 slb_base, u32 clear_gif): the last step of the
 * emulated DRTM (and of the static fallback): enter the secure loader in
 * the state SKINIT leaves (AMD APM vol. 2, 15.27 "Security"; vol. 3,
 * SKINIT: the processor is reinitialised as for INIT, then enters flat
 * 32-bit protected mode), as far as QEMU TCG can reproduce it:
 *
 *   CR0 = PE | ET (paging off), CR3 = 0, CR4 = 0, EFER = SVME (kept when
 *   set: launch set it), EFLAGS = 0x2 (interrupts off);
 *   CS = 0x08 flat 32-bit code, SS = 0x10 flat 32-bit data (SKINIT's
 *   selectors);
 *   DS, ES, FS, GS: base 0, limit 0xffff, data read/write, as INIT leaves
 *   them (INIT's selector is 0; here it is 0x18 of the transition GDT, the
 *   one difference, and the SL never reads it), so an SL that uses them
 *   before reloading faults here as on hardware;
 *   GDTR and IDTR base 0, limit 0xffff, as after INIT;
 *   GIF clear (CLGI) when clear_gif (the CPU has SVM or SKINIT);
 *   EAX = SLB base, EDX = CPUID.1 EAX (as INIT), ESP = SLB base + 64 KiB,
 *   other general registers 0; EIP = SLB base + entry offset (word 0).
 *
 * Everything the SL reads is written before this (its parameter block
 * too): nothing runs between the measurement and the SL. Long mode ->
 * compatibility mode (far return to the transition GDT's 32-bit code) ->
 * paging off (APM vol. 2, 14.7 "Leaving Long Mode") -> EFER.LME off.
 * Runs identity-mapped below 4 GiB (launch is at 2 MiB).
 */
#include "launch/cpu_defs.h"

#define SLB_SIZE 0x10000
#define T_CS32 0x08 /* the transition GDT below */
#define T_DS32 0x10
#define T_DS64K 0x18
#define EFER_SVME 0x00001000
#define CR0_ET 0x00000010
#define CR0_NE 0x00000020
#define EFLAGS_RESERVED 0x00000002

/*
 * LEAVE_LM: from 64-bit mode to flat 32-bit protected mode, paging off,
 * EFER = SVME or nothing, CR3 = CR4 = 0 (APM vol. 2, 14.7 "Leaving Long
 * Mode"): far return to the transition GDT's 32-bit code, SS/DS/ES flat,
 * CR0.PG off, EFER.LME off. Keeps EBX, EBP, ESI, EDI; clobbers EAX-EDX.
 */
.macro LEAVE_LM
	lgdt sl_transition_gdt_ptr(%rip)
	pushq $T_CS32
	lea 1f(%rip), %rax
	push %rax
	lretq
	.code32
1:	mov $T_DS32, %eax
	mov %eax, %ss
	mov %eax, %ds
	mov %eax, %es
	mov %cr0, %eax
	and $~CR0_PG, %eax
	mov %eax, %cr0			/* paging off: long mode inactive */
	mov $MSR_EFER, %ecx
	rdmsr
	and $EFER_SVME, %eax		/* EFER = SVME or nothing */
	xor %edx, %edx
	wrmsr
	xor %eax, %eax
	mov %eax, %cr4
	mov %eax, %cr3
.endm

	.section .text, "ax"
	.code64
	.globl launch_enter_sl
	.type launch_enter_sl, @function
launch_enter_sl:
	cli
	cld
	mov %edi, %r10d			/* SLB base (below 4 GiB) */
	mov %esi, %r11d			/* clear GIF? */
	mov $1, %eax
	cpuid
	mov %eax, %edi			/* family/model/stepping, for EDX */
	mov %r10d, %ebx
	mov %r11d, %ebp
	movzwl (%rbx), %esi		/* SLB word 0: entry offset */
	add %ebx, %esi			/* (32-bit registers only from here) */
	LEAVE_LM
	mov $(CR0_PE | CR0_ET), %eax
	mov %eax, %cr0
	test %ebp, %ebp
	jz 2f
	clgi				/* GIF = 0, as SKINIT leaves it */
2:	lea SLB_SIZE(%ebx), %esp
	pushl $EFLAGS_RESERVED
	popf
	mov $T_DS64K, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %fs
	mov %eax, %gs
	/* from here no access through DS/ES/FS/GS: their limit is 64 KiB */
	lgdt %cs:init_dtr
	lidt %cs:init_dtr
	mov %edi, %edx
	mov %ebx, %eax
	push %esi			/* through SS (flat) */
	mov $0, %ebx			/* mov, not xor: EFLAGS stay 0x2 */
	mov $0, %ecx
	mov $0, %esi
	mov $0, %edi
	mov $0, %ebp
	ret				/* to SLB base + entry offset; ESP = SLB + 64 KiB */

/*
 * void launch_enter_mle(u32 entry, u32 pt): launch's test=txt-entry (no
 * DRTM: a test of the MLE's entry on machines without TXT). Enters the MLE
 * in the state SINIT leaves it after GETSEC[SENTER] (MLE Developer's Guide
 * 2.3), with what the guide leaves undefined made hostile, so an MLE that
 * relies on it fails here as it could on hardware:
 *   CR0 = PE | ET | NE (paging off), CR3 = CR4 = 0, EFER = SVME or 0,
 *   EFLAGS = 0x2; CS = 0x08 flat 32-bit code (defined);
 *   EBX = entry (its physical address), ECX = pt (the MLE page table: the
 *   MLE asks for capability bit 2), every other register 0, ESP too;
 *   DS, ES, FS, GS, SS: base 0, limit 0xffff (not defined after SENTER:
 *   a use before reloading faults on the 4 GiB addresses of the MLE);
 *   GDTR still the transition GDT (SINIT's is gone), IDTR base 0 limit
 *   0xffff (undefined: an exception runs garbage and stops the test).
 */
	.code64
	.globl launch_enter_mle
	.type launch_enter_mle, @function
launch_enter_mle:
	cli
	cld
	mov %edi, %ebx			/* entry */
	mov %esi, %ebp			/* page table */
	LEAVE_LM
	mov $(CR0_PE | CR0_ET | CR0_NE), %eax
	mov %eax, %cr0
	pushl $EFLAGS_RESERVED		/* SS is still flat here */
	popf
	mov %ebp, %ecx
	mov $T_DS64K, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %fs
	mov %eax, %gs
	mov %eax, %ss
	lidt %cs:init_dtr
	mov $0, %eax			/* mov, not xor: EFLAGS stay 0x2 */
	mov $0, %edx
	mov $0, %esi
	mov $0, %edi
	mov $0, %ebp
	mov $0, %esp
	jmp *%ebx

	/*
	 * The transition GDT (in launch's image; the SL never sees it: GDTR
	 * is INIT's when the SL starts): null, flat 32-bit code and data (APM
	 * vol. 2, 4.7/4.8), a data segment with base 0 and limit 0xffff (byte
	 * granularity, read/write, accessed: INIT's DS/ES/FS/GS).
	 */
	.section .rodata, "a"
	.balign 16
sl_transition_gdt:
	.quad 0
	.quad 0x00cf9b000000ffff
	.quad 0x00cf93000000ffff
	.quad 0x000093000000ffff
sl_transition_gdt_end:
	.balign 8
sl_transition_gdt_ptr:
	.short sl_transition_gdt_end - sl_transition_gdt - 1
	.quad sl_transition_gdt
init_dtr:				/* GDTR/IDTR after INIT: limit 0xffff, base 0 */
	.short 0xffff
	.long 0

	.section .note.GNU-stack, "", @progbits
