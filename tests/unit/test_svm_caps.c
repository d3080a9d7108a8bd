// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SVM capability decision (hypervisor/arch/x86_64/svm/svm.h): CPUID
 * Fn8000_0001/0008/000A and VM_CR as an EPYC under QEMU 7.2 TCG reports
 * them, then one reason per way it can be unusable.
 */
#include "hypervisor/arch/x86_64/svm/svm.h"
#include "unit.h"

/* QEMU -cpu EPYC: SVM rev 1, 16 ASIDs, NP, no NRIPS, 40-bit addresses. */
static struct svm_cpuid epyc(void)
{
	struct svm_cpuid in = {0};
	in.max_ext_leaf = 0x8000001fu;
	in.ext1_ecx = SVM_CPUID_80000001_ECX_SVM;
	in.ext1_edx = SVM_CPUID_80000001_EDX_LM;
	in.svm_eax = 1;
	in.svm_ebx = 16;
	in.svm_edx = SVM_CPUID_NP;
	in.addr_eax = 0x3028;
	return in;
}

TEST(svm_caps_msr_numbers)
{
	/* APM vol. 2 §15.30 */
	CHECK_EQ(SVM_MSR_VM_CR, 0xc0010114u);
	CHECK_EQ(SVM_MSR_VM_HSAVE_PA, 0xc0010117u);
	CHECK_EQ(SVM_VM_CR_SVMDIS, 1u << 4);
}

TEST(svm_caps_epyc_usable)
{
	struct svm_cpuid in = epyc();
	struct svm_caps c;
	svm_caps_decide(&in, &c);
	CHECK(c.usable);
	CHECK(c.np && !c.nrips && !c.clean_bits && !c.decode_assists && c.long_mode);
	CHECK_EQ(c.revision, 1);
	CHECK_EQ(c.nasid, 16);
	CHECK_EQ(c.phys_bits, 40);
	in.svm_edx |= SVM_CPUID_NRIPS | SVM_CPUID_DECODE_ASSISTS | SVM_CPUID_FLUSH_BY_ASID;
	svm_caps_decide(&in, &c);
	CHECK(c.nrips && c.decode_assists && c.flush_by_asid);
}

TEST(svm_caps_unusable_reasons)
{
	struct svm_caps c;
	struct svm_cpuid in = epyc();
	in.ext1_ecx = 0;
	svm_caps_decide(&in, &c);
	CHECK(!c.usable && strstr(c.why, "ECX.SVM"));
	in = epyc();
	in.max_ext_leaf = 0x80000008u;
	svm_caps_decide(&in, &c);
	CHECK(!c.usable && strstr(c.why, "Fn8000_000A"));
	in = epyc();
	in.vm_cr = SVM_VM_CR_SVMDIS;
	svm_caps_decide(&in, &c);
	CHECK(!c.usable && strstr(c.why, "SVMDIS"));
	in.vm_cr |= SVM_VM_CR_LOCK;
	svm_caps_decide(&in, &c);
	CHECK(!c.usable && strstr(c.why, "locked"));
	in = epyc();
	in.ext1_edx = 0;
	svm_caps_decide(&in, &c);
	CHECK(!c.usable && strstr(c.why, "long mode"));
	in = epyc();
	in.svm_ebx = 1;
	svm_caps_decide(&in, &c);
	CHECK(!c.usable && strstr(c.why, "ASIDs"));
	/* no Fn8000_0008: the architectural minimum of 36 bits */
	in = epyc();
	in.max_ext_leaf = 0x80000001u;
	svm_caps_decide(&in, &c);
	CHECK(!c.usable);
	CHECK_EQ(c.phys_bits, 36);
}
