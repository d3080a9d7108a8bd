// SPDX-License-Identifier: GPL-2.0-only
/*
 * VMXON prerequisites (hypervisor/arch/x86_64/vmx/vmxon.h; SDM vol. 3C
 * §24.6-§24.8, §25.11.5; vol. 3D A.1, A.7, A.8).
 *
 * Captured values, not synthetic: VirtualBox prints its host CPU's VMX
 * MSRs into its log ("HM: MSR_IA32_..."), and two such logs were posted in
 * public bug reports:
 *   part A (github.com/Stichting-MINIX-Research-Foundation/minix issue 17):
 *     IA32_VMX_CR0_FIXED0 0x80000021, CR0_FIXED1 0xffffffff,
 *     IA32_VMX_CR4_FIXED0 0x2000, CR4_FIXED1 0x1727ff, IA32_VMX_MISC
 *     0x300481e5;
 *   part B (github.com/myspaghetti/macos-virtualbox issue 357):
 *     IA32_FEATURE_CONTROL 0x5, IA32_VMX_BASIC 0xda040000000004.
 * Whether either VirtualBox host was bare metal the logs do not say. The
 * CR0/CR4 values the tests start from, the physical-address width and the
 * region addresses are synthetic (marked where used).
 */
#include "hypervisor/arch/x86_64/vmx/vmxon.h"
#include <parapet/bytes.h>
#include "unit.h"

static const struct vmx_cr_fixed part_a = {0x80000021ull, 0xffffffffull, 0x2000ull, 0x1727ffull};
#define PART_B_FC 0x5ull
#define PART_B_BASIC 0xda040000000004ull

/* synthetic: a long-mode CR0 (PE MP ET NE WP AM PG) and CR4 (DE PSE PAE
 * MCE PGE OSFXSR OSXMMEXCPT OSXSAVE) before VMXON */
#define CR0_LM 0x80050033ull
#define CR4_LM 0x000406f8ull

static struct vmx_vmxon_env env_ok(void)
{
	struct vmx_vmxon_env e = {0};
	e.cpuid1_ecx = VMX_CPUID1_ECX_VMX;
	e.feature_control = PART_B_FC;
	e.basic = PART_B_BASIC;
	e.fixed = part_a;
	e.cr0 = CR0_LM;
	e.cr4 = CR4_LM;
	e.phys_bits = 39;	 /* synthetic */
	e.region_pa = 0x1234000; /* synthetic */
	return e;
}

TEST(vmx_vmxon_basic_decodes_part_b)
{
	CHECK_EQ(VMX_BASIC_REVISION(PART_B_BASIC), 4);
	CHECK_EQ(VMX_BASIC_SIZE(PART_B_BASIC), 1024);
	CHECK_EQ(VMX_BASIC_MEMTYPE(PART_B_BASIC), VMX_MEMTYPE_WB);
	CHECK(!(PART_B_BASIC & VMX_BASIC_PA32));
}

TEST(vmx_vmxon_plan_on_captured_msrs)
{
	struct vmx_vmxon_env e = env_ok();
	struct vmx_vmxon_plan p;
	struct pp_err err = {0};
	REQUIRE(vmx_vmxon_plan(&e, &p, &err) == PP_OK);
	CHECK_EQ(p.cr0, CR0_LM);		/* PE, NE, PG already set */
	CHECK_EQ(p.cr4, CR4_LM | VMX_CR4_VMXE); /* VMXE is FIXED0 bit 13 */
	CHECK_EQ(p.revision, 4);
	/* a CR0 with NE clear (legacy x87 error reporting) gets NE */
	e.cr0 = CR0_LM & ~(1ull << 5);
	REQUIRE(vmx_vmxon_plan(&e, &p, &err) == PP_OK);
	CHECK_EQ(p.cr0, CR0_LM);
}

TEST(vmx_vmxon_feature_control)
{
	struct pp_err err = {0};
	CHECK(vmx_check_feature_control(PART_B_FC, false, &err) == PP_OK);
	/* part B locked VMX outside SMX only: a TXT launch could not VMXON */
	CHECK(vmx_check_feature_control(PART_B_FC, true, &err) == PP_ENOTSUP);
	CHECK_MSG(&err, "IA32_FEATURE_CONTROL 0x5: bit 1 (VMX inside SMX) is clear");
	CHECK_MSG(&err, "§24.7");
	CHECK(vmx_check_feature_control(0x7, true, &err) == PP_OK);
	CHECK(vmx_check_feature_control(0x4, false, &err) == PP_ENOTSUP);
	CHECK_MSG(&err, "0x4 is not locked (bit 0 clear)");
	CHECK(vmx_check_feature_control(0x1, false, &err) == PP_ENOTSUP);
	CHECK_MSG(&err, "bit 2 (VMX outside SMX) is clear");
	CHECK(vmx_check_feature_control(0x3, false, &err) == PP_ENOTSUP);
	CHECK_MSG(&err, "bit 2");
}

