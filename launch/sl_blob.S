/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The secure loader's measured bytes (build/launch/sl.bin), copied into the
 * SLB by sl_place.c; and the Intel TXT MLE (build/launch/mle.bin), copied
 * to SL_MLE_BASE for a TXT launch (and launch's test=txt-entry).
 */
	.section .rodata.sl_blob, "a"
	.balign 16
	.globl sl_blob_start, sl_blob_end
sl_blob_start:
	.incbin "build/launch/sl.bin"
sl_blob_end:
	.balign 16
	.globl mle_blob_start, mle_blob_end
mle_blob_start:
	.incbin "build/launch/mle.bin"
mle_blob_end:

	.section .note.GNU-stack, "", @progbits
