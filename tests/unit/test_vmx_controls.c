// SPDX-License-Identifier: GPL-2.0-only
/*
 * VMX controls from the capability MSRs (hypervisor/arch/x86_64/vmx/
 * controls.h; SDM vol. 3D A.3-A.5, vol. 3C §31.5.1). The capability values
 * below are written out here in the MSR format of Appendix A to resemble
 * three CPU generations (none is a dump of a real part): a recent core with
 * the TRUE_ MSRs, an EPT-capable core without unrestricted guest, and an
 * older core without EPT. Then one refusal per way Parapet's request fails.
 */
#include "hypervisor/arch/x86_64/vmx/controls.h"
#include "unit.h"

/* allowed-1 in 63:32, allowed-0 (must be 1) in 31:0 */
#define CAP(may1, must1) (((u64)(may1) << 32) | (u32)(must1))

/* A recent core: BASIC bit 55, secondary controls with EPT, VPID,
 * unrestricted guest, INVPCID, XSAVES; the TRUE_ MSRs let CR3 exits and
 * the debug-control save/load (default1) be 0. */
static struct vmx_cap_msrs recent(void)
{
	struct vmx_cap_msrs c = {0};
	c.basic = VMX_BASIC_TRUE_CTLS | (6ull << 50) | (0x400ull << 32) | 4;
	c.pinbased = CAP(0x000000ff, VMX_PIN_DEFAULT1);
	c.procbased = CAP(0xfff9fffe, VMX_PROC_DEFAULT1);
	c.procbased2 = CAP(0x00177fff, 0);
	c.exit = CAP(0x01ffffff, VMX_EXIT_DEFAULT1);
	c.entry = CAP(0x0003ffff, VMX_ENTRY_DEFAULT1);
	c.true_pinbased = CAP(0x000000ff, VMX_PIN_DEFAULT1);
	c.true_procbased = CAP(0xfff9fffe, VMX_PROC_DEFAULT1 &
					       ~(VMX_PROC_CR3_LOAD_EXIT | VMX_PROC_CR3_STORE_EXIT));
	c.true_exit = CAP(0x01ffffff, VMX_EXIT_DEFAULT1 & ~VMX_EXIT_SAVE_DEBUG_CTLS);
	c.true_entry = CAP(0x0003ffff, VMX_ENTRY_DEFAULT1 & ~VMX_ENTRY_LOAD_DEBUG_CTLS);
	return c;
}

/* An EPT core of the first generation: no TRUE_ MSRs, secondary controls
 * 0-3, 5, 6 (APIC accesses, EPT, descriptor tables, RDTSCP, VPID, WBINVD):
 * no unrestricted guest, INVPCID or XSAVES. */
static struct vmx_cap_msrs first_ept(void)
{
	struct vmx_cap_msrs c = {0};
	c.basic = (6ull << 50) | (0x400ull << 32) | 0xe;
	c.pinbased = CAP(0x0000007f, VMX_PIN_DEFAULT1);
	c.procbased = CAP(0xfff9fffe, VMX_PROC_DEFAULT1);
	c.procbased2 = CAP(0x0000006f, 0);
	c.exit = CAP(0x007fffff, VMX_EXIT_DEFAULT1);
	c.entry = CAP(0x0000ffff, VMX_ENTRY_DEFAULT1);
	return c;
}

/* An older core: secondary controls without EPT (APIC accesses, WBINVD),
 * no EFER or PAT switching. */
static struct vmx_cap_msrs no_ept(void)
{
	struct vmx_cap_msrs c = first_ept();
	c.basic = (6ull << 50) | (0x400ull << 32) | 0xd;
	c.procbased2 = CAP(0x00000041, 0);
	c.exit = CAP(0x0003ffff, VMX_EXIT_DEFAULT1);
	c.entry = CAP(0x00003fff, VMX_ENTRY_DEFAULT1);
	return c;
}

static void parapet(struct vmx_controls_req *r)
{
	vmx_controls_parapet(r);
}

/* Every computed word respects its MSR: must-1 bits set, must-0 bits clear. */
static void check_allowed(u32 v, u64 cap)
{
	CHECK_EQ(v & VMX_CAP_ALLOWED0(cap), VMX_CAP_ALLOWED0(cap));
	CHECK_EQ(v & ~VMX_CAP_ALLOWED1(cap), 0);
}

