/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VMXON prerequisites as pure functions over values the caller captured
 * (CPUID, MSRs, CR0/CR4, the region's physical address): whether the CPU
 * lets us enter VMX operation, the CR0/CR4 values to load first, and the
 * VMXON region's checks (Intel SDM vol. 3C §24.6 "Discovering Support for
 * VMX", §24.7 "Enabling and Entering VMX Operation", §24.8 "Restrictions on
 * VMX Operation", §25.11.5 "VMXON Region"; vol. 3D Appendix A.1, A.7, A.8).
 * Every value is untrusted input: a refusal names the rule and the value
 * and changes nothing. Hardware-only: QEMU TCG has no VMX; host-tested
 * (tests/unit/test_vmx_vmxon.c) and never run on hardware (docs/vmx.md).
 */
#ifndef PARAPET_HV_VMX_VMXON_H
#define PARAPET_HV_VMX_VMXON_H

#include <parapet/err.h>
#include <parapet/types.h>

/* CPUID.1:ECX (§24.6; vol. 2A CPUID). */
#define VMX_CPUID1_ECX_VMX (1u << 5)
#define VMX_CPUID1_ECX_SMX (1u << 6)

/* IA32_FEATURE_CONTROL (MSR 0x3a; §24.7, vol. 4 Table 2-2). */
#define MSR_IA32_FEATURE_CONTROL 0x3au
#define VMX_FC_LOCK (1ull << 0)
#define VMX_FC_VMX_IN_SMX (1ull << 1)
#define VMX_FC_VMX_OUTSIDE_SMX (1ull << 2)

/* The fixed-bit MSRs (Appendix A.7, A.8). */
#define MSR_IA32_VMX_CR0_FIXED0 0x486u
#define MSR_IA32_VMX_CR0_FIXED1 0x487u
#define MSR_IA32_VMX_CR4_FIXED0 0x488u
#define MSR_IA32_VMX_CR4_FIXED1 0x489u
#define VMX_CR4_VMXE (1ull << 13)

/* IA32_VMX_BASIC (Appendix A.1). */
#define VMX_BASIC_REVISION(b) ((u32)(b)&0x7fffffffu)   /* bits 30:0; bit 31 is 0 */
#define VMX_BASIC_SIZE(b) ((u32)((b) >> 32) & 0x1fffu) /* bits 44:32: bytes, <= 4096 */
#define VMX_BASIC_PA32 (1ull << 48)		       /* regions below 4 GiB only */
#define VMX_BASIC_MEMTYPE(b) ((u32)((b) >> 50) & 0xfu) /* bits 53:50 */
#define VMX_MEMTYPE_WB 6u

/* The VMX fixed-bit MSRs of one CPU. */
struct vmx_cr_fixed {
	u64 cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;
};

/* §24.7: VMXON needs IA32_FEATURE_CONTROL locked with VMX enabled outside
 * SMX (bit 2), or inside SMX (bit 1) when `in_smx` (after GETSEC[SENTER],
 * a TXT launch). PP_ENOTSUP names the bit. */
int vmx_check_feature_control(u64 fc, bool in_smx, struct pp_err *err);

/* §24.6: CPUID.1:ECX.VMX[bit 5]; with `in_smx` also SMX[bit 6]. */
int vmx_check_cpuid(u32 cpuid1_ecx, bool in_smx, struct pp_err *err);

enum vmx_cr { VMX_CR0, VMX_CR4 };

/* A.7/A.8 applied to control register `reg` (CR0 or CR4): a bit set in
 * FIXED0 is fixed to 1, a bit clear in FIXED1 is fixed to 0. *out = cur
 * with `need1` set, `need0` cleared and the fixed bits forced. PP_ENOTSUP
 * when a needed bit cannot be had (naming the bit and the MSR bit that
 * forbids it); PP_EINVAL when the MSRs contradict each other (a bit set in
 * FIXED0 and clear in FIXED1). *out is written only on success. */
int vmx_cr_fixed(enum vmx_cr reg, u64 cur, u64 need1, u64 need0, u64 fixed0, u64 fixed1, u64 *out,
		 struct pp_err *err);

/* The VMXON (or VMCS) region at physical address `pa` (§25.11.5, A.1):
 * 4 KiB aligned, inside the physical-address width (32 bits when
 * IA32_VMX_BASIC bit 48 is set), a size of 1..4096 bytes reported, a
 * write-back memory type. `what` names the region in the message. */
int vmx_check_region(u64 basic, u64 pa, u32 phys_bits, const char *what, struct pp_err *err);

/* Writes the revision identifier (bits 30:0 of IA32_VMX_BASIC, bit 31
 * clear) into the first 4 bytes of a region of `len` bytes (little-endian)
 * and zeroes the rest of the reported size. PP_ERANGE if len is smaller. */
int vmx_region_init(u64 basic, u8 *region, size_t len, struct pp_err *err);

/* Everything VMXON depends on, as captured on one CPU. */
struct vmx_vmxon_env {
	u32 cpuid1_ecx;
	u64 feature_control;
	bool in_smx; /* inside a TXT measured launch (after GETSEC[SENTER]) */
	u64 basic;
	struct vmx_cr_fixed fixed;
	u64 cr0, cr4;  /* current values */
	u32 phys_bits; /* CPUID.80000008H:EAX[7:0] */
	u64 region_pa;
};
/* What to do before VMXON: load cr0 and cr4 (CR4.VMXE set), write
 * `revision` into the region. */
struct vmx_vmxon_plan {
	u64 cr0, cr4;
	u32 revision;
};

/* All the checks above in the order the CPU would fail them. */
int vmx_vmxon_plan(const struct vmx_vmxon_env *e, struct vmx_vmxon_plan *out, struct pp_err *err);

#endif
