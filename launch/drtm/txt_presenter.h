/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Checks before GETSEC[SENTER], as pure decisions over register values the
 * caller read (HARDWARE-ONLY path; host-tested in
 * tests/unit/test_txt_presenter.c). Each refusal names the rule:
 *
 *   - TXT.ESTS.TXT_RESET.STS (public space 0xFED30000 + 0x8, bit 0; MLE
 *     guide appendix B): set after a TXT reset (a failed launch or a TXT
 *     shutdown); SENTER cannot succeed until the platform is power-cycled,
 *     so launching is refused.
 *   - IA32_FEATURE_CONTROL (MSR 0x3A; Intel SDM vol. 2D 6.2.1 "Detecting and
 *     Enabling SMX", vol. 4 table 2-2): bit 0 lock (GETSEC[SENTER] raises #GP
 *     while it is clear), bit 15 SENTER global enable (required), bit 1
 *     VMX inside SMX operation (VMXON after the launch raises #GP without
 *     it, and the hypervisor runs VMX there). Bits 14:8 enable the SENTER
 *     functions EDX selects; Parapet passes EDX = 0 (full functionality) and
 *     needs none of them.
 *   - Machine-check banks (SDM vol. 2D GETSEC[SENTER]: a machine check in
 *     progress or an uncorrected error in a bank makes SENTER shut the
 *     platform down; SDM vol. 3B 15.3.1.2 IA32_MCG_STATUS, 15.3.2.2
 *     IA32_MCi_STATUS): MCG_STATUS.MCIP set -> refused; a bank with VAL and
 *     UC or PCC -> refused (the platform needs a reset); a bank with only a
 *     corrected error -> cleared (the plan: write 0 to IA32_MCi_STATUS,
 *     MSR 0x401 + 4 i), after which every bank must read back without VAL
 *     (tboot and TrenchBoot's GRUB refuse any valid bank at this point).
 *   - GETSEC[CAPABILITIES] (SDM vol. 2D, GETSEC[CAPABILITIES], EAX = 0,
 *     EBX = 0; CR4.SMXE must be set first): EAX bit 0 chipset present and
 *     bit 4 SENTER available, else there is no TXT launch to attempt.
 *   - TPM locality 0 released (SDM vol. 2D GETSEC[SENTER]: "the launching
 *     software must ensure that the TPM.ACCESS_0.activeLocality bit is
 *     clear"; TCG PC Client PTP, TPM_ACCESS_x): TPM_ACCESS_0 must read with
 *     tpmRegValidSts (bit 7) set and activeLocality (bit 5) clear. Release:
 *     write activeLocality (bit 5) to TPM_ACCESS_0.
 */
#ifndef PARAPET_LAUNCH_DRTM_TXT_PRESENTER_H
#define PARAPET_LAUNCH_DRTM_TXT_PRESENTER_H

#include <parapet/err.h>
#include <parapet/types.h>

/* IA32_FEATURE_CONTROL (MSR 0x3A) */
#define MSR_IA32_FEATURE_CONTROL 0x3Au
#define FEAT_CTL_LOCK (1ull << 0)
#define FEAT_CTL_VMX_IN_SMX (1ull << 1)
#define FEAT_CTL_VMX_OUTSIDE_SMX (1ull << 2)
#define FEAT_CTL_SENTER_LOCAL_MASK (0x7full << 8)
#define FEAT_CTL_SENTER_GLOBAL (1ull << 15)

/* Machine-check architecture (SDM vol. 3B 15.3) */
#define MSR_IA32_MCG_CAP 0x179u
#define MSR_IA32_MCG_STATUS 0x17Au
#define MSR_IA32_MC0_STATUS 0x401u /* bank i: 0x401 + 4 * i */
#define MCG_CAP_COUNT_MASK 0xffull
#define MCG_STATUS_MCIP (1ull << 2)
#define MCI_STATUS_VAL (1ull << 63)
#define MCI_STATUS_UC (1ull << 61)
#define MCI_STATUS_PCC (1ull << 57)
#define TXT_MC_MAX_BANKS 64u

/* What to write before SENTER: bit i set = write 0 to IA32_MCi_STATUS. */
struct txt_mc_plan {
	u32 banks; /* MCG_CAP.Count */
	u64 clear;
};

/* GETSEC[CAPABILITIES] result (EAX): bits used */
#define GETSEC_CAP_CHIPSET (1u << 0)
#define GETSEC_CAP_SENTER (1u << 4)

/* GETSEC[CAPABILITIES]: a TXT chipset and SENTER. */
int txt_check_getsec_caps(u32 eax, struct pp_err *err);

/* TXT.ESTS: refuses TXT_RESET.STS. */
int txt_check_reset_sts(u64 ests, struct pp_err *err);

/* IA32_FEATURE_CONTROL: lock, SENTER global enable, VMX inside SMX. */
int txt_check_feature_control(u64 feature_control, struct pp_err *err);

/* The banks before clearing: st[i] = IA32_MCi_STATUS, n = MCG_CAP.Count
 * (checked). Refuses MCIP and uncorrected errors; *plan lists the banks
 * with a corrected error to clear. */
int txt_mc_plan(u64 mcg_cap, u64 mcg_status, const u64 *st, u32 n, struct txt_mc_plan *plan,
		struct pp_err *err);

/* The banks after clearing: no MCIP, no bank with VAL. */
int txt_mc_check_clear(u64 mcg_cap, u64 mcg_status, const u64 *st, u32 n, struct pp_err *err);

/* TPM_ACCESS_0 (locality 0 at 0xFED40000): valid and not active. */
int txt_check_locality0_released(u8 tpm_access0, struct pp_err *err);

#endif
