// SPDX-License-Identifier: GPL-2.0-only
/*
 * The agent's three requests (docs/attest-protocol.md, docs/attest-agent.md):
 *   INFO      AGENT, EK_PUB, EK_CERT (when the TPM has one), AK_PUB per AK
 *   ACTIVATE  ActivateCredential(AK, EK) of the verifier's blob and secret:
 *             CERT_INFO
 *   QUOTE     Quote(AK, nonce) over PP_AGENT_PCR_MASK in every bank the
 *             agent uses: QUOTE_MSG, QUOTE_SIG, PCRS (read right after the
 *             quote), FW_LOG, DRTM_LOG, POLICY, FAULTS (those this boot has)
 * Each builds its reply in the caller's writer; nothing is kept between
 * requests.
 *
 * Trust: the request passed pp_at_parse (items in bounds, sizes of fixed
 * items exact); the sizes inside CRED_BLOB and SECRET are checked here
 * before the TPM sees them, so a bad one is the verifier's MALFORMED, not a
 * TPM error. What the agent sends is evidence for the verifier to check.
 */
#include <parapet/bytes.h>
#include <parapet/hash.h>
#include <parapet/string.h>
#include "attest/agent/agent_int.h"

/* TPM2B_DIGEST's largest buffer (sizeof(TPMU_HA), Part 2, 10.3.2). */
#define CRED_MAX 64u

int agent_info(struct pp_agent *a, struct pp_at_wr *w, struct pp_err *err)
{
	(void)err;
	pp_at_wr_item(w, PP_AT_T_AGENT, PP_AGENT_NAME, (u32)strlen(PP_AGENT_NAME));
	pp_at_wr_item(w, PP_AT_T_EK_PUB, a->ek.pub, a->ek.pub_len);
	if (a->ek_cert_len)
		pp_at_wr_item(w, PP_AT_T_EK_CERT, a->ek_cert, (u32)a->ek_cert_len);
	for (u32 k = 0; k < 2; k++)
		if (a->ak_ok[k])
			pp_at_wr_item(w, PP_AT_T_AK_PUB, a->ak[k].pub, a->ak[k].pub_len);
	return PP_OK;
}

/* The AK the request's AK_ALG names. */
static int pick_ak(struct pp_agent *a, const struct pp_at_msg *m, const struct tpm2_key **ak,
		   struct pp_err *err)
{
	const struct pp_at_item *it;
	u16 alg;
	u32 k;
	if (pp_at_need(m, PP_AT_T_AK_ALG, &it, err))
		return PP_AT_E_MALFORMED;
	alg = ld_le16(it->data);
	if (alg == TPM2_ALG_RSA)
		k = TPM2_AK_RSA2048;
	else if (alg == TPM2_ALG_ECC)
		k = TPM2_AK_ECCP256;
	else {
		pp_fail(err, PP_ENOTSUP,
			"%s: AK_ALG 0x%04x, this agent has RSA (0x0001) and ECC (0x0023)",
			pp_at_type_name(m->type), alg);
		return PP_AT_E_UNSUPPORTED;
	}
	if (!a->ak_ok[k]) {
		pp_fail(err, PP_ENOENT, "%s: no %s AK: the TPM refused to create it at start",
			pp_at_type_name(m->type), alg == TPM2_ALG_RSA ? "RSA" : "ECC");
		return PP_AT_E_UNAVAILABLE;
	}
	*ak = &a->ak[k];
	return PP_OK;
}

/* A TPM2B_* item: its u16 big-endian size field says the rest, exactly. */
static int check_2b(const struct pp_at_msg *m, const struct pp_at_item *it, size_t max,
		    struct pp_err *err)
{
	if (it->len < 2 || it->len > max || ld_be16(it->data) + 2u != it->len) {
		pp_fail(err, PP_EINVAL,
			"%s: %s of %u bytes: want a TPM2B of at most %zu bytes whose size field "
			"(%u) is the rest",
			pp_at_type_name(m->type), pp_at_tag_name(it->tag), it->len, max,
			it->len >= 2 ? ld_be16(it->data) : 0);
		return PP_AT_E_MALFORMED;
	}
	return PP_OK;
}

int agent_activate(struct pp_agent *a, const struct pp_at_msg *m, struct pp_at_wr *w,
		   struct pp_err *err)
{
	const struct pp_at_item *blob, *secret;
	const struct tpm2_key *ak = NULL;
	size_t n = 0;
	u8 *out;
	int rc = pick_ak(a, m, &ak, err);
	if (rc)
		return rc;
	if (pp_at_need(m, PP_AT_T_CRED_BLOB, &blob, err) ||
	    pp_at_need(m, PP_AT_T_SECRET, &secret, err))
		return PP_AT_E_MALFORMED;
	rc = check_2b(m, blob, TPM2_ID_OBJECT_MAX, err);
	if (!rc)
		rc = check_2b(m, secret, TPM2_ENC_SECRET_MAX, err);
	if (rc)
		return rc;
	out = pp_at_wr_reserve(w, PP_AT_T_CERT_INFO, CRED_MAX);
	if (!out) {
		pp_fail(err, PP_ERANGE, "ACTIVATE reply: no room in the reply buffer");
		return PP_AT_E_TOO_LARGE;
	}
	if (tpm2_activate_credential(a->tpm, ak, &a->ek, blob->data, blob->len, secret->data,
				     secret->len, out, CRED_MAX, &n, err))
		return PP_AT_E_TPM;
	if (!n) {
		pp_fail(err, PP_EINVAL, "TPM2_ActivateCredential: an empty credential");
		return PP_AT_E_TPM;
	}
	pp_at_wr_trim(w, (u32)n);
	return PP_OK;
}

