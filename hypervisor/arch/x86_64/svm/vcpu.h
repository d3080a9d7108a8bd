/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One SVM virtual CPU and its exit dispatch (exit.c, docs/svm.md): a VMCB,
 * the guest GPRs the VMCB does not hold, and the hypercall environment of
 * its partition (capability table, guest-memory reader, console).
 */
#ifndef PARAPET_HV_SVM_VCPU_H
#define PARAPET_HV_SVM_VCPU_H

#include <parapet/types.h>
#include "hypervisor/core/hypercall.h"
#include "gprs.h"
#include "vmcb.h"

#define SVM_VCPU_TRACE 8u /* exits remembered for the console */

/* Requests other CPUs post to a virtual CPU (svm_vcpu.req, atomic OR,
 * then a kick IPI to the CPU that runs it); served before the next VMRUN. */
#define SVM_REQ_STOP (1u << 0)	 /* stop it, with stop_why on the console */
#define SVM_REQ_SIGNAL (1u << 1) /* raise its virtual interrupt (signal_vector) */

/* Virtual interrupts waiting for delivery: one bit per vector (a small
 * pending set, like an APIC's IRR without priorities beyond "highest
 * first"). SVM holds one V_IRQ at a time (APM vol. 2 §15.21.4); before
 * each VMRUN, when the guest has taken the last one (V_IRQ clear), the
 * highest pending vector becomes the next V_IRQ. A vector posted again
 * before it was delivered coalesces. Posted with svm_vcpu_post by any
 * code on any CPU (atomic OR); consumed by the vCPU's own CPU. */
#define SVM_VIRQ_WORDS 4u

/* What the nested-page-fault hook (svm_vcpu.npf_hook) says about a fault
 * its partition's NPT does not map: the TPM pages held until the handover
 * (hypervisor/core/part/tpm_hold.h). */
#define SVM_NPF_OTHER 0 /* not the hook's: the fault is handled as before */
#define SVM_NPF_HOLD 1	/* hold the vCPU: the instruction runs again later */
#define SVM_NPF_RETRY 2 /* mapped since: run the instruction again now */

struct lnx_vm;

struct svm_vcpu {
	const char *name;
	struct svm_vmcb *vmcb; /* identity-mapped: pointer == host-physical address */
	struct svm_gprs gprs;
	struct hv_hc_env *hc; /* VMMCALL: the hypercall dispatch with the caller's table */
	u64 max_exits;	      /* stop after this many exits; 0: no limit */
	u64 deadline;	      /* TSC: svm_vcpu_run returns at its first exit past it; 0: none */
	u64 refused_io;	      /* port accesses refused (refuse.h) */
	u64 refused_msr;      /* MSR accesses refused with #GP */
	u64 exits;
	u64 intr_exits;		  /* exits for a physical interrupt (tick, kick) */
	u64 hlt_waits;		  /* HLTs served as "wait for an event" */
	u64 signals;		  /* virtual interrupts raised (SVM_REQ_SIGNAL) */
	u8 signal_vector;	  /* the vector SVM_REQ_SIGNAL raises */
	u64 virq[SVM_VIRQ_WORDS]; /* pending virtual vectors (svm_vcpu_post) */
	u64 virqs;		  /* virtual interrupts injected (V_IRQ set), signals included */
	u64 npf_holds;		  /* nested page faults held (SVM_NPF_HOLD) */
	u32 req;		  /* SVM_REQ_*, set by any CPU (atomic) */
	const char *stop_why;	  /* the reason SVM_REQ_STOP prints */
	/* Called once, after the first exit (the guest has run): the
	 * partition has started. NULL: nothing. */
	void (*started)(void *ctx);
	void (*after_intr)(void *ctx); /* after an interrupt exit (virt.h); NULL: nothing */
	/* A nested page fault at gpa (present: a permission fault; fetch:
	 * an instruction fetch): SVM_NPF_*. NULL: every fault is OTHER. */
	int (*npf_hook)(void *ctx, u64 gpa, bool present, bool fetch);
	void *ctx;
	u64 trace[SVM_VCPU_TRACE];
	/* A Linux partition (docs/linux-partition.md, "At run time"): its
	 * platform state; its exits go to exit_linux.c, it runs with the
	 * host's IF clear (vmrun.S) and owns its core's local APIC. NULL:
	 * a small partition. */
	struct lnx_vm *lnx;
	u32 lnx_vcpu; /* its index among the partition's vCPUs (0: the BSP) */
	bool checked; /* its VMCB passed the VMRUN checks */
	bool stopped;
	bool reset; /* it stopped to be restarted (reset port, triple fault) */
};

/* Post requests to v (any CPU); the caller then kicks v's CPU. */
static inline void svm_vcpu_request(struct svm_vcpu *v, u32 req)
{
	__atomic_fetch_or(&v->req, req, __ATOMIC_SEQ_CST);
}

/* Post virtual vector `vector` (0x20..0xff) to v (any CPU): delivered
 * before one of its next entries; the caller kicks v's CPU if it is
 * another. */
static inline void svm_vcpu_post(struct svm_vcpu *v, u8 vector)
{
	__atomic_fetch_or(&v->virq[vector / 64], 1ull << (vector % 64), __ATOMIC_SEQ_CST);
}

/* Check the VMCB (check.h), then run until the guest stops (printing why);
 * a refused or misbehaving guest stops itself, never the host. A guest HLT
 * with RFLAGS.IF set waits on this CPU for the next interrupt (host tick,
 * kick); with IF clear nothing could wake it, so it stops. Needs the
 * host's interrupts (irq.h): called with IF clear. With a deadline set,
 * it also returns at the first exit past it (a time slice: the host tick
 * makes one at least every tick). Returns true once the guest stopped,
 * false when only its slice ended (call it again to continue). */
bool svm_vcpu_run(struct svm_vcpu *v);

#endif
