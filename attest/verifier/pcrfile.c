// SPDX-License-Identifier: GPL-2.0-only
/*
 * quote.pcrs: the PCR file tpm2-tools 5.4 writes with `tpm2_quote -o`
 * (its default "serialized" format). It is the in-memory image of the
 * tools' structures on x86_64, so little-endian with C padding:
 *
 *   0    TPML_PCR_SELECTION  u32 count (<= 16), then 16 entries of 8 bytes:
 *        +0 u16 hash | +2 u8 sizeofSelect (<= 4) | +3 u8 pcrSelect[4] | +7 pad
 *   132  u32 n: the number of TPML_DIGEST that follow
 *   136  n x TPML_DIGEST (532 bytes): u32 count (<= 8), then 8 entries of
 *        u16 size + 64 bytes (TPM2B_DIGEST)
 *
 * The digests are the selected PCRs in selection order (bank by bank, PCRs
 * ascending), eight per TPML_DIGEST. Bytes no field uses (padding, entries
 * past a count, digest buffers past their size) must be zero, as
 * tpm2-tools writes them: nothing in the file goes unread. Nothing in it is signed: the
 * selection is compared with the quote's and the values with its pcrDigest
 * (quote.c). Parsed strictly: sizes, counts and digest lengths exact.
 */
#include <stdio.h>
#include <string.h>
#include <parapet/bytes.h>
#include <parapet/hash.h>
#include "attest/verifier/verifier.h"

#define PF_SEL_ENTRIES 16u
#define PF_SEL_ENTRY 8u
#define PF_SEL_SIZE (4u + PF_SEL_ENTRIES * PF_SEL_ENTRY) /* 132 */
#define PF_DIGESTS_PER_LIST 8u
#define PF_TPM2B_DIGEST 66u
#define PF_LIST_SIZE (4u + PF_DIGESTS_PER_LIST * PF_TPM2B_DIGEST) /* 532 */
#define PF_MAX_LISTS (TPM2_NUM_PCR_BANKS * 24u / PF_DIGESTS_PER_LIST + 1u)

_Static_assert(PF_SEL_SIZE == 132, "TPML_PCR_SELECTION image");
_Static_assert(PF_LIST_SIZE == 532, "TPML_DIGEST image");

bool av_pcr_selected(const TPML_PCR_SELECTION *sel, u16 alg, u32 pcr)
{
	for (u32 i = 0; i < sel->count && i < TPM2_NUM_PCR_BANKS; i++) {
		const TPMS_PCR_SELECTION *s = &sel->pcrSelections[i];
		if (s->hash == alg && pcr / 8 < s->sizeofSelect &&
		    (s->pcrSelect[pcr / 8] & (1u << (pcr % 8))))
			return true;
	}
	return false;
}

