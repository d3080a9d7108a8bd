// SPDX-License-Identifier: GPL-2.0-only
/*
 * TPM2_PCR_Extend (TPM 2.0 Part 3, 22.2) and TPM2_PCR_Read (Part 3, 22.4).
 * Extend: handle pcrHandle (the PCR index) with a password authorization
 * (TPM_RS_PW, empty auth), TPML_DIGEST_VALUES {u32 count, TPMT_HA {u16
 * hashAlg, digest}[count]}; response TPM_ST_SESSIONS with an empty parameter
 * area. Read: TPML_PCR_SELECTION in; u32 pcrUpdateCounter,
 * TPML_PCR_SELECTION and TPML_DIGEST {u32 count, TPM2B_DIGEST[count]} out.
 */
#include <parapet/fmt.h>
#include <parapet/string.h>
#include <parapet/tpm2.h>
#include "common/tpm/marshal.h"

static const struct tpm2_bank *find_bank(const struct tpm2_dev *dev, u16 alg)
{
	for (u32 i = 0; i < dev->banks.count && i < TPM2_MAX_BANKS; i++)
		if (dev->banks.bank[i].alg == alg)
			return &dev->banks.bank[i];
	return NULL;
}

/* digests must name each active bank exactly once, and nothing else. */
static int check_digests(const struct tpm2_dev *dev, const struct tpm2_digests *d, const char *what,
			 struct pp_err *err)
{
	if (!dev->banks_known)
		return pp_fail(err, PP_EINVAL, "%s: active PCR banks unknown (get them first)",
			       what);
	if (d->count == 0 || d->count > TPM2_MAX_BANKS)
		return pp_fail(err, PP_EINVAL, "%s: %u digests (1-%u allowed)", what, d->count,
			       TPM2_MAX_BANKS);
	for (u32 i = 0; i < d->count; i++) {
		const struct tpm2_bank *b = find_bank(dev, d->d[i].alg);
		if (!pp_hash_digest_size(d->d[i].alg))
			return pp_fail(err, PP_ENOTSUP, "%s: digest algorithm 0x%04x unknown", what,
				       d->d[i].alg);
		if (!b || !b->active)
			return pp_fail(err, PP_EINVAL, "%s: bank 0x%04x is not active on this TPM",
				       what, d->d[i].alg);
		for (u32 j = 0; j < i; j++)
			if (d->d[j].alg == d->d[i].alg)
				return pp_fail(err, PP_EINVAL, "%s: two digests for bank 0x%04x",
					       what, d->d[i].alg);
	}
	for (u32 i = 0; i < dev->banks.count && i < TPM2_MAX_BANKS; i++) {
		const struct tpm2_bank *b = &dev->banks.bank[i];
		bool found = false;
		if (!b->active)
			continue;
		for (u32 j = 0; j < d->count; j++)
			found |= d->d[j].alg == b->alg;
		if (!found)
			return pp_fail(err, PP_EINVAL, "%s: no digest for active bank 0x%04x%s",
				       what, b->alg,
				       b->digest_size ? "" : " (algorithm unknown to us)");
	}
	return 0;
}

int tpm2_parse_pcr_extend(const u8 *rsp, size_t len, struct pp_err *err)
{
	struct tpm2_rd params;
	int rc = tpm2_rsp_params(rsp, len, 1, &params, "TPM2_PCR_Extend", err);
	if (rc)
		return rc;
	if (tpm2_rd_left(&params))
		return pp_fail(err, PP_EINVAL, "TPM2_PCR_Extend: %zu unexpected parameter bytes",
			       tpm2_rd_left(&params));
	return 0;
}

int tpm2_pcr_extend(struct tpm2_dev *dev, u32 pcr, const struct tpm2_digests *digests,
		    struct pp_err *err)
{
	char what[32];
	struct tpm2_wr w;
	size_t len;
	int rc;

	pp_snprintf(what, sizeof(what), "TPM2_PCR_Extend(PCR %u)", pcr);
	if (pcr >= TPM2_NUM_PCRS)
		return pp_fail(err, PP_EINVAL, "%s: PCR %u out of range (0-%u)", what, pcr,
			       TPM2_NUM_PCRS - 1);
	rc = check_digests(dev, digests, what, err);
	if (rc)
		return rc;
	tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_SESSIONS, TPM2_CC_PCR_EXTEND);
	tpm2_wr_u32(&w, pcr); /* TPMI_DH_PCR: PCR handles are the PCR numbers */
	tpm2_wr_pw_session(&w);
	tpm2_wr_u32(&w, digests->count);
	for (u32 i = 0; i < digests->count; i++) {
		tpm2_wr_u16(&w, digests->d[i].alg);
		tpm2_wr_bytes(&w, digests->d[i].digest, pp_hash_digest_size(digests->d[i].alg));
	}
	rc = tpm2_wr_finish(&w, &len, what, err);
	if (!rc)
		rc = tpm2_exchange(dev, dev->cmd, len, what, err);
	if (!rc)
		rc = tpm2_parse_pcr_extend(dev->rsp, dev->rsp_len, err);
	return rc;
}

