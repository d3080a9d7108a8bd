// SPDX-License-Identifier: GPL-2.0-only
/* The decisions before a DRTM (launch/drtm/prep_plan.c). */
#include <parapet/handoff.h>
#include "launch/drtm/prep.h"
#include "unit.h"

static struct drtm_cpu cpu(u32 ecx1, u32 ext, u64 vm_cr)
{
	struct drtm_cpu c;
	drtm_cpu_decode(ecx1, ext, vm_cr, &c);
	return c;
}

TEST(drtm_choose_and_gif)
{
	const u32 svm = DRTM_CPUID_ECX_SVM, sk = DRTM_CPUID_ECX_SKINIT;
	struct drtm_cpu c;

	c = cpu(DRTM_CPUID1_ECX_HYPERVISOR, svm, 0); /* QEMU: the emulated DRTM */
	CHECK_EQ(drtm_choose(&c), PP_LAUNCH_EMULATED);
	CHECK(drtm_gif_available(&c));

	c = cpu(0, svm | sk, 0); /* AMD with SVM on */
	CHECK_EQ(drtm_choose(&c), PP_LAUNCH_SKINIT);
	CHECK(c.svm_usable && drtm_gif_available(&c));

	/* SVM disabled by firmware (VM_CR.SVMDIS): SKINIT is still accepted
	 * (the CPUID SKINIT bit allows it and STGI/CLGI), SVME stays clear */
	c = cpu(0, svm | sk, DRTM_VM_CR_SVMDIS | DRTM_VM_CR_LOCK);
	CHECK_EQ(drtm_choose(&c), PP_LAUNCH_SKINIT);
	CHECK(!c.svm_usable);
	CHECK(drtm_gif_available(&c));
	CHECK_EQ(drtm_efer(&c, 0xd01), 0xd01);

	/* SVM without SKINIT: no DRTM (refused: static fallback or halt) */
	c = cpu(0, svm, 0);
	CHECK_EQ(drtm_choose(&c), PP_LAUNCH_STATIC);
	CHECK(drtm_gif_available(&c));
	CHECK_EQ(drtm_efer(&c, 0xd01), 0xd01 | DRTM_EFER_SVME);

	/* an Intel CPU with SMX (GETSEC): a TXT launch; no GIF, EFER untouched */
	c = cpu(DRTM_CPUID1_ECX_SMX, 0, 0);
	CHECK_EQ(drtm_choose(&c), PP_LAUNCH_TXT);
	CHECK(c.smx && !drtm_gif_available(&c));
	CHECK_EQ(drtm_efer(&c, 0x500), 0x500);
	/* SMX under a hypervisor: still the emulated DRTM (nested GETSEC is
	 * not a measured launch) */
	c = cpu(DRTM_CPUID1_ECX_SMX | DRTM_CPUID1_ECX_HYPERVISOR, 0, 0);
	CHECK_EQ(drtm_choose(&c), PP_LAUNCH_EMULATED);

	/* neither (an Intel CPU without SMX): no DRTM, no GIF, EFER untouched */
	c = cpu(0, 0, 0);
	CHECK_EQ(drtm_choose(&c), PP_LAUNCH_STATIC);
	CHECK(!drtm_gif_available(&c));
	CHECK_EQ(drtm_efer(&c, 0x500), 0x500);
	/* SVMDIS without SVM means nothing */
	c = cpu(0, 0, DRTM_VM_CR_SVMDIS);
	CHECK(!c.svm_usable && !drtm_gif_available(&c));
}

TEST(drtm_vm_cr_only_dis_a20m)
{
	const u64 all = DRTM_VM_CR_R_INIT | DRTM_VM_CR_DIS_A20M | DRTM_VM_CR_LOCK |
			DRTM_VM_CR_SVMDIS | (1ull << 0) | (0xffull << 32);
	CHECK_EQ(drtm_vm_cr(all), all & ~DRTM_VM_CR_DIS_A20M);
	CHECK_EQ(drtm_vm_cr(DRTM_VM_CR_DIS_A20M), 0);
	CHECK_EQ(drtm_vm_cr(0), 0);
	/* R_INIT is left as it is (docs/drtm.md, "Before SKINIT") */
	CHECK_EQ(drtm_vm_cr(DRTM_VM_CR_R_INIT), DRTM_VM_CR_R_INIT);
}