TEST(vmx_vmxon_cpuid)
{
	struct pp_err err = {0};
	CHECK(vmx_check_cpuid(VMX_CPUID1_ECX_VMX, false, &err) == PP_OK);
	CHECK(vmx_check_cpuid(0x80000000u, false, &err) == PP_ENOTSUP);
	CHECK_MSG(&err, "CPUID.1:ECX 0x80000000 has VMX (bit 5) clear");
	CHECK(vmx_check_cpuid(VMX_CPUID1_ECX_VMX, true, &err) == PP_EINVAL);
	CHECK_MSG(&err, "SMX (bit 6) clear");
	CHECK(vmx_check_cpuid(VMX_CPUID1_ECX_VMX | VMX_CPUID1_ECX_SMX, true, &err) == PP_OK);
}

TEST(vmx_vmxon_cr_fixed_refusals_name_the_bit)
{
	struct pp_err err = {0};
	u64 out = 0x5a5a;
	/* part A cannot set CR4.SMAP (bit 21): CR4_FIXED1 0x1727ff has it 0 */
	CHECK(vmx_cr_fixed(VMX_CR4, CR4_LM, VMX_CR4_VMXE | (1ull << 21), 0, part_a.cr4_fixed0,
			   part_a.cr4_fixed1, &out, &err) == PP_ENOTSUP);
	CHECK_MSG(&err, "CR4 bit 21 (SMAP) cannot be set in VMX operation: "
			"IA32_VMX_CR4_FIXED1 bit 21 is 0");
	CHECK_EQ(out, 0x5a5a); /* unchanged on refusal */
	/* nor SMXE (bit 14), which a TXT launch keeps set */
	CHECK(vmx_cr_fixed(VMX_CR4, CR4_LM, 1ull << 14, 0, part_a.cr4_fixed0, part_a.cr4_fixed1,
			   &out, &err) == PP_ENOTSUP);
	CHECK_MSG(&err, "CR4 bit 14 (SMXE) cannot be set");
	/* CR4.VMXE cannot be cleared while in VMX operation */
	CHECK(vmx_cr_fixed(VMX_CR4, CR4_LM, 0, VMX_CR4_VMXE, part_a.cr4_fixed0, part_a.cr4_fixed1,
			   &out, &err) == PP_ENOTSUP);
	CHECK_MSG(&err, "CR4 bit 13 (VMXE) cannot be cleared in VMX operation: "
			"IA32_VMX_CR4_FIXED0 bit 13 is 1");
	/* CR0.NE, PE, PG are fixed to 1 */
	CHECK(vmx_cr_fixed(VMX_CR0, CR0_LM, 0, 1ull << 5, part_a.cr0_fixed0, part_a.cr0_fixed1,
			   &out, &err) == PP_ENOTSUP);
	CHECK_MSG(&err, "CR0 bit 5 (NE) cannot be cleared");
	CHECK_MSG(&err, "IA32_VMX_CR0_FIXED0 bit 5 is 1 (SDM vol. 3C §24.8, vol. 3D A.7)");
	CHECK(vmx_cr_fixed(VMX_CR0, CR0_LM, 0, 1ull << 31, part_a.cr0_fixed0, part_a.cr0_fixed1,
			   &out, &err) == PP_ENOTSUP);
	CHECK_MSG(&err, "CR0 bit 31 (PG) cannot be cleared");
	/* CR0 bits 63:32 are fixed to 0 by CR0_FIXED1 */
	CHECK(vmx_cr_fixed(VMX_CR0, CR0_LM, 1ull << 40, 0, part_a.cr0_fixed0, part_a.cr0_fixed1,
			   &out, &err) == PP_ENOTSUP);
	CHECK_MSG(&err, "CR0 bit 40 (reserved) cannot be set");
	/* CD (bit 30) may be cleared, and is */
	CHECK(vmx_cr_fixed(VMX_CR0, CR0_LM | (1ull << 30), 0, 1ull << 30, part_a.cr0_fixed0,
			   part_a.cr0_fixed1, &out, &err) == PP_OK);
	CHECK_EQ(out, CR0_LM);
	/* a current CR4 with a bit FIXED1 forbids (LA57 on part A) loses it */
	CHECK(vmx_cr_fixed(VMX_CR4, CR4_LM | (1ull << 12), VMX_CR4_VMXE, 0, part_a.cr4_fixed0,
			   part_a.cr4_fixed1, &out, &err) == PP_OK);
	CHECK_EQ(out, CR4_LM | VMX_CR4_VMXE);
	/* contradicting MSRs */
	CHECK(vmx_cr_fixed(VMX_CR4, 0, 0, 0, 0x2000, 0x0fff, &out, &err) == PP_EINVAL);
	CHECK_MSG(&err, "CR4 bit 13 is 1 in IA32_VMX_CR4_FIXED0 and 0 in IA32_VMX_CR4_FIXED1");
	CHECK(vmx_cr_fixed(VMX_CR0, 0, 1, 1, 0, ~0ull, &out, &err) == PP_EINVAL);
	CHECK_MSG(&err, "CR0 bit 0 asked both set and clear");
}

