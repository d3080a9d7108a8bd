// SPDX-License-Identifier: GPL-2.0-only
/*
 * Endorsement and attestation keys (parapet/tpm2_attest.h): their templates
 * (TPMT_PUBLIC, Part 2, 12.2.4), TPM2_CreatePrimary (Part 3, 24.1) in the
 * endorsement hierarchy with an empty password, the strict parse of its
 * response, Names (Part 1, "Names": nameAlg || H(TPMT_PUBLIC)) and
 * TPM2_FlushContext of a key. Trust: the response is untrusted; the public
 * area must equal the template in every byte before unique, unique must be
 * exactly one key of the template's size, the Name the TPM returns must be
 * the one recomputed from that area, and the handle must be transient
 * before the key is handed out. A handle the TPM returned is flushed when
 * its response is refused.
 */
#include <parapet/bytes.h>
#include <parapet/fmt.h>
#include <parapet/string.h>
#include <parapet/tpm2_attest.h>
#include <parapet/tpm2_nv.h>
#include "common/tpm/marshal.h"

/* PolicySecret(TPM_RH_ENDORSEMENT) from zeros (EK Credential Profile 2.0,
 * B.6.2; Part 3, 23.4.1): the authPolicy of template L-1. */
static const u8 ek_policy[TPM2_SHA256_SIZE] = {
    0x83, 0x71, 0x97, 0x67, 0x44, 0x84, 0xb3, 0xf8, 0x1a, 0x90, 0xcc, 0x8d, 0x46, 0xa5, 0xd7, 0x24,
    0xfd, 0x52, 0xd7, 0x6e, 0x06, 0x52, 0x0b, 0x64, 0xf2, 0xa1, 0xda, 0x1b, 0x33, 0x14, 0x69, 0xaa};

/* TPMS_RSA_PARMS.exponent 0: the default 2^16 + 1 (Part 2, 12.2.3.5). */
#define RSA_EXPONENT_DEFAULT 0u
/* TPMS_SENSITIVE_CREATE with empty userAuth and data: 2 + 2 bytes (12.1.15). */
#define SENSITIVE_CREATE_EMPTY 4u
/* TPMS_CREATION_DATA is far smaller than this; a larger one is refused. */
#define CREATION_DATA_MAX 1024u
/* TPMT_PUBLIC offsets (Part 2, 12.2.4): type, nameAlg, objectAttributes,
 * authPolicy; after the TPM2B_PUBLIC's two-byte size. */
#define PUB_TYPE 2u
#define PUB_NAME_ALG 4u
#define PUB_ATTRS 6u
#define PUB_POLICY 10u

static const char *kind_name(enum tpm2_key_kind kind)
{
	switch (kind) {
	case TPM2_KEY_EK: return "EK (RSA-2048, template L-1)";
	case TPM2_KEY_AK_RSA: return "AK (RSA-2048)";
	case TPM2_KEY_AK_ECC: return "AK (ECC P-256)";
	}
	return "key";
}

/* TPMT_PUBLIC of kind into w after a size field patched at the end;
 * *prefix = offset of the unique field (from the start of the TPM2B). */
