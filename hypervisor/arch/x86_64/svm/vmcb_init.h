/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A VMCB for a flat 64-bit guest (docs/svm.md, "The first guest"): long mode,
 * paging on its own tables, CPL 0, nested paging, interrupts off, and the
 * intercept set below. Pure and host-tested: the unit tests break one rule
 * at a time starting from exactly this VMCB.
 */
#ifndef PARAPET_HV_SVM_VMCB_INIT_H
#define PARAPET_HV_SVM_VMCB_INIT_H

#include <parapet/types.h>
#include "vmcb.h"

/* The intercept set of a first-guest VMCB. Everything the guest could use
 * to reach the host's state or hardware exits: CPUID, HLT, VMMCALL and
 * shutdown are handled; I/O and MSR accesses (through all-ones permission
 * maps), INVD, the other SVM instructions, physical INTR/NMI/SMI/INIT stop
 * the guest. VMRUN must be intercepted (APM vol. 2 §15.5.1). */
#define SVM_FIRST_GUEST_INTERCEPT1                                                                 \
	(SVM_INTERCEPT1_INTR | SVM_INTERCEPT1_NMI | SVM_INTERCEPT1_SMI | SVM_INTERCEPT1_INIT |     \
	 SVM_INTERCEPT1_CPUID | SVM_INTERCEPT1_INVD | SVM_INTERCEPT1_HLT |                         \
	 SVM_INTERCEPT1_INVLPGA | SVM_INTERCEPT1_IOIO_PROT | SVM_INTERCEPT1_MSR_PROT |             \
	 SVM_INTERCEPT1_TASK_SWITCH | SVM_INTERCEPT1_SHUTDOWN)
#define SVM_FIRST_GUEST_INTERCEPT2                                                                 \
	(SVM_INTERCEPT2_VMRUN | SVM_INTERCEPT2_VMMCALL | SVM_INTERCEPT2_VMLOAD |                   \
	 SVM_INTERCEPT2_VMSAVE | SVM_INTERCEPT2_STGI | SVM_INTERCEPT2_CLGI |                       \
	 SVM_INTERCEPT2_SKINIT | SVM_INTERCEPT2_WBINVD | SVM_INTERCEPT2_MONITOR |                  \
	 SVM_INTERCEPT2_MWAIT | SVM_INTERCEPT2_MWAIT_COND | SVM_INTERCEPT2_XSETBV)

/* Guest selectors (the guest has no GDT of its own: it never reloads a
 * segment register; the hidden parts come from the VMCB). */
#define SVM_GUEST_SEL_CODE 0x08
#define SVM_GUEST_SEL_DATA 0x10

struct svm_guest_setup {
	u64 rip, rsp;	   /* guest-virtual (identity-mapped by the guest) */
	u64 cr3;	   /* guest-physical address of its PML4 */
	hpa_t n_cr3;	   /* nested page table root */
	hpa_t iopm, msrpm; /* permission maps (3 and 2 pages, all ones) */
	u32 asid;	   /* never 0 */
};

/* Zero v, then fill it: the intercept set above, ASID, TLB_CONTROL = flush
 * all (for the first VMRUN on this ASID), nested paging, the 64-bit state. */
void svm_vmcb_init_flat64(struct svm_vmcb *v, const struct svm_guest_setup *s);

#endif
