/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's TPM session: the probed interface (platform.tpm) opened
 * through the TIS or CRB transport at locality 0, for reading PCRs and
 * reporting what was measured. Measuring itself happens in the secure
 * loader at locality 2, never here.
 */
#ifndef PARAPET_HV_TPM_DEV_H
#define PARAPET_HV_TPM_DEV_H

#include <parapet/err.h>
#include <parapet/types.h>
#include "hypervisor/drivers/tpm/tpm_probe.h"

/* Open the TPM found by tpm_probe (kind NONE: returns PP_ENOENT). */
int hv_tpm_init(const struct tpm_iface *iface, struct pp_err *err);
bool hv_tpm_ready(void);
/* Active PCR banks (TPM_ALG_IDs), at most max; returns the count. */
u32 hv_tpm_banks(u16 *algs, u32 max);
/* Read one PCR in one bank; *size receives the digest size. out must hold
 * PP_HASH_MAX_DIGEST bytes. */
int hv_tpm_pcr_read(u32 pcr, u16 alg, u8 *out, u32 *size, struct pp_err *err);

#endif