static size_t template_marshal(enum tpm2_key_kind kind, u8 *buf, size_t cap, size_t *prefix)
{
	struct tpm2_wr w = {buf, cap, 0, false};
	bool ecc = kind == TPM2_KEY_AK_ECC;

	if (kind != TPM2_KEY_EK && kind != TPM2_KEY_AK_RSA && !ecc)
		return 0;
	tpm2_wr_u16(&w, 0); /* TPM2B size, patched below */
	tpm2_wr_u16(&w, ecc ? TPM2_ALG_ECC : TPM2_ALG_RSA);
	tpm2_wr_u16(&w, PP_ALG_SHA256);
	if (kind == TPM2_KEY_EK) {
		tpm2_wr_u32(&w, TPM2_EK_ATTRS);
		tpm2_wr_u16(&w, sizeof(ek_policy));
		tpm2_wr_bytes(&w, ek_policy, sizeof(ek_policy));
		tpm2_wr_u16(&w, TPM2_ALG_AES); /* symmetric: AES-128-CFB */
		tpm2_wr_u16(&w, TPM2_EK_SYM_BITS);
		tpm2_wr_u16(&w, TPM2_ALG_CFB);
		tpm2_wr_u16(&w, TPM2_ALG_NULL); /* scheme */
	} else {
		tpm2_wr_u32(&w, TPM2_AK_ATTRS);
		tpm2_wr_u16(&w, 0);		/* authPolicy: none */
		tpm2_wr_u16(&w, TPM2_ALG_NULL); /* symmetric: none (a signing key) */
		tpm2_wr_u16(&w, ecc ? TPM2_ALG_ECDSA : TPM2_ALG_RSASSA);
		tpm2_wr_u16(&w, PP_ALG_SHA256); /* the scheme's hashAlg */
	}
	if (ecc) {
		tpm2_wr_u16(&w, TPM2_ECC_NIST_P256);
		tpm2_wr_u16(&w, TPM2_ALG_NULL); /* kdf */
	} else {
		tpm2_wr_u16(&w, TPM2_RSA_BITS);
		tpm2_wr_u32(&w, RSA_EXPONENT_DEFAULT);
	}
	*prefix = w.off;
	if (kind == TPM2_KEY_EK) { /* unique: 256 zero bytes (template L-1) */
		tpm2_wr_u16(&w, TPM2_RSA_MOD_SIZE);
		for (u32 i = 0; i < TPM2_RSA_MOD_SIZE; i++)
			tpm2_wr_u8(&w, 0);
	} else if (ecc) {
		tpm2_wr_u16(&w, 0); /* x */
		tpm2_wr_u16(&w, 0); /* y */
	} else {
		tpm2_wr_u16(&w, 0);
	}
	if (w.overflow)
		return 0;
	st_be16(buf, (u16)(w.off - 2));
	return w.off;
}

size_t tpm2_key_template(enum tpm2_key_kind kind, u8 *buf, size_t cap)
{
	size_t prefix;

	return template_marshal(kind, buf, cap, &prefix);
}

/* Names the field of the template at offset off (a TPM2B_PUBLIC offset). */
static const char *field_at(size_t off, u16 policy_len)
{
	if (off < PUB_NAME_ALG)
		return "type";
	if (off < PUB_ATTRS)
		return "nameAlg";
	if (off < PUB_POLICY)
		return "objectAttributes";
	if (off < PUB_POLICY + 2u + policy_len)
		return "authPolicy";
	return "parameters";
}

int tpm2_check_public(enum tpm2_key_kind kind, const u8 *pub, size_t len,
		      struct tpm2_public_key *key, struct pp_err *err)
{
	u8 tpl[TPM2_PUBLIC_MAX];
	size_t prefix, tlen = template_marshal(kind, tpl, sizeof(tpl), &prefix);
	const char *what = kind_name(kind);
	struct tpm2_public_key k = {0, NULL, 0, NULL, 0};
	struct tpm2_rd r;
	u16 n, want = kind == TPM2_KEY_AK_ECC ? TPM2_ECC_P256_SIZE : TPM2_RSA_MOD_SIZE;

	if (!tlen)
		return pp_fail(err, PP_EINVAL, "key kind %d unknown", (int)kind);
	if (len < 2 || ld_be16(pub) != len - 2)
		return pp_fail(err, PP_EINVAL,
			       "%s: public area of %zu bytes, its size field says %u", what, len,
			       len < 2 ? 0u : ld_be16(pub));
	if (len < prefix)
		return pp_fail(err, PP_ETRUNC,
			       "%s: public area of %zu bytes, template fields take %zu", what, len,
			       prefix);
	for (size_t i = 2; i < prefix; i++)
		if (pub[i] != tpl[i]) {
			const char *f = field_at(i, ld_be16(tpl + PUB_POLICY));
			if (i >= PUB_ATTRS && i < PUB_POLICY)
				return pp_fail(err, PP_EINVAL,
					       "%s: objectAttributes 0x%08x, template 0x%08x", what,
					       ld_be32(pub + PUB_ATTRS), ld_be32(tpl + PUB_ATTRS));
			if (i < PUB_ATTRS)
				return pp_fail(err, PP_EINVAL, "%s: %s 0x%04x, template 0x%04x",
					       what, f, ld_be16(pub + (i & ~1u)),
					       ld_be16(tpl + (i & ~1u)));
			return pp_fail(err, PP_EINVAL,
				       "%s: %s differs from the template at byte %zu (0x%02x, want "
				       "0x%02x)",
				       what, f, i - 2, pub[i], tpl[i]);
		}
	tpm2_rd_init(&r, pub, len, prefix);
	k.type = ld_be16(pub + PUB_TYPE);
	if (!tpm2_rd_u16(&r, &n) || !tpm2_rd_span(&r, n, &k.x))
		return pp_fail(err, PP_ETRUNC, "%s: unique truncated", what);
	if (n != want)
		return pp_fail(err, PP_EINVAL, "%s: unique of %u bytes, expected %u", what, n,
			       want);
	k.x_len = n;
	if (kind == TPM2_KEY_AK_ECC) {
		if (!tpm2_rd_u16(&r, &n) || !tpm2_rd_span(&r, n, &k.y))
			return pp_fail(err, PP_ETRUNC, "%s: unique.y truncated", what);
		if (n != want)
			return pp_fail(err, PP_EINVAL, "%s: unique.y of %u bytes, expected %u",
				       what, n, want);
		k.y_len = n;
	}
	if (tpm2_rd_left(&r))
		return pp_fail(err, PP_EINVAL, "%s: %zu unexpected bytes after unique", what,
			       tpm2_rd_left(&r));
	if (key)
		*key = k;
	return 0;
}

