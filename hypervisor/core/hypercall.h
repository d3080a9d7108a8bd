/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypercall dispatch (docs/hypercalls.md), architecture-neutral: the
 * SVM exit path hands it the caller's registers after a VMMCALL and
 * resumes the partition with the results. Every capability-taking call is
 * checked against the caller's table (cap.h) before anything else; guest
 * memory is reached only through env->read, which refuses anything not
 * wholly inside the caller's own memory. A refused call returns an error
 * code to the caller and is counted; it never stops the partition. Pure:
 * host-tested (tests/unit/test_hypercall.c).
 */
#ifndef PARAPET_HV_HYPERCALL_H
#define PARAPET_HV_HYPERCALL_H

#include <parapet/hypercall.h>
#include <parapet/types.h>
#include "cap.h"

struct hv_hc_regs {
	u64 rax, rbx, rcx, rdx, rsi, rdi;
};

struct hv_hc_env {
	const struct hv_cap_table *caps;
	/* Copy [gpa, gpa + len) of the caller's memory to out: 0, or non-zero
	 * when any byte lies outside the memory it may read. */
	int (*read)(void *ctx, u64 gpa, void *out, u32 len);
	/* Print one console write of the caller (bytes already printable). */
	void (*console)(void *ctx, const char *s, u32 len);
	void *ctx;
	u64 calls, refused; /* counters: every call; those answered with an error */
	/* Map log `which` (PP_HC_LOG_*) read-only at gpa (page-aligned) into
	 * the caller; PP_HC_OK and *len, or a PP_HC_E* status. NULL: the call
	 * answers PP_HC_ENOTSUP after the capability check. */
	long (*map_log)(void *ctx, u64 which, u64 gpa, u64 *len);
	/* PP_HC_PART_STOP / PP_HC_PART_RESTART (op = the call number) on
	 * partition `target` after the CONTROL check; PP_HC_OK or a status.
	 * NULL: PP_HC_ENOTSUP after the check. */
	long (*control)(void *ctx, u32 target, u64 op);
	/* PP_HC_CHAN_SIGNAL to partition `peer` over channel end `index` after
	 * the CHANNEL/SIGNAL check. NULL: PP_HC_ENOTSUP after the check. */
	long (*signal)(void *ctx, u32 peer, u32 index);
	/* PP_HC_DEV_INFO: the caller's device `index`, BAR `bar` (its
	 * requester id with segment, the BAR's gpa and size); PP_HC_OK or
	 * PP_HC_EINVAL. NULL: PP_HC_ENOTSUP. */
	long (*dev_info)(void *ctx, u64 index, u64 bar, u64 *bdf, u64 *base, u64 *size);
	/* PP_HC_DEV_IRQ after the argument checks: the caller's device
	 * `index`, MSI delivered as `vector` (on) or off. PP_HC_OK or a
	 * status. NULL: PP_HC_ENOTSUP. */
	long (*dev_irq)(void *ctx, u64 index, u32 vector, bool on);
	/* Set by a call that changed the caller's nested page table: the exit
	 * path flushes its TLB before it resumes (and clears this). */
	bool tlb_flush;
};

/* Serve one call: r->rax holds the call number on entry, the status on
 * return; results in rbx/rcx/rdx as docs/hypercalls.md lists. */
void hv_hypercall(struct hv_hc_env *env, struct hv_hc_regs *r);

#endif
