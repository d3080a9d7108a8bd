/* SPDX-License-Identifier: GPL-2.0-only */
/* Secure-loader placement and the DRTM step of launch (docs/launch.md, "Secure loader"). */
#ifndef PARAPET_LAUNCH_SL_PLACE_H
#define PARAPET_LAUNCH_SL_PLACE_H

#include <parapet/types.h>
#include "launch/drtm/launch_policy.h"

/* Copy sl.bin into the SLB, zero the rest; returns the measured length. */
u32 sl_place_slb(void);
/* Write the parameter block at SL_PARAMS_BASE. */
void sl_place_params(u64 handoff_pa, u32 handoff_len, u32 attempted, u32 flags);

/*
 * drtm_run.c: run the DRTM for the SLB at SL_SLB_BASE. SKINIT (hardware
 * only) never returns. Returns the launch type attempted:
 * PP_LAUNCH_EMULATED when the QEMU harness measured the SLB, or
 * PP_LAUNCH_STATIC when the launch policy chose the static fallback (it
 * halts otherwise). *flags receives the SL_PF_* configuration.
 */
u32 launch_drtm(const struct launch_config *opts, u32 *flags);

/* sl_enter.S: SKINIT's entry state, then jump to the SL. */
PP_NORETURN void launch_enter_sl(u32 slb_base);

#endif
