// SPDX-License-Identifier: GPL-2.0-only
/*
 * Refused partition actions (hypervisor/arch/x86_64/svm/refuse.c): the
 * IOIO exit information decoded per APM vol. 2 §15.10.2, the MSR
 * allowlist (reads of TSC and EFER; every write and every other MSR #GP),
 * the console rate limit.
 */
#include "hypervisor/arch/x86_64/svm/refuse.h"
#include "unit.h"

TEST(svm_ioio_decode_fields)
{
	struct svm_ioio io;
	/* in al, 0x80: port 0x80, 8-bit, IN */
	REQUIRE(svm_ioio_decode((0x80ull << 16) | SVM_IOIO_SZ8 | SVM_IOIO_TYPE_IN, &io));
	CHECK(io.port == 0x80 && io.size == 1 && io.in && !io.str && !io.rep);
	/* rep outsw to 0x3f8 */
	REQUIRE(
	    svm_ioio_decode((0x3f8ull << 16) | SVM_IOIO_SZ16 | SVM_IOIO_STR | SVM_IOIO_REP, &io));
	CHECK(io.port == 0x3f8 && io.size == 2 && !io.in && io.str && io.rep);
	REQUIRE(svm_ioio_decode((0xcfcull << 16) | SVM_IOIO_SZ32, &io));
	CHECK(io.port == 0xcfc && io.size == 4);
	/* no size, or two sizes at once: not an operand the exit path emulates */
	CHECK(!svm_ioio_decode(0x80ull << 16, &io));
	CHECK(!svm_ioio_decode((0x80ull << 16) | SVM_IOIO_SZ8 | SVM_IOIO_SZ32, &io));
	/* bits above the port are ignored, the port is 16 bits */
	REQUIRE(svm_ioio_decode(0xffffffff00000000ull | (0xffffull << 16) | SVM_IOIO_SZ8, &io));
	CHECK_EQ(io.port, 0xffff);
}

TEST(svm_msr_allowlist)
{
	CHECK_EQ(svm_msr_decide(SVM_MSR_TSC, false), SVM_MSR_READ_TSC);
	CHECK_EQ(svm_msr_decide(SVM_MSR_EFER, false), SVM_MSR_READ_EFER);
	CHECK_EQ(svm_msr_decide(SVM_MSR_TSC, true), SVM_MSR_GP);
	CHECK_EQ(svm_msr_decide(SVM_MSR_EFER, true), SVM_MSR_GP);
	CHECK_EQ(svm_msr_decide(0xc0010117u, false), SVM_MSR_GP); /* VM_HSAVE_PA */
	CHECK_EQ(svm_msr_decide(0xc0010117u, true), SVM_MSR_GP);
	CHECK_EQ(svm_msr_decide(0x1b, true), SVM_MSR_GP); /* APIC_BASE */
	CHECK_EQ(svm_msr_decide(0xffffffffu, false), SVM_MSR_GP);
}

TEST(svm_refusal_rate_limit)
{
	u32 printed = 0;
	for (u64 n = 0; n < 10000; n++)
		printed += svm_refusal_print(n);
	CHECK_EQ(printed, 8 + 9); /* 0-7, then 1024, 2048, ..., 9216 */
	CHECK(svm_refusal_print(0) && svm_refusal_print(7) && !svm_refusal_print(8));
	CHECK(svm_refusal_print(1024) && !svm_refusal_print(1025));
}
