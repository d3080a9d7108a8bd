/* SPDX-License-Identifier: GPL-2.0-only */
/* launch's Intel TXT sequence up to GETSEC[SENTER] (txt_launch.c; HARDWARE-ONLY). */
#ifndef PARAPET_LAUNCH_DRTM_TXT_LAUNCH_H
#define PARAPET_LAUNCH_DRTM_TXT_LAUNCH_H

#include <parapet/err.h>
#include <parapet/types.h>

/*
 * Check the platform, place the MLE, write the heap, program the MTRRs and
 * execute GETSEC[SENTER], which does not return. Returns only a refusal
 * (before SENTER), with its reason in *err; flags: SL_PF_* for the MLE's
 * parameter block.
 */
int txt_launch(u64 handoff_pa, u32 handoff_len, u32 flags, struct pp_err *err);

#endif