int tpm2_public_name(const u8 *pub, size_t len, u8 name[TPM2_NAME_SIZE], struct pp_err *err)
{
	u16 alg;

	if (len < PUB_ATTRS || ld_be16(pub) != len - 2)
		return pp_fail(err, PP_EINVAL, "public area of %zu bytes, its size field says %u",
			       len, len < 2 ? 0u : ld_be16(pub));
	alg = ld_be16(pub + PUB_NAME_ALG);
	if (alg != PP_ALG_SHA256)
		return pp_fail(err, PP_ENOTSUP, "public area: nameAlg 0x%04x, only SHA-256 used",
			       alg);
	st_be16(name, alg);
	pp_hash(PP_ALG_SHA256, pub + 2, len - 2, name + 2);
	return 0;
}

static int skip_tpm2b(struct tpm2_rd *r, size_t max, const char *what, const char *field,
		      struct pp_err *err)
{
	const u8 *p;
	u16 n;

	if (!tpm2_rd_u16(r, &n) || !tpm2_rd_span(r, n, &p))
		return pp_fail(err, PP_ETRUNC, "%s: %s truncated", what, field);
	if (n > max)
		return pp_fail(err, PP_EINVAL, "%s: %s of %u bytes (at most %zu)", what, field, n,
			       max);
	return 0;
}

/* Response (Part 3, 24.1.2): handle objectHandle; TPM2B_PUBLIC outPublic,
 * TPM2B_CREATION_DATA, TPM2B_DIGEST creationHash, TPMT_TK_CREATION,
 * TPM2B_NAME name; one authorization response. */
int tpm2_parse_create_primary(const u8 *rsp, size_t len, enum tpm2_key_kind kind,
			      struct tpm2_key *key, struct pp_err *err)
{
	static const char what[] = "TPM2_CreatePrimary";
	u8 want[TPM2_NAME_SIZE];
	const u8 *pub, *nm;
	struct tpm2_rd r;
	u16 n, tag;
	u32 h, hier;
	int rc = tpm2_rsp_handle_params(rsp, len, &h, 1, &r, what, err);

	if (rc)
		return rc;
	if (h >> 24 != TPM2_HT_TRANSIENT)
		return pp_fail(err, PP_EINVAL, "%s: handle 0x%08x is not a transient object", what,
			       h);
	if (!tpm2_rd_u16(&r, &n) || !tpm2_rd_span(&r, n, &pub))
		return pp_fail(err, PP_ETRUNC, "%s: outPublic truncated", what);
	if (n + 2u > TPM2_PUBLIC_MAX)
		return pp_fail(err, PP_ERANGE, "%s: outPublic of %u bytes (at most %u)", what, n,
			       TPM2_PUBLIC_MAX - 2);
	pub -= 2;
	rc = tpm2_check_public(kind, pub, n + 2u, NULL, err);
	if (!rc)
		rc = skip_tpm2b(&r, CREATION_DATA_MAX, what, "creationData", err);
	if (!rc)
		rc = skip_tpm2b(&r, PP_HASH_MAX_DIGEST, what, "creationHash", err);
	if (rc)
		return rc;
	if (!tpm2_rd_u16(&r, &tag) || !tpm2_rd_u32(&r, &hier))
		return pp_fail(err, PP_ETRUNC, "%s: creationTicket truncated", what);
	if (tag != TPM2_ST_CREATION || hier != TPM2_RH_ENDORSEMENT)
		return pp_fail(err, PP_EINVAL,
			       "%s: creationTicket tag 0x%04x hierarchy 0x%08x (want 0x%04x, "
			       "0x%08x)",
			       what, tag, hier, TPM2_ST_CREATION, TPM2_RH_ENDORSEMENT);
	rc = skip_tpm2b(&r, PP_HASH_MAX_DIGEST, what, "creationTicket.digest", err);
	if (rc)
		return rc;
	if (!tpm2_rd_u16(&r, &n) || !tpm2_rd_span(&r, n, &nm))
		return pp_fail(err, PP_ETRUNC, "%s: name truncated", what);
	if (tpm2_rd_left(&r))
		return pp_fail(err, PP_EINVAL, "%s: %zu unexpected bytes after name", what,
			       tpm2_rd_left(&r));
	rc = tpm2_public_name(pub, ld_be16(pub) + 2u, want, err);
	if (rc)
		return rc;
	if (n != TPM2_NAME_SIZE || memcmp(nm, want, TPM2_NAME_SIZE) != 0)
		return pp_fail(err, PP_EINVAL,
			       "%s: name (%u bytes) is not the Name of outPublic (%u bytes)", what,
			       n, TPM2_NAME_SIZE);
	key->handle = h;
	key->pub_len = (u16)(ld_be16(pub) + 2u);
	memcpy(key->pub, pub, key->pub_len);
	memcpy(key->name, want, TPM2_NAME_SIZE);
	return 0;
}

