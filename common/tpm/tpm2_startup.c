// SPDX-License-Identifier: GPL-2.0-only
/* TPM2_Startup(TPM_SU_CLEAR) (TPM 2.0 Part 3, 9.3). */
#include <parapet/tpm2.h>
#include "common/tpm/marshal.h"

int tpm2_startup(struct tpm2_dev *dev, bool *already, struct pp_err *err)
{
	static const char what[] = "TPM2_Startup";
	struct tpm2_wr w;
	struct tpm2_rd params;
	size_t len;
	int rc;

	if (already)
		*already = false;
	tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_NO_SESSIONS, TPM2_CC_STARTUP);
	tpm2_wr_u16(&w, TPM2_SU_CLEAR);
	rc = tpm2_wr_finish(&w, &len, what, err);
	if (rc)
		return rc;
	rc = tpm2_exchange(dev, dev->cmd, len, what, err);
	if (rc == PP_EDEVICE && dev->last_rc == TPM2_RC_INITIALIZE) {
		/* Firmware (or an earlier stage) already started the TPM. */
		if (already)
			*already = true;
		return 0;
	}
	if (rc)
		return rc;
	rc = tpm2_rsp_params(dev->rsp, dev->rsp_len, 0, &params, what, err);
	if (rc)
		return rc;
	if (tpm2_rd_left(&params))
		return pp_fail(err, PP_EINVAL, "%s: %zu unexpected bytes in the response", what,
			       tpm2_rd_left(&params));
	return 0;
}
