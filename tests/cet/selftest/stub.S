/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * endbr-check self-test input: an IDT stub (reached by event delivery, which
 * no relocation shows). Without -DWITH_ENDBR it lacks ENDBR64 and the check
 * must name it. The function whose address the data holds is fine.
 */
	.text
	.globl endbr_test_start
	.type endbr_test_start, @function
endbr_test_start:
	endbr64
	jmp endbr_test_start
	.size endbr_test_start, . - endbr_test_start

	.balign 16
isr_stub_0:
#ifdef WITH_ENDBR
	endbr64
#endif
	iretq

	.data
	.quad endbr_test_start
