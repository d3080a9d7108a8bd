// SPDX-License-Identifier: GPL-2.0-only
/*
 * The QUOTE reply's PCRS item (attest_proto.h: u32 LE n, then n x {u16 LE
 * alg, u8 pcr, u8 size, digest}) rewritten as the PCR file verify reads:
 * tpm2-tools 5.4's serialized format (pcrfile.c has the layout). The
 * values must come in the quote's selection order (banks together, PCRs
 * ascending in each), the order the file lists them in: an item out of
 * that order is refused, never relabelled. Trust: the item is agent
 * bytes, bounds-checked here and otherwise unjudged: the file is as
 * unauthenticated as the item, and verify compares its selection with the
 * quote's and its values with the quote's pcrDigest.
 */
#include <stdio.h>
#include <string.h>
#include <parapet/bytes.h>
#include "attest/verifier/online.h"

/*
 * The PCRS item (u32 n, n x {u16 alg, u8 pcr, u8 size, digest}) as the
 * tpm2-tools 5.4 serialized PCR file (pcrfile.c has the layout): the
 * selection in the order banks first appear, the digests in the item's
 * (checked) order. Nothing else is judged here; verify compares both with
 * the quote.
 */
int av_pcrs_to_file(const u8 *p, size_t n, u8 *out, size_t cap, size_t *len, char *why,
		    size_t whylen)
{
	u32 cnt, nb = 0, last = 0;
	size_t off = 4;
	if (n < 4 || (cnt = ld_le32(p)) > TPM2_NUM_PCR_BANKS * 24u) {
		snprintf(why, whylen, "PCRS item: %zu bytes, count %u", n, n < 4 ? 0 : ld_le32(p));
		return -1;
	}
	u32 lists = (cnt + 7) / 8;
	size_t need = 132 + 4 + (size_t)lists * 532;
	if (need > cap) {
		snprintf(why, whylen, "PCRS item: %u values do not fit", cnt);
		return -1;
	}
	memset(out, 0, need);
	st_le32(out + 132, lists);
	for (u32 i = 0; i < cnt; i++) {
		if (off + 4 > n || off + 4 + p[off + 3] > n || p[off + 3] > 64 ||
		    p[off + 2] >= 24) {
			snprintf(why, whylen, "PCRS item: value %u truncated or out of range", i);
			return -1;
		}
		u16 alg = ld_le16(p + off);
		u8 pcr = p[off + 2], size = p[off + 3];
		size_t b = 0;
		while (b < nb && ld_le16(out + 4 + b * 8) != alg)
			b++;
		if (b + 1 < nb || (b + 1 == nb && pcr <= last)) {
			snprintf(why, whylen,
				 "PCRS item: value %u (bank 0x%04x PCR %u) out of the selection's "
				 "order (banks together, PCRs ascending)",
				 i, alg, pcr);
			return -1;
		}
		last = pcr;
		if (b == nb) {
			if (nb == 16) {
				snprintf(why, whylen, "PCRS item: more than 16 banks");
				return -1;
			}
			st_le16(out + 4 + b * 8, alg);
			out[4 + b * 8 + 2] = 3; /* sizeofSelect: PCR 0-23 */
			nb++;
		}
		out[4 + b * 8 + 3 + pcr / 8] |= (u8)(1u << (pcr % 8));
		u8 *list = out + 136 + (size_t)(i / 8) * 532;
		st_le32(list, ld_le32(list) + 1);
		st_le16(list + 4 + (size_t)(i % 8) * 66, size);
		memcpy(list + 4 + (size_t)(i % 8) * 66 + 2, p + off + 4, size);
		off += 4u + size;
	}
	if (off != n) {
		snprintf(why, whylen, "PCRS item: %zu bytes after %u values", n - off, cnt);
		return -1;
	}
	st_le32(out, nb);
	*len = need;
	return 0;
}
