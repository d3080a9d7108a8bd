// SPDX-License-Identifier: GPL-2.0-only
//
// The null kernel: the smallest Multiboot2 kernel that boots the way
// launch.elf does (32-bit entry on BIOS, 64-bit EFI entry with boot
// services kept on UEFI), prints "null: ready" on COM1 and halts. The
// boot benchmark (tests/bench/boot.sh) compares Parapet's time to its
// ready line against this kernel's, so the ratio shows what Parapet adds
// on top of firmware + GRUB.

// Multiboot2 specification 1.0, section 3.1.
#define MB2_HEADER_MAGIC	0xe85250d6
#define MB2_ARCH_I386		0
#define MB2_TAG_END		0
#define MB2_TAG_EFI_BS		7	// 3.1.11: keep EFI boot services
#define MB2_TAG_ENTRY_EFI64	9	// 3.1.13: EFI amd64 entry address
#define MB2_TAG_FRAMEBUFFER	5	// 3.1.10: framebuffer, as launch's header
#define MB2_TAG_OPTIONAL	1

#define COM1			0x3f8
#define UART_LSR		5
#define UART_LSR_THRE		0x20

	.section .multiboot, "a"
	.balign 8
mb2_header:
	.long MB2_HEADER_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	.balign 8
	.short MB2_TAG_EFI_BS, MB2_TAG_OPTIONAL
	.long 8
	.balign 8
	.short MB2_TAG_ENTRY_EFI64, MB2_TAG_OPTIONAL
	.long 12
	.long null_entry64
	.balign 8
	.short MB2_TAG_FRAMEBUFFER, MB2_TAG_OPTIONAL
	.long 20
	.long 0, 0, 0		// no preference; tests/null/grub.cfg sets gfxpayload=text
	.balign 8
	.short MB2_TAG_END, 0
	.long 8
mb2_header_end:

	.text
	// BIOS path: GRUB enters in 32-bit protected mode, paging off.
	.code32
	.globl null_entry32
null_entry32:
	cli
	mov	$msg, %esi
1:	movzbl	(%esi), %eax
	test	%al, %al
	jz	3f
	mov	%al, %bl
	mov	$(COM1 + UART_LSR), %dx
2:	inb	%dx, %al
	test	$UART_LSR_THRE, %al
	jz	2b
	mov	%bl, %al
	mov	$COM1, %dx
	outb	%al, %dx
	inc	%esi
	jmp	1b
3:	hlt
	jmp	3b

	// UEFI path: GRUB enters in 64-bit mode, identity paging, boot
	// services alive (we never call ExitBootServices: we only halt).
	.code64
	.globl null_entry64
null_entry64:
	cli
	lea	msg(%rip), %rsi
1:	movzbl	(%rsi), %eax
	test	%al, %al
	jz	3f
	mov	%al, %bl
	mov	$(COM1 + UART_LSR), %dx
2:	inb	%dx, %al
	test	$UART_LSR_THRE, %al
	jz	2b
	mov	%bl, %al
	mov	$COM1, %dx
	outb	%al, %dx
	inc	%rsi
	jmp	1b
3:	hlt
	jmp	3b

	.section .rodata
msg:	.asciz "\r\nnull: ready\r\n"
