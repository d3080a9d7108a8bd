/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * 32-bit protected mode -> long mode, as GNU assembler macros shared by
 * launch's BIOS entry (launch/entry.S) and the secure loader's entry
 * (launch/sl/entry.S). Each is assembled into its own image (the SL's copy
 * is inside its measured part); the text lives once here. AMD64 APM vol. 2,
 * 14.6 "Enabling and Activating Long Mode"; bits in cpu_defs.h.
 * Only for .S files (#include after cpu_defs.h).
 */
#ifndef PARAPET_LAUNCH_LONG_MODE32_H
#define PARAPET_LAUNCH_LONG_MODE32_H

#ifdef __ASSEMBLY__
/* GNU assembler macros, not C: clang-format must not touch them. */
/* clang-format off */

/*
 * LM_REQUIRE fail: jump to fail unless CPUID reports long mode; leaves
 * CPUID Fn8000_0001 EDX (the NX bit among them) in EBX. Clobbers EAX-EDX.
 */
.macro LM_REQUIRE fail
	mov $CPUID_EXT_MAX_LEAF, %eax
	cpuid
	cmp $CPUID_EXT_FEATURES, %eax
	jb \fail
	mov $CPUID_EXT_FEATURES, %eax
	cpuid
	test $CPUID_EXT_EDX_LM, %edx
	jz \fail
	mov %edx, %ebx
.endm

/*
 * LM_IDMAP_4G pml4, pdpt, pd: identity-map 0-4 GiB with 2-MiB pages:
 * PML4[0] -> pdpt; pdpt[0..3] -> pd + 0..3 pages; pd: 2048 entries. The
 * tables must be zeroed (the high dwords stay 0). Clobbers EAX, ECX.
 */
.macro LM_IDMAP_4G pml4, pdpt, pd
	mov $\pdpt, %eax
	or $(PTE_P | PTE_RW), %eax
	mov %eax, \pml4
	xor %ecx, %ecx
1:	mov %ecx, %eax
	shl $12, %eax
	add $\pd, %eax
	or $(PTE_P | PTE_RW), %eax
	mov %eax, \pdpt(, %ecx, 8)
	inc %ecx
	cmp $IDMAP_PDS, %ecx
	jb 1b
	xor %ecx, %ecx
2:	mov %ecx, %eax
	shl $21, %eax
	or $(PTE_P | PTE_RW | PTE_PS), %eax
	mov %eax, \pd(, %ecx, 8)
	inc %ecx
	cmp $(IDMAP_PDS * PT_ENTRIES), %ecx
	jb 2b
.endm

/*
 * LM_ENABLE pml4: CR3 = pml4, CR4.PAE, EFER.LME (+ NXE when EBX, from
 * LM_REQUIRE, has the NX bit), CR0.PG: long mode active, still in
 * compatibility mode; the caller loads its GDT and far-jumps to 64-bit
 * code. Clobbers EAX, ECX, EDX.
 */
.macro LM_ENABLE pml4
	mov $\pml4, %eax
	mov %eax, %cr3
	mov %cr4, %eax
	or $CR4_PAE, %eax
	mov %eax, %cr4
	mov $MSR_EFER, %ecx
	rdmsr
	or $EFER_LME, %eax
	test $CPUID_EXT_EDX_NX, %ebx
	jz 3f
	or $EFER_NXE, %eax
3:	wrmsr
	mov %cr0, %eax
	or $(CR0_PG | CR0_PE), %eax
	mov %eax, %cr0
.endm

/* clang-format on */
#endif /* __ASSEMBLY__ */
#endif
