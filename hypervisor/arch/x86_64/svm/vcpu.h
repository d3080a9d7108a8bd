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

struct svm_vcpu {
	const char *name;
	struct svm_vmcb *vmcb; /* identity-mapped: pointer == host-physical address */
	struct svm_gprs gprs;
	struct hv_hc_env *hc; /* VMMCALL: the hypercall dispatch with the caller's table */
	u64 max_exits;	      /* stop after this many exits; 0: no limit */
	u64 refused_io;	      /* port accesses refused (refuse.h) */
	u64 refused_msr;      /* MSR accesses refused with #GP */
	u64 exits;
	u64 trace[SVM_VCPU_TRACE];
	bool stopped;
};

/* Check the VMCB (check.h), then run until the guest stops (printing why);
 * a refused or misbehaving guest stops itself, never the host. */
void svm_vcpu_run(struct svm_vcpu *v);

#endif
