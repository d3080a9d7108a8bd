// SPDX-License-Identifier: GPL-2.0-only
/*
 * Policy sessions for the NV floor (TPM 2.0 Part 3): TPM2_StartAuthSession
 * (11.1), TPM2_PolicyLocality (23.8), TPM2_PolicyCommandCode (23.11),
 * TPM2_PolicyGetDigest (23.19), TPM2_FlushContext (28.4), and the same
 * policyDigest updates computed in software so an expected authPolicy can be
 * checked without a TPM. Trust: the session handle the TPM returns must be a
 * policy-session handle (Part 2, 7.2 TPM_HT_POLICY_SESSION) before it is
 * used; nonceTPM is bounds-checked and ignored (the session is unbound and
 * unsalted, and we never compute HMACs).
 */
#include <parapet/bytes.h>
#include <parapet/fmt.h>
#include <parapet/string.h>
#include <parapet/tpm2_nv.h>
#include "common/tpm/nv_run.h"

/* Part 3, 23.11.1: policyDigest_new = H(old || TPM_CC_PolicyCommandCode || code). */
void tpm2_policy_extend_cc(u8 digest[TPM2_SHA256_SIZE], u32 cc)
{
	u8 buf[TPM2_SHA256_SIZE + 8];

	memcpy(buf, digest, TPM2_SHA256_SIZE);
	st_be32(buf + TPM2_SHA256_SIZE, TPM2_CC_POLICY_COMMAND_CODE);
	st_be32(buf + TPM2_SHA256_SIZE + 4, cc);
	pp_hash(PP_ALG_SHA256, buf, sizeof(buf), digest);
}

/* Part 3, 23.8.1: policyDigest_new = H(old || TPM_CC_PolicyLocality || locality),
 * locality the one-byte TPMA_LOCALITY. */
void tpm2_policy_extend_locality(u8 digest[TPM2_SHA256_SIZE], u8 locality_mask)
{
	u8 buf[TPM2_SHA256_SIZE + 5];

	memcpy(buf, digest, TPM2_SHA256_SIZE);
	st_be32(buf + TPM2_SHA256_SIZE, TPM2_CC_POLICY_LOCALITY);
	buf[TPM2_SHA256_SIZE + 4] = locality_mask;
	pp_hash(PP_ALG_SHA256, buf, sizeof(buf), digest);
}

/* Part 3, 23.6.1: policyDigest_new = H(0...0 || TPM_CC_PolicyOR || digests),
 * the digests concatenated in list order. */
void tpm2_policy_or_digest(const u8 (*branches)[TPM2_SHA256_SIZE], u32 n,
			   u8 digest[TPM2_SHA256_SIZE])
{
	u8 buf[TPM2_SHA256_SIZE + 4 + TPM2_POLICY_OR_MAX * TPM2_SHA256_SIZE];
	size_t len = TPM2_SHA256_SIZE + 4;

	memset(buf, 0, TPM2_SHA256_SIZE);
	st_be32(buf + TPM2_SHA256_SIZE, TPM2_CC_POLICY_OR);
	for (u32 i = 0; i < n && i < TPM2_POLICY_OR_MAX; i++, len += TPM2_SHA256_SIZE)
		memcpy(buf + len, branches[i], TPM2_SHA256_SIZE);
	pp_hash(PP_ALG_SHA256, buf, len, digest);
}

/* Response: handle sessionHandle, then TPM2B_NONCE nonceTPM (Part 3, 11.1.2). */
int tpm2_parse_start_auth_session(const u8 *rsp, size_t len, u32 *session, struct pp_err *err)
{
	static const char what[] = "TPM2_StartAuthSession";
	struct tpm2_rd r;
	const u8 *nonce;
	u32 h;
	u16 n;
	int rc = tpm2_rsp_params(rsp, len, 0, &r, what, err);

	if (rc)
		return rc;
	if (!tpm2_rd_u32(&r, &h))
		return pp_fail(err, PP_ETRUNC, "%s: response lacks sessionHandle", what);
	if (h >> 24 != TPM2_HT_POLICY_SESSION)
		return pp_fail(err, PP_EINVAL, "%s: handle 0x%08x is not a policy session", what,
			       h);
	if (!tpm2_rd_u16(&r, &n) || !tpm2_rd_span(&r, n, &nonce))
		return pp_fail(err, PP_ETRUNC, "%s: nonceTPM truncated", what);
	if (n < 16 || n > PP_HASH_MAX_DIGEST)
		return pp_fail(err, PP_EINVAL, "%s: nonceTPM of %u bytes (16-%u)", what, n,
			       PP_HASH_MAX_DIGEST);
	if (tpm2_rd_left(&r))
		return pp_fail(err, PP_EINVAL, "%s: %zu unexpected bytes after nonceTPM", what,
			       tpm2_rd_left(&r));
	*session = h;
	return 0;
}

