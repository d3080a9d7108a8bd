/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest kit's image header, entry stub and stop path (docs/guest-kit.md,
 * "Boot contract"); the kit's other assembly is vectors.S (interrupt
 * stubs). The hypervisor starts the partition in 64-bit long mode, paging
 * on with RAM identity mapped, a flat 64-bit CS, RIP at GK_LINK_ADDR +
 * GK_ENTRY_OFFSET; nothing else is assumed: no stack, any RFLAGS, .bss
 * possibly not zeroed. The stub takes its own .bss stack, zeroes .bss (the
 * stack with it, before any use), clears RFLAGS (IF off: interrupts are
 * taken only inside gk_wait_event, idt.h), loads the kit's IDT
 * (gk_idt_init, idt.c) and calls main(). When main returns, its value goes
 * to gk_exit() (console.c), which reports it and returns here to the stop
 * path: cli; hlt forever (HLT with IF = 0: the hypervisor stops the
 * partition).
 */
#include "image.h"

	.section .gk.head, "ax"
	.code64
	.globl gk_image_hdr
gk_image_hdr:
	.ascii "PPGUEST\0"			/* GK_HDR_MAGIC */
	.long GK_HDR_VERSION			/* GK_HDR_VER */
	.long GK_HDR_SIZE			/* GK_HDR_HSIZE */
	.quad __gk_start			/* GK_HDR_LINK */
	.quad __gk_entry_offset			/* GK_HDR_ENTRY */
	.quad __gk_file_size			/* GK_HDR_FILE_SIZE */
	.quad __gk_mem_size			/* GK_HDR_MEM_SIZE */
	.quad GK_STACK_SIZE			/* GK_HDR_STACK_SIZE */
	.quad 0					/* reserved */

	.org GK_ENTRY_OFFSET
	.globl _start
_start:
	leaq gk_stack_top(%rip), %rsp		/* first: checked by tests/guest/check.sh */
	cld
	leaq __gk_bss_start(%rip), %rdi
	leaq __gk_bss_end(%rip), %rcx
	subq %rdi, %rcx
	shrq $3, %rcx				/* guest.ld aligns .bss to 8 */
	xorl %eax, %eax
	rep stosq
	pushq $0
	popfq
	xorl %ebp, %ebp
	call gk_idt_init
	call main
	movl %eax, %edi
	call gk_exit
	.globl gk_stop
gk_stop:
	cli
1:	hlt
	jmp 1b

	.section .bss.gk_stack, "aw", @nobits
	.balign 16
gk_stack:
	.skip GK_STACK_SIZE
	.globl gk_stack_top
gk_stack_top:

	.section .note.GNU-stack, "", @progbits
