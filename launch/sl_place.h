/* SPDX-License-Identifier: GPL-2.0-only */
/* Secure-loader placement and the DRTM step of launch (docs/launch.md, "Secure loader"). */
#ifndef PARAPET_LAUNCH_SL_PLACE_H
#define PARAPET_LAUNCH_SL_PLACE_H

#include <parapet/types.h>
#include "launch/drtm/launch_policy.h"

/* Copy sl.bin into the SLB, zero the rest; returns the measured length. */
u32 sl_place_slb(void);
/*
 * Copy mle.bin to SL_MLE_BASE, zero the rest of the SL region above it (its
 * stack), check its MLE header (mle_header_parse) and build the MLE page
 * table at SL_MLE_PT_BASE (mle_pt_build). Fills *entry (the physical entry
 * address, EBX after SENTER) and *size (MleEnd); fatal on any error.
 */
void sl_place_mle(u32 *entry, u32 *size);
/* Write the parameter block at SL_PARAMS_BASE. */
void sl_place_params(u64 handoff_pa, u32 handoff_len, u32 attempted, u32 flags);

/*
 * drtm_run.c: the parameter block (for handoff_pa/len), the pre-DRTM steps
 * and the DRTM for the SLB at SL_SLB_BASE, then the SL: never returns
 * (the launch policy halts when no DRTM is acceptable).
 */
PP_NORETURN void launch_drtm_run(const struct launch_config *opts, u64 handoff_pa, u32 handoff_len);

/* sl_enter.S: SKINIT's entry state (GIF cleared when clear_gif), then the SL. */
PP_NORETURN void launch_enter_sl(u32 slb_base, u32 clear_gif);
/* sl_enter.S: the MLE's entry state after SENTER (test=txt-entry only). */
PP_NORETURN void launch_enter_mle(u32 entry, u32 pt);

#endif
