/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by common/tpm/nv_*.c only: send a marshaled command whose response
 * has no parameters (tpm2_parse_no_params checks it). Not a public API.
 */
#ifndef PARAPET_COMMON_TPM_NV_RUN_H
#define PARAPET_COMMON_TPM_NV_RUN_H

#include <parapet/tpm2_nv.h>
#include "common/tpm/marshal.h"

int tpm2_run_no_params(struct tpm2_dev *dev, struct tpm2_wr *w, u32 sessions, const char *what,
		       struct pp_err *err);

#endif
