/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The MLE's entry after GETSEC[SENTER] (Intel TXT; HARDWARE-ONLY, untested
 * on hardware; launch's test=txt-entry reproduces the state under QEMU,
 * launch/sl_enter.S). Linked only into build/launch/mle.bin.
 *
 * State on entry, as SINIT leaves the MLE (Intel TXT MLE Developer's Guide,
 * 2.3 "MLE Initialization"; tboot and Linux Secure Launch rely on the same):
 * 32-bit protected mode, paging off; CS a flat 32-bit code segment of
 * SINIT's GDT, the only segment defined (DS, ES, FS, GS, SS, ESP, GDTR and
 * IDTR are not: GDTR may point into SINIT's memory, which is gone); EBX =
 * the physical address of this entry (MLE base + the header's EntryPoint);
 * ECX = the MLE page table when capability bit 2 was chosen. So:
 *   1. EBX is compared with the address we are linked at before any memory
 *      is touched: every absolute address below assumes it (a mismatch
 *      halts: the CPU runs code SINIT measured, but not where we expect);
 *   2. a zero-limit IDT first (an exception or NMI from here shuts the CPU
 *      down: no handler outside the MLE can run), then our GDT, both read
 *      through CS (lidt/lgdt %cs:..., the operands are measured);
 *   3. the selectors SINIT left kept in registers (flags untouched), flat
 *      SS and DS loaded, ESP set (ESP itself serves as the scratch register:
 *      every other one holds a value to record);
 *   4. the entry state written at SL_STACK_TOP - SL_ES_SIZE: EFLAGS (its
 *      arithmetic flags are step 1's compare), EBX, ECX, CR0, CR4, EFER,
 *      the selectors (IDTR is not recorded: step 2 replaced it before
 *      anything could store it); CS reloaded from our GDT, the other
 *      segments flat; then entry.S's shared tail (sl_entry_flat32).
 * mle_entry_regs_check (launch/drtm/txt_mle_walk.c) checks EBX and ECX
 * against the MLE header and the page table once in C.
 */
#include "launch/cpu_defs.h"
#include "launch/sl/entry_state.h"

#define SL_CS32 0x08
#define SL_DS 0x10

	.section .text.sl_entry, "ax"
	.code32
	.globl sl_entry_txt32
	.type sl_entry_txt32, @function
sl_entry_txt32:
	cmp $sl_entry_txt32, %ebx
	jne sl_halt32
	lidt %cs:sl_idt_none_ptr
	lgdt %cs:sl_gdt_ptr
	mov %ds, %eax			/* SINIT's selectors, recorded only */
	mov %es, %edx
	mov %fs, %esi
	mov %gs, %edi
	mov %ss, %ebp
	mov $SL_DS, %esp
	mov %esp, %ss
	mov %esp, %ds
	mov $(SL_STACK_TOP - SL_ES_SIZE), %esp
	mov %eax, SL_ES_DS(%esp)
	mov %edx, SL_ES_ES(%esp)
	mov %esi, SL_ES_FS(%esp)
	mov %edi, SL_ES_GS(%esp)
	mov %ebp, SL_ES_SS(%esp)
	pushf
	pop %eax
	mov %eax, SL_ES_EFLAGS(%esp)
	cli
	mov %cs, %eax
	mov %eax, SL_ES_CS(%esp)
	movl $SL_ENTRY_TXT, SL_ES_KIND(%esp)
	mov %ebx, SL_ES_EBX(%esp)
	mov %ecx, SL_ES_ECX(%esp)
	movl $0, SL_ES_EDX(%esp)
	movl $0, SL_ES_IDTR(%esp)
	movl $0, SL_ES_IDTR + 4(%esp)
	mov %cr0, %eax
	mov %eax, SL_ES_CR0(%esp)
	mov %cr4, %eax
	mov %eax, SL_ES_CR4(%esp)
	mov $MSR_EFER, %ecx
	rdmsr
	mov %eax, SL_ES_EFER(%esp)
	ljmp $SL_CS32, $1f
1:	mov $SL_DS, %eax
	mov %eax, %es
	mov %eax, %fs
	mov %eax, %gs
	jmp sl_entry_flat32

	.section .note.GNU-stack, "", @progbits