/* PCRS: u32 n, then n x {u16 alg, u8 pcr, u8 size, digest}, bank by bank,
 * PCR ascending (the quote's selection order). */
static int put_pcrs(struct pp_agent *a, struct pp_at_wr *w, struct pp_err *err)
{
	struct tpm2_pcr_set *s = &a->pcrs;
	u32 count = 0, bytes = 4, off = 4;
	u8 *p;

	memset(s, 0, sizeof(*s));
	s->nbanks = a->nbanks;
	memcpy(s->alg, a->banks, sizeof(a->banks));
	s->mask = PP_AGENT_PCR_MASK;
	if (tpm2_pcr_read_set(a->tpm, s, err))
		return PP_AT_E_TPM;
	for (u32 k = 0; k < a->nbanks; k++)
		for (u32 pcr = 0; pcr < TPM2_NUM_PCRS; pcr++)
			if (s->mask & (1u << pcr)) {
				count++;
				bytes += 4 + pp_hash_digest_size(s->alg[k]);
			}
	p = pp_at_wr_reserve(w, PP_AT_T_PCRS, bytes);
	if (!p) {
		pp_fail(err, PP_ERANGE, "QUOTE reply: no room for %u bytes of PCRs", bytes);
		return PP_AT_E_TOO_LARGE;
	}
	st_le32(p, count);
	for (u32 k = 0; k < a->nbanks; k++) {
		u32 size = pp_hash_digest_size(s->alg[k]);
		for (u32 pcr = 0; pcr < TPM2_NUM_PCRS; pcr++) {
			if (!(s->mask & (1u << pcr)))
				continue;
			st_le16(p + off, s->alg[k]);
			p[off + 2] = (u8)pcr;
			p[off + 3] = (u8)size;
			memcpy(p + off + 4, s->digest[k][pcr], size);
			off += 4 + size;
		}
	}
	return PP_OK;
}

/* An evidence item the boot may not have; too large is the reply's problem. */
static int put_evidence(struct pp_at_wr *w, u16 tag, const u8 *p, size_t n, struct pp_err *err)
{
	if (!p || !n)
		return PP_OK;
	if (n > PP_AT_MAX_PAYLOAD) {
		pp_fail(err, PP_ERANGE, "QUOTE reply: %s of %zu bytes above the frame's %u",
			pp_at_tag_name(tag), n, PP_AT_MAX_PAYLOAD);
		return PP_AT_E_TOO_LARGE;
	}
	pp_at_wr_item(w, tag, p, (u32)n);
	return PP_OK;
}

int agent_quote(struct pp_agent *a, const struct pp_at_msg *m, struct pp_at_wr *w,
		struct pp_err *err)
{
	const struct pp_at_item *nonce;
	const struct tpm2_key *ak = NULL;
	size_t alen = 0, slen = 0;
	u8 *msg;
	int rc = pick_ak(a, m, &ak, err);
	if (rc)
		return rc;
	if (pp_at_need(m, PP_AT_T_NONCE, &nonce, err))
		return PP_AT_E_MALFORMED;
	msg = pp_at_wr_reserve(w, PP_AT_T_QUOTE_MSG, TPM2_ATTEST_MAX);
	if (!msg) {
		pp_fail(err, PP_ERANGE, "QUOTE reply: no room in the reply buffer");
		return PP_AT_E_TOO_LARGE;
	}
	if (tpm2_quote(a->tpm, ak, nonce->data, nonce->len, a->banks, a->nbanks, PP_AGENT_PCR_MASK,
		       msg, TPM2_ATTEST_MAX, &alen, a->sig, sizeof(a->sig), &slen, err))
		return PP_AT_E_TPM;
	pp_at_wr_trim(w, (u32)alen);
	pp_at_wr_item(w, PP_AT_T_QUOTE_SIG, a->sig, (u32)slen);
	rc = put_pcrs(a, w, err);
	if (!rc)
		rc = put_evidence(w, PP_AT_T_FW_LOG, a->src.fw_log, a->src.fw_log_len, err);
	if (!rc)
		rc = put_evidence(w, PP_AT_T_DRTM_LOG, a->src.drtm_log, a->src.drtm_log_len, err);
	if (!rc && a->policy[0])
		pp_at_wr_item(w, PP_AT_T_POLICY, a->policy, (u32)strlen(a->policy));
	if (!rc)
		rc = put_evidence(w, PP_AT_T_FAULTS, a->src.faults, a->src.faults_len, err);
	if (!rc)
		rc = put_evidence(w, PP_AT_T_POLICY_BIN, a->src.policy_bin, a->src.policy_bin_len,
				  err);
	return rc;
}
