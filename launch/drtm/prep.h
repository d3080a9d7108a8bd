/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The steps before a DRTM instruction, one code path for SKINIT and for
 * its emulation (docs/drtm.md, "Before SKINIT"); the last step, SKINIT
 * itself or the emulated entry, is the only difference. The decisions are
 * pure (host-tested: tests/unit/test_drtm_prep.c); drtm_prepare applies
 * them to the hardware.
 */
#ifndef PARAPET_LAUNCH_DRTM_PREP_H
#define PARAPET_LAUNCH_DRTM_PREP_H

#include <parapet/types.h>

/* AMD APM vol. 3, CPUID Fn8000_0001 ECX; vol. 2, 15.30.1 VM_CR (C001_0114h) */
#define DRTM_CPUID_ECX_SVM (1u << 2)
#define DRTM_CPUID_ECX_SKINIT (1u << 12)
#define DRTM_CPUID1_ECX_HYPERVISOR (1u << 31)
#define DRTM_CPUID1_ECX_SMX (1u << 6) /* Intel SDM vol. 2D 6.2.1: GETSEC exists */
#define DRTM_MSR_VM_CR 0xc0010114u
#define DRTM_VM_CR_R_INIT (1ull << 1)
#define DRTM_VM_CR_DIS_A20M (1ull << 2)
#define DRTM_VM_CR_LOCK (1ull << 3)
#define DRTM_VM_CR_SVMDIS (1ull << 4)
#define DRTM_EFER_SVME (1ull << 12)

/* What the CPU offers. */
struct drtm_cpu {
	bool svm;	 /* CPUID SVM */
	bool skinit;	 /* CPUID SKINIT: SKINIT, STGI and CLGI exist (APM vol. 3) */
	bool svm_usable; /* SVM and VM_CR.SVMDIS clear: EFER.SVME can be set */
	bool hypervisor; /* CPUID.1:ECX bit 31: under QEMU, the emulated DRTM */
	bool smx;	 /* CPUID.1:ECX bit 6: Intel SMX (GETSEC), a TXT launch to try */
};

/* Decode CPUID.1 ECX, CPUID Fn8000_0001 ECX and VM_CR (0 without SVM). */
void drtm_cpu_decode(u32 cpuid1_ecx, u32 ext_ecx, u64 vm_cr, struct drtm_cpu *c);
/*
 * The launch to attempt: PP_LAUNCH_EMULATED under a hypervisor,
 * PP_LAUNCH_SKINIT when CPUID reports SKINIT (whatever VM_CR.SVMDIS says:
 * SKINIT needs EFER.SVME *or* the CPUID SKINIT bit, APM vol. 3 SKINIT),
 * PP_LAUNCH_TXT when CPUID reports SMX, otherwise PP_LAUNCH_STATIC (the
 * launch policy decides).
 */
u32 drtm_choose(const struct drtm_cpu *c);
/* CLGI/STGI exist: EFER.SVME can be set or CPUID reports SKINIT. */
bool drtm_gif_available(const struct drtm_cpu *c);
/* EFER with SVME set when SVM is usable, unchanged otherwise. */
u64 drtm_efer(const struct drtm_cpu *c, u64 efer);
/* VM_CR with DIS_A20M clear (A20 masking not disabled), nothing else changed. */
u64 drtm_vm_cr(u64 vm_cr);

/* CPUID and VM_CR of this CPU. */
void drtm_cpu_probe(struct drtm_cpu *c);
/*
 * Before SKINIT (and before its emulation, identically):
 *  - every other CPU into INIT (broadcast INIT IPI, all excluding self,
 *    then a ~10 ms wait), so nothing but the SL runs after the DRTM;
 *  - every TPM locality released (locality 0 from firmware and boot
 *    loader), so that the CPU's locality 4 sequence and the SL's request
 *    for locality 2 are granted;
 *  - EFER.SVME set when SVM is usable; VM_CR.DIS_A20M cleared on CPUs with
 *    SVM or SKINIT.
 * Prints one `launch: drtm: ...` line per step.
 */
void drtm_prepare(const struct drtm_cpu *c);

#endif
