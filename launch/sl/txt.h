/* SPDX-License-Identifier: GPL-2.0-only */
/* The MLE's launch decision (txt.c; Intel TXT, HARDWARE-ONLY). */
#ifndef PARAPET_LAUNCH_SL_TXT_H
#define PARAPET_LAUNCH_SL_TXT_H

#include <parapet/handoff.h>
#include <parapet/types.h>

/*
 * After the TPM is open: PP_LAUNCH_STATIC when no SENTER ran and the launch
 * policy allows a static launch; every other outcome stops through sl_fail
 * (today also a verified TXT launch: see txt.c). h is the SL's copy of the
 * handoff, handoff_pa launch's original (a buffer the PMRs must cover).
 */
u32 sl_txt_decide(const struct pp_handoff *h, u64 handoff_pa);

#endif
