// SPDX-License-Identifier: GPL-2.0-only
/*
 * VMXON prerequisites (vmxon.h). Pure: every input is a captured value and
 * a refusal changes nothing but *err. Hardware-only, host-tested.
 */
#include "vmxon.h"
#include <parapet/bytes.h>
#include <parapet/string.h>

/* Control-register bit names (vol. 3A §2.5), for the refusals. */
static const char *const cr0_names[32] = {
    [0] = "PE",	 [1] = "MP",  [2] = "EM",  [3] = "TS",	[4] = "ET",  [5] = "NE",
    [16] = "WP", [18] = "AM", [29] = "NW", [30] = "CD", [31] = "PG",
};
static const char *const cr4_names[32] = {
    [0] = "VME",	 [1] = "PVI",	 [2] = "TSD",	   [3] = "DE",	  [4] = "PSE",
    [5] = "PAE",	 [6] = "MCE",	 [7] = "PGE",	   [8] = "PCE",	  [9] = "OSFXSR",
    [10] = "OSXMMEXCPT", [11] = "UMIP",	 [12] = "LA57",	   [13] = "VMXE", [14] = "SMXE",
    [16] = "FSGSBASE",	 [17] = "PCIDE", [18] = "OSXSAVE", [19] = "KL",	  [20] = "SMEP",
    [21] = "SMAP",	 [22] = "PKE",	 [23] = "CET",	   [24] = "PKS",  [25] = "UINTR",
};

static const char *cr_bit_name(enum vmx_cr reg, unsigned bit)
{
	const char *n = NULL;
	if (bit < 32)
		n = reg == VMX_CR0 ? cr0_names[bit] : cr4_names[bit];
	return n ? n : "reserved";
}

int vmx_check_feature_control(u64 fc, bool in_smx, struct pp_err *err)
{
	if (!(fc & VMX_FC_LOCK))
		return pp_fail(
		    err, PP_ENOTSUP,
		    "vmx: IA32_FEATURE_CONTROL 0x%llx is not locked (bit 0 clear): VMXON "
		    "would #GP (SDM vol. 3C §24.7)",
		    (unsigned long long)fc);
	if (in_smx && !(fc & VMX_FC_VMX_IN_SMX))
		return pp_fail(
		    err, PP_ENOTSUP,
		    "vmx: IA32_FEATURE_CONTROL 0x%llx: bit 1 (VMX inside SMX) is clear and "
		    "this is a TXT launch: VMXON would #GP (SDM vol. 3C §24.7)",
		    (unsigned long long)fc);
	if (!in_smx && !(fc & VMX_FC_VMX_OUTSIDE_SMX))
		return pp_fail(
		    err, PP_ENOTSUP,
		    "vmx: IA32_FEATURE_CONTROL 0x%llx: bit 2 (VMX outside SMX) is clear: "
		    "VMXON would #GP (SDM vol. 3C §24.7; firmware disabled VT-x)",
		    (unsigned long long)fc);
	return PP_OK;
}

int vmx_check_cpuid(u32 ecx, bool in_smx, struct pp_err *err)
{
	if (!(ecx & VMX_CPUID1_ECX_VMX))
		return pp_fail(err, PP_ENOTSUP,
			       "vmx: CPUID.1:ECX 0x%08x has VMX (bit 5) clear (SDM vol. 3C §24.6)",
			       ecx);
	if (in_smx && !(ecx & VMX_CPUID1_ECX_SMX))
		return pp_fail(err, PP_EINVAL,
			       "vmx: CPUID.1:ECX 0x%08x has SMX (bit 6) clear inside a TXT launch "
			       "(SDM vol. 3C §24.7)",
			       ecx);
	return PP_OK;
}

int vmx_cr_fixed(enum vmx_cr reg, u64 cur, u64 need1, u64 need0, u64 fixed0, u64 fixed1, u64 *out,
		 struct pp_err *err)
{
	const bool is_cr0 = reg == VMX_CR0;
	const char *name = is_cr0 ? "CR0" : "CR4";
	const char *msr0 = is_cr0 ? "IA32_VMX_CR0_FIXED0" : "IA32_VMX_CR4_FIXED0";
	const char *msr1 = is_cr0 ? "IA32_VMX_CR0_FIXED1" : "IA32_VMX_CR4_FIXED1";
	const char *sdm = is_cr0 ? "A.7" : "A.8";
	u64 bad;