static int key_create(struct tpm2_dev *dev, enum tpm2_key_kind kind, struct tpm2_key *key,
		      struct pp_err *err)
{
	static const char what[] = "TPM2_CreatePrimary";
	u8 tpl[TPM2_PUBLIC_MAX];
	size_t tlen = tpm2_key_template(kind, tpl, sizeof(tpl)), len;
	struct tpm2_wr w;
	struct pp_err ferr;
	u32 h;
	int rc;

	key->handle = 0;
	if (!tlen)
		return pp_fail(err, PP_EINVAL, "key kind %d unknown", (int)kind);
	tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_SESSIONS, TPM2_CC_CREATE_PRIMARY);
	tpm2_wr_u32(&w, TPM2_RH_ENDORSEMENT);
	tpm2_wr_pw_session(&w);
	tpm2_wr_u16(&w, SENSITIVE_CREATE_EMPTY); /* inSensitive */
	tpm2_wr_u16(&w, 0);			 /* userAuth: empty */
	tpm2_wr_u16(&w, 0);			 /* data: empty */
	tpm2_wr_bytes(&w, tpl, tlen);		 /* inPublic */
	tpm2_wr_u16(&w, 0);			 /* outsideInfo: empty */
	tpm2_wr_u32(&w, 0);			 /* creationPCR: no banks */
	rc = tpm2_wr_finish(&w, &len, what, err);
	if (!rc)
		rc = tpm2_exchange(dev, dev->cmd, len, what, err);
	if (rc)
		return rc;
	rc = tpm2_parse_create_primary(dev->rsp, dev->rsp_len, kind, key, err);
	if (rc && dev->rsp_len >= TPM2_HDR_SIZE + 4u) {
		/* refused: flush what the TPM created (keeping the first error) */
		u32 last = dev->last_rc;

		h = ld_be32(dev->rsp + TPM2_HDR_SIZE);
		if (h >> 24 == TPM2_HT_TRANSIENT)
			(void)tpm2_flush_context(dev, h, &ferr);
		dev->last_rc = last;
	}
	return rc;
}

int tpm2_ek_create(struct tpm2_dev *dev, struct tpm2_key *ek, struct pp_err *err)
{
	return key_create(dev, TPM2_KEY_EK, ek, err);
}

int tpm2_ak_create(struct tpm2_dev *dev, enum tpm2_ak_kind kind, struct tpm2_key *ak,
		   struct pp_err *err)
{
	if (kind != TPM2_AK_RSA2048 && kind != TPM2_AK_ECCP256)
		return pp_fail(err, PP_EINVAL, "AK kind %d unknown", (int)kind);
	return key_create(dev, kind == TPM2_AK_RSA2048 ? TPM2_KEY_AK_RSA : TPM2_KEY_AK_ECC, ak,
			  err);
}

int tpm2_key_flush(struct tpm2_dev *dev, struct tpm2_key *key, struct pp_err *err)
{
	int rc = 0;

	if (key->handle)
		rc = tpm2_flush_context(dev, key->handle, err);
	key->handle = 0;
	return rc;
}
