/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading and writing the MTRRs and the MSRs around SENTER (HARDWARE-ONLY;
 * linked into launch and into the MLE). The decisions are txt_mtrr.c's and
 * txt_mtrr_check.c's (host-tested); this only moves values in and out.
 */
#ifndef PARAPET_LAUNCH_DRTM_TXT_MTRR_HW_H
#define PARAPET_LAUNCH_DRTM_TXT_MTRR_HW_H

#include "launch/drtm/txt_mtrr.h"

#define MSR_MTRRCAP 0xfeu
#define MSR_MISC_ENABLE 0x1a0u
#define MSR_MTRR_PHYSBASE0 0x200u /* PHYSBASEn = 0x200 + 2n, PHYSMASKn = 0x201 + 2n */
#define MSR_MTRR_DEF_TYPE 0x2ffu

/* IA32_MTRRCAP.VCNT, at most MTRR_MAX_VAR. */
u32 mtrr_hw_vcnt(void);
/* CPUID 0x80000008 EAX[7:0] (36 when the leaf is absent: SDM vol. 3A 4.1.4). */
u32 mtrr_hw_maxphyaddr(void);
/* IA32_MTRR_DEF_TYPE and the first vcnt variable pairs. */
void mtrr_hw_read(struct mtrr_state *s, u32 vcnt);
/*
 * Write s (already checked) with the SDM's sequence (vol. 3A 12.11.7.2
 * "MemTypeSet Function"): caches off (CR0.CD, not NW), WBINVD, TLB flush,
 * MTRRs off, the pairs, IA32_MTRR_DEF_TYPE last, WBINVD, TLB flush, CR0 back.
 */
void mtrr_hw_write(const struct mtrr_state *s);

#endif
