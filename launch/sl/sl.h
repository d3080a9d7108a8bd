/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The secure loader (SL): internal interfaces. docs/launch.md ("Secure
 * loader") and docs/measurements.md describe what it does and in which
 * order; everything the SL links is inside its measured part
 * (build/launch/sl.bin), everything it writes is in its scratch area.
 */
#ifndef PARAPET_LAUNCH_SL_SL_H
#define PARAPET_LAUNCH_SL_SL_H

#include <parapet/err.h>
#include <parapet/eventlog.h>
#include <parapet/handoff.h>
#include <parapet/types.h>
#include "launch/drtm/launch_policy.h"

/* Linker symbols (launch/sl/sl.ld): the measured part [__sl_start, __sl_end). */
extern const u8 __sl_start[], __sl_end[];
extern u64 sl_pml4[];

/* The measured length: sl.bin's size (SLB word 1). */
static inline u32 sl_measured_len(void)
{
	return (u32)((uintptr_t)__sl_end - (uintptr_t)__sl_start);
}

PP_NORETURN void sl_main(void);
/* entry.S: CR3 = cr3, the SL's GDT, jump to entry with RDI = handoff. */
PP_NORETURN void sl_enter_hv(u64 entry, u64 handoff, u64 cr3);

/* console.c: "sl: " lines on COM1. */
void sl_console_init(void);
void sl_printf(const char *fmt, ...) PP_PRINTF(1, 2);

/*
 * console.c: THE failure path of the SL. Builds a struct launch_failure
 * (kind, the current stage, the launch type being attempted, the cause),
 * asks launch_policy_decide with the configuration from the parameter
 * block, prints the policy's line, and returns the action only when it
 * lets the SL go on (FALLBACK_STATIC, CONTINUE_WARN); HALT and RESET (and
 * any other action) never return.
 */
enum launch_action sl_fail(enum launch_failure_kind kind, const struct pp_err *cause);
PP_NORETURN void sl_fatal(enum launch_failure_kind kind, const struct pp_err *cause);
PP_NORETURN void sl_fatalf(enum launch_failure_kind kind, int code, const char *fmt, ...)
    PP_PRINTF(3, 4);
/* What sl_fail reports: set as the SL learns it. */
extern enum launch_stage sl_stage;
extern u32 sl_launch_type;
extern struct launch_config sl_config;

/* tpm.c */
#define SL_TPM_LOCALITY 2u
/* Open the TIS TPM at its fixed base at locality 2; false: no TIS TPM there. */
bool sl_tpm_present(void);
void sl_tpm_open(void);
/* Release locality 2 (the hypervisor opens locality 0 next). */
void sl_tpm_close(void);
/* Active banks (TPM_ALG_IDs) in the TPM's order; returns the count. */
u32 sl_tpm_banks(u16 *algs, u32 max);
/* PCR17 check (docs/measurements.md): returns PP_LAUNCH_EMULATED/SKINIT
 * when PCR17 = H(0^n || H(SLB)) in every bank, PP_LAUNCH_STATIC when it is
 * all 0xFF in every bank; anything else is fatal. */
u32 sl_tpm_check_pcr17(const u8 *slb, u32 len);
void sl_tpm_extend(u32 pcr, const struct pp_evlog_digests *d);

/* measure.c: the DRTM event log and the measurements, in plan order. */
void sl_measure_all(const struct pp_handoff *h, u32 hv_index);
const struct pp_evlog *sl_evlog(void);

#endif
