// SPDX-License-Identifier: GPL-2.0-only
/*
 * The attestation agent's core (attest/agent/agent.h, docs/attest-agent.md):
 * its start (EK, AKs, EK certificate, banks, policy verdict) and the
 * request loop's body: one request frame in, one reply frame out, ERROR
 * for anything it cannot parse or serve. Freestanding (the service
 * partition links it), no allocation, the reply built in the caller's
 * buffer, large scratch in struct pp_agent: stack use stays small
 * (checked at build time: attest/agent/sources.mk).
 *
 * Trust: request frames are untrusted bytes (agent.h); the TPM's answers
 * are checked by the command layer (parapet/tpm2_attest.h). A refusal
 * changes no agent state but the counters.
 */
#include <parapet/fmt.h>
#include <parapet/hash.h>
#include <parapet/string.h>
#include "attest/agent/agent_int.h"

/* Active banks whose digests pp_hash knows (a quote over a bank the
 * verifier cannot name would be unverifiable). */
static void pick_banks(struct pp_agent *a)
{
	u16 algs[TPM2_MAX_BANKS];
	u32 n = tpm2_active_banks(a->tpm, algs, TPM2_MAX_BANKS);
	a->nbanks = 0;
	for (u32 i = 0; i < n && i < TPM2_MAX_BANKS; i++)
		if (pp_hash_digest_size(algs[i]))
			a->banks[a->nbanks++] = algs[i];
}

int pp_agent_init(struct pp_agent *a, struct tpm2_dev *tpm, const struct pp_agent_src *src,
		  struct pp_err *err)
{
	static const char *const kind_name[2] = {"RSA-2048", "ECC P-256"};
	struct pp_err e;
	size_t n = 0;
	int rc, first = PP_OK;

	memset(a, 0, sizeof(*a));
	a->tpm = tpm;
	if (src)
		a->src = *src;
	if (!tpm->banks_known) {
		rc = tpm2_get_banks(tpm, NULL, err);
		if (rc)
			return rc;
	}
	pick_banks(a);
	if (!a->nbanks)
		return pp_fail(err, PP_ENOTSUP, "agent: no active PCR bank of a known hash");
	rc = pp_agent_flush_transient(tpm, &a->flushed, err);
	if (rc)
		return rc;
	rc = tpm2_ek_create(tpm, &a->ek, err);
	if (rc)
		return rc;
	for (u32 k = 0; k < 2; k++) {
		rc = tpm2_ak_create(tpm, (enum tpm2_ak_kind)k, &a->ak[k], &e);
		a->ak_ok[k] = rc == PP_OK;
		if (rc && first == PP_OK) {
			first = rc;
			pp_fail(err, rc, "agent: %s AK: %s", kind_name[k], e.msg);
		}
	}
	if (!a->ak_ok[TPM2_AK_RSA2048] && !a->ak_ok[TPM2_AK_ECCP256]) {
		tpm2_key_flush(tpm, &a->ek, &e);
		return first;
	}
	rc = tpm2_nv_read_all(tpm, TPM2_EK_CERT_NV_RSA, a->ek_cert, sizeof(a->ek_cert), &n, &e);
	if (rc == PP_OK) {
		a->ek_cert_len = n;
	} else if (rc != PP_ENOENT) {
		pp_fail(err, rc, "agent: EK certificate (NV 0x%08x): %s", TPM2_EK_CERT_NV_RSA,
			e.msg);
		goto unwind;
	}
	/* no verdict is not an error: a static boot has no DRTM log */
	pp_agent_policy_verdict(a->src.drtm_log, a->src.drtm_log_len, a->policy, &e);
	return PP_OK;

unwind:
	for (u32 k = 0; k < 2; k++)
		if (a->ak_ok[k])
			tpm2_key_flush(tpm, &a->ak[k], &e);
	tpm2_key_flush(tpm, &a->ek, &e);
	return rc;
}

/* An ERROR frame (always fits: cap >= PP_AGENT_MIN_RSP). */
static size_t error_reply(struct pp_agent *a, u8 *rsp, size_t cap, u32 code, const char *msg)
{
	struct pp_at_wr w;
	struct pp_err e;
	size_t len = 0, n = strnlen(msg, PP_AT_ERR_MSG_MAX);

	if (!n) {
		msg = "request refused";
		n = strlen(msg);
	}
	pp_at_wr_begin(&w, rsp, cap, PP_AT_RSP_ERROR);
	pp_at_wr_u32_item(&w, PP_AT_T_ERR_CODE, code);
	pp_at_wr_item(&w, PP_AT_T_ERR_MSG, msg, (u32)n);
	pp_at_wr_finish(&w, &len, &e);
	a->refused++;
	return len;
}

/* The protocol error for a refusal of pp_at_parse. */
static u32 parse_code(int rc)
{
	return rc == PP_EVERSION || rc == PP_ENOTSUP ? PP_AT_E_UNSUPPORTED : PP_AT_E_MALFORMED;
}

int pp_agent_handle(struct pp_agent *a, const u8 *req, size_t req_len, u8 *rsp, size_t cap,
		    size_t *rsp_len)
{
	struct pp_at_msg m;
	struct pp_at_wr w;
	struct pp_err err = {0, ""};
	int rc;

	if (cap < PP_AGENT_MIN_RSP)
		return PP_ERANGE;
	rc = pp_at_parse(req, req_len, &m, &err);
	if (rc) {
		*rsp_len = error_reply(a, rsp, cap, parse_code(rc), err.msg);
		return PP_OK;
	}
	pp_at_wr_begin(&w, rsp, cap, (u16)(m.type | 0x8000u));
	switch (m.type) {
	case PP_AT_REQ_INFO: rc = agent_info(a, &w, &err); break;
	case PP_AT_REQ_ACTIVATE: rc = agent_activate(a, &m, &w, &err); break;
	case PP_AT_REQ_QUOTE: rc = agent_quote(a, &m, &w, &err); break;
	default:
		pp_fail(&err, PP_EINVAL, "frame: type %s (0x%04x) is a reply, not a request",
			pp_at_type_name(m.type), m.type);
		rc = PP_AT_E_MALFORMED;
		break;
	}
	if (rc == PP_OK && pp_at_wr_finish(&w, rsp_len, &err) != PP_OK)
		rc = PP_AT_E_TOO_LARGE;
	if (rc) {
		*rsp_len = error_reply(a, rsp, cap, (u32)rc, err.msg);
		return PP_OK;
	}
	a->served++;
	return PP_OK;
}
