// SPDX-License-Identifier: GPL-2.0-only
/*
 * Credential activation (parapet/tpm2_attest.h): a policy session that runs
 * TPM2_PolicySecret(TPM_RH_ENDORSEMENT) (Part 3, 23.4; the EK's authPolicy,
 * EK Credential Profile 2.0, B.6.2), then TPM2_ActivateCredential (Part 3,
 * 12.5) with the AK under an empty password and the EK under that session.
 * The session is unbound and unsalted and sent with an empty HMAC, as the
 * NV floor's sessions are (docs/tpm-nv-floor.md): the policy needs no
 * authValue, so the TPM checks no HMAC. Trust: the blob and secret come
 * from a remote verifier and are only size-checked (the TPM checks their
 * integrity against the AK's Name); responses are parsed with bounds
 * checks; the session is flushed on every path.
 */
#include <parapet/bytes.h>
#include <parapet/fmt.h>
#include <parapet/string.h>
#include <parapet/tpm2_attest.h>
#include <parapet/tpm2_nv.h>
#include "common/tpm/marshal.h"

/* TPMS_AUTH_COMMAND with empty nonce and hmac: handle 4, nonce size 2,
 * attributes 1, hmac size 2 (Part 2, 10.13.2). */
#define AUTH_CMD_EMPTY 9u
/* TPM2B_TIMEOUT (Part 2, 10.4.10): at most 8 bytes. */
#define TIMEOUT_MAX 8u

static void wr_auth(struct tpm2_wr *w, u32 session, u8 attrs)
{
	tpm2_wr_u32(w, session);
	tpm2_wr_u16(w, 0); /* nonceCaller: empty */
	tpm2_wr_u8(w, attrs);
	tpm2_wr_u16(w, 0); /* hmac / password: empty */
}

/* Response (Part 3, 23.4.2): TPM2B_TIMEOUT timeout, TPMT_TK_AUTH policyTicket. */
int tpm2_parse_policy_secret(const u8 *rsp, size_t len, struct pp_err *err)
{
	static const char what[] = "TPM2_PolicySecret";
	struct tpm2_rd r;
	const u8 *p;
	u16 n, tag;
	u32 hier;
	int rc = tpm2_rsp_params(rsp, len, 1, &r, what, err);

	if (rc)
		return rc;
	if (!tpm2_rd_u16(&r, &n) || !tpm2_rd_span(&r, n, &p))
		return pp_fail(err, PP_ETRUNC, "%s: timeout truncated", what);
	if (n > TIMEOUT_MAX)
		return pp_fail(err, PP_EINVAL, "%s: timeout of %u bytes (at most %u)", what, n,
			       TIMEOUT_MAX);
	if (!tpm2_rd_u16(&r, &tag) || !tpm2_rd_u32(&r, &hier) || !tpm2_rd_u16(&r, &n) ||
	    !tpm2_rd_span(&r, n, &p))
		return pp_fail(err, PP_ETRUNC, "%s: policyTicket truncated", what);
	if (n > PP_HASH_MAX_DIGEST)
		return pp_fail(err, PP_EINVAL, "%s: policyTicket digest of %u bytes", what, n);
	if (tpm2_rd_left(&r))
		return pp_fail(err, PP_EINVAL, "%s: %zu unexpected bytes after policyTicket", what,
			       tpm2_rd_left(&r));
	return 0;
}

static int policy_secret_endorsement(struct tpm2_dev *dev, u32 session, struct pp_err *err)
{
	static const char what[] = "TPM2_PolicySecret";
	struct tpm2_wr w;
	size_t len;
	int rc;

	tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_SESSIONS, TPM2_CC_POLICY_SECRET);
	tpm2_wr_u32(&w, TPM2_RH_ENDORSEMENT); /* authHandle: empty password */
	tpm2_wr_u32(&w, session);	      /* policySession */
	tpm2_wr_pw_session(&w);
	tpm2_wr_u16(&w, 0); /* nonceTPM: empty (no freshness needed) */
	tpm2_wr_u16(&w, 0); /* cpHashA: empty */
	tpm2_wr_u16(&w, 0); /* policyRef: empty */
	tpm2_wr_u32(&w, 0); /* expiration: none */
	rc = tpm2_wr_finish(&w, &len, what, err);
	if (!rc)
		rc = tpm2_exchange(dev, dev->cmd, len, what, err);
	if (!rc)
		rc = tpm2_parse_policy_secret(dev->rsp, dev->rsp_len, err);
	return rc;
}

