/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One SVM virtual CPU and its exit dispatch (exit.c, docs/svm.md): a VMCB,
 * the guest GPRs the VMCB does not hold, and the guest's memory (guest-
 * physical [0, mem_pages * 4 KiB) on contiguous host pages at mem, the
 * only memory its nested page table maps).
 */
#ifndef PARAPET_HV_SVM_VCPU_H
#define PARAPET_HV_SVM_VCPU_H

#include <parapet/types.h>
#include "gprs.h"
#include "vmcb.h"

/* Hypercalls (VMMCALL): RAX = call number, result in RAX. */
#define SVM_HC_CONSOLE_WRITE 1 /* RBX = guest-physical address, RCX = length */
#define SVM_HC_OK 0
#define SVM_HC_EINVAL ((u64)-1) /* bad arguments (outside the guest's memory, too long) */
#define SVM_HC_ENOSYS ((u64)-2) /* no such call */
#define SVM_HC_CONSOLE_MAX 128u /* bytes per console write */
#define SVM_VCPU_MAX_EXITS 64u	/* a first guest needs 3; more is a storm: stop it */
#define SVM_VCPU_TRACE 8u	/* exits remembered for the console */

struct svm_vcpu {
	const char *name;
	struct svm_vmcb *vmcb; /* identity-mapped: pointer == host-physical address */
	struct svm_gprs gprs;
	hpa_t mem;
	u64 mem_pages;
	u32 exits;
	u64 trace[SVM_VCPU_TRACE];
	bool stopped;
};

/* Check the VMCB (check.h), then run until the guest stops (printing why);
 * a refused or misbehaving guest stops itself, never the host. */
void svm_vcpu_run(struct svm_vcpu *v);

#endif
