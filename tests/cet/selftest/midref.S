/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * endbr-check self-test input: data holding an address inside a function
 * (not its start): an indirect-branch target no ENDBR64 check can vouch
 * for, so the check must refuse it even though the function has ENDBR64.
 */
	.text
	.globl endbr_test_start
	.type endbr_test_start, @function
endbr_test_start:
	endbr64
	nop
inside:
	jmp endbr_test_start
	.size endbr_test_start, . - endbr_test_start

	.data
	.quad inside