/* Response (Part 3, 12.5.2): TPM2B_DIGEST certInfo; two authorizations. */
int tpm2_parse_activate_credential(const u8 *rsp, size_t len, u8 *out, size_t cap, size_t *out_len,
				   struct pp_err *err)
{
	static const char what[] = "TPM2_ActivateCredential";
	struct tpm2_rd r;
	const u8 *p;
	u16 n;
	int rc = tpm2_rsp_params(rsp, len, 2, &r, what, err);

	if (rc)
		return rc;
	if (!tpm2_rd_u16(&r, &n) || !tpm2_rd_span(&r, n, &p))
		return pp_fail(err, PP_ETRUNC, "%s: certInfo truncated", what);
	if (n > PP_HASH_MAX_DIGEST || n > cap)
		return pp_fail(err, PP_ERANGE, "%s: certInfo of %u bytes, room for %zu", what, n,
			       cap < PP_HASH_MAX_DIGEST ? cap : (size_t)PP_HASH_MAX_DIGEST);
	if (tpm2_rd_left(&r))
		return pp_fail(err, PP_EINVAL, "%s: %zu unexpected bytes after certInfo", what,
			       tpm2_rd_left(&r));
	memcpy(out, p, n);
	*out_len = n;
	return 0;
}

static int tpm2b_ok(const u8 *b, size_t len, size_t max, const char *field, struct pp_err *err)
{
	if (len < 2 || len > max || ld_be16(b) != len - 2)
		return pp_fail(err, PP_EINVAL,
			       "TPM2_ActivateCredential: %s of %zu bytes (size field %u, at most "
			       "%zu)",
			       field, len, len < 2 ? 0u : ld_be16(b), max);
	return 0;
}

static int activate(struct tpm2_dev *dev, u32 session, const struct tpm2_key *ak,
		    const struct tpm2_key *ek, const u8 *blob, size_t blob_len, const u8 *secret,
		    size_t secret_len, u8 *out, size_t cap, size_t *out_len, struct pp_err *err)
{
	static const char what[] = "TPM2_ActivateCredential";
	struct tpm2_wr w;
	size_t len;
	int rc;

	tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_SESSIONS,
		      TPM2_CC_ACTIVATE_CREDENTIAL);
	tpm2_wr_u32(&w, ak->handle); /* activateHandle: USER role */
	tpm2_wr_u32(&w, ek->handle); /* keyHandle: ADMIN role (adminWithPolicy) */
	tpm2_wr_u32(&w, 2 * AUTH_CMD_EMPTY);
	wr_auth(&w, TPM2_RS_PW, 0);
	wr_auth(&w, session, TPM2_SESSION_CONTINUE); /* flushed by the caller */
	tpm2_wr_bytes(&w, blob, blob_len);
	tpm2_wr_bytes(&w, secret, secret_len);
	rc = tpm2_wr_finish(&w, &len, what, err);
	if (!rc)
		rc = tpm2_exchange(dev, dev->cmd, len, what, err);
	if (!rc)
		rc = tpm2_parse_activate_credential(dev->rsp, dev->rsp_len, out, cap, out_len, err);
	return rc;
}

int tpm2_activate_credential(struct tpm2_dev *dev, const struct tpm2_key *ak,
			     const struct tpm2_key *ek, const u8 *blob, size_t blob_len,
			     const u8 *secret, size_t secret_len, u8 *out, size_t cap,
			     size_t *out_len, struct pp_err *err)
{
	u32 session;
	int rc;

	*out_len = 0;
	if (!ak->handle || !ek->handle)
		return pp_fail(err, PP_EINVAL, "TPM2_ActivateCredential: %s not loaded",
			       ak->handle ? "EK" : "AK");
	rc = tpm2b_ok(blob, blob_len, TPM2_ID_OBJECT_MAX, "credentialBlob", err);
	if (!rc)
		rc = tpm2b_ok(secret, secret_len, TPM2_ENC_SECRET_MAX, "secret", err);
	if (!rc)
		rc = nvfloor_start_session(dev, &session, err);
	if (rc)
		return rc;
	rc = policy_secret_endorsement(dev, session, err);
	if (!rc)
		rc = activate(dev, session, ak, ek, blob, blob_len, secret, secret_len, out, cap,
			      out_len, err);
	return nvfloor_end_session(dev, session, rc, err);
}
