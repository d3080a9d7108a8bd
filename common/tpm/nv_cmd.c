// SPDX-License-Identifier: GPL-2.0-only
/*
 * TPM 2.0 NV commands (TPM 2.0 Part 3, 31): DefineSpace, UndefineSpace,
 * UndefineSpaceSpecial, ReadPublic, Read, Write, Increment, WriteLock; the
 * TPMS_NV_PUBLIC marshaling (Part 2, 13.5) and the NV Name (Part 1, "Names").
 * Trust: responses are untrusted; every size field is checked against the
 * bytes present, the parameter area must be consumed exactly, and the Name
 * the TPM returns with a public area must be the hash of that area.
 */
#include <parapet/bytes.h>
#include <parapet/fmt.h>
#include <parapet/string.h>
#include <parapet/tpm2_nv.h>
#include "common/tpm/nv_run.h"

#define NV_PUBLIC_MAX (4 + 2 + 4 + 2 + PP_HASH_MAX_DIGEST + 2)
#define AUTH_SESSION_SIZE 9u /* handle 4, nonce size 2, attributes 1, hmac size 2 */

size_t tpm2_nv_public_marshal(const struct tpm2_nv_public *pub, u8 *buf, size_t cap)
{
	struct tpm2_wr w = {buf, cap, 0, false};

	if (pub->policy_size > PP_HASH_MAX_DIGEST)
		return 0;
	tpm2_wr_u32(&w, pub->index);
	tpm2_wr_u16(&w, pub->name_alg);
	tpm2_wr_u32(&w, pub->attributes);
	tpm2_wr_u16(&w, pub->policy_size);
	tpm2_wr_bytes(&w, pub->policy, pub->policy_size);
	tpm2_wr_u16(&w, pub->data_size);
	return w.overflow ? 0 : w.off;
}

int tpm2_nv_name(const struct tpm2_nv_public *pub, struct tpm2_name *name, struct pp_err *err)
{
	u8 buf[NV_PUBLIC_MAX];
	size_t n = tpm2_nv_public_marshal(pub, buf, sizeof(buf));

	name->size = 0;
	if (pub->name_alg != PP_ALG_SHA256)
		return pp_fail(err, PP_ENOTSUP,
			       "NV index 0x%08x: nameAlg 0x%04x, only SHA-256 used", pub->index,
			       pub->name_alg);
	if (!n)
		return pp_fail(err, PP_EINVAL, "NV index 0x%08x: authPolicy of %u bytes",
			       pub->index, pub->policy_size);
	st_be16(name->b, pub->name_alg);
	pp_hash(PP_ALG_SHA256, buf, n, name->b + 2);
	name->size = 2 + TPM2_SHA256_SIZE;
	return 0;
}

/* TPMS_AUTH_COMMAND (Part 2, 10.13.2) with an empty nonce and hmac: the
 * password session TPM2_RS_PW, or a policy session kept open. */
static void wr_session(struct tpm2_wr *w, u32 session)
{
	tpm2_wr_u32(w, session);
	tpm2_wr_u16(w, 0);
	tpm2_wr_u8(w, session == TPM2_RS_PW ? 0 : TPM2_SESSION_CONTINUE);
	tpm2_wr_u16(w, 0);
}

static void wr_one_session(struct tpm2_wr *w, u32 session)
{
	tpm2_wr_u32(w, AUTH_SESSION_SIZE);
	wr_session(w, session);
}

int tpm2_parse_no_params(const u8 *rsp, size_t len, u32 sessions, const char *what,
			 struct pp_err *err)
{
	struct tpm2_rd p;
	int rc = tpm2_rsp_params(rsp, len, sessions, &p, what, err);

	if (rc)
		return rc;
	if (tpm2_rd_left(&p))
		return pp_fail(err, PP_EINVAL, "%s: %zu unexpected parameter bytes", what,
			       tpm2_rd_left(&p));
	return 0;
}

/* Sends the command built in w; its response carries `sessions`
 * authorization responses and no parameters. */
int tpm2_run_no_params(struct tpm2_dev *dev, struct tpm2_wr *w, u32 sessions, const char *what,
		       struct pp_err *err)
{
	size_t len;
	int rc = tpm2_wr_finish(w, &len, what, err);

