/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * MTRR settings around GETSEC[SENTER], as pure data (HARDWARE-ONLY use).
 *
 * Intel SDM vol. 2 GETSEC[ENTERACCS]/[SENTER] and the MLE Developer's
 * Guide ("MTRR setup prior to GETSEC[SENTER]", "restoring MTRRs"): before
 * SENTER the MTRRs must be enabled with the default type UC and the fixed
 * MTRRs disabled, and the SINIT ACM region must be WB through variable
 * MTRRs (everything else UC). The pre-launch code saves the original
 * IA32_MTRR_DEF_TYPE and variable pairs in OsMleData; the MLE validates
 * them (mtrr_check_saved) and restores them after launch. Fixed-range
 * MTRRs are not touched (only disabled through DEF_TYPE.FE), so restoring
 * DEF_TYPE re-enables them unchanged.
 *
 * Intel SDM vol. 3A, 12.11 (MTRRs): IA32_MTRR_DEF_TYPE bits 7:0 type,
 * bit 10 FE, bit 11 E; PHYSBASEn bits 7:0 type, MAXPHYADDR-1:12 base;
 * PHYSMASKn bit 11 valid, MAXPHYADDR-1:12 mask. Types: 0 UC, 1 WC, 4 WT,
 * 5 WP, 6 WB.
 */
#ifndef PARAPET_LAUNCH_DRTM_TXT_MTRR_H
#define PARAPET_LAUNCH_DRTM_TXT_MTRR_H

#include <parapet/err.h>
#include <parapet/types.h>

#define MTRR_MAX_VAR 32u
#define MTRR_TYPE_UC 0u
#define MTRR_TYPE_WC 1u
#define MTRR_TYPE_WT 4u
#define MTRR_TYPE_WP 5u
#define MTRR_TYPE_WB 6u
#define MTRR_DEF_TYPE_MASK 0xffull
#define MTRR_DEF_FE (1ull << 10)
#define MTRR_DEF_E (1ull << 11)
#define MTRR_DEF_RESERVED (~(MTRR_DEF_TYPE_MASK | MTRR_DEF_FE | MTRR_DEF_E))
#define MTRR_MASK_VALID (1ull << 11)
#define MTRR_CAP_VCNT_MASK 0xffull /* IA32_MTRRCAP bits 7:0 */

struct mtrr_var {
	u64 base; /* PHYSBASE */
	u64 mask; /* PHYSMASK */
};

struct mtrr_state {
	u64 def_type;
	u32 vcnt; /* variable pairs in use (= MTRRCAP.VCNT) */
	struct mtrr_var var[MTRR_MAX_VAR];
};

struct mtrr_range {
	u64 base, size;
};

/*
 * Compute the MTRR state for SENTER: E = 1, FE = 0, default UC, and the
 * given ranges (the SINIT ACM, optionally the MLE) WB, each 4 KiB-rounded
 * outward and split into naturally aligned power-of-two blocks, one
 * variable MTRR each; unused pairs cleared. Fails when the ranges overlap,
 * wrap, exceed MAXPHYADDR or need more than vcnt variable MTRRs.
 */
int mtrr_plan_senter(const struct mtrr_range *wb, u32 n, u32 vcnt, u32 maxphyaddr,
		     struct mtrr_state *out, struct pp_err *err);

/*
 * Check a saved state before restoring it after launch (it sat in the TXT
 * heap): vcnt within the CPU's, no reserved DEF_TYPE bits, only defined
 * types, valid masks contiguous from bit MAXPHYADDR-1 down, bases aligned
 * to their mask, reserved bits clear.
 */
int mtrr_check_saved(const struct mtrr_state *s, u32 cpu_vcnt, u32 maxphyaddr, struct pp_err *err);

/* Effective MTRR memory type of physical address pa under s (SDM 12.11.4.1
 * precedence: UC wins, WT beats WB, otherwise the single match; no match:
 * the default type; MTRRs disabled: UC). Fixed MTRRs are ignored (FE = 0
 * is what we plan); returns 0xff for an undefined overlap combination. */
u8 mtrr_type_of(const struct mtrr_state *s, u64 pa, u32 maxphyaddr);

#endif
