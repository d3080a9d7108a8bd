/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * launch entry points and the final jump to the hypervisor.
 *
 * - The Multiboot2 header (Multiboot2 spec 1.0, 3.1): information request,
 *   EFI boot services (tag 7), EFI amd64 entry (tag 9), framebuffer
 *   (tag 5, no preference), end tag.
 * - launch_entry32: BIOS path. GRUB enters in 32-bit protected mode, paging
 *   off, EAX = 0x36d76289, EBX = MBI (spec 3.2). Build identity tables for
 *   0-4 GiB, enable PAE + EFER.LME (+ NXE), paging, far-jump to 64-bit code.
 * - launch_entry_efi64: UEFI path. GRUB enters in long mode with boot
 *   services alive (spec 3.2, "EFI amd64 machine state"), RAX = magic,
 *   RBX = MBI, firmware paging/GDT/IDT, interrupts possibly on.
 * Both switch to launch's own stack and call
 * launch_main(magic, mbi, boot_services_alive).
 */
#include "launch/cpu_defs.h"
#include "launch/long_mode32.h"
#include "launch/gdt.h"
#include "launch/mb2_abi.h"

#define LAUNCH_STACK_SIZE (128 * 1024) /* UEFI asks for >= 128 KiB for its calls */
#define COM1_THR 0x3f8
#define COM1_LSR 0x3fd
#define LSR_THRE 0x20

	.section .mb2_header, "a"
	.balign MB2_HEADER_ALIGN
mb2_header:
	.long MB2_HEADER_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long 0x100000000 - (MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))

	/* information request (optional: GRUB provides these anyway) */
	.balign 8
1:	.short MB2_HTAG_INFO_REQ, MB2_HTAG_FLAG_OPTIONAL
	.long 2f - 1b
	.long MB2_TAG_CMDLINE, MB2_TAG_MODULE, MB2_TAG_MMAP, MB2_TAG_EFI64_ST
	.long MB2_TAG_ACPI_OLD, MB2_TAG_ACPI_NEW, MB2_TAG_EFI64_IH
2:
	/* keep EFI boot services alive (optional: BIOS GRUB ignores it) */
	.balign 8
	.short MB2_HTAG_EFI_BS, MB2_HTAG_FLAG_OPTIONAL
	.long 8

	/* EFI amd64 entry point, used by GRUB EFI together with tag 7 */
	.balign 8
	.short MB2_HTAG_ENTRY_EFI64, MB2_HTAG_FLAG_OPTIONAL
	.long 12
	.long launch_entry_efi64

	/*
	 * framebuffer, no preference (spec 3.1.10; optional). launch's console
	 * is COM1 and it skips a framebuffer tag in the MBI. Without this tag
	 * GRUB EFI prints "WARNING: no console will be available to OS" (it has
	 * no EGA text there); image/grub.cfg sets gfxpayload=text after
	 * multiboot2, so GRUB switches no video mode and passes no framebuffer
	 * (docs/image.md, "GRUB configuration").
	 */
	.balign 8
	.short MB2_HTAG_FRAMEBUFFER, MB2_HTAG_FLAG_OPTIONAL
	.long 20
	.long 0, 0, 0			/* width, height, depth: no preference */

	.balign 8
	.short MB2_HTAG_END, 0
	.long 8
mb2_header_end:

	.section .text.entry, "ax"
	.code32
	.globl launch_entry32
	.type launch_entry32, @function
launch_entry32:
	cli
	cld
	mov %eax, %ebp			/* Multiboot2 magic */
	mov %ebx, %esi			/* MBI physical address */

	/* zero .bss: page tables, stack, handoff buffer */
	mov $__bss_start, %edi
	mov $__bss_end, %ecx
	sub %edi, %ecx
	xor %eax, %eax
	rep stosb
	mov $launch_stack_top, %esp

	/* long mode is required; NX is used when present (long_mode32.h) */
	LM_REQUIRE no_long_mode
	LM_IDMAP_4G launch_pml4, launch_pdpt, launch_pd
	LM_ENABLE launch_pml4		/* long mode active (compatibility mode) */
	lgdt launch_gdt_ptr		/* 32-bit LGDT: limit + low 32 bits of base */
	ljmp $LAUNCH_CS, $entry64_from32

	/* No long mode: best-effort message on COM1, then stop. */
no_long_mode:
	mov $msg_no_lm, %esi
4:	movzbl (%esi), %ebx
	test %ebx, %ebx
	jz halt32
	mov $COM1_LSR, %dx
	mov $100000, %ecx
5:	inb %dx, %al
	test $LSR_THRE, %al
	jnz 6f
	loop 5b
6:	mov $COM1_THR, %dx
	mov %bl, %al
	outb %al, %dx
	inc %esi
	jmp 4b
halt32:
	cli
	hlt
	jmp halt32

	.code64
entry64_from32:
	mov $LAUNCH_DS, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %ss
	mov %eax, %fs
	mov %eax, %gs
	mov $launch_stack_top, %rsp
	mov %ebp, %edi			/* magic */
	mov %esi, %esi			/* MBI, zero-extended */
	xor %edx, %edx			/* boot services: not alive */
	call launch_main
	jmp halt64

	.globl launch_entry_efi64
	.type launch_entry_efi64, @function
launch_entry_efi64:
	cld
	mov %eax, %r12d			/* Multiboot2 magic */
	mov %rbx, %r13			/* MBI physical address */
	mov $__bss_start, %edi
	mov $__bss_end, %ecx
	sub %edi, %ecx
	xor %eax, %eax
	rep stosb
	mov $launch_stack_top, %rsp	/* 16-byte aligned */
	mov %r12d, %edi
	mov %r13, %rsi
	mov $1, %edx			/* boot services alive */
	call launch_main
halt64:
	cli
	hlt
	jmp halt64

/*
 * void launch_switch_cpu(u64 cr3): interrupts off, CR3 = cr3, launch's GDT,
 * CS/DS/ES/SS/FS/GS reloaded from it. Returns on the same stack.
 */
	.globl launch_switch_cpu
	.type launch_switch_cpu, @function
launch_switch_cpu:
	cli
	mov %rdi, %cr3
	lgdt launch_gdt_ptr
	mov $LAUNCH_DS, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %ss
	mov %eax, %fs
	mov %eax, %gs
	pop %rax			/* return address */
	pushq $LAUNCH_CS
	push %rax
	lretq

/*
 * void launch_enter_hv(u64 entry, u64 handoff, u64 cr3): interrupts off,
 * launch's page tables and GDT, flat data segments, then jump to entry with
 * RDI = handoff. Never returns.
 */
	.globl launch_enter_hv
	.type launch_enter_hv, @function
launch_enter_hv:
	cli
	cld
	mov %rdx, %cr3
	lgdt launch_gdt_ptr
	mov $LAUNCH_DS, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %ss
	mov %eax, %fs
	mov %eax, %gs
	pushq $LAUNCH_CS
	lea 7f(%rip), %rax
	push %rax
	lretq
7:	mov %rdi, %rax
	mov %rsi, %rdi
	xor %esi, %esi
	xor %edx, %edx
	jmp *%rax

	.section .rodata.entry, "a"
msg_no_lm:
	.asciz "PANIC: launch: CPU lacks long mode (CPUID 0x80000001 EDX bit 29)\r\n"

	.section .bss.stack, "aw", @nobits
	.balign 16
launch_stack:
	.skip LAUNCH_STACK_SIZE
	.globl launch_stack_top
launch_stack_top:

	.section .note.GNU-stack, "", @progbits