	if ((bad = fixed0 & ~fixed1) != 0) {
		const unsigned b = (unsigned)__builtin_ctzll(bad);
		return pp_fail(
		    err, PP_EINVAL,
		    "vmx: %s bit %u is 1 in %s and 0 in %s: the MSRs contradict (SDM vol. "
		    "3D %s)",
		    name, b, msr0, msr1, sdm);
	}
	if ((bad = need1 & need0) != 0)
		return pp_fail(err, PP_EINVAL, "vmx: %s bit %u asked both set and clear", name,
			       (unsigned)__builtin_ctzll(bad));
	if ((bad = need1 & ~fixed1) != 0) {
		const unsigned b = (unsigned)__builtin_ctzll(bad);
		return pp_fail(err, PP_ENOTSUP,
			       "vmx: %s bit %u (%s) cannot be set in VMX operation: %s bit %u is 0 "
			       "(SDM vol. 3C §24.8, vol. 3D %s)",
			       name, b, cr_bit_name(reg, b), msr1, b, sdm);
	}
	if ((bad = need0 & fixed0) != 0) {
		const unsigned b = (unsigned)__builtin_ctzll(bad);
		return pp_fail(
		    err, PP_ENOTSUP,
		    "vmx: %s bit %u (%s) cannot be cleared in VMX operation: %s bit %u is "
		    "1 (SDM vol. 3C §24.8, vol. 3D %s)",
		    name, b, cr_bit_name(reg, b), msr0, b, sdm);
	}
	*out = ((((cur | need1) & ~need0) | fixed0) & fixed1);
	return PP_OK;
}

int vmx_check_region(u64 basic, u64 pa, u32 phys_bits, const char *what, struct pp_err *err)
{
	const u32 size = VMX_BASIC_SIZE(basic);
	const u32 width = (basic & VMX_BASIC_PA32) ? 32 : phys_bits;

	if (size == 0 || size > 4096)
		return pp_fail(err, PP_EINVAL,
			       "vmx: IA32_VMX_BASIC 0x%llx reports a region size of %u bytes (bits "
			       "44:32; 1..4096, SDM vol. 3D A.1)",
			       (unsigned long long)basic, size);
	if (basic & 0x80000000ull)
		return pp_fail(
		    err, PP_EINVAL,
		    "vmx: IA32_VMX_BASIC 0x%llx has bit 31 set (always 0, SDM vol. 3D A.1)",
		    (unsigned long long)basic);
	if (VMX_BASIC_MEMTYPE(basic) != VMX_MEMTYPE_WB)
		return pp_fail(err, PP_ENOTSUP,
			       "vmx: IA32_VMX_BASIC 0x%llx reports memory type %u for the VMX "
			       "regions, not write-back (6) (SDM vol. 3D A.1)",
			       (unsigned long long)basic, VMX_BASIC_MEMTYPE(basic));
	if (pa & 0xfffull)
		return pp_fail(
		    err, PP_EINVAL,
		    "vmx: %s region at 0x%llx is not 4 KiB aligned (SDM vol. 3C §25.11.5)", what,
		    (unsigned long long)pa);
	if (width == 0 || width > 52 || (pa >> width) != 0)
		return pp_fail(
		    err, PP_ERANGE,
		    "vmx: %s region at 0x%llx is beyond the %u-bit physical-address width"
		    "%s (SDM vol. 3C §25.11.5, vol. 3D A.1)",
		    what, (unsigned long long)pa, width,
		    (basic & VMX_BASIC_PA32) ? " (IA32_VMX_BASIC bit 48)" : "");
	return PP_OK;
}

int vmx_region_init(u64 basic, u8 *region, size_t len, struct pp_err *err)
{
	const u32 size = VMX_BASIC_SIZE(basic);
	if (size < 4 || size > 4096 || len < size)
		return pp_fail(err, PP_ERANGE,
			       "vmx: region of %zu bytes for a reported size of %u (IA32_VMX_BASIC "
			       "bits 44:32, SDM vol. 3D A.1)",
			       len, size);
	memset(region, 0, size);
	/* §25.11.5: bits 30:0 the revision identifier, bit 31 clear. */
	st_le32(region, VMX_BASIC_REVISION(basic));
	return PP_OK;
}

int vmx_vmxon_plan(const struct vmx_vmxon_env *e, struct vmx_vmxon_plan *out, struct pp_err *err)
{
	struct vmx_vmxon_plan p = {0};
	int rc;

	if ((rc = vmx_check_cpuid(e->cpuid1_ecx, e->in_smx, err)) != 0)
		return rc;
	if ((rc = vmx_check_feature_control(e->feature_control, e->in_smx, err)) != 0)
		return rc;
	if ((rc = vmx_cr_fixed(VMX_CR0, e->cr0, 0, 0, e->fixed.cr0_fixed0, e->fixed.cr0_fixed1,
			       &p.cr0, err)) != 0)
		return rc;
	if ((rc = vmx_cr_fixed(VMX_CR4, e->cr4, VMX_CR4_VMXE, 0, e->fixed.cr4_fixed0,
			       e->fixed.cr4_fixed1, &p.cr4, err)) != 0)
		return rc;
	if ((rc = vmx_check_region(e->basic, e->region_pa, e->phys_bits, "VMXON", err)) != 0)
		return rc;
	p.revision = VMX_BASIC_REVISION(e->basic);
	*out = p;
	return PP_OK;
}
