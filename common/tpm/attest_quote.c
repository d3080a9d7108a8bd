// SPDX-License-Identifier: GPL-2.0-only
/*
 * TPM2_Quote (Part 3, 18.4) with an attestation key (parapet/tpm2_attest.h):
 * the key's own scheme (inScheme TPM_ALG_NULL), the caller's nonce as
 * qualifyingData, the same PCRs in each bank asked. Trust: the response is
 * untrusted; TPM2B_ATTEST must be bounded and start with TPM_GENERATED_VALUE
 * and TPM_ST_ATTEST_QUOTE (Part 2, 10.12.12), the TPMT_SIGNATURE (Part 2,
 * 11.3.4) must be one signature of the key's scheme with SHA-256 and sizes
 * of that key. Neither is verified here: the verifier does that.
 */
#include <parapet/bytes.h>
#include <parapet/fmt.h>
#include <parapet/string.h>
#include <parapet/tpm2_attest.h>
#include <parapet/tpm2_nv.h>
#include "common/tpm/marshal.h"

/* TPMS_PCR_SELECTION.sizeofSelect for PCR 0-23 (PC Client: 24 PCRs). */
#define QUOTE_SELECT_SIZE 3u
/* TPMS_ATTEST: magic u32, type u16 first (Part 2, 10.12.12). */
#define ATTEST_HEAD 6u

static int check_sig(struct tpm2_rd *r, u16 key_type, const char *what, struct pp_err *err)
{
	u16 alg, hash, n;
	const u8 *p;
	u16 want = key_type == TPM2_ALG_RSA ? TPM2_ALG_RSASSA : TPM2_ALG_ECDSA;

	if (!tpm2_rd_u16(r, &alg) || !tpm2_rd_u16(r, &hash))
		return pp_fail(err, PP_ETRUNC, "%s: signature truncated", what);
	if (alg != want || hash != PP_ALG_SHA256)
		return pp_fail(err, PP_EINVAL,
			       "%s: signature scheme 0x%04x hash 0x%04x, the key's is 0x%04x "
			       "SHA-256",
			       what, alg, hash, want);
	if (alg == TPM2_ALG_RSASSA) { /* TPMS_SIGNATURE_RSA (11.3.1) */
		if (!tpm2_rd_u16(r, &n) || !tpm2_rd_span(r, n, &p))
			return pp_fail(err, PP_ETRUNC, "%s: RSASSA signature truncated", what);
		if (n != TPM2_RSA_MOD_SIZE)
			return pp_fail(err, PP_EINVAL, "%s: RSASSA signature of %u bytes, want %u",
				       what, n, TPM2_RSA_MOD_SIZE);
		return 0;
	}
	for (int i = 0; i < 2; i++) { /* TPMS_SIGNATURE_ECC (11.3.2): r, s */
		if (!tpm2_rd_u16(r, &n) || !tpm2_rd_span(r, n, &p))
			return pp_fail(err, PP_ETRUNC, "%s: ECDSA signature%s truncated", what,
				       i ? "S" : "R");
		if (n == 0 || n > TPM2_ECC_P256_SIZE)
			return pp_fail(err, PP_EINVAL, "%s: ECDSA signature%s of %u bytes (1-%u)",
				       what, i ? "S" : "R", n, TPM2_ECC_P256_SIZE);
	}
	return 0;
}

/* Response (Part 3, 18.4.2): TPM2B_ATTEST quoted, TPMT_SIGNATURE signature. */
int tpm2_parse_quote(const u8 *rsp, size_t len, u16 key_type, u8 *attest, size_t attest_cap,
		     size_t *attest_len, u8 *sig, size_t sig_cap, size_t *sig_len,
		     struct pp_err *err)
{
	static const char what[] = "TPM2_Quote";
	struct tpm2_rd r;
	const u8 *a;
	u16 n;
	size_t s0, slen;
	int rc;