TEST(vmx_controls_recent_core_true_msrs)
{
	struct vmx_cap_msrs c = recent();
	struct vmx_controls_req r;
	struct vmx_controls v;
	struct pp_err err;
	parapet(&r);
	REQUIRE(vmx_controls_compute(&c, &r, &v, &err) == PP_OK);
	CHECK(v.true_ctls);
	CHECK_EQ(v.ctl[VMX_CTL_PIN], VMX_PIN_DEFAULT1 | VMX_PIN_EXT_INTR_EXIT | VMX_PIN_NMI_EXIT);
	/* CR3 exits off (allowed by TRUE_PROCBASED), the other default1 bits on. */
	CHECK_EQ(v.ctl[VMX_CTL_PROC],
		 (VMX_PROC_DEFAULT1 & ~(VMX_PROC_CR3_LOAD_EXIT | VMX_PROC_CR3_STORE_EXIT)) |
		     VMX_PROC_HLT_EXIT | VMX_PROC_IO_BITMAPS | VMX_PROC_MSR_BITMAPS |
		     VMX_PROC_SECONDARY);
	CHECK_EQ(v.ctl[VMX_CTL_PROC2], VMX_PROC2_EPT | VMX_PROC2_VPID | VMX_PROC2_RDTSCP |
					   VMX_PROC2_INVPCID | VMX_PROC2_XSAVES);
	CHECK(!(v.ctl[VMX_CTL_PROC2] & VMX_PROC2_UNRESTRICTED_GUEST));
	/* Default1 bits not asked off stay 1 even where TRUE_ allows 0. */
	CHECK_EQ(v.ctl[VMX_CTL_EXIT], VMX_EXIT_DEFAULT1 | VMX_EXIT_HOST_ADDR64 | VMX_EXIT_ACK_INTR |
					  VMX_EXIT_SAVE_PAT | VMX_EXIT_LOAD_PAT |
					  VMX_EXIT_SAVE_EFER | VMX_EXIT_LOAD_EFER);
	CHECK_EQ(v.ctl[VMX_CTL_ENTRY], VMX_ENTRY_DEFAULT1 | VMX_ENTRY_IA32E_GUEST |
					   VMX_ENTRY_LOAD_PAT | VMX_ENTRY_LOAD_EFER);
	check_allowed(v.ctl[VMX_CTL_PIN], c.true_pinbased);
	check_allowed(v.ctl[VMX_CTL_PROC], c.true_procbased);
	check_allowed(v.ctl[VMX_CTL_PROC2], c.procbased2);
	check_allowed(v.ctl[VMX_CTL_EXIT], c.true_exit);
	check_allowed(v.ctl[VMX_CTL_ENTRY], c.true_entry);
	/* Asking a default1 bit off clears it where TRUE_ allows. */
	r.ctl[VMX_CTL_ENTRY].off = VMX_ENTRY_LOAD_DEBUG_CTLS;
	REQUIRE(vmx_controls_compute(&c, &r, &v, &err) == PP_OK);
	CHECK_EQ(v.ctl[VMX_CTL_ENTRY] & VMX_ENTRY_LOAD_DEBUG_CTLS, 0);
}

TEST(vmx_controls_first_ept_core_legacy_msrs)
{
	struct vmx_cap_msrs c = first_ept();
	struct vmx_controls_req r;
	struct vmx_controls v;
	struct pp_err err;
	parapet(&r);
	REQUIRE(vmx_controls_compute(&c, &r, &v, &err) == PP_OK);
	CHECK(!v.true_ctls);
	/* Without TRUE_ MSRs the default1 class is must-be-1: CR3 exits stay. */
	CHECK_EQ(v.ctl[VMX_CTL_PROC] & (VMX_PROC_CR3_LOAD_EXIT | VMX_PROC_CR3_STORE_EXIT),
		 VMX_PROC_CR3_LOAD_EXIT | VMX_PROC_CR3_STORE_EXIT);
	/* EPT without unrestricted guest is enough; VPID and RDTSCP taken,
	 * INVPCID and XSAVES not offered. */
	CHECK_EQ(v.ctl[VMX_CTL_PROC2], VMX_PROC2_EPT | VMX_PROC2_VPID | VMX_PROC2_RDTSCP);
	check_allowed(v.ctl[VMX_CTL_PIN], c.pinbased);
	check_allowed(v.ctl[VMX_CTL_PROC], c.procbased);
	check_allowed(v.ctl[VMX_CTL_PROC2], c.procbased2);
	check_allowed(v.ctl[VMX_CTL_EXIT], c.exit);
	check_allowed(v.ctl[VMX_CTL_ENTRY], c.entry);
	/* The TRUE_ values are ignored without BASIC bit 55. */
	c.true_procbased = CAP(0, 0);
	REQUIRE(vmx_controls_compute(&c, &r, &v, &err) == PP_OK);
}

