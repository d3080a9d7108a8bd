/* SPDX-License-Identifier: GPL-2.0-only */
/* The secure loader's measured bytes (build/launch/sl.bin), copied into the SLB by sl_place.c. */
	.section .rodata.sl_blob, "a"
	.balign 16
	.globl sl_blob_start, sl_blob_end
sl_blob_start:
	.incbin "build/launch/sl.bin"
sl_blob_end:

	.section .note.GNU-stack, "", @progbits