	if (!rc)
		rc = tpm2_exchange(dev, dev->cmd, len, what, err);
	if (!rc)
		rc = tpm2_parse_no_params(dev->rsp, dev->rsp_len, sessions, what, err);
	return rc;
}

int tpm2_nv_define(struct tpm2_dev *dev, u32 auth, const struct tpm2_nv_public *pub,
		   struct pp_err *err)
{
	char what[48];
	u8 pb[NV_PUBLIC_MAX];
	size_t n = tpm2_nv_public_marshal(pub, pb, sizeof(pb));
	struct tpm2_wr w;

	pp_snprintf(what, sizeof(what), "TPM2_NV_DefineSpace(0x%08x)", pub->index);
	if (!n)
		return pp_fail(err, PP_EINVAL, "%s: authPolicy of %u bytes", what,
			       pub->policy_size);
	tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_SESSIONS, TPM2_CC_NV_DEFINE_SPACE);
	tpm2_wr_u32(&w, auth);
	wr_one_session(&w, TPM2_RS_PW);
	tpm2_wr_u16(&w, 0); /* TPM2B_AUTH auth: empty */
	tpm2_wr_u16(&w, (u16)n);
	tpm2_wr_bytes(&w, pb, n);
	return tpm2_run_no_params(dev, &w, 1, what, err);
}

int tpm2_nv_undefine(struct tpm2_dev *dev, u32 auth, u32 index, struct pp_err *err)
{
	char what[48];
	struct tpm2_wr w;

	pp_snprintf(what, sizeof(what), "TPM2_NV_UndefineSpace(0x%08x)", index);
	tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_SESSIONS, TPM2_CC_NV_UNDEFINE_SPACE);
	tpm2_wr_u32(&w, auth);
	tpm2_wr_u32(&w, index);
	wr_one_session(&w, TPM2_RS_PW);
	return tpm2_run_no_params(dev, &w, 1, what, err);
}

int tpm2_nv_undefine_special(struct tpm2_dev *dev, u32 index, u32 session, struct pp_err *err)
{
	char what[56];
	struct tpm2_wr w;

	pp_snprintf(what, sizeof(what), "TPM2_NV_UndefineSpaceSpecial(0x%08x)", index);
	tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_SESSIONS,
		      TPM2_CC_NV_UNDEFINE_SPACE_SPECIAL);
	tpm2_wr_u32(&w, index);
	tpm2_wr_u32(&w, TPM2_RH_PLATFORM);
	tpm2_wr_u32(&w, 2 * AUTH_SESSION_SIZE);
	wr_session(&w, session);    /* @nvIndex, ADMIN role: the policy */
	wr_session(&w, TPM2_RS_PW); /* @platform: empty password */
	return tpm2_run_no_params(dev, &w, 2, what, err);
}

/* TPM2B_NV_PUBLIC then TPM2B_NAME (Part 3, 31.6.2, Table "NV_ReadPublic Response"). */
int tpm2_parse_nv_read_public(const u8 *rsp, size_t len, struct tpm2_nv_public *pub,
			      struct tpm2_name *name, struct pp_err *err)
{
	static const char what[] = "TPM2_NV_ReadPublic";
	struct tpm2_nv_public p;
	struct tpm2_name want = {0, {0}};
	struct tpm2_rd r;
	const u8 *policy, *nm;
	u16 psize, nsize;
	size_t start;
	int rc;

