/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The virtual-CPU seam (docs/svm.md, "The virtual-CPU seam"): the only
 * operations core/ uses to make and run a partition's vCPU. One
 * implementation per build: svm/virt_svm.c (AMD-V). Intel VT-x will sit
 * behind the same calls (vmx/: hardware-only, its pieces host-tested,
 * not implemented behind this seam yet: docs/vmx.md).
 *
 * The vCPU type is the implementation's (virt_vcpu); core/ reads and
 * writes only its common fields: name, hc, exits and the other counters,
 * req (through virt_vcpu_request), stop_why, deadline, started/ctx. Trust:
 * everything here runs on state the hypervisor built from the verified
 * policy; what the guest does reaches core/ only through the exit
 * handling behind virt_vcpu_run.
 */
#ifndef PARAPET_HV_X86_VIRT_H
#define PARAPET_HV_X86_VIRT_H

#include <parapet/err.h>
#include "hypervisor/core/palloc.h"
#include "hypervisor/core/part/boot.h"
#include "svm/vcpu.h"

typedef struct svm_vcpu virt_vcpu;
#define VIRT_REQ_STOP SVM_REQ_STOP
#define VIRT_REQ_SIGNAL SVM_REQ_SIGNAL
#define VIRT_NPF_OTHER SVM_NPF_OTHER
#define VIRT_NPF_HOLD SVM_NPF_HOLD
#define VIRT_NPF_RETRY SVM_NPF_RETRY

/* The pages of one vCPU's control state: VMCB, I/O and MSR permission maps
 * (SVM); VMCS, I/O bitmaps and MSR bitmap (VMX). */
struct virt_pages {
	hpa_t ctl, io, msr;
};

/* What a partition's vCPU is made from. */
struct virt_part {
	const char *name;
	hpa_t npt_root;
	u32 asid; /* never 0; unique per partition (no reuse without a flush) */
	const struct part_boot_state *boot;
	struct hv_hc_env *hc;
	u8 signal_vector;
	void (*started)(void *ctx);
	/* Called after an exit for a host interrupt (a tick or a kick: at
	 * least once per tick while the guest runs) and after a guest's HLT
	 * woke on one (once per tick while it halts), before the next entry,
	 * in the host's context: the boot CPU's housekeeping (dma_poll).
	 * Other exits never call it, so it costs the exit path nothing.
	 * NULL: nothing. */
	void (*after_intr)(void *ctx);
	/* A nested page fault the NPT does not map (gpa; present: a
	 * permission fault; fetch: an instruction fetch), before the exit
	 * handling decides it: VIRT_NPF_OTHER (handled as always: a stop),
	 * VIRT_NPF_HOLD (the vCPU waits a bounded while, then executes the
	 * instruction again: svm/exit.c, exit_linux.c), VIRT_NPF_RETRY (the
	 * page was mapped since: execute it again at once, after a TLB
	 * flush). Any of the partition's CPUs. NULL: always OTHER. */
	int (*npf_hook)(void *ctx, u64 gpa, bool present, bool fetch);
	void *ctx;
	/* A Linux partition's platform (vcpu.h): its VMCB intercepts neither
	 * INTR nor HLT and it runs with the host's IF clear; NULL otherwise. */
	struct lnx_vm *lnx;
	u32 lnx_vcpu; /* which of its vCPUs (0: the bootstrap processor) */
};

/* Boot CPU: NULL when partitions can run on this machine, else why not. */
const char *virt_unusable(void);
/* Boot CPU, for the online CPU with this APIC ID: its per-CPU pages. */
int virt_prepare_cpu(u32 apic_id, struct palloc *pa, struct pp_err *err);
/* The calling CPU: enable the extension (pa NULL: prepared already). */
int virt_enable_cpu(struct palloc *pa, struct pp_err *err);
/* Control pages with every port and MSR intercepted. */
int virt_alloc(struct virt_pages *pg, struct palloc *pa, u64 below, struct pp_err *err);
/* Let the guest use ports [base, base + count) without an exit. */
void virt_open_ports(const struct virt_pages *pg, u32 base, u32 count);
/* Let the guest read (write false) or write (write true) MSR `msr`
 * without an exit; MSRs outside the map's ranges stay intercepted. */
void virt_open_msr(const struct virt_pages *pg, u32 msr, bool write);
/* A fresh vCPU (registers zero, no request) from the boot state, checked
 * against the hardware's entry rules; PP_EINVAL names the rule broken. */
int virt_vcpu_init(virt_vcpu *v, const struct virt_pages *pg, const struct virt_part *vp,
		   struct pp_err *err);

/* Run until it stops (true) or its deadline passed (false): vcpu.h. */
static inline bool virt_vcpu_run(virt_vcpu *v)
{
	return svm_vcpu_run(v);
}

/* Post VIRT_REQ_* from any CPU; the caller then kicks the vCPU's CPU. */
static inline void virt_vcpu_request(virt_vcpu *v, u32 req)
{
	svm_vcpu_request(v, req);
}

/* Post virtual vector `vector` to v (vcpu.h's pending set); the caller
 * kicks v's CPU if it is another. */
static inline void virt_vcpu_post(virt_vcpu *v, u8 vector)
{
	svm_vcpu_post(v, vector);
}

#endif