TEST(vmx_vmxon_region)
{
	struct pp_err err = {0};
	CHECK(vmx_check_region(PART_B_BASIC, 0x7fff000, 39, "VMXON", &err) == PP_OK);
	CHECK(vmx_check_region(PART_B_BASIC, 0x7fff800, 39, "VMXON", &err) == PP_EINVAL);
	CHECK_MSG(&err, "VMXON region at 0x7fff800 is not 4 KiB aligned");
	CHECK(vmx_check_region(PART_B_BASIC, 1ull << 39, 39, "VMCS", &err) == PP_ERANGE);
	CHECK_MSG(&err, "VMCS region at 0x8000000000 is beyond the 39-bit physical-address width");
	CHECK(vmx_check_region(PART_B_BASIC, (1ull << 39) - 0x1000, 39, "VMXON", &err) == PP_OK);
	/* BASIC bit 48: regions below 4 GiB whatever the width */
	CHECK(vmx_check_region(PART_B_BASIC | VMX_BASIC_PA32, 0x100000000ull, 39, "VMXON", &err) ==
	      PP_ERANGE);
	CHECK_MSG(&err, "32-bit physical-address width (IA32_VMX_BASIC bit 48)");
	CHECK(vmx_check_region(PART_B_BASIC | VMX_BASIC_PA32, 0xfffff000ull, 39, "VMXON", &err) ==
	      PP_OK);
	/* sizes outside 1..4096, a non-WB type, bit 31 */
	CHECK(vmx_check_region(PART_B_BASIC & ~(0x1fffull << 32), 0x1000, 39, "VMXON", &err) ==
	      PP_EINVAL);
	CHECK_MSG(&err, "region size of 0 bytes");
	CHECK(vmx_check_region((PART_B_BASIC & ~(0x1fffull << 32)) | (0x1001ull << 32), 0x1000, 39,
			       "VMXON", &err) == PP_EINVAL);
	CHECK_MSG(&err, "region size of 4097 bytes");
	CHECK(vmx_check_region(PART_B_BASIC & ~(0xfull << 50), 0x1000, 39, "VMXON", &err) ==
	      PP_ENOTSUP);
	CHECK_MSG(&err, "memory type 0");
	CHECK(vmx_check_region(PART_B_BASIC | 0x80000000ull, 0x1000, 39, "VMXON", &err) ==
	      PP_EINVAL);
	CHECK_MSG(&err, "bit 31 set");
}

TEST(vmx_vmxon_region_init)
{
	struct pp_err err = {0};
	static u8 region[4096];
	memset(region, 0xcc, sizeof(region));
	REQUIRE(vmx_region_init(PART_B_BASIC, region, sizeof(region), &err) == PP_OK);
	CHECK_EQ(ld_le32(region), 4);
	CHECK_EQ(region[1023], 0);
	CHECK_EQ(region[1024], 0xcc); /* beyond the reported 1024 bytes: untouched */
	/* a revision id with bit 30 set keeps bit 31 clear */
	REQUIRE(vmx_region_init((PART_B_BASIC & ~0xffffffffull) | 0x40000001ull, region, 1024,
				&err) == PP_OK);
	CHECK_EQ(ld_le32(region), 0x40000001);
	CHECK(vmx_region_init(PART_B_BASIC, region, 1023, &err) == PP_ERANGE);
	CHECK_MSG(&err, "region of 1023 bytes for a reported size of 1024");
}

TEST(vmx_vmxon_plan_order)
{
	struct vmx_vmxon_env e = env_ok();
	struct vmx_vmxon_plan p = {0x11, 0x22, 0x33};
	struct pp_err err = {0};
	e.cpuid1_ecx = 0;
	e.feature_control = 0;
	CHECK(vmx_vmxon_plan(&e, &p, &err) == PP_ENOTSUP);
	CHECK_MSG(&err, "VMX (bit 5) clear"); /* CPUID first */
	e = env_ok();
	e.feature_control = 0;
	CHECK(vmx_vmxon_plan(&e, &p, &err) == PP_ENOTSUP);
	CHECK_MSG(&err, "not locked");
	e = env_ok();
	e.fixed.cr4_fixed1 &= ~VMX_CR4_VMXE; /* synthetic: a part that cannot set VMXE */
	e.fixed.cr4_fixed0 = 0;
	CHECK(vmx_vmxon_plan(&e, &p, &err) == PP_ENOTSUP);
	CHECK_MSG(&err, "CR4 bit 13 (VMXE) cannot be set");
	e = env_ok();
	e.region_pa |= 0x10;
	CHECK(vmx_vmxon_plan(&e, &p, &err) == PP_EINVAL);
	CHECK_MSG(&err, "VMXON region at 0x1234010");
	CHECK_EQ(p.cr0, 0x11); /* unchanged by any refusal */
	CHECK_EQ(p.revision, 0x33);
}