	rc = tpm2_rsp_params(rsp, len, 0, &r, what, err);
	if (rc)
		return rc;
	memset(&p, 0, sizeof(p));
	if (!tpm2_rd_u16(&r, &psize))
		return pp_fail(err, PP_ETRUNC, "%s: response lacks nvPublic.size", what);
	start = r.off;
	if (psize > tpm2_rd_left(&r))
		return pp_fail(err, PP_ETRUNC, "%s: nvPublic.size %u exceeds the %zu bytes left",
			       what, psize, tpm2_rd_left(&r));
	if (!tpm2_rd_u32(&r, &p.index) || !tpm2_rd_u16(&r, &p.name_alg) ||
	    !tpm2_rd_u32(&r, &p.attributes) || !tpm2_rd_u16(&r, &p.policy_size))
		return pp_fail(err, PP_ETRUNC, "%s: nvPublic truncated", what);
	if (p.policy_size > PP_HASH_MAX_DIGEST)
		return pp_fail(err, PP_EINVAL, "%s: authPolicy.size %u exceeds %u", what,
			       p.policy_size, PP_HASH_MAX_DIGEST);
	if (!tpm2_rd_span(&r, p.policy_size, &policy) || !tpm2_rd_u16(&r, &p.data_size))
		return pp_fail(err, PP_ETRUNC, "%s: nvPublic truncated after authPolicy", what);
	if (r.off - start != psize)
		return pp_fail(err, PP_EINVAL, "%s: nvPublic.size %u, its fields take %zu", what,
			       psize, r.off - start);
	memcpy(p.policy, policy, p.policy_size);
	if (!tpm2_rd_u16(&r, &nsize) || !tpm2_rd_span(&r, nsize, &nm))
		return pp_fail(err, PP_ETRUNC, "%s: nvName truncated", what);
	if (tpm2_rd_left(&r))
		return pp_fail(err, PP_EINVAL, "%s: %zu unexpected bytes after nvName", what,
			       tpm2_rd_left(&r));
	if (p.name_alg == PP_ALG_SHA256) {
		rc = tpm2_nv_name(&p, &want, err);
		if (rc)
			return rc;
		if (nsize != want.size || memcmp(nm, want.b, nsize) != 0)
			return pp_fail(err, PP_EINVAL,
				       "%s(0x%08x): nvName (%u bytes) is not the hash of nvPublic",
				       what, p.index, nsize);
	}
	*pub = p;
	if (name) {
		if (nsize > sizeof(name->b))
			return pp_fail(err, PP_EINVAL, "%s: nvName of %u bytes", what, nsize);
		name->size = nsize;
		memcpy(name->b, nm, nsize);
	}
	return 0;
}

int tpm2_nv_read_public(struct tpm2_dev *dev, u32 index, struct tpm2_nv_public *pub,
			struct tpm2_name *name, struct pp_err *err)
{
	char what[48];
	struct tpm2_wr w;
	size_t len;
	int rc;

	pp_snprintf(what, sizeof(what), "TPM2_NV_ReadPublic(0x%08x)", index);
	tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_NO_SESSIONS, TPM2_CC_NV_READ_PUBLIC);
	tpm2_wr_u32(&w, index);
	rc = tpm2_wr_finish(&w, &len, what, err);
	if (!rc)
		rc = tpm2_exchange(dev, dev->cmd, len, what, err);
	if (rc == PP_EDEVICE && TPM2_RC_BASE(dev->last_rc) == TPM2_RC_HANDLE) {
		char desc[48];
		return pp_fail(err, PP_ENOENT, "NV index 0x%08x is not defined (TPM returned %s)",
			       index, tpm2_rc_describe(dev->last_rc, desc, sizeof(desc)));
	}
	if (!rc)
		rc = tpm2_parse_nv_read_public(dev->rsp, dev->rsp_len, pub, name, err);
	if (!rc && pub->index != index)
		return pp_fail(err, PP_EINVAL, "%s: TPM answered for index 0x%08x", what,
			       pub->index);
	return rc;
}

/* TPM2B_MAX_NV_BUFFER of exactly want bytes (Part 3, 31.13.2). */
int tpm2_parse_nv_read(const u8 *rsp, size_t len, u8 *out, u16 want, struct pp_err *err)
{
	static const char what[] = "TPM2_NV_Read";
	struct tpm2_rd r;
	const u8 *p;
	u16 n;
	int rc = tpm2_rsp_params(rsp, len, 1, &r, what, err);

	if (rc)
		return rc;
	if (!tpm2_rd_u16(&r, &n))
		return pp_fail(err, PP_ETRUNC, "%s: response lacks data.size", what);
	if (n != want)
		return pp_fail(err, PP_EINVAL, "%s: %u bytes returned, %u asked", what, n, want);
	if (!tpm2_rd_span(&r, n, &p))
		return pp_fail(err, PP_ETRUNC, "%s: data.size %u exceeds the %zu bytes left", what,
			       n, tpm2_rd_left(&r));
	if (tpm2_rd_left(&r))
		return pp_fail(err, PP_EINVAL, "%s: %zu unexpected bytes after data", what,
			       tpm2_rd_left(&r));
	memcpy(out, p, n);
	return 0;
}

