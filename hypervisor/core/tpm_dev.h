/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's TPM session: the probed interface (platform.tpm) opened
 * through the TIS or CRB transport at locality 0, for reading PCRs and
 * reporting what was measured. Measuring happens in the secure loader at
 * locality 2; the hypervisor's only extend is its policy verdict (PCR 18,
 * locality 2, policy_verdict.c), besides the NV floor and slot record.
 *
 * State: absent (no TPM2 table), working (a command succeeded and none has
 * failed fatally since), or failed (the probe refused the TPM, opening it
 * failed, or a command hit a transport failure, a malformed response or a
 * fatal code: the command layer then never sends to it again, tpm2.h).
 * "working" is only ever reported after a command succeeded.
 */
#ifndef PARAPET_HV_TPM_DEV_H
#define PARAPET_HV_TPM_DEV_H

#include <parapet/err.h>
#include <parapet/tpm2.h>
#include <parapet/types.h>
#include "hypervisor/drivers/tpm/tpm_probe.h"

/*
 * Open the TPM found by tpm_probe: locality 0, Startup, the banks. probe_err
 * is the probe's error (code 0 when it succeeded): a TPM the probe refused
 * is failed, not absent. Kind NONE without a probe error: returns PP_ENOENT
 * (absent).
 */
int hv_tpm_init(const struct tpm_iface *iface, const struct pp_err *probe_err, struct pp_err *err);
bool hv_tpm_ready(void);
/* Why the TPM is failed, or NULL when it is absent or working. */
const char *hv_tpm_failure(void);
/* Active PCR banks (TPM_ALG_IDs), at most max; returns the count. */
u32 hv_tpm_banks(u16 *algs, u32 max);
/* Fill set->nbanks/alg[] with the active banks whose digest size we know,
 * in the TPM's order (at most TPM2_MAX_BANKS); returns their count. */
u32 hv_tpm_nameable_banks(struct tpm2_pcr_set *set);
/* Read set->mask in every bank of set->alg[] in as few TPM2_PCR_Read
 * commands as the TPM allows (tpm2_pcr_read_set): a PCR read costs a TPM
 * round trip, several milliseconds under QEMU on a busy host. A fatal
 * failure marks the TPM failed. */
int hv_tpm_pcr_read_set(struct tpm2_pcr_set *set, struct pp_err *err);

/* The open TPM at `locality` (switching if another is held), or NULL with
 * err set (no TPM, failed, or the locality not granted: then the previous
 * one is requested back). */
struct tpm2_dev *hv_tpm_at(u8 locality, struct pp_err *err);

/*
 * At ready (main.c's at_ready, after the policy is confirmed): the
 * hypervisor's last TPM command is done. It releases its locality and never
 * sends again (hv_tpm_at and the PCR reads refuse: "handed over"), so the
 * partition with locality 0 passed through (`capability tpm`, the service
 * partition's attestation agent) has the TPM to itself and never meets a
 * command of ours half-way through the FIFO. `holder` names that partition
 * for the console line (NULL: none has it). Reported by hv_tpm_handed().
 */
void hv_tpm_handover(const char *holder);
bool hv_tpm_handed(void);

#endif
