/* SPDX-License-Identifier: GPL-2.0-only */
/* The frame isr.S builds for every exception (lowest address first). */
#ifndef PARAPET_HV_X86_EXCEPTION_H
#define PARAPET_HV_X86_EXCEPTION_H

#include <parapet/types.h>

struct exc_frame {
	u64 rax, rbx, rcx, rdx, rsi, rdi, rbp;
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 vector;
	u64 error;
	/* pushed by the CPU (AMD APM vol. 2 §8.9.3, Intel SDM vol. 3 §6.14.2) */
	u64 rip, cs, rflags, rsp, ss;
};
_Static_assert(__builtin_offsetof(struct exc_frame, vector) == 15 * sizeof(u64),
	       "isr.S pushes 15 GPRs");
_Static_assert(__builtin_offsetof(struct exc_frame, rip) == 17 * sizeof(u64),
	       "CPU frame after vector/error");
_Static_assert(sizeof(struct exc_frame) == 22 * sizeof(u64), "exception frame size");

PP_NORETURN void exc_dispatch(struct exc_frame *f);
const char *exc_name(u64 vector);

#endif