int tpm2_start_policy_session(struct tpm2_dev *dev, bool trial, const u8 *nonce, u16 nonce_len,
			      u32 *session, struct pp_err *err)
{
	static const char what[] = "TPM2_StartAuthSession";
	struct tpm2_wr w;
	size_t len;
	int rc;

	/* Part 3, 11.1.1: nonceCaller at least 16 octets, at most the digest size */
	if (nonce_len < 16 || nonce_len > TPM2_SHA256_SIZE)
		return pp_fail(err, PP_EINVAL, "%s: nonceCaller of %u bytes (16-32)", what,
			       nonce_len);
	tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_NO_SESSIONS,
		      TPM2_CC_START_AUTH_SESSION);
	tpm2_wr_u32(&w, TPM2_RH_NULL); /* tpmKey: unsalted */
	tpm2_wr_u32(&w, TPM2_RH_NULL); /* bind: unbound */
	tpm2_wr_u16(&w, nonce_len);
	tpm2_wr_bytes(&w, nonce, nonce_len);
	tpm2_wr_u16(&w, 0); /* encryptedSalt: empty */
	tpm2_wr_u8(&w, trial ? TPM2_SE_TRIAL : TPM2_SE_POLICY);
	tpm2_wr_u16(&w, TPM2_ALG_NULL); /* symmetric: none */
	tpm2_wr_u16(&w, PP_ALG_SHA256); /* authHash */
	rc = tpm2_wr_finish(&w, &len, what, err);
	if (!rc)
		rc = tpm2_exchange(dev, dev->cmd, len, what, err);
	if (!rc)
		rc = tpm2_parse_start_auth_session(dev->rsp, dev->rsp_len, session, err);
	return rc;
}

int tpm2_policy_locality(struct tpm2_dev *dev, u32 session, u8 locality_mask, struct pp_err *err)
{
	char what[48];
	struct tpm2_wr w;

	pp_snprintf(what, sizeof(what), "TPM2_PolicyLocality(0x%02x)", locality_mask);
	tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_NO_SESSIONS, TPM2_CC_POLICY_LOCALITY);
	tpm2_wr_u32(&w, session);
	tpm2_wr_u8(&w, locality_mask);
	return tpm2_run_no_params(dev, &w, 0, what, err);
}

int tpm2_policy_command_code(struct tpm2_dev *dev, u32 session, u32 cc, struct pp_err *err)
{
	char what[48];
	struct tpm2_wr w;

	pp_snprintf(what, sizeof(what), "TPM2_PolicyCommandCode(0x%x)", cc);
	tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_NO_SESSIONS,
		      TPM2_CC_POLICY_COMMAND_CODE);
	tpm2_wr_u32(&w, session);
	tpm2_wr_u32(&w, cc);
	return tpm2_run_no_params(dev, &w, 0, what, err);
}

int tpm2_policy_or(struct tpm2_dev *dev, u32 session, const u8 (*branches)[TPM2_SHA256_SIZE], u32 n,
		   struct pp_err *err)
{
	static const char what[] = "TPM2_PolicyOR";
	struct tpm2_wr w;

	if (n < 2 || n > TPM2_POLICY_OR_MAX) /* Part 3, 23.6.1: 2 to 8 branches */
		return pp_fail(err, PP_EINVAL, "%s: %u branches (2-%u)", what, n,
			       TPM2_POLICY_OR_MAX);
	tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_NO_SESSIONS, TPM2_CC_POLICY_OR);
	tpm2_wr_u32(&w, session);
	tpm2_wr_u32(&w, n); /* TPML_DIGEST.count */
	for (u32 i = 0; i < n; i++) {
		tpm2_wr_u16(&w, TPM2_SHA256_SIZE);
		tpm2_wr_bytes(&w, branches[i], TPM2_SHA256_SIZE);
	}
	return tpm2_run_no_params(dev, &w, 0, what, err);
}

/* Response: TPM2B_DIGEST policyDigest (Part 3, 23.19.2), SHA-256 sessions only. */
int tpm2_parse_policy_get_digest(const u8 *rsp, size_t len, u8 out[TPM2_SHA256_SIZE],
				 struct pp_err *err)
{
	static const char what[] = "TPM2_PolicyGetDigest";
	struct tpm2_rd r;
	const u8 *p;
	u16 n;
	int rc = tpm2_rsp_params(rsp, len, 0, &r, what, err);

	if (rc)
		return rc;
	if (!tpm2_rd_u16(&r, &n) || !tpm2_rd_span(&r, n, &p))
		return pp_fail(err, PP_ETRUNC, "%s: policyDigest truncated", what);
	if (n != TPM2_SHA256_SIZE)
		return pp_fail(err, PP_EINVAL, "%s: digest of %u bytes, expected 32", what, n);
	if (tpm2_rd_left(&r))
		return pp_fail(err, PP_EINVAL, "%s: %zu unexpected bytes after the digest", what,
			       tpm2_rd_left(&r));
	memcpy(out, p, n);
	return 0;
}

int tpm2_policy_get_digest(struct tpm2_dev *dev, u32 session, u8 out[TPM2_SHA256_SIZE],
			   struct pp_err *err)
{
	static const char what[] = "TPM2_PolicyGetDigest";
	struct tpm2_wr w;
	size_t len;
	int rc;

	tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_NO_SESSIONS,
		      TPM2_CC_POLICY_GET_DIGEST);
	tpm2_wr_u32(&w, session);
	rc = tpm2_wr_finish(&w, &len, what, err);
	if (!rc)
		rc = tpm2_exchange(dev, dev->cmd, len, what, err);
	if (!rc)
		rc = tpm2_parse_policy_get_digest(dev->rsp, dev->rsp_len, out, err);
	return rc;
}

/* flushHandle is a parameter, not a handle-area entry (Part 3, 28.4.2). */
int tpm2_flush_context(struct tpm2_dev *dev, u32 handle, struct pp_err *err)
{
	char what[48];
	struct tpm2_wr w;

	pp_snprintf(what, sizeof(what), "TPM2_FlushContext(0x%08x)", handle);
	tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_NO_SESSIONS, TPM2_CC_FLUSH_CONTEXT);
	tpm2_wr_u32(&w, handle);
	return tpm2_run_no_params(dev, &w, 0, what, err);
}