	if (key_type != TPM2_ALG_RSA && key_type != TPM2_ALG_ECC)
		return pp_fail(err, PP_EINVAL, "%s: key type 0x%04x is not RSA or ECC", what,
			       key_type);
	rc = tpm2_rsp_params(rsp, len, 1, &r, what, err);
	if (rc)
		return rc;
	if (!tpm2_rd_u16(&r, &n) || !tpm2_rd_span(&r, n, &a))
		return pp_fail(err, PP_ETRUNC, "%s: quoted truncated", what);
	if (n > TPM2_ATTEST_MAX || n > attest_cap)
		return pp_fail(err, PP_ERANGE, "%s: quoted of %u bytes, room for %zu", what, n,
			       attest_cap < TPM2_ATTEST_MAX ? attest_cap : (size_t)TPM2_ATTEST_MAX);
	if (n < ATTEST_HEAD || ld_be32(a) != TPM2_GENERATED_VALUE ||
	    ld_be16(a + 4) != TPM2_ST_ATTEST_QUOTE)
		return pp_fail(err, PP_EINVAL,
			       "%s: quoted (%u bytes) is not a TPM-generated quote (magic, type)",
			       what, n);
	s0 = r.off;
	rc = check_sig(&r, key_type, what, err);
	if (rc)
		return rc;
	if (tpm2_rd_left(&r))
		return pp_fail(err, PP_EINVAL, "%s: %zu unexpected bytes after the signature", what,
			       tpm2_rd_left(&r));
	slen = r.off - s0;
	if (slen > TPM2_SIGNATURE_MAX || slen > sig_cap)
		return pp_fail(err, PP_ERANGE, "%s: signature of %zu bytes, room for %zu", what,
			       slen, sig_cap);
	memcpy(attest, a, n);
	*attest_len = n;
	memcpy(sig, r.buf + s0, slen);
	*sig_len = slen;
	return 0;
}

int tpm2_quote(struct tpm2_dev *dev, const struct tpm2_key *ak, const u8 *nonce, size_t nonce_len,
	       const u16 *algs, u32 nbanks, u32 mask, u8 *attest, size_t attest_cap,
	       size_t *attest_len, u8 *sig, size_t sig_cap, size_t *sig_len, struct pp_err *err)
{
	static const char what[] = "TPM2_Quote";
	struct tpm2_wr w;
	size_t len;
	int rc;

	*attest_len = 0;
	*sig_len = 0;
	if (!ak->handle || ak->pub_len < 4)
		return pp_fail(err, PP_EINVAL, "%s: AK not loaded", what);
	if (nonce_len > PP_HASH_MAX_DIGEST)
		return pp_fail(err, PP_EINVAL, "%s: nonce of %zu bytes (at most %u)", what,
			       nonce_len, PP_HASH_MAX_DIGEST);
	if (nbanks == 0 || nbanks > TPM2_MAX_BANKS || mask == 0 || mask >> TPM2_NUM_PCRS)
		return pp_fail(err, PP_EINVAL, "%s: %u banks, PCR mask 0x%x (1-%u banks, PCR 0-%u)",
			       what, nbanks, mask, TPM2_MAX_BANKS, TPM2_NUM_PCRS - 1);
	tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_SESSIONS, TPM2_CC_QUOTE);
	tpm2_wr_u32(&w, ak->handle);
	tpm2_wr_pw_session(&w);
	tpm2_wr_u16(&w, (u16)nonce_len); /* qualifyingData */
	tpm2_wr_bytes(&w, nonce, nonce_len);
	tpm2_wr_u16(&w, TPM2_ALG_NULL); /* inScheme: the key's */
	tpm2_wr_u32(&w, nbanks);	/* TPML_PCR_SELECTION */
	for (u32 i = 0; i < nbanks; i++) {
		tpm2_wr_u16(&w, algs[i]);
		tpm2_wr_u8(&w, QUOTE_SELECT_SIZE);
		tpm2_wr_u8(&w, (u8)mask);
		tpm2_wr_u8(&w, (u8)(mask >> 8));
		tpm2_wr_u8(&w, (u8)(mask >> 16));
	}
	rc = tpm2_wr_finish(&w, &len, what, err);
	if (!rc)
		rc = tpm2_exchange(dev, dev->cmd, len, what, err);
	if (!rc)
		rc = tpm2_parse_quote(dev->rsp, dev->rsp_len, ld_be16(ak->pub + 2), attest,
				      attest_cap, attest_len, sig, sig_cap, sig_len, err);
	return rc;
}
