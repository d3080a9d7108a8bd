/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Big-endian writer and bounds-checked reader for TPM 2.0 commands and
 * responses (common/tpm/ only). The writer never writes past its capacity:
 * an overflow is sticky and reported by tpm2_wr_finish. The reader never
 * reads past its length: every get fails (returns false) on a short buffer.
 */
#ifndef PARAPET_COMMON_TPM_MARSHAL_H
#define PARAPET_COMMON_TPM_MARSHAL_H

#include <parapet/err.h>
#include <parapet/types.h>

struct tpm2_wr {
	u8 *buf;
	size_t cap;
	size_t off;
	bool overflow;
};

struct tpm2_rd {
	const u8 *buf;
	size_t len;
	size_t off;
};

/* Starts a command: header with tag and code; size patched by finish. */
void tpm2_wr_begin(struct tpm2_wr *w, u8 *buf, size_t cap, u16 tag, u32 cc);
void tpm2_wr_u8(struct tpm2_wr *w, u8 v);
void tpm2_wr_u16(struct tpm2_wr *w, u16 v);
void tpm2_wr_u32(struct tpm2_wr *w, u32 v);
void tpm2_wr_bytes(struct tpm2_wr *w, const u8 *p, size_t n);
/* Empty password session (TPM_RS_PW, no nonce, no attributes, empty hmac)
 * preceded by its authorizationSize. */
void tpm2_wr_pw_session(struct tpm2_wr *w);
/* Patches the header size; PP_ERANGE when the command did not fit. */
int tpm2_wr_finish(struct tpm2_wr *w, size_t *len, const char *what, struct pp_err *err);

void tpm2_rd_init(struct tpm2_rd *r, const u8 *buf, size_t len, size_t off);
bool tpm2_rd_u8(struct tpm2_rd *r, u8 *v);
bool tpm2_rd_u16(struct tpm2_rd *r, u16 *v);
bool tpm2_rd_u32(struct tpm2_rd *r, u32 *v);
/* Points *p at the next n bytes (no copy). */
bool tpm2_rd_span(struct tpm2_rd *r, size_t n, const u8 **p);
static inline size_t tpm2_rd_left(const struct tpm2_rd *r)
{
	return r->len - r->off;
}

/*
 * Response with TPM_ST_SESSIONS: u32 parameterSize follows the header (and
 * any response handles); the parameter area is exactly parameterSize bytes
 * and the rest must be well-formed authorization responses (nonce, attrs,
 * hmac). On success *params is a reader over the parameter area only.
 * For TPM_ST_NO_SESSIONS, *params covers everything after the header.
 */
int tpm2_rsp_params(const u8 *rsp, size_t len, u32 sessions_expected, struct tpm2_rd *params,
		    const char *what, struct pp_err *err);
/* The same for a response with one response handle (CreatePrimary): it is
 * read into *handle, before parameterSize. */
int tpm2_rsp_handle_params(const u8 *rsp, size_t len, u32 *handle, u32 sessions_expected,
			   struct tpm2_rd *params, const char *what, struct pp_err *err);

#endif
