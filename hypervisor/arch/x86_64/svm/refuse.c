// SPDX-License-Identifier: GPL-2.0-only
/* Refused actions: decisions (refuse.h). */
#include "refuse.h"

bool svm_ioio_decode(u64 info1, struct svm_ioio *out)
{
	u64 sz = info1 & (SVM_IOIO_SZ8 | SVM_IOIO_SZ16 | SVM_IOIO_SZ32);
	if (sz == SVM_IOIO_SZ8)
		out->size = 1;
	else if (sz == SVM_IOIO_SZ16)
		out->size = 2;
	else if (sz == SVM_IOIO_SZ32)
		out->size = 4;
	else
		return false;
	out->port = (u16)(info1 >> SVM_IOIO_PORT_SHIFT);
	out->in = (info1 & SVM_IOIO_TYPE_IN) != 0;
	out->str = (info1 & SVM_IOIO_STR) != 0;
	out->rep = (info1 & SVM_IOIO_REP) != 0;
	return true;
}

enum svm_msr_action svm_msr_decide(u32 msr, bool write)
{
	if (write)
		return SVM_MSR_GP;
	switch (msr) {
	case SVM_MSR_TSC: return SVM_MSR_READ_TSC;
	case SVM_MSR_EFER: return SVM_MSR_READ_EFER;
	default: return SVM_MSR_GP;
	}
}

bool svm_refusal_print(u64 n)
{
	return n < 8 || (n & 1023) == 0;
}
