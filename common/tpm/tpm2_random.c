// SPDX-License-Identifier: GPL-2.0-only
/*
 * TPM2_GetRandom (TPM 2.0 Part 3, 16.1): u16 bytesRequested in, TPM2B_DIGEST
 * out. The TPM may return fewer bytes than asked (at most its largest
 * digest size), so we ask in TPM2_GETRANDOM_CHUNK pieces until filled; a
 * response with zero bytes is an error, which bounds the loop.
 */
#include <parapet/string.h>
#include <parapet/tpm2.h>
#include "common/tpm/marshal.h"

static const char what[] = "TPM2_GetRandom";

int tpm2_parse_get_random(const u8 *rsp, size_t len, u32 asked, u8 *out, u32 *got,
			  struct pp_err *err)
{
	struct tpm2_rd r;
	const u8 *p;
	u16 n;
	int rc;

	rc = tpm2_rsp_params(rsp, len, 0, &r, what, err);
	if (rc)
		return rc;
	if (!tpm2_rd_u16(&r, &n))
		return pp_fail(err, PP_ETRUNC, "%s: response lacks randomBytes.size", what);
	if (n == 0)
		return pp_fail(err, PP_EDEVICE, "%s: TPM returned 0 of %u bytes", what, asked);
	if (n > asked)
		return pp_fail(err, PP_EINVAL, "%s: TPM returned %u bytes, more than the %u asked",
			       what, n, asked);
	if (!tpm2_rd_span(&r, n, &p))
		return pp_fail(err, PP_ETRUNC, "%s: randomBytes.size %u exceeds the %zu bytes left",
			       what, n, tpm2_rd_left(&r));
	if (tpm2_rd_left(&r))
		return pp_fail(err, PP_EINVAL, "%s: %zu unexpected bytes after randomBytes", what,
			       tpm2_rd_left(&r));
	memcpy(out, p, n);
	*got = n;
	return 0;
}

int tpm2_get_random(struct tpm2_dev *dev, u8 *out, size_t len, struct pp_err *err)
{
	size_t done = 0;

	while (done < len) {
		struct tpm2_wr w;
		size_t clen;
		u32 ask = (u32)PP_MIN(len - done, (size_t)TPM2_GETRANDOM_CHUNK), got = 0;
		int rc;

		tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_NO_SESSIONS,
			      TPM2_CC_GET_RANDOM);
		tpm2_wr_u16(&w, (u16)ask);
		rc = tpm2_wr_finish(&w, &clen, what, err);
		if (!rc)
			rc = tpm2_exchange(dev, dev->cmd, clen, what, err);
		if (!rc)
			rc = tpm2_parse_get_random(dev->rsp, dev->rsp_len, ask, out + done, &got,
						   err);
		if (rc)
			return rc;
		done += got; /* got >= 1: the loop ends after at most len rounds */
	}
	return 0;
}
