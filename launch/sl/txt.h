/* SPDX-License-Identifier: GPL-2.0-only */
/* The MLE's launch decision (txt.c; Intel TXT, HARDWARE-ONLY). */
#ifndef PARAPET_LAUNCH_SL_TXT_H
#define PARAPET_LAUNCH_SL_TXT_H

#include <parapet/handoff.h>
#include <parapet/types.h>

/*
 * After the TPM is open (txt.c steps 1-5): PP_LAUNCH_TXT when SENTER ran and
 * the heap, entry registers and page table check out; PP_LAUNCH_STATIC when
 * no SENTER ran and the launch policy allows a static launch; every other
 * outcome stops through sl_fail.
 */
u32 sl_txt_decide(void);
/*
 * After the copies (steps 6-7): MTRRs, PMRs, reserved regions, log, DMAR.
 * h is the SL's copy of the handoff (with the ACPI copy table), handoff_pa
 * launch's original (a buffer the PMRs must cover). Today it then stops:
 * continuing SINIT's event log is planned.
 */
PP_NORETURN void sl_txt_finish(const struct pp_handoff *h, u64 handoff_pa);

#endif