TEST(vmx_controls_refusals)
{
	struct vmx_controls_req r;
	struct vmx_controls v = {{0}, false};
	struct pp_err err;
	parapet(&r);

	struct vmx_cap_msrs c = no_ept();
	CHECK_EQ(vmx_controls_compute(&c, &r, &v, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "vmx: secondary processor-based control 1 (enable EPT) cannot be 1: "
			"IA32_VMX_PROCBASED_CTLS2 bit 33 is 0 (SDM A.3.3)");
	CHECK_EQ(v.ctl[VMX_CTL_PIN], 0); /* nothing written on failure */

	/* No secondary controls at all: the primary bit is named. */
	c = first_ept();
	c.procbased = CAP(0x7ff9fffe, VMX_PROC_DEFAULT1);
	CHECK_EQ(vmx_controls_compute(&c, &r, &v, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "primary processor-based control 31 (activate secondary controls) cannot "
			"be 1: IA32_VMX_PROCBASED_CTLS bit 63 is 0");

	/* The TRUE_ MSR is the one named when BASIC bit 55 is set. */
	c = recent();
	c.true_exit &= ~((u64)VMX_EXIT_LOAD_EFER << 32);
	CHECK_EQ(vmx_controls_compute(&c, &r, &v, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "VM-exit control 21 (load IA32_EFER) cannot be 1: IA32_VMX_TRUE_EXIT_CTLS "
			"bit 53 is 0 (SDM A.4)");

	c = recent();
	c.true_entry &= ~((u64)VMX_ENTRY_IA32E_GUEST << 32);
	CHECK_EQ(vmx_controls_compute(&c, &r, &v, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "VM-entry control 9 (IA-32e mode guest) cannot be 1");

	c = recent();
	c.true_pinbased &= ~((u64)VMX_PIN_NMI_EXIT << 32);
	CHECK_EQ(vmx_controls_compute(&c, &r, &v, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "pin-based control 3 (NMI exiting)");

	/* The first missing bit is named: HLT (7) before I/O bitmaps (25). */
	c = recent();
	c.true_procbased &= ~((u64)(VMX_PROC_HLT_EXIT | VMX_PROC_IO_BITMAPS) << 32);
	CHECK_EQ(vmx_controls_compute(&c, &r, &v, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "control 7 (HLT exiting)");

	/* A word that says a bit must be both 1 and 0. */
	c = recent();
	c.true_pinbased = CAP(VMX_PIN_DEFAULT1 | 0x9, VMX_PIN_DEFAULT1 | VMX_PIN_POSTED_INTR | 0x9);
	CHECK_EQ(vmx_controls_compute(&c, &r, &v, &err), PP_EINVAL);
	CHECK_MSG(&err, "IA32_VMX_TRUE_PINBASED_CTLS reports control 7 both");

	/* VMX absent (every MSR 0): the first needed pin-based bit. */
	struct vmx_cap_msrs none = {0};
	CHECK_EQ(vmx_controls_compute(&none, &r, &v, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "pin-based control 0 (external-interrupt exiting)");
}

TEST(vmx_controls_secondary_only_wanted)
{
	/* Only wanted secondary controls on a CPU without them: no refusal,
	 * primary bit 31 clear and the secondary word 0. */
	struct vmx_cap_msrs c = first_ept();
	c.procbased = CAP(0x7ff9fffe, VMX_PROC_DEFAULT1);
	struct vmx_controls_req r = {0};
	r.ctl[VMX_CTL_PROC2].want = VMX_PROC2_VPID;
	struct vmx_controls v;
	struct pp_err err;
	REQUIRE(vmx_controls_compute(&c, &r, &v, &err) == PP_OK);
	CHECK_EQ(v.ctl[VMX_CTL_PROC] & VMX_PROC_SECONDARY, 0);
	CHECK_EQ(v.ctl[VMX_CTL_PROC2], 0);
	CHECK(vmx_ctl_bit_name(VMX_CTL_PROC2, 7) != NULL);
	CHECK(!strcmp(vmx_ctl_bit_name(VMX_CTL_PROC2, 7), "unrestricted guest"));
	CHECK(vmx_ctl_bit_name(VMX_CTL_PROC2, 31) == NULL);
	CHECK(vmx_ctl_bit_name(VMX_CTLS, 0) == NULL);
}
