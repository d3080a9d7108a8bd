/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Secure loader entry. The SLB header (entry offset, measured length) is
 * emitted by launch/sl/sl.ld in front of this code.
 *
 * State on entry, as SKINIT leaves it (AMD APM vol. 2, 15.27 "Security";
 * vol. 3, SKINIT: the CPU is reinitialised as for INIT, then CS and SS are
 * flat 32-bit segments) and as launch's emulated entry reproduces it
 * (launch/sl_enter.S): 32-bit protected mode, paging off, interrupts off,
 * GIF clear, EAX = SLB base, ESP = SLB base + 64 KiB, CS and SS flat; DS,
 * ES, FS and GS still hold INIT's 64 KiB segments, GDTR and IDTR INIT's
 * (base 0, limit 0xffff). So, in this order:
 *   1. EFLAGS first (pushf through the flat SS), then EAX and ESP checked;
 *      no memory access through DS/ES/FS/GS until they are reloaded;
 *   2. the entry state goes onto the SLB stack (struct sl_entry_state,
 *      entry_state.h): EDX, EBX, ECX, CR0, CR4, EFER, IDTR (sidt through
 *      SS), the selectors, the entry kind;
 *   3. our GDT, read through CS (lgdt %cs:...: the GDT at 0 is never used),
 *      a zero-limit IDT (lidt %cs:...: an exception now shuts the CPU down,
 *      so no code outside the SLB ever runs), flat data segments;
 *   4. sl_entry_flat32, shared with the MLE's TXT entry (entry_txt.S):
 *      zero .bss, copy the entry state into it, long mode on the SL's own
 *      tables, the 64-bit IDT (vectors 0-2, only the NMI gate present),
 *      sl_main.
 * The SL is linked at SL_SLB_BASE and checks EAX; it takes no address from
 * the untrusted parameter block for any of this.
 */
#include "launch/cpu_defs.h"
#include "launch/long_mode32.h"

#include "launch/sl/entry_state.h"

#define SL_SLB_BASE 0x400000
#define SL_CS32 0x08 /* = SKINIT's CS selector */
#define SL_DS 0x10   /* = SKINIT's SS selector */
#define SL_CS64 0x18

	.section .text.sl_entry, "ax"
	.code32
#ifndef SL_TXT
	.globl sl_entry32
	.type sl_entry32, @function
sl_entry32:
	pushf				/* EFLAGS as entered (SS is flat) */
	cli
	cld
	cmp $SL_SLB_BASE, %eax
	jne sl_halt32			/* not where we are linked: stop */
	cmp $(SL_STACK_TOP - 4), %esp
	jne sl_halt32			/* ESP was not SLB base + 64 KiB */
	/* 2. the state the CPU left (pushed through the flat SS) */
	push %edx			/* EDX as after INIT: family/model/stepping */
	push %ebx
	push %ecx
	mov %cr0, %ecx
	push %ecx
	mov %cr4, %ecx
	push %ecx
	mov $MSR_EFER, %ecx
	rdmsr
	push %eax
	sub $8, %esp
	sidt %ss:(%esp)			/* IDTR as entered: limit, base */
	push %ds
	push %es
	push %fs
	push %gs
	push %ss
	push %cs
	push $SL_ENTRY_SKINIT
	/* 3. our GDT and no IDT, read through CS; flat data segments */
	lgdt %cs:sl_gdt_ptr
	lidt %cs:sl_idt_none_ptr
	mov $SL_DS, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %fs
	mov %eax, %gs
	mov %eax, %ss
#endif

	/*
	 * 4. Both entries arrive here with our GDT and the zero-limit IDT
	 * loaded, flat DS/ES/FS/GS/SS, and the entry state (SL_ES_SIZE bytes)
	 * at ESP = SL_STACK_TOP - SL_ES_SIZE.
	 */
	.globl sl_entry_flat32
sl_entry_flat32:
	cld
	mov $__sl_bss_start, %edi
	mov $__sl_bss_end, %ecx
	sub %edi, %ecx
	xor %eax, %eax
	rep stosb
	mov %esp, %esi
	mov $sl_entry_state, %edi
	mov $(SL_ES_SIZE / 4), %ecx
	rep movsl
	mov $SL_STACK_TOP, %esp

	LM_REQUIRE sl_halt32		/* launch/long_mode32.h */
	LM_IDMAP_4G sl_pml4, sl_pdpt, sl_pd
	LM_ENABLE sl_pml4
	ljmp $SL_CS64, $sl_entry64

	.globl sl_halt32
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
	mov $SL_STACK_TOP, %rsp
	lidt sl_idt64_ptr(%rip)
	call sl_main
sl_halt64:
	cli
	hlt
	jmp sl_halt64

/* NMI: counted (sl_nmi_count); the SL sends itself one while GIF is clear. */
	.globl sl_nmi64
sl_nmi64:
	lock incl sl_nmi_count(%rip)
	iretq

/*
 * void sl_enter_hv(u64 entry, u64 handoff, u64 cr3): the hypervisor's entry
 * state (docs/handoff.md): CR3 = the SL's identity map, the SL's GDT (64-bit
 * code 0x18, data 0x10), the SL's IDT still loaded (its NMI gate), interrupts
 * off, RDI = handoff.
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
	pushq $SL_CS64
	lea 7f(%rip), %rax
	push %rax
	lretq
7:	mov %rdi, %rax
	mov %rsi, %rdi
	xor %esi, %esi
	xor %edx, %edx
	jmp *%rax

	/*
	 * GDT (measured: in .rodata): null, 32-bit code and flat data (the
	 * selectors SKINIT leaves in CS and SS), 64-bit code (APM vol. 2, 4.8).
	 * The Accessed bits are preset: the CPU would otherwise set them in
	 * memory when a selector is loaded, changing measured bytes.
	 * The 64-bit IDT is in sl.ld (its gate splits the handler address).
	 */
	.section .rodata.sl_gdt, "a"
	.balign 16
sl_gdt:
	.quad 0
	.quad 0x00cf9b000000ffff
	.quad 0x00cf93000000ffff
	.quad 0x00af9b000000ffff
sl_gdt_end:
	.balign 8
	.globl sl_gdt_ptr
sl_gdt_ptr:
	.short sl_gdt_end - sl_gdt - 1
	.quad sl_gdt
	.balign 8
	.globl sl_idt_none_ptr
sl_idt_none_ptr:
	.short 0
	.quad 0

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
