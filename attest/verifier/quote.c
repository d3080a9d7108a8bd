// SPDX-License-Identifier: GPL-2.0-only
/*
 * The signed TPMS_ATTEST (TPM 2.0 Part 2, "TPMS_ATTEST"; Part 3,
 * TPM2_Quote) and what it binds:
 *  - magic TPM_GENERATED_VALUE (0xff544347) and type TPM_ST_ATTEST_QUOTE
 *    (0x8018), read from the first 6 bytes before anything else, so a
 *    structure the AK signed with TPM2_Sign cannot pass as a quote
 *    (CVE-2024-29038);
 *  - extraData equal to the challenge in nonce.hex;
 *  - the signed PCR selection equal to quote.pcrs' selection, bank by bank
 *    and bit by bit (CVE-2024-29039: values relabelled to other PCRs), and
 *    to the plan's;
 *  - pcrDigest = H_sig(the selected values in selection order).
 */
#include <stdio.h>
#include <string.h>
#include <tss2/tss2_mu.h>
#include <parapet/bytes.h>
#include <parapet/hash.h>
#include "attest/verifier/verifier.h"

#define AV_ATTEST_HEAD 6u /* u32 magic, u16 type */
#define AV_NONCE_HEX 64u

static bool selections_equal(const TPML_PCR_SELECTION *a, const TPML_PCR_SELECTION *b)
{
	if (a->count != b->count)
		return false;
	for (u32 i = 0; i < a->count; i++) {
		const TPMS_PCR_SELECTION *x = &a->pcrSelections[i], *y = &b->pcrSelections[i];
		if (x->hash != y->hash)
			return false;
		for (u32 k = 0; k < 4; k++) {
			u8 bx = k < x->sizeofSelect ? x->pcrSelect[k] : 0;
			u8 by = k < y->sizeofSelect ? y->pcrSelect[k] : 0;
			if (bx != by)
				return false;
		}
	}
	return true;
}

static int hexval(u8 c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static void check_nonce(const struct av_buf *nonce, const TPM2B_DATA *extra, struct av_result *r)
{
	u8 want[AV_NONCE_HEX / 2];
	if (nonce->n != AV_NONCE_HEX + 1 || nonce->p[AV_NONCE_HEX] != '\n') {
		av_failf(r, AV_EVIDENCE_MALFORMED,
			 "nonce.hex: %zu bytes, must be 64 lowercase hex digits and a newline",
			 nonce->n);
		return;
	}
	for (u32 i = 0; i < AV_NONCE_HEX / 2; i++) {
		int hi = hexval(nonce->p[2 * (size_t)i]), lo = hexval(nonce->p[2 * (size_t)i + 1]);
		if (hi < 0 || lo < 0) {
			av_failf(r, AV_EVIDENCE_MALFORMED,
				 "nonce.hex: byte %u is not a lowercase hex digit", 2 * i);
			return;
		}
		want[i] = (u8)(hi << 4 | lo);
	}
	if (extra->size != sizeof(want) || memcmp(extra->buffer, want, sizeof(want)) != 0)
		av_failf(r, AV_NONCE_MISMATCH,
			 "the quote's extraData (%u bytes) is not the challenge in nonce.hex",
			 extra->size);
}

static void check_digest(const TPMS_QUOTE_INFO *q, u16 hash, const struct av_pcr_values *pv,
			 struct av_result *r)
{
	static u8 cat[sizeof(pv->v) / sizeof(pv->v[0]) * 64];
	u8 d[PP_HASH_MAX_DIGEST];
	size_t n = 0;
	u32 dsz = pp_hash_digest_size(hash);
	for (u32 i = 0; i < pv->n; i++) {
		memcpy(cat + n, pv->v[i].v, pv->v[i].size);
		n += pv->v[i].size;
	}
	if (!dsz || pp_hash(hash, cat, n, d) != PP_OK) {
		av_failf(r, AV_PCR_DIGEST_MISMATCH, "pcrDigest: hash 0x%04x unsupported", hash);
		return;
	}
	if (q->pcrDigest.size != dsz || memcmp(q->pcrDigest.buffer, d, dsz) != 0)
		av_failf(r, AV_PCR_DIGEST_MISMATCH,
			 "the quote's pcrDigest is not the hash of the values in quote.pcrs");
}

bool av_check_quote(const struct av_bundle *b, u16 sig_hash, const struct av_pcr_values *pv,
		    TPMS_ATTEST *attest, struct av_result *r)
{
	size_t off = 0;
	char why[AV_MSG_MAX];
	if (b->msg.n < AV_ATTEST_HEAD) {
		av_failf(r, AV_EVIDENCE_MALFORMED, "quote.msg: %zu bytes, not a TPMS_ATTEST",
			 b->msg.n);
		return false;
	}
	u32 magic = ld_be32(b->msg.p);
	u16 type = ld_be16(b->msg.p + 4);
	if (magic != TPM2_GENERATED_VALUE)
		av_failf(r, AV_ATTEST_MAGIC_INVALID,
			 "quote.msg: magic 0x%08x, not TPM_GENERATED_VALUE 0xff544347: not "
			 "produced by the TPM's attestation commands",
			 magic);
	if (type != TPM2_ST_ATTEST_QUOTE)
		av_failf(r, AV_ATTEST_TYPE_INVALID,
			 "quote.msg: type 0x%04x, not TPM_ST_ATTEST_QUOTE 0x8018", type);
	memset(attest, 0, sizeof(*attest));
	if (Tss2_MU_TPMS_ATTEST_Unmarshal(b->msg.p, b->msg.n, &off, attest) != TSS2_RC_SUCCESS ||
	    off != b->msg.n) {
		av_failf(r, AV_EVIDENCE_MALFORMED,
			 "quote.msg: not one TPMS_ATTEST (%zu bytes, %zu parsed)", b->msg.n, off);
		return false;
	}
	r->have_clock = true;
	r->clock = attest->clockInfo;
	check_nonce(&b->nonce, &attest->extraData, r);
	if (type != TPM2_ST_ATTEST_QUOTE || !pv)
		return true;
	const TPMS_QUOTE_INFO *q = &attest->attested.quote;
	if (!selections_equal(&q->pcrSelect, &pv->sel))
		av_failf(r, AV_PCR_SELECTION_MISMATCH,
			 "the quote's signed PCR selection differs from the one quote.pcrs claims "
			 "for its values");
	else if (!av_plan_selection(&q->pcrSelect, why, sizeof(why)))
		av_failf(r, AV_PCR_SELECTION_MISMATCH, "%s", why);
	check_digest(q, sig_hash, pv, r);
	return true;
}
