/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Secure loader entry. The SLB header (entry offset, measured length) is
 * emitted by launch/sl/sl.ld in front of this code.
 *
 * State on entry, as after SKINIT (AMD APM vol. 2, 15.27) and as launch's
 * emulated path reproduces it: 32-bit protected mode, paging off,
 * interrupts off, EAX = SLB base, ESP = SLB base + 64 KiB. The SL is
 * linked at SL_SLB_BASE, so it checks EAX and then uses only its own,
 * link-time addresses (no value from the untrusted parameter block): zero
 * its .bss (scratch), identity-map 0-4 GiB with 2-MiB pages in it, enable
 * PAE + EFER.LME (+ NXE when present) + paging, load its GDT, far-jump to
 * 64-bit code and call sl_main on the SLB stack.
 */
#include "launch/cpu_defs.h"
#include "launch/long_mode32.h"

#define SL_SLB_BASE 0x400000
#define SL_SLB_TOP 0x410000
#define SL_CS 0x08
#define SL_DS 0x10
#define CPUID1_EDX_NONE 0

	.section .text.sl_entry, "ax"
	.code32
	.globl sl_entry32
	.type sl_entry32, @function
sl_entry32:
	cli
	cld
	cmp $SL_SLB_BASE, %eax
	jne sl_halt32			/* not where we are linked: stop */
	mov $SL_SLB_TOP, %esp

	mov $__sl_bss_start, %edi
	mov $__sl_bss_end, %ecx
	sub %edi, %ecx
	xor %eax, %eax
	rep stosb

	LM_REQUIRE sl_halt32		/* launch/long_mode32.h */
	LM_IDMAP_4G sl_pml4, sl_pdpt, sl_pd
	LM_ENABLE sl_pml4
	lgdt sl_gdt_ptr
	ljmp $SL_CS, $sl_entry64

sl_halt32:
	cli
	hlt
	jmp sl_halt32

	.code64
sl_entry64:
	mov $SL_DS, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %ss
	mov %eax, %fs
	mov %eax, %gs
	mov $SL_SLB_TOP, %rsp
	call sl_main
sl_halt64:
	cli
	hlt
	jmp sl_halt64

/*
 * void sl_enter_hv(u64 entry, u64 handoff, u64 cr3): the hypervisor's entry
 * state (docs/handoff.md): CR3 = the SL's identity map, the SL's GDT (code
 * 0x08, data 0x10), interrupts off, RDI = handoff.
 */
	.globl sl_enter_hv
	.type sl_enter_hv, @function
sl_enter_hv:
	cli
	cld
	mov %rdx, %cr3
	lgdt sl_gdt_ptr
	mov $SL_DS, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %ss
	mov %eax, %fs
	mov %eax, %gs
	pushq $SL_CS
	lea 7f(%rip), %rax
	push %rax
	lretq
7:	mov %rdi, %rax
	mov %rsi, %rdi
	xor %esi, %esi
	xor %edx, %edx
	jmp *%rax

	/*
	 * GDT (measured: in .rodata): null, 64-bit code, flat data (APM vol. 2,
	 * 4.8). The Accessed bits are preset: the CPU would otherwise set them
	 * in memory when a selector is loaded, changing measured bytes.
	 */
	.section .rodata.sl_gdt, "a"
	.balign 16
sl_gdt:
	.quad 0
	.quad 0x00af9b000000ffff
	.quad 0x00cf93000000ffff
sl_gdt_end:
	.balign 8
	.globl sl_gdt_ptr
sl_gdt_ptr:
	.short sl_gdt_end - sl_gdt - 1
	.quad sl_gdt

	/* page tables: in .bss, i.e. the scratch area after the SLB */
	.section .bss.sl_pt, "aw", @nobits
	.balign 4096
	.globl sl_pml4
sl_pml4:
	.skip 4096
sl_pdpt:
	.skip 4096
sl_pd:
	.skip 4096 * IDMAP_PDS

	.section .note.GNU-stack, "", @progbits
