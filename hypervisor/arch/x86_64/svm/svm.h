/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * AMD-V (SVM): detection and per-CPU enabling (docs/svm.md).
 *
 * Detection, AMD APM vol. 2 §15.4 "Enabling SVM" and vol. 3 Appendix E:
 * CPUID Fn8000_0001 ECX[2] (SVM), Fn8000_000A (EAX[7:0] SVM revision, EBX
 * number of ASIDs, EDX[0] NP, EDX[3] NRIPS, EDX[5] VMCB clean bits, EDX[6]
 * flush by ASID, EDX[7] decode assists), VM_CR.SVMDIS (MSR C001_0114h bit 4:
 * SVM disabled by firmware; with VM_CR.LOCK it cannot be enabled), and
 * Fn8000_0008 EAX[7:0] (physical address width, for the consistency checks).
 * svm_caps_decide() is pure (host-tested); svm_detect() reads the CPU.
 */
#ifndef PARAPET_HV_SVM_H
#define PARAPET_HV_SVM_H

#include <parapet/err.h>
#include <parapet/types.h>

/* MSRs (APM vol. 2 §15.30 "SVM-Related MSRs") */
#define SVM_MSR_VM_CR 0xc0010114u
#define SVM_MSR_VM_HSAVE_PA 0xc0010117u
#define SVM_VM_CR_LOCK (1u << 3)
#define SVM_VM_CR_SVMDIS (1u << 4)

/* CPUID Fn8000_000A EDX */
#define SVM_CPUID_NP (1u << 0)
#define SVM_CPUID_NRIPS (1u << 3)
#define SVM_CPUID_VMCB_CLEAN (1u << 5)
#define SVM_CPUID_FLUSH_BY_ASID (1u << 6)
#define SVM_CPUID_DECODE_ASSISTS (1u << 7)
#define SVM_CPUID_80000001_ECX_SVM (1u << 2)
#define SVM_CPUID_80000001_EDX_LM (1u << 29)

/* The raw inputs of the decision. */
struct svm_cpuid {
	u32 max_ext_leaf; /* Fn8000_0000 EAX */
	u32 ext1_ecx;	  /* Fn8000_0001 ECX */
	u32 ext1_edx;	  /* Fn8000_0001 EDX */
	u32 svm_eax;	  /* Fn8000_000A EAX (if max_ext_leaf >= 0x8000000A) */
	u32 svm_ebx;	  /* Fn8000_000A EBX */
	u32 svm_edx;	  /* Fn8000_000A EDX */
	u32 addr_eax;	  /* Fn8000_0008 EAX (if max_ext_leaf >= 0x80000008) */
	u64 vm_cr;	  /* VM_CR (read only when SVM is reported) */
};

struct svm_caps {
	bool usable;	    /* SVM present and not disabled: VMRUN may be used */
	bool np;	    /* nested paging */
	bool nrips;	    /* next-RIP save */
	bool clean_bits;    /* VMCB clean bits */
	bool flush_by_asid; /* TLB_CONTROL 3/7 */
	bool decode_assists;
	bool long_mode;	 /* CPUID Fn8000_0001 EDX[29] */
	u32 revision;	 /* Fn8000_000A EAX[7:0] */
	u32 nasid;	 /* number of ASIDs (ASID 0 is the host's) */
	u32 phys_bits;	 /* physical address width (36 if not reported) */
	const char *why; /* when !usable: the reason, for the console */
};

/* Pure: what the CPUID/VM_CR values allow (why set when unusable). */
void svm_caps_decide(const struct svm_cpuid *in, struct svm_caps *out);

#ifdef PP_FREESTANDING
#include "hypervisor/core/palloc.h"
extern struct svm_caps svm_caps;
/* Read CPUID/VM_CR on this CPU (the BSP) into svm_caps; true when usable. */
bool svm_detect(void);
/* On the boot CPU, for the online CPU with this APIC ID: its host save
 * and VMSAVE pages, so that CPU's svm_enable_cpu(NULL, ...) allocates
 * nothing (the page allocator is the boot CPU's alone). */
int svm_prepare_cpu(u32 apic_id, struct palloc *pa, struct pp_err *err);
/* Enable SVM on the running CPU: its host save area (from pa unless
 * svm_prepare_cpu made it; pa NULL: it must have) goes to VM_HSAVE_PA,
 * then EFER.SVME. Idempotent. */
int svm_enable_cpu(struct palloc *pa, struct pp_err *err);
#endif

#endif