static bool zero(const u8 *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static int parse_selection(const u8 *p, TPML_PCR_SELECTION *sel, char *why, size_t whylen)
{
	for (u32 i = 0; i < PF_SEL_ENTRIES; i++) {
		const u8 *e = p + 4 + (size_t)i * PF_SEL_ENTRY;
		u32 used = i < ld_le32(p) && e[2] <= 4 ? 3u + e[2] : 0u;
		if (!zero(e + used, PF_SEL_ENTRY - used)) {
			snprintf(why, whylen,
				 "quote.pcrs: selection entry %u: unused bytes not zero", i);
			return -1;
		}
	}
	memset(sel, 0, sizeof(*sel));
	sel->count = ld_le32(p);
	if (sel->count > PF_SEL_ENTRIES) {
		snprintf(why, whylen, "quote.pcrs: %u banks selected (at most 16)", sel->count);
		return -1;
	}
	for (u32 i = 0; i < sel->count; i++) {
		const u8 *e = p + 4 + (size_t)i * PF_SEL_ENTRY;
		TPMS_PCR_SELECTION *s = &sel->pcrSelections[i];
		s->hash = ld_le16(e);
		s->sizeofSelect = e[2];
		if (!pp_hash_digest_size(s->hash) || s->sizeofSelect > 4) {
			snprintf(why, whylen,
				 "quote.pcrs: selection %u: hash 0x%04x, %u select bytes", i,
				 s->hash, s->sizeofSelect);
			return -1;
		}
		memcpy(s->pcrSelect, e + 3, s->sizeofSelect);
		if (s->sizeofSelect == 4 && s->pcrSelect[3]) {
			snprintf(why, whylen, "quote.pcrs: selection %u names a PCR above 23", i);
			return -1;
		}
		for (u32 j = 0; j < i; j++)
			if (sel->pcrSelections[j].hash == s->hash) {
				snprintf(why, whylen, "quote.pcrs: bank 0x%04x selected twice",
					 s->hash);
				return -1;
			}
	}
	return 0;
}

int av_pcrs_parse(const u8 *p, size_t n, struct av_pcr_values *out, char *why, size_t whylen)
{
	memset(out, 0, sizeof(*out));
	if (n < PF_SEL_SIZE + 4) {
		snprintf(why, whylen, "quote.pcrs: %zu bytes, shorter than its header (136)", n);
		return -1;
	}
	if (parse_selection(p, &out->sel, why, whylen))
		return -1;
	u32 lists = ld_le32(p + PF_SEL_SIZE);
	if (lists > PF_MAX_LISTS || n != PF_SEL_SIZE + 4 + (size_t)lists * PF_LIST_SIZE) {
		snprintf(why, whylen, "quote.pcrs: %zu bytes for %u digest lists", n, lists);
		return -1;
	}
	u32 list = 0, in_list = 0;
	const u8 *lp = p + PF_SEL_SIZE + 4;
	for (u32 b = 0; b < out->sel.count; b++) {
		const TPMS_PCR_SELECTION *s = &out->sel.pcrSelections[b];
		u32 dsz = pp_hash_digest_size(s->hash);
		for (u32 pcr = 0; pcr < 24; pcr++) {
			if (!av_pcr_selected(&out->sel, s->hash, pcr))
				continue;
			while (list < lists &&
			       in_list == ld_le32(lp + (size_t)list * PF_LIST_SIZE)) {
				list++;
				in_list = 0;
			}
			if (list == lists) {
				snprintf(why, whylen,
					 "quote.pcrs: fewer digests than selected PCRs");
				return -1;
			}
			const u8 *l = lp + (size_t)list * PF_LIST_SIZE;
			if (ld_le32(l) > PF_DIGESTS_PER_LIST) {
				snprintf(why, whylen, "quote.pcrs: digest list %u counts %u", list,
					 ld_le32(l));
				return -1;
			}
			const u8 *d = l + 4 + (size_t)in_list * PF_TPM2B_DIGEST;
			if (ld_le16(d) != dsz || !zero(d + 2 + dsz, PF_TPM2B_DIGEST - 2 - dsz)) {
				snprintf(why, whylen, "quote.pcrs: PCR %u 0x%04x value of %u bytes",
					 pcr, s->hash, ld_le16(d));
				return -1;
			}
			out->v[out->n].alg = s->hash;
			out->v[out->n].pcr = (u8)pcr;
			out->v[out->n].size = (u16)dsz;
			memcpy(out->v[out->n].v, d + 2, dsz);
			out->n++;
			in_list++;
		}
	}
	while (list < lists && in_list == ld_le32(lp + (size_t)list * PF_LIST_SIZE)) {
		list++;
		in_list = 0;
	}
	if (list != lists || in_list) {
		snprintf(why, whylen, "quote.pcrs: more digests than selected PCRs");
		return -1;
	}
	for (u32 i = 0; i < lists; i++) {
		const u8 *l = lp + (size_t)i * PF_LIST_SIZE;
		u32 used = 4 + ld_le32(l) * PF_TPM2B_DIGEST;
		if (!zero(l + used, PF_LIST_SIZE - used)) {
			snprintf(why, whylen, "quote.pcrs: digest list %u: unused bytes not zero",
				 i);
			return -1;
		}
	}
	return 0;
}
