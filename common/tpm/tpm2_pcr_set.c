// SPDX-License-Identifier: GPL-2.0-only
/*
 * Many PCRs of many banks through few TPM2_PCR_Read commands (TPM 2.0
 * Part 3, 22.4). One command selects every (bank, PCR) still unread:
 * TPML_PCR_SELECTION {u32 count, TPMS_PCR_SELECTION {u16 hash, u8
 * sizeofSelect, pcrSelect[sizeofSelect]}[count]}. The TPM answers u32
 * pcrUpdateCounter, pcrSelectionOut (the selection with the bits of every
 * PCR it did not return cleared) and TPML_DIGEST {u32 count, TPM2B_DIGEST
 * [count]} in the order of pcrSelectionOut: selections in order, PCRs
 * ascending within each. TPML_DIGEST holds at most 8 digests (Part 2,
 * 10.9.2), so the reader repeats with what is left until everything asked
 * for has arrived, and stops with an error when a response brings nothing
 * new.
 */
#include <parapet/fmt.h>
#include <parapet/string.h>
#include <parapet/tpm2.h>
#include "common/tpm/marshal.h"

#define PCR_SET_SELECT_BYTES TPM2_PCR_SELECT_MIN /* PCR 0-23 */
#define PCR_SET_ALL ((1u << TPM2_NUM_PCRS) - 1u)

static const char what[] = "TPM2_PCR_Read";

static u32 popcount(u32 v)
{
	u32 n = 0;
	for (; v; v &= v - 1)
		n++;
	return n;
}

static int check_request(const struct tpm2_pcr_set *s, struct pp_err *err)
{
	if (s->nbanks == 0 || s->nbanks > TPM2_MAX_BANKS)
		return pp_fail(err, PP_EINVAL, "%s: %u banks asked (1-%u allowed)", what, s->nbanks,
			       TPM2_MAX_BANKS);
	if (s->mask == 0 || (s->mask & ~PCR_SET_ALL))
		return pp_fail(err, PP_EINVAL, "%s: PCR mask 0x%x (PCR 0-%u, at least one)", what,
			       s->mask, TPM2_NUM_PCRS - 1);
	for (u32 k = 0; k < s->nbanks; k++) {
		if (!pp_hash_digest_size(s->alg[k]))
			return pp_fail(err, PP_ENOTSUP, "%s: bank algorithm 0x%04x unknown", what,
				       s->alg[k]);
		for (u32 j = 0; j < k; j++)
			if (s->alg[j] == s->alg[k])
				return pp_fail(err, PP_EINVAL, "%s: bank 0x%04x asked twice", what,
					       s->alg[k]);
	}
	return 0;
}

static int bank_index(const struct tpm2_pcr_set *s, u16 alg)
{
	for (u32 k = 0; k < s->nbanks; k++)
		if (s->alg[k] == alg)
			return (int)k;
	return -1;
}

/* Parses pcrSelectionOut into took[] (PCRs returned per bank, in s->alg order). */
static int parse_selection(struct tpm2_rd *r, const struct tpm2_pcr_set *s, u32 *took, u16 *order,
			   u32 *norder, struct pp_err *err)
{
	u32 nsel;
	if (!tpm2_rd_u32(r, &nsel))
		return pp_fail(err, PP_ETRUNC, "%s: response lacks pcrSelectionOut", what);
	if (nsel > s->nbanks)
		return pp_fail(err, PP_EINVAL, "%s: %u selections returned for %u banks asked",
			       what, nsel, s->nbanks);
	u32 seen = 0; /* bit k: bank k named already */
	*norder = 0;
	for (u32 i = 0; i < nsel; i++) {
		u16 alg;
		u8 nbytes;
		const u8 *sel;
		u32 bits = 0;
		if (!tpm2_rd_u16(r, &alg) || !tpm2_rd_u8(r, &nbytes) ||
		    !tpm2_rd_span(r, nbytes, &sel))
			return pp_fail(err, PP_ETRUNC, "%s: returned selection %u is truncated",
				       what, i);
		int k = bank_index(s, alg);
		if (k < 0 || (seen & (1u << k)))
			return pp_fail(err, PP_EINVAL,
				       "%s: returned selection %u names bank 0x%04x %s", what, i,
				       alg, k < 0 ? "which was not asked" : "twice");
		seen |= 1u << k;
		for (u32 b = 0; b < nbytes; b++) {
			if (b * 8 >= TPM2_NUM_PCRS) {
				if (sel[b])
					return pp_fail(err, PP_EINVAL,
						       "%s: bank 0x%04x: PCR beyond %u returned",
						       what, alg, TPM2_NUM_PCRS - 1);
				continue;
			}
			bits |= (u32)sel[b] << (8 * b);
		}
		u32 missing = s->mask & ~s->got[k];
		if (bits & ~missing)
			return pp_fail(err, PP_EINVAL,
				       "%s: bank 0x%04x: PCRs 0x%06x returned, 0x%06x asked", what,
				       alg, bits, missing);
		took[k] = bits; /* may be 0: nothing of this bank in this response */
		order[(*norder)++] = (u16)k;
	}
	return 0;
}