int tpm2_nv_read(struct tpm2_dev *dev, u32 index, u16 offset, u8 *out, u16 len, struct pp_err *err)
{
	char what[48];
	struct tpm2_wr w;
	size_t clen;
	int rc;

	pp_snprintf(what, sizeof(what), "TPM2_NV_Read(0x%08x)", index);
	if (len == 0 || len > TPM2_NV_MAX_DATA)
		return pp_fail(err, PP_EINVAL, "%s: %u bytes asked (1-%u)", what, len,
			       TPM2_NV_MAX_DATA);
	tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_SESSIONS, TPM2_CC_NV_READ);
	tpm2_wr_u32(&w, index); /* authHandle: the index itself (TPMA_NV_AUTHREAD) */
	tpm2_wr_u32(&w, index);
	wr_one_session(&w, TPM2_RS_PW);
	tpm2_wr_u16(&w, len);
	tpm2_wr_u16(&w, offset);
	rc = tpm2_wr_finish(&w, &clen, what, err);
	if (!rc)
		rc = tpm2_exchange(dev, dev->cmd, clen, what, err);
	if (!rc)
		rc = tpm2_parse_nv_read(dev->rsp, dev->rsp_len, out, len, err);
	return rc;
}

/* Commands of the form: authHandle, nvIndex, one session, params. */
static void begin_nv_auth(struct tpm2_dev *dev, struct tpm2_wr *w, u32 cc, u32 auth, u32 index,
			  u32 session)
{
	tpm2_wr_begin(w, dev->cmd, sizeof(dev->cmd), TPM2_ST_SESSIONS, cc);
	tpm2_wr_u32(w, auth);
	tpm2_wr_u32(w, index);
	wr_one_session(w, session);
}

static int nv_write(struct tpm2_dev *dev, u32 auth, u32 index, u32 session, u16 offset,
		    const u8 *data, u16 len, struct pp_err *err)
{
	char what[48];
	struct tpm2_wr w;

	pp_snprintf(what, sizeof(what), "TPM2_NV_Write(0x%08x)", index);
	if (len == 0 || len > TPM2_NV_MAX_DATA)
		return pp_fail(err, PP_EINVAL, "%s: %u bytes (1-%u)", what, len, TPM2_NV_MAX_DATA);
	begin_nv_auth(dev, &w, TPM2_CC_NV_WRITE, auth, index, session);
	tpm2_wr_u16(&w, len);
	tpm2_wr_bytes(&w, data, len);
	tpm2_wr_u16(&w, offset);
	return tpm2_run_no_params(dev, &w, 1, what, err);
}

int tpm2_nv_write(struct tpm2_dev *dev, u32 index, u32 session, u16 offset, const u8 *data, u16 len,
		  struct pp_err *err)
{
	return nv_write(dev, index, index, session, offset, data, len, err);
}

int tpm2_nv_write_as(struct tpm2_dev *dev, u32 auth, u32 index, u16 offset, const u8 *data, u16 len,
		     struct pp_err *err)
{
	return nv_write(dev, auth, index, TPM2_RS_PW, offset, data, len, err);
}

static int nv_increment(struct tpm2_dev *dev, u32 auth, u32 index, u32 session, struct pp_err *err)
{
	char what[48];
	struct tpm2_wr w;

	pp_snprintf(what, sizeof(what), "TPM2_NV_Increment(0x%08x)", index);
	begin_nv_auth(dev, &w, TPM2_CC_NV_INCREMENT, auth, index, session);
	return tpm2_run_no_params(dev, &w, 1, what, err);
}

int tpm2_nv_increment(struct tpm2_dev *dev, u32 index, u32 session, struct pp_err *err)
{
	return nv_increment(dev, index, index, session, err);
}

int tpm2_nv_increment_as(struct tpm2_dev *dev, u32 auth, u32 index, struct pp_err *err)
{
	return nv_increment(dev, auth, index, TPM2_RS_PW, err);
}

int tpm2_nv_write_lock(struct tpm2_dev *dev, u32 index, u32 session, struct pp_err *err)
{
	char what[48];
	struct tpm2_wr w;

	pp_snprintf(what, sizeof(what), "TPM2_NV_WriteLock(0x%08x)", index);
	begin_nv_auth(dev, &w, TPM2_CC_NV_WRITE_LOCK, index, index, session);
	return tpm2_run_no_params(dev, &w, 1, what, err);
}
