/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's TPM session: the probed interface (platform.tpm) opened
 * through the TIS or CRB transport at locality 0, for reading PCRs and
 * reporting what was measured. Measuring itself happens in the secure
 * loader at locality 2, never here.
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
/* Read one PCR in one bank; *size receives the digest size. out must hold
 * PP_HASH_MAX_DIGEST bytes. A fatal failure marks the TPM failed. */
int hv_tpm_pcr_read(u32 pcr, u16 alg, u8 *out, u32 *size, struct pp_err *err);

#endif