int tpm2_parse_pcr_read_set(const u8 *rsp, size_t len, struct tpm2_pcr_set *s, u32 *newly,
			    struct pp_err *err)
{
	struct tpm2_rd r;
	u32 took[TPM2_MAX_BANKS] = {0};
	u16 order[TPM2_MAX_BANKS];
	u32 norder = 0, counter, ndig, want = 0;
	int rc;

	*newly = 0;
	rc = check_request(s, err);
	if (!rc)
		rc = tpm2_rsp_params(rsp, len, 0, &r, what, err);
	if (rc)
		return rc;
	if (!tpm2_rd_u32(&r, &counter))
		return pp_fail(err, PP_ETRUNC, "%s: response of %zu bytes is truncated", what, len);
	rc = parse_selection(&r, s, took, order, &norder, err);
	if (rc)
		return rc;
	for (u32 i = 0; i < norder; i++)
		want += popcount(took[order[i]]);
	if (!tpm2_rd_u32(&r, &ndig))
		return pp_fail(err, PP_ETRUNC, "%s: response lacks the digest count", what);
	if (ndig != want)
		return pp_fail(err, PP_EINVAL, "%s: %u digests returned for %u selected PCRs", what,
			       ndig, want);
	/* Check every digest before storing any: a bad response changes nothing. */
	size_t first = r.off;
	for (u32 pass = 0; pass < 2; pass++) {
		r.off = first;
		for (u32 i = 0; i < norder; i++) {
			u32 k = order[i];
			u32 dsz = pp_hash_digest_size(s->alg[k]);
			for (u32 pcr = 0; pcr < TPM2_NUM_PCRS; pcr++) {
				u16 size;
				const u8 *d;
				if (!(took[k] & (1u << pcr)))
					continue;
				if (!tpm2_rd_u16(&r, &size) || !tpm2_rd_span(&r, size, &d))
					return pp_fail(err, PP_ETRUNC,
						       "%s: digest of PCR %u bank 0x%04x is "
						       "truncated",
						       what, pcr, s->alg[k]);
				if (size != dsz)
					return pp_fail(err, PP_EINVAL,
						       "%s: PCR %u bank 0x%04x: digest of %u "
						       "bytes (expected %u)",
						       what, pcr, s->alg[k], size, dsz);
				if (pass == 1)
					memcpy(s->digest[k][pcr], d, size);
			}
		}
		if (pass == 0 && tpm2_rd_left(&r))
			return pp_fail(err, PP_EINVAL, "%s: %zu unexpected bytes after the digests",
				       what, tpm2_rd_left(&r));
	}
	for (u32 i = 0; i < norder; i++)
		s->got[order[i]] |= took[order[i]];
	*newly = want;
	return 0;
}

/* The first (bank, PCR) still missing, for the error message. */
static void first_missing(const struct tpm2_pcr_set *s, u16 *alg, u32 *pcr)
{
	for (u32 k = 0; k < s->nbanks; k++) {
		u32 m = s->mask & ~s->got[k];
		if (!m)
			continue;
		*alg = s->alg[k];
		for (*pcr = 0; !(m & (1u << *pcr)); (*pcr)++)
			;
		return;
	}
}

int tpm2_pcr_read_set(struct tpm2_dev *dev, struct tpm2_pcr_set *s, struct pp_err *err)
{
	int rc = check_request(s, err);
	if (rc)
		return rc;
	memset(s->got, 0, sizeof(s->got));
	/* Ends: every round adds a digest to got[] or fails. */
	for (;;) {
		struct tpm2_wr w;
		size_t len;
		u32 nsel = 0, newly = 0;

		for (u32 k = 0; k < s->nbanks; k++)
			nsel += (s->mask & ~s->got[k]) != 0;
		if (!nsel)
			return 0;
		tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_NO_SESSIONS,
			      TPM2_CC_PCR_READ);
		tpm2_wr_u32(&w, nsel);
		for (u32 k = 0; k < s->nbanks; k++) {
			u32 m = s->mask & ~s->got[k];
			if (!m)
				continue;
			tpm2_wr_u16(&w, s->alg[k]);
			tpm2_wr_u8(&w, PCR_SET_SELECT_BYTES);
			for (u32 b = 0; b < PCR_SET_SELECT_BYTES; b++)
				tpm2_wr_u8(&w, (u8)(m >> (8 * b)));
		}
		rc = tpm2_wr_finish(&w, &len, what, err);
		if (!rc)
			rc = tpm2_exchange(dev, dev->cmd, len, what, err);
		if (!rc)
			rc = tpm2_parse_pcr_read_set(dev->rsp, dev->rsp_len, s, &newly, err);
		if (rc)
			return rc;
		if (!newly) {
			u16 alg = 0;
			u32 pcr = 0;
			first_missing(s, &alg, &pcr);
			return pp_fail(err, PP_ENOENT,
				       "%s: TPM returned none of the PCRs left "
				       "(first: PCR %u of bank 0x%04x)",
				       what, pcr, alg);
		}
	}
}
