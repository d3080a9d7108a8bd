// SPDX-License-Identifier: GPL-2.0-only
/* TPM 2.0 marshaling primitives (see marshal.h). */
#include <parapet/bytes.h>
#include <parapet/tpm2_types.h>
#include "common/tpm/marshal.h"

void tpm2_wr_begin(struct tpm2_wr *w, u8 *buf, size_t cap, u16 tag, u32 cc)
{
	w->buf = buf;
	w->cap = cap;
	w->off = 0;
	w->overflow = false;
	tpm2_wr_u16(w, tag);
	tpm2_wr_u32(w, 0); /* size, patched by finish */
	tpm2_wr_u32(w, cc);
}

static u8 *wr_room(struct tpm2_wr *w, size_t n)
{
	u8 *p;
	if (w->overflow || !pp_span_ok(w->off, n, w->cap)) {
		w->overflow = true;
		return NULL;
	}
	p = w->buf + w->off;
	w->off += n;
	return p;
}

void tpm2_wr_u8(struct tpm2_wr *w, u8 v)
{
	u8 *p = wr_room(w, 1);
	if (p)
		*p = v;
}

void tpm2_wr_u16(struct tpm2_wr *w, u16 v)
{
	u8 *p = wr_room(w, 2);
	if (p)
		st_be16(p, v);
}

void tpm2_wr_u32(struct tpm2_wr *w, u32 v)
{
	u8 *p = wr_room(w, 4);
	if (p)
		st_be32(p, v);
}

void tpm2_wr_bytes(struct tpm2_wr *w, const u8 *src, size_t n)
{
	u8 *p = wr_room(w, n);
	for (size_t i = 0; p && i < n; i++)
		p[i] = src[i];
}

/* TPMS_AUTH_COMMAND (Part 2, 10.13.2) for TPM_RS_PW with an empty password. */
#define PW_SESSION_SIZE 9u /* handle 4 + nonce size 2 + attributes 1 + hmac size 2 */
void tpm2_wr_pw_session(struct tpm2_wr *w)
{
	tpm2_wr_u32(w, PW_SESSION_SIZE); /* authorizationSize */
	tpm2_wr_u32(w, TPM2_RS_PW);
	tpm2_wr_u16(w, 0); /* nonceCaller: empty */
	tpm2_wr_u8(w, 0);  /* sessionAttributes */
	tpm2_wr_u16(w, 0); /* hmac (password): empty */
}

int tpm2_wr_finish(struct tpm2_wr *w, size_t *len, const char *what, struct pp_err *err)
{
	if (w->overflow)
		return pp_fail(err, PP_ERANGE, "%s: command does not fit the %zu-byte buffer", what,
			       w->cap);
	st_be32(w->buf + TPM2_HDR_SIZE_FIELD, (u32)w->off);
	*len = w->off;
	return 0;
}

void tpm2_rd_init(struct tpm2_rd *r, const u8 *buf, size_t len, size_t off)
{
	r->buf = buf;
	r->len = len;
	r->off = off <= len ? off : len;
}

bool tpm2_rd_span(struct tpm2_rd *r, size_t n, const u8 **p)
{
	if (!pp_span_ok(r->off, n, r->len))
		return false;
	*p = r->buf + r->off;
	r->off += n;
	return true;
}

bool tpm2_rd_u8(struct tpm2_rd *r, u8 *v)
{
	const u8 *p;
	if (!tpm2_rd_span(r, 1, &p))
		return false;
	*v = *p;
	return true;
}

bool tpm2_rd_u16(struct tpm2_rd *r, u16 *v)
{
	const u8 *p;
	if (!tpm2_rd_span(r, 2, &p))
		return false;
	*v = ld_be16(p);
	return true;
}

bool tpm2_rd_u32(struct tpm2_rd *r, u32 *v)
{
	const u8 *p;
	if (!tpm2_rd_span(r, 4, &p))
		return false;
	*v = ld_be32(p);
	return true;
}

/* TPMS_AUTH_RESPONSE (Part 2, 10.13.3): TPM2B nonce, u8 attributes, TPM2B hmac. */
static int skip_auth_response(struct tpm2_rd *r, u32 idx, const char *what, struct pp_err *err)
{
	u16 n;
	u8 attrs;
	const u8 *p;
	size_t at = r->off;

	if (!tpm2_rd_u16(r, &n) || !tpm2_rd_span(r, n, &p) || !tpm2_rd_u8(r, &attrs) ||
	    !tpm2_rd_u16(r, &n) || !tpm2_rd_span(r, n, &p))
		return pp_fail(err, PP_ETRUNC,
			       "%s: response authorization %u at offset %zu is truncated", what,
			       idx, at);
	return 0;
}

/* handle: NULL, or the one response handle that precedes parameterSize
 * (Part 1, 18.8 "Response Handle Area"). */
static int rsp_params(const u8 *rsp, size_t len, u32 *handle, u32 sessions_expected,
		      struct tpm2_rd *params, const char *what, struct pp_err *err)
{
	struct tpm2_rd r;
	u16 tag;
	u32 psize;
	int rc;

	if (len < TPM2_HDR_SIZE)
		return pp_fail(err, PP_ETRUNC, "%s: response of %zu bytes has no header", what,
			       len);
	tag = ld_be16(rsp + TPM2_HDR_TAG);
	tpm2_rd_init(&r, rsp, len, TPM2_HDR_SIZE);
	if (handle && !tpm2_rd_u32(&r, handle))
		return pp_fail(err, PP_ETRUNC, "%s: response lacks its handle", what);
	if (!sessions_expected) {
		if (tag != TPM2_ST_NO_SESSIONS)
			return pp_fail(err, PP_EINVAL,
				       "%s: response tag 0x%04x, expected TPM_ST_NO_SESSIONS", what,
				       tag);
		tpm2_rd_init(params, rsp, len, r.off);
		return 0;
	}
	if (tag != TPM2_ST_SESSIONS)
		return pp_fail(err, PP_EINVAL, "%s: response tag 0x%04x, expected TPM_ST_SESSIONS",
			       what, tag);
	if (!tpm2_rd_u32(&r, &psize))
		return pp_fail(err, PP_ETRUNC, "%s: response lacks parameterSize", what);
	if (psize > tpm2_rd_left(&r))
		return pp_fail(err, PP_ETRUNC,
			       "%s: parameterSize %u exceeds the %zu bytes that follow it", what,
			       psize, tpm2_rd_left(&r));
	tpm2_rd_init(params, rsp, r.off + psize, r.off);
	r.off += psize;
	for (u32 i = 0; i < sessions_expected; i++) {
		rc = skip_auth_response(&r, i, what, err);
		if (rc)
			return rc;
	}
	if (tpm2_rd_left(&r))
		return pp_fail(err, PP_EINVAL,
			       "%s: %zu unexpected bytes after %u authorization response(s)", what,
			       tpm2_rd_left(&r), sessions_expected);
	return 0;
}

int tpm2_rsp_params(const u8 *rsp, size_t len, u32 sessions_expected, struct tpm2_rd *params,
		    const char *what, struct pp_err *err)
{
	return rsp_params(rsp, len, NULL, sessions_expected, params, what, err);
}

int tpm2_rsp_handle_params(const u8 *rsp, size_t len, u32 *handle, u32 sessions_expected,
			   struct tpm2_rd *params, const char *what, struct pp_err *err)
{
	return rsp_params(rsp, len, handle, sessions_expected, params, what, err);
}
