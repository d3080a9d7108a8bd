// SPDX-License-Identifier: GPL-2.0-only
/*
 * The agent's first TPM step (attest/agent/agent.h): flush every transient
 * object the TPM holds. Transient objects outlive the program that loaded
 * them until TPM2_FlushContext or a TPM reset, so an agent restarted
 * (PP_HC_PART_RESTART of the service partition, a new agent-host on the
 * same swtpm) would otherwise find its previous EK and AKs still loaded and
 * the TPM's object slots full (TPM_RC_OBJECT_MEMORY). The service partition
 * owns the TPM once the hypervisor handed it over (docs/attest-agent.md):
 * nothing else has objects to lose.
 *
 * TPM2_GetCapability(TPM_CAP_HANDLES, TRANSIENT_FIRST) (Part 3, 30.2;
 * TPML_HANDLE, Part 2, 10.9.2), then TPM2_FlushContext of each. Trust: the
 * response is untrusted: read with the bounds-checked reader, the count
 * bounded, every handle checked to be transient before it is flushed.
 */
#include <parapet/tpm2_attest.h>
#include <parapet/tpm2_types.h>
#include "attest/agent/agent.h"
#include "common/tpm/marshal.h"

#define CAP_HANDLES 0x00000001u	    /* TPM_CAP_HANDLES */
#define TRANSIENT_FIRST 0x80000000u /* TPM_HT_TRANSIENT << 24 */
#define HANDLES_PER_ASK 16u
#define MAX_ASKS 4u

static const char what[] = "TPM2_GetCapability(TPM_CAP_HANDLES)";

/* The transient handles of one response into h[]; *more: moreData. */
static int parse_handles(struct tpm2_dev *dev, u32 *h, u32 *n, bool *more, struct pp_err *err)
{
	struct tpm2_rd r;
	u8 more_data;
	u32 cap, count;
	int rc = tpm2_rsp_params(dev->rsp, dev->rsp_len, 0, &r, what, err);
	if (rc)
		return rc;
	if (!tpm2_rd_u8(&r, &more_data) || !tpm2_rd_u32(&r, &cap) || !tpm2_rd_u32(&r, &count))
		return pp_fail(err, PP_ETRUNC, "%s: response truncated", what);
	if (cap != CAP_HANDLES)
		return pp_fail(err, PP_EINVAL, "%s: capability 0x%x in the response", what, cap);
	if (count > HANDLES_PER_ASK)
		return pp_fail(err, PP_ERANGE, "%s: %u handles, asked for at most %u", what, count,
			       HANDLES_PER_ASK);
	for (u32 i = 0; i < count; i++) {
		if (!tpm2_rd_u32(&r, &h[i]))
			return pp_fail(err, PP_ETRUNC, "%s: handle %u of %u truncated", what, i,
				       count);
		if ((h[i] >> 24) != (TRANSIENT_FIRST >> 24))
			return pp_fail(err, PP_EINVAL, "%s: handle 0x%08x is not transient", what,
				       h[i]);
	}
	if (tpm2_rd_left(&r))
		return pp_fail(err, PP_EINVAL, "%s: %zu bytes after the handles", what,
			       tpm2_rd_left(&r));
	*n = count;
	*more = more_data != 0;
	return PP_OK;
}

int pp_agent_flush_transient(struct tpm2_dev *dev, u32 *flushed, struct pp_err *err)
{
	static struct tpm2_key key; /* its public area is large: not on the stack */
	u32 h[HANDLES_PER_ASK], n = 0;
	bool more = true;
	*flushed = 0;
	for (u32 ask = 0; ask < MAX_ASKS && more; ask++) {
		struct tpm2_wr w;
		size_t len;
		int rc;
		tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_NO_SESSIONS,
			      TPM2_CC_GET_CAPABILITY);
		tpm2_wr_u32(&w, CAP_HANDLES);
		tpm2_wr_u32(&w, TRANSIENT_FIRST);
		tpm2_wr_u32(&w, HANDLES_PER_ASK);
		rc = tpm2_wr_finish(&w, &len, what, err);
		if (!rc)
			rc = tpm2_exchange(dev, dev->cmd, len, what, err);
		if (!rc)
			rc = parse_handles(dev, h, &n, &more, err);
		if (rc)
			return rc;
		if (!n)
			break;
		for (u32 i = 0; i < n; i++) {
			key.handle = h[i];
			rc = tpm2_key_flush(dev, &key, err);
			if (rc)
				return rc;
			(*flushed)++;
		}
	}
	return PP_OK;
}
