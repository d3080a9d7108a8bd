// SPDX-License-Identifier: GPL-2.0-only
/*
 * Active PCR banks: TPM2_GetCapability(TPM_CAP_PCRS) (TPM 2.0 Part 3, 30.2)
 * returns TPMI_YES_NO moreData and TPMS_CAPABILITY_DATA {u32 capability,
 * TPML_PCR_SELECTION {u32 count, TPMS_PCR_SELECTION {u16 hash, u8
 * sizeofSelect, u8 pcrSelect[sizeofSelect]}[count]}} (Part 2, 10.6.2, 10.9.7).
 * A bank is active when its pcrSelect bitmap is non-zero.
 */
#include <parapet/eventlog.h>
#include <parapet/fmt.h>
#include <parapet/string.h>
#include <parapet/tpm2.h>
#include "common/tpm/marshal.h"

static const char what[] = "TPM2_GetCapability(TPM_CAP_PCRS)";

static int parse_bank(struct tpm2_rd *r, u32 idx, struct tpm2_banks *out, struct pp_err *err)
{
	struct tpm2_bank *b = &out->bank[idx];
	const u8 *sel;
	u8 n;

	if (!tpm2_rd_u16(r, &b->alg) || !tpm2_rd_u8(r, &n))
		return pp_fail(err, PP_ETRUNC, "%s: PCR selection %u is truncated", what, idx);
	if (n > TPM2_PCR_SELECT_MAX)
		return pp_fail(err, PP_ERANGE, "%s: bank 0x%04x sizeofSelect %u exceeds %u", what,
			       b->alg, n, TPM2_PCR_SELECT_MAX);
	if (!tpm2_rd_span(r, n, &sel))
		return pp_fail(err, PP_ETRUNC, "%s: bank 0x%04x pcrSelect (%u bytes) is truncated",
			       what, b->alg, n);
	for (u32 j = 0; j < idx; j++)
		if (out->bank[j].alg == b->alg)
			return pp_fail(err, PP_EINVAL, "%s: bank 0x%04x listed twice", what,
				       b->alg);
	b->size_of_select = n;
	memcpy(b->select, sel, n);
	b->active = false;
	for (u32 j = 0; j < n; j++)
		if (sel[j])
			b->active = true;
	b->digest_size = (u16)pp_hash_digest_size(b->alg);
	return 0;
}

int tpm2_parse_get_banks(const u8 *rsp, size_t len, struct tpm2_banks *out, struct pp_err *err)
{
	struct tpm2_banks tmp;
	struct tpm2_rd r;
	u8 more;
	u32 cap, count;
	int rc;

	memset(&tmp, 0, sizeof(tmp));
	rc = tpm2_rsp_params(rsp, len, 0, &r, what, err);
	if (rc)
		return rc;
	if (!tpm2_rd_u8(&r, &more) || !tpm2_rd_u32(&r, &cap) || !tpm2_rd_u32(&r, &count))
		return pp_fail(err, PP_ETRUNC, "%s: response of %zu bytes is truncated", what, len);
	if (more > 1)
		return pp_fail(err, PP_EINVAL, "%s: moreData is %u, not a TPMI_YES_NO", what, more);
	/* A partial list would leave banks we never extend: refuse it. */
	if (more)
		return pp_fail(err, PP_ENOTSUP, "%s: TPM reports more banks than it returned",
			       what);
	if (cap != TPM2_CAP_PCRS)
		return pp_fail(err, PP_EINVAL, "%s: response is for capability 0x%x", what, cap);
	if (count > TPM2_MAX_BANKS)
		return pp_fail(err, PP_ERANGE, "%s: %u PCR banks, at most %u supported", what,
			       count, TPM2_MAX_BANKS);
	for (u32 i = 0; i < count; i++) {
		rc = parse_bank(&r, i, &tmp, err);
		if (rc)
			return rc;
	}
	if (tpm2_rd_left(&r))
		return pp_fail(err, PP_EINVAL, "%s: %zu unexpected bytes after %u banks", what,
			       tpm2_rd_left(&r), count);
	tmp.count = count;
	*out = tmp;
	return 0;
}

int tpm2_get_banks(struct tpm2_dev *dev, struct tpm2_banks *out, struct pp_err *err)
{
	struct tpm2_wr w;
	size_t len;
	int rc;

	dev->banks_known = false;
	tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_NO_SESSIONS, TPM2_CC_GET_CAPABILITY);
	tpm2_wr_u32(&w, TPM2_CAP_PCRS);
	tpm2_wr_u32(&w, 0);		 /* property: ignored for TPM_CAP_PCRS */
	tpm2_wr_u32(&w, TPM2_MAX_BANKS); /* propertyCount */
	rc = tpm2_wr_finish(&w, &len, what, err);
	if (!rc)
		rc = tpm2_exchange(dev, dev->cmd, len, what, err);
	if (!rc)
		rc = tpm2_parse_get_banks(dev->rsp, dev->rsp_len, &dev->banks, err);
	if (rc)
		return rc;
	dev->banks_known = true;
	if (out)
		*out = dev->banks;
	return 0;
}

u32 tpm2_active_banks(const struct tpm2_dev *dev, u16 *algs, u32 max)
{
	u32 n = 0;
	for (u32 i = 0; i < dev->banks.count && i < TPM2_MAX_BANKS; i++) {
		if (!dev->banks.bank[i].active)
			continue;
		if (algs && n < max)
			algs[n] = dev->banks.bank[i].alg;
		n++;
	}
	return n;
}

const char *tpm2_banks_describe(const struct tpm2_dev *dev, char *buf, size_t size)
{
	u16 algs[TPM2_MAX_BANKS];
	u32 n = PP_MIN(tpm2_active_banks(dev, algs, TPM2_MAX_BANKS), TPM2_MAX_BANKS);
	size_t at = 0;

	if (!size)
		return buf;
	buf[0] = '\0';
	for (u32 i = 0; i < n && at < size; i++) {
		int w = pp_hash_supported(algs[i])
			    ? pp_snprintf(buf + at, size - at, "%s%s", i ? " " : "",
					  pp_evlog_alg_name(algs[i]))
			    : pp_snprintf(buf + at, size - at, "%s0x%04x", i ? " " : "", algs[i]);
		at += w > 0 ? (size_t)w : 0;
	}
	if (!n)
		pp_snprintf(buf, size, "none");
	return buf;
}
