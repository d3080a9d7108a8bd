/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * After GETSEC[SENTER]: the MTRR state the MLE restores must be safe and
 * must be the one actually in the CPU (HARDWARE-ONLY path; pure decisions
 * over values the caller read, host-tested in tests/unit/test_txt_mtrr.c).
 *
 * SENTER leaves the MTRRs as the pre-launch code programmed them for SINIT
 * (txt_mtrr.h: ACM WB, everything else UC); the MLE restores the state saved
 * in OsMleData, which sat in the TXT heap and came from untrusted code. So
 * the MLE checks, as tboot and Linux Secure Launch do:
 *   1. the saved state is well formed (mtrr_check_saved, txt_mtrr.h);
 *   2. no two variable MTRRs overlap with a combination the SDM leaves
 *      undefined: Intel SDM vol. 3A, 12.11.4.1 "MTRR Precedences": identical
 *      types give that type, UC with anything gives UC, WT with WB gives WT,
 *      every other overlap is undefined -> refused (mtrr_check_overlaps);
 *   3. every MMIO range the launch depends on is UC under that state: TXT
 *      private and public configuration space, the TPM localities, the local
 *      APIC, each IOAPIC, each PCIe ECAM (MCFG) window (txt_mmio_ranges,
 *      mtrr_check_mmio_uc): cached MMIO would let reads return stale data;
 *   4. after the restore, the live MSRs read back equal the saved ones, and
 *      IA32_MISC_ENABLE equals the value saved before SENTER (SENTER changes
 *      it) (mtrr_check_live): the restore used the heap before it was checked,
 *      so the values are compared again once they are trusted.
 * Fixed-range MTRRs are never touched (only disabled through DEF_TYPE.FE
 * before SENTER); they govern memory below 1 MiB, so the MMIO ranges
 * checked here must lie at or above 1 MiB.
 */
#ifndef PARAPET_LAUNCH_DRTM_TXT_MTRR_CHECK_H
#define PARAPET_LAUNCH_DRTM_TXT_MTRR_CHECK_H

#include <parapet/err.h>
#include <parapet/types.h>
#include "launch/drtm/txt_heap.h"
#include "launch/drtm/txt_mtrr.h"

/* MMIO the launch depends on (fixed addresses: MLE guide appendix B for
 * TXT, TCG PC Client PTP for the TPM localities 0..4). */
#define TXT_MMIO_TXT_BASE 0xFED20000ull /* private space, then public space */
#define TXT_MMIO_TXT_SIZE 0x20000ull
#define TXT_MMIO_TPM_BASE 0xFED40000ull
#define TXT_MMIO_TPM_SIZE 0x5000ull /* localities 0..4, 4 KiB each */
#define TXT_MMIO_APIC_SIZE 0x1000ull
#define TXT_MMIO_MAX 64u
#define MTRR_FIXED_LIMIT 0x100000ull /* fixed-range MTRRs govern [0, 1 MiB) */

/* Where the platform's other MMIO lies (from the MSR and the ACPI copies). */
struct txt_mmio_in {
	u64 lapic_base;		/* IA32_APIC_BASE[MAXPHYADDR-1:12]; 0 in x2APIC mode (no MMIO) */
	const u64 *ioapic_base; /* MADT IOAPIC addresses, n_ioapic of them */
	u32 n_ioapic;
	const struct mtrr_range *mcfg; /* ECAM windows: base + (bus_end - bus_start + 1) MiB */
	u32 n_mcfg;
};

/* List the MMIO ranges to check into out[cap] (TXT, TPM, LAPIC, IOAPICs,
 * MCFG): returns the count (> 0), or PP_ENOMEM / PP_EINVAL (an empty or
 * wrapping MCFG window, too many ranges). */
int txt_mmio_ranges(const struct txt_mmio_in *in, struct mtrr_range *out, u32 cap,
		    struct pp_err *err);

/* Rule 2 above over the valid variable MTRRs of s (any masks). */
int mtrr_check_overlaps(const struct mtrr_state *s, u32 maxphyaddr, struct pp_err *err);

/* Rule 3: every byte of each range has effective type UC under s.
 * Refuses ranges below 1 MiB or beyond 2^MAXPHYADDR, and valid masks that
 * are not contiguous (mtrr_check_saved refuses those first). */
int mtrr_check_mmio_uc(const struct mtrr_state *s, u32 maxphyaddr, const struct mtrr_range *r,
		       u32 n, struct pp_err *err);

/* Rules 1-3 in order: the state the MLE may restore. */
int mtrr_check_restore(const struct mtrr_state *s, u32 cpu_vcnt, u32 maxphyaddr,
		       const struct mtrr_range *mmio, u32 n_mmio, struct pp_err *err);

/* Rule 4: the live IA32_MTRR_DEF_TYPE, variable pairs (live->vcnt =
 * MTRRCAP.VCNT) and IA32_MISC_ENABLE equal the saved ones. */
int mtrr_check_live(const struct mtrr_state *saved, u64 saved_misc_enable,
		    const struct mtrr_state *live, u64 live_misc_enable, struct pp_err *err);

/* The saved state as OsMleData carries it (vcnt already checked <= 32 by
 * txt_os_mle_parse). */
void mtrr_state_from_os_mle(const struct pp_os_mle_data *m, struct mtrr_state *out);

#endif
