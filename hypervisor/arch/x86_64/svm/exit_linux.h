/* SPDX-License-Identifier: GPL-2.0-only */
/* The exits of a Linux partition's vCPU (exit_linux.c). */
#ifndef PARAPET_HV_SVM_EXIT_LINUX_H
#define PARAPET_HV_SVM_EXIT_LINUX_H

#include "vcpu.h"

/* Handle v's exit (v->lnx set): 0 resume, 1 stopped (v->stopped set, the
 * reason printed; v->reset when it restarts), -1 not a Linux exit (the
 * caller stops it with the exit printed). */
int svm_linux_dispatch(struct svm_vcpu *v);

/*
 * A nested page fault, before its handler decides it (exit.c): the vCPU's
 * npf_hook (vcpu.h). HOLD: the vCPU waits a bounded while on this CPU and
 * resumes with RIP unchanged, so the instruction runs again (and faults
 * again while the page is still held); RETRY: the same after a TLB flush,
 * at once. Returns true for both (resume), false when the fault is not the
 * hook's (the caller stops the guest as before).
 */
bool svm_npf_hold(struct svm_vcpu *v);

#endif
