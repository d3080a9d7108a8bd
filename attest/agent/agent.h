/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The attestation agent's core (attest/agent/agent.c, docs/attest-agent.md):
 * freestanding, transport-agnostic. The service partition (guest/service.c)
 * feeds it request frames from its serial line and sends back the reply
 * frame; the host tests run the same code against a private swtpm.
 *
 * Trust: a request is untrusted bytes from whoever holds the other end of
 * the line. It is parsed strictly (common/attest/, parapet/attest_proto.h);
 * anything malformed gets an ERROR reply with a precise message and changes
 * nothing. The agent holds no secret: the TPM keeps the keys, and what it
 * sends (keys' public areas, quotes, logs) is what a verifier checks.
 */
#ifndef PARAPET_ATTEST_AGENT_H
#define PARAPET_ATTEST_AGENT_H

#include <parapet/attest_proto.h>
#include <parapet/tpm2_attest.h>

#define PP_AGENT_NAME "parapet-agent 1"

/* Evidence the agent serves besides the TPM's: a NULL pointer or a length
 * of 0 means this boot does not have it. Read-only, owned by the caller. */
struct pp_agent_src {
	const u8 *fw_log;
	size_t fw_log_len;
	const u8 *drtm_log;
	size_t drtm_log_len;
	const u8 *faults; /* the DMA fault summary page */
	size_t faults_len;
	const u8 *policy_bin; /* the enforced policy's signed file */
	size_t policy_bin_len;
};

struct pp_agent {
	struct tpm2_dev *tpm;
	struct pp_agent_src src;
	struct tpm2_key ek;
	struct tpm2_key ak[2]; /* enum tpm2_ak_kind */
	bool ak_ok[2];
	u8 ek_cert[TPM2_EK_CERT_MAX];
	size_t ek_cert_len; /* 0: the TPM has no EK certificate */
	char policy[161];   /* the DRTM log's policy verdict, "" when none */
	u16 banks[TPM2_MAX_BANKS];
	u32 nbanks;
	u32 served, refused; /* requests answered, ERROR replies sent */
	u32 flushed;	     /* transient objects a previous agent left, flushed at init */
	/* scratch of pp_agent_handle, here rather than on a small stack */
	struct tpm2_pcr_set pcrs; /* about 12 KiB */
	u8 sig[TPM2_SIGNATURE_MAX];
};

/* Smallest reply buffer pp_agent_handle accepts: an ERROR frame with the
 * longest message. */
#define PP_AGENT_MIN_RSP                                                                           \
	(PP_AT_HDR_SIZE + 2 * PP_AT_ITEM_HDR + 4 + PP_AT_ERR_MSG_MAX + PP_AT_CRC_SIZE)

/* Opens the agent's TPM state: flushes the transient objects a previous
 * agent left (pp_agent_flush_transient), then EK, both AKs (an AK kind the TPM refuses is
 * left out and reported in err only if no AK could be made), the EK
 * certificate if defined, the active banks, the policy verdict from the
 * DRTM log. The TPM must be started and a locality held. */
int pp_agent_init(struct pp_agent *a, struct tpm2_dev *tpm, const struct pp_agent_src *src,
		  struct pp_err *err);

/* One request frame (exactly req_len bytes) -> one reply frame in
 * rsp[0, *rsp_len). Always produces a reply (ERROR on any failure) unless
 * cap is too small for even an ERROR frame (then returns PP_ERANGE). */
int pp_agent_handle(struct pp_agent *a, const u8 *req, size_t req_len, u8 *rsp, size_t cap,
		    size_t *rsp_len);

/* Flushes every transient object the TPM holds (a previous agent's keys);
 * *flushed = how many. pp_agent_init's first step. */
int pp_agent_flush_transient(struct tpm2_dev *dev, u32 *flushed, struct pp_err *err);

/* The DRTM log's policy verdict (the last PCR 18 event of type
 * PP_EV_POLICY_VERDICT, measure_plan.h) as text into out (NUL-terminated):
 * the log is checked by common/eventlog first (an all-zero tail after its
 * events is padding). PP_ENOENT when the log has no verdict; a verdict that
 * is not printable ASCII is refused (PP_EINVAL). out is "" on failure. */
int pp_agent_policy_verdict(const u8 *log, size_t len, char out[PP_AT_POLICY_MAX + 1],
			    struct pp_err *err);

/* The PCRs every quote covers (docs/measurements.md, the PCR plan):
 * 0-9 and 17-20, in every active bank the agent can name. */
#define PP_AGENT_PCR_MASK 0x001e03ffu

#endif