static u8 select_size(u32 pcr)
{
	u32 n = pcr / 8 + 1;
	return (u8)(n < TPM2_PCR_SELECT_MIN ? TPM2_PCR_SELECT_MIN : n);
}

int tpm2_parse_pcr_read(const u8 *rsp, size_t len, u32 pcr, u16 alg, u8 *out, u32 out_cap,
			u32 *out_len, struct pp_err *err)
{
	static const char what[] = "TPM2_PCR_Read";
	struct tpm2_rd r;
	const u8 *sel, *dig;
	u32 counter, nsel, ndig;
	u16 ralg, dsize;
	u8 nbytes;
	u32 want = pp_hash_digest_size(alg);
	int rc;

	rc = tpm2_rsp_params(rsp, len, 0, &r, what, err);
	if (rc)
		return rc;
	if (!tpm2_rd_u32(&r, &counter) || !tpm2_rd_u32(&r, &nsel))
		return pp_fail(err, PP_ETRUNC, "%s: response of %zu bytes is truncated", what, len);
	if (nsel == 0)
		return pp_fail(err, PP_ENOENT, "%s: TPM has no PCR %u in bank 0x%04x", what, pcr,
			       alg);
	if (nsel != 1)
		return pp_fail(err, PP_EINVAL, "%s: %u selections returned for 1 requested", what,
			       nsel);
	if (!tpm2_rd_u16(&r, &ralg) || !tpm2_rd_u8(&r, &nbytes) || !tpm2_rd_span(&r, nbytes, &sel))
		return pp_fail(err, PP_ETRUNC, "%s: returned PCR selection is truncated", what);
	if (ralg != alg)
		return pp_fail(err, PP_EINVAL, "%s: returned bank 0x%04x, requested 0x%04x", what,
			       ralg, alg);
	for (u32 i = 0; i < nbytes; i++) {
		u8 expect = (i == pcr / 8) ? (u8)(1u << (pcr % 8)) : 0;
		if (sel[i] != expect)
			return pp_fail(err, i == pcr / 8 && !sel[i] ? PP_ENOENT : PP_EINVAL,
				       "%s: returned selection byte %u is 0x%02x, expected 0x%02x "
				       "(PCR %u)",
				       what, i, sel[i], expect, pcr);
	}
	if (pcr / 8 >= nbytes)
		return pp_fail(err, PP_ENOENT, "%s: returned selection (%u bytes) lacks PCR %u",
			       what, nbytes, pcr);
	if (!tpm2_rd_u32(&r, &ndig))
		return pp_fail(err, PP_ETRUNC, "%s: response lacks the digest count", what);
	if (ndig != 1)
		return pp_fail(err, PP_EINVAL, "%s: %u digests returned for 1 PCR", what, ndig);
	if (!tpm2_rd_u16(&r, &dsize) || !tpm2_rd_span(&r, dsize, &dig))
		return pp_fail(err, PP_ETRUNC, "%s: returned digest is truncated", what);
	if (dsize != want)
		return pp_fail(err, PP_EINVAL,
			       "%s: digest of %u bytes for bank 0x%04x (expected %u)", what, dsize,
			       alg, want);
	if (tpm2_rd_left(&r))
		return pp_fail(err, PP_EINVAL, "%s: %zu unexpected bytes after the digest", what,
			       tpm2_rd_left(&r));
	if (dsize > out_cap)
		return pp_fail(err, PP_ERANGE, "%s: %u-byte digest, output holds %u", what, dsize,
			       out_cap);
	memcpy(out, dig, dsize);
	*out_len = dsize;
	return 0;
}

int tpm2_pcr_read(struct tpm2_dev *dev, u32 pcr, u16 alg, u8 *out, u32 out_cap, u32 *out_len,
		  struct pp_err *err)
{
	static const char what[] = "TPM2_PCR_Read";
	u8 sel[TPM2_PCR_SELECT_MAX];
	struct tpm2_wr w;
	size_t len;
	u8 n;
	int rc;

	if (pcr >= TPM2_NUM_PCRS)
		return pp_fail(err, PP_EINVAL, "%s: PCR %u out of range (0-%u)", what, pcr,
			       TPM2_NUM_PCRS - 1);
	if (!pp_hash_digest_size(alg))
		return pp_fail(err, PP_ENOTSUP, "%s: bank algorithm 0x%04x unknown", what, alg);
	n = select_size(pcr);
	memset(sel, 0, sizeof(sel));
	sel[pcr / 8] = (u8)(1u << (pcr % 8));
	tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_NO_SESSIONS, TPM2_CC_PCR_READ);
	tpm2_wr_u32(&w, 1); /* TPML_PCR_SELECTION.count */
	tpm2_wr_u16(&w, alg);
	tpm2_wr_u8(&w, n);
	tpm2_wr_bytes(&w, sel, n);
	rc = tpm2_wr_finish(&w, &len, what, err);
	if (!rc)
		rc = tpm2_exchange(dev, dev->cmd, len, what, err);
	if (!rc)
		rc = tpm2_parse_pcr_read(dev->rsp, dev->rsp_len, pcr, alg, out, out_cap, out_len,
					 err);
	return rc;
}
