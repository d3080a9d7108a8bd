/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a partition may not do, decided without side effects (docs/svm.md,
 * "Refused actions"); exit.c carries the decisions out. Pure, host-tested
 * (tests/unit/test_svm_refuse.c).
 *
 * I/O (IOIO exit, APM vol. 2 §15.10.2, EXITINFO1): only ports outside the
 * policy's ranges exit (the I/O permission map lets the others through).
 * A refused single IN reads all ones, as a bus with nothing on it; a
 * refused OUT is dropped; both continue at EXITINFO2 (the next RIP). A
 * string or REP instruction is not emulated: the partition is stopped.
 *
 * MSRs (MSR exit, §15.11; RDMSR/WRMSR are 2 bytes, EXITINFO1 0 = read,
 * 1 = write): every MSR exits; the allowlist below is emulated, anything
 * else gets #GP(0) injected (what the CPU does for an MSR it lacks), the
 * instruction not completed.
 */
#ifndef PARAPET_HV_SVM_REFUSE_H
#define PARAPET_HV_SVM_REFUSE_H

#include <parapet/types.h>

/* IOIO EXITINFO1 (APM vol. 2, Figure 15-2). */
#define SVM_IOIO_TYPE_IN SVM_IOIO_BIT(0)
#define SVM_IOIO_STR SVM_IOIO_BIT(2)
#define SVM_IOIO_REP SVM_IOIO_BIT(3)
#define SVM_IOIO_SZ8 SVM_IOIO_BIT(4)
#define SVM_IOIO_SZ16 SVM_IOIO_BIT(5)
#define SVM_IOIO_SZ32 SVM_IOIO_BIT(6)
#define SVM_IOIO_PORT_SHIFT 16
#define SVM_IOIO_BIT(n) (1ull << (n))

struct svm_ioio {
	u16 port;
	u8 size; /* bytes: 1, 2 or 4 */
	bool in, str, rep;
};

/* Decode EXITINFO1; false when it names no single operand size. */
bool svm_ioio_decode(u64 info1, struct svm_ioio *out);

/* MSRs the exit path emulates (reads only); everything else is #GP. */
#define SVM_MSR_TSC 0x00000010u	 /* read: the guest's TSC (host TSC + TSC_OFFSET) */
#define SVM_MSR_EFER 0xc0000080u /* read: the guest's EFER without SVME */

enum svm_msr_action { SVM_MSR_GP = 0, SVM_MSR_READ_TSC, SVM_MSR_READ_EFER };
enum svm_msr_action svm_msr_decide(u32 msr, bool write);

/* Rate limit of the console line per refused action: the first 8, then
 * every 1024th (the count goes on regardless). */
bool svm_refusal_print(u64 n);

#endif
