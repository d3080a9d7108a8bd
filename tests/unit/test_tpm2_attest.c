// SPDX-License-Identifier: GPL-2.0-only
/*
 * The attestation agent's TPM commands (common/tpm/attest_*.c): the
 * templates' bytes against the TCG layouts (the EK's equal to what
 * tpm2-tools 5.4's tpm2_createek -G rsa sends, as tests/tpm/attest-run.sh
 * shows on swtpm), the EK policy recomputed, Names, and the CreatePrimary /
 * Quote / ActivateCredential / PolicySecret response parsers refusing
 * truncated, oversized, wrong-type, wrong-attribute and name-mismatch
 * responses with precise messages; over the scripted transport, the
 * handle of a refused CreatePrimary and the policy session of a refused
 * activation flushed with the TPM's first refusal kept.
 */
#include <string.h>
#include <parapet/bytes.h>
#include <parapet/tpm2_attest.h>
#include <parapet/tpm2_nv.h>
#include "test_tpm2_script.h"
#include "unit.h"

#define HANDLE 0x80000001u

/* A little byte writer for hand-built responses. */
struct bw {
	u8 b[2048];
	size_t n;
};

static void w16(struct bw *w, u16 v)
{
	st_be16(w->b + w->n, v);
	w->n += 2;
}

static void w32(struct bw *w, u32 v)
{
	st_be32(w->b + w->n, v);
	w->n += 4;
}

static void wbytes(struct bw *w, const u8 *p, size_t n)
{
	memcpy(w->b + w->n, p, n);
	w->n += n;
}

static void wfill(struct bw *w, u8 v, size_t n)
{
	memset(w->b + w->n, v, n);
	w->n += n;
}

/* The public area the TPM would return for kind: the template with its
 * unique field filled with a key of the right size. */
static size_t make_pub(enum tpm2_key_kind kind, u8 *out)
{
	u8 tpl[TPM2_PUBLIC_MAX];
	size_t tlen = tpm2_key_template(kind, tpl, sizeof(tpl));
	size_t prefix = kind == TPM2_KEY_EK	  ? tlen - 2 - TPM2_RSA_MOD_SIZE
			: kind == TPM2_KEY_AK_RSA ? tlen - 2
						  : tlen - 4;
	struct bw w = {{0}, 0};

	wbytes(&w, tpl, prefix);
	if (kind == TPM2_KEY_AK_ECC) {
		w16(&w, 32);
		wfill(&w, 0x11, 32);
		w16(&w, 32);
		wfill(&w, 0x22, 32);
	} else {
		w16(&w, 256);
		wfill(&w, 0xc3, 256);
	}
	st_be16(w.b, (u16)(w.n - 2));
	memcpy(out, w.b, w.n);
	return w.n;
}

/* Response header + handle + parameterSize + params + auth responses. */
static size_t frame(struct bw *out, const struct bw *params, bool handle, u32 handle_v,
		    u32 sessions)
{
	out->n = 0;
	w16(out, TPM2_ST_SESSIONS);
	w32(out, 0);
	w32(out, 0);
	if (handle)
		w32(out, handle_v);
	w32(out, (u32)params->n);
	wbytes(out, params->b, params->n);
	for (u32 i = 0; i < sessions; i++) {
		w16(out, 0);
		out->b[out->n++] = 1;
		w16(out, 0);
	}
	st_be32(out->b + 2, (u32)out->n);
	return out->n;
}

/* CreatePrimary parameters for a public area; name from it unless bad_name. */
static void create_params(struct bw *p, const u8 *pub, size_t plen, bool bad_name, u32 hier)
{
	u8 name[TPM2_NAME_SIZE];
	struct pp_err err;

	p->n = 0;
	wbytes(p, pub, plen); /* outPublic */
	w16(p, 10);	      /* creationData */
	wfill(p, 0, 10);
	w16(p, 32); /* creationHash */
	wfill(p, 0xaa, 32);
	w16(p, TPM2_ST_CREATION); /* creationTicket */
	w32(p, hier);
	w16(p, 32);
	wfill(p, 0xbb, 32);
	tpm2_public_name(pub, plen, name, &err);
	if (bad_name)
		name[7] ^= 1;
	w16(p, TPM2_NAME_SIZE);
	wbytes(p, name, TPM2_NAME_SIZE);
}

static struct bw rsp, params;
static struct tpm2_key key;
static u8 pub[TPM2_PUBLIC_MAX];

static int parse_cp(enum tpm2_key_kind kind, struct pp_err *err)
{
	memset(&key, 0, sizeof(key));
	frame(&rsp, &params, true, HANDLE, 1);
	return tpm2_parse_create_primary(rsp.b, rsp.n, kind, &key, err);
}

TEST(tpm2_attest_ek_template_bytes)
{
	static const u8 head[] = {0x01, 0x3a, 0x00, 0x01, 0x00, 0x0b, 0x00, 0x03, 0x00, 0xb2,
				  0x00, 0x20, 0x83, 0x71, 0x97, 0x67, 0x44, 0x84, 0xb3, 0xf8,
				  0x1a, 0x90, 0xcc, 0x8d, 0x46, 0xa5, 0xd7, 0x24, 0xfd, 0x52,
				  0xd7, 0x6e, 0x06, 0x52, 0x0b, 0x64, 0xf2, 0xa1, 0xda, 0x1b,
				  0x33, 0x14, 0x69, 0xaa, 0x00, 0x06, 0x00, 0x80, 0x00, 0x43,
				  0x00, 0x10, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00};
	u8 t[TPM2_PUBLIC_MAX];
	size_t n = tpm2_key_template(TPM2_KEY_EK, t, sizeof(t));

	CHECK_EQ(n, 316);
	CHECK(memcmp(t, head, sizeof(head)) == 0);
	for (size_t i = sizeof(head); i < n; i++)
		CHECK_EQ(t[i], 0);
	CHECK_EQ(tpm2_key_template(TPM2_KEY_EK, t, 315), 0);
}

TEST(tpm2_attest_ak_template_bytes)
{
	static const u8 rsa[] = {0x00, 0x18, 0x00, 0x01, 0x00, 0x0b, 0x00, 0x05, 0x00,
				 0x72, 0x00, 0x00, 0x00, 0x10, 0x00, 0x14, 0x00, 0x0b,
				 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
	static const u8 ecc[] = {0x00, 0x18, 0x00, 0x23, 0x00, 0x0b, 0x00, 0x05, 0x00,
				 0x72, 0x00, 0x00, 0x00, 0x10, 0x00, 0x18, 0x00, 0x0b,
				 0x00, 0x03, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00};
	u8 t[TPM2_PUBLIC_MAX];

	CHECK_EQ(tpm2_key_template(TPM2_KEY_AK_RSA, t, sizeof(t)), sizeof(rsa));
	CHECK(memcmp(t, rsa, sizeof(rsa)) == 0);
	CHECK_EQ(tpm2_key_template(TPM2_KEY_AK_ECC, t, sizeof(t)), sizeof(ecc));
	CHECK(memcmp(t, ecc, sizeof(ecc)) == 0);
	/* restricted signing keys that can never decrypt (Part 2, 8.3.3.1) */
	CHECK((TPM2_AK_ATTRS & TPMA_OBJECT_DECRYPT) == 0);
	CHECK_EQ(tpm2_key_template((enum tpm2_key_kind)7, t, sizeof(t)), 0);
}

/* PolicySecret(TPM_RH_ENDORSEMENT) from zeros, empty policyRef (Part 3,
 * 23.4.1): H(H(0^32 || TPM_CC_PolicySecret || Name(endorsement)) || ""),
 * the Name of a permanent handle being the handle. */
TEST(tpm2_attest_ek_policy_recomputed)
{
	u8 buf[TPM2_SHA256_SIZE + 8] = {0}, d[TPM2_SHA256_SIZE], t[TPM2_PUBLIC_MAX];

	st_be32(buf + TPM2_SHA256_SIZE, TPM2_CC_POLICY_SECRET);
	st_be32(buf + TPM2_SHA256_SIZE + 4, TPM2_RH_ENDORSEMENT);
	pp_hash(PP_ALG_SHA256, buf, sizeof(buf), d);
	pp_hash(PP_ALG_SHA256, d, sizeof(d), d);
	tpm2_key_template(TPM2_KEY_EK, t, sizeof(t));
	CHECK(memcmp(t + 12, d, sizeof(d)) == 0);
}

TEST(tpm2_attest_public_name)
{
	u8 name[TPM2_NAME_SIZE], h[TPM2_SHA256_SIZE];
	size_t n = make_pub(TPM2_KEY_AK_RSA, pub);

	REQUIRE(tpm2_public_name(pub, n, name, &e) == 0);
	pp_hash(PP_ALG_SHA256, pub + 2, n - 2, h);
	CHECK_EQ(ld_be16(name), PP_ALG_SHA256);
	CHECK(memcmp(name + 2, h, sizeof(h)) == 0);
	CHECK_EQ(tpm2_public_name(pub, n - 1, name, &e), PP_EINVAL);
	CHECK_MSG(&e, "its size field says");
	st_be16(pub + 4, PP_ALG_SHA1);
	CHECK_EQ(tpm2_public_name(pub, n, name, &e), PP_ENOTSUP);
	CHECK_MSG(&e, "nameAlg 0x0004");
}

TEST(tpm2_attest_create_primary_ok)
{
	static const enum tpm2_key_kind kinds[] = {TPM2_KEY_EK, TPM2_KEY_AK_RSA, TPM2_KEY_AK_ECC};
	struct tpm2_public_key pk;

	for (size_t i = 0; i < PP_ARRAY_SIZE(kinds); i++) {
		size_t n = make_pub(kinds[i], pub);
		u8 name[TPM2_NAME_SIZE];

		create_params(&params, pub, n, false, TPM2_RH_ENDORSEMENT);
		REQUIRE(parse_cp(kinds[i], &e) == 0);
		CHECK_EQ(key.handle, HANDLE);
		CHECK_EQ(key.pub_len, n);
		CHECK(memcmp(key.pub, pub, n) == 0);
		tpm2_public_name(pub, n, name, &e);
		CHECK(memcmp(key.name, name, sizeof(name)) == 0);
		REQUIRE(tpm2_check_public(kinds[i], key.pub, key.pub_len, &pk, &e) == 0);
		CHECK_EQ(pk.type, kinds[i] == TPM2_KEY_AK_ECC ? TPM2_ALG_ECC : TPM2_ALG_RSA);
		CHECK_EQ(pk.x_len, kinds[i] == TPM2_KEY_AK_ECC ? 32 : 256);
		CHECK_EQ(pk.x[0], kinds[i] == TPM2_KEY_AK_ECC ? 0x11 : 0xc3);
		CHECK(kinds[i] == TPM2_KEY_AK_ECC ? pk.y_len == 32 && pk.y[0] == 0x22 : !pk.y);
	}
}

TEST(tpm2_attest_create_primary_truncated)
{
	size_t n = make_pub(TPM2_KEY_AK_ECC, pub), full;

	create_params(&params, pub, n, false, TPM2_RH_ENDORSEMENT);
	full = params.n;
	for (size_t cut = 0; cut < full; cut++) {
		params.n = cut;
		memset(&key, 0, sizeof(key));
		CHECK(parse_cp(TPM2_KEY_AK_ECC, &e) != 0);
		CHECK_EQ(key.handle, 0);
	}
	params.n = full;
	frame(&rsp, &params, true, HANDLE, 1);
	for (size_t cut = 0; cut < rsp.n; cut++)
		CHECK(tpm2_parse_create_primary(rsp.b, cut, TPM2_KEY_AK_ECC, &key, &e) != 0);
	params.n = full - 3;
	CHECK_EQ(parse_cp(TPM2_KEY_AK_ECC, &e), PP_ETRUNC);
	CHECK_MSG(&e, "name truncated");
}

TEST(tpm2_attest_create_primary_oversized)
{
	size_t n = make_pub(TPM2_KEY_AK_RSA, pub);

	create_params(&params, pub, n, false, TPM2_RH_ENDORSEMENT);
	params.b[params.n++] = 0; /* a byte after name */
	CHECK_EQ(parse_cp(TPM2_KEY_AK_RSA, &e), PP_EINVAL);
	CHECK_MSG(&e, "1 unexpected bytes after name");
	/* outPublic larger than TPM2_PUBLIC_MAX */
	params.n = 0;
	w16(&params, TPM2_PUBLIC_MAX);
	wfill(&params, 0, TPM2_PUBLIC_MAX);
	CHECK_EQ(parse_cp(TPM2_KEY_AK_RSA, &e), PP_ERANGE);
	CHECK_MSG(&e, "outPublic of 600 bytes");
	/* a 257-byte modulus */
	n = make_pub(TPM2_KEY_AK_RSA, pub);
	st_be16(pub + n - 258, 257);
	pub[n] = 0;
	st_be16(pub, (u16)(n - 1));
	create_params(&params, pub, n + 1, false, TPM2_RH_ENDORSEMENT);
	CHECK_EQ(parse_cp(TPM2_KEY_AK_RSA, &e), PP_EINVAL);
	CHECK_MSG(&e, "unique of 257 bytes, expected 256");
	/* creationData beyond its bound */
	n = make_pub(TPM2_KEY_AK_ECC, pub);
	params.n = 0;
	wbytes(&params, pub, n);
	w16(&params, 1500);
	wfill(&params, 0, 1500);
	CHECK_EQ(parse_cp(TPM2_KEY_AK_ECC, &e), PP_EINVAL);
	CHECK_MSG(&e, "creationData of 1500 bytes");
}

TEST(tpm2_attest_create_primary_wrong_type_and_attributes)
{
	size_t n = make_pub(TPM2_KEY_AK_RSA, pub);

	create_params(&params, pub, n, false, TPM2_RH_ENDORSEMENT);
	CHECK_EQ(parse_cp(TPM2_KEY_AK_ECC, &e), PP_EINVAL);
	CHECK_MSG(&e, "AK (ECC P-256): type 0x0001, template 0x0023");
	CHECK_EQ(key.handle, 0);
	n = make_pub(TPM2_KEY_EK, pub);
	create_params(&params, pub, n, false, TPM2_RH_ENDORSEMENT);
	CHECK_EQ(parse_cp(TPM2_KEY_AK_RSA, &e), PP_EINVAL);
	CHECK_MSG(&e, "objectAttributes 0x000300b2, template 0x00050072");
	/* one attribute bit flipped: decrypt on a signing key */
	n = make_pub(TPM2_KEY_AK_RSA, pub);
	pub[7] |= 0x02;
	create_params(&params, pub, n, false, TPM2_RH_ENDORSEMENT);
	CHECK_EQ(parse_cp(TPM2_KEY_AK_RSA, &e), PP_EINVAL);
	CHECK_MSG(&e, "objectAttributes 0x00070072, template 0x00050072");
	/* the EK with another authPolicy */
	n = make_pub(TPM2_KEY_EK, pub);
	pub[20] ^= 0x40;
	create_params(&params, pub, n, false, TPM2_RH_ENDORSEMENT);
	CHECK_EQ(parse_cp(TPM2_KEY_EK, &e), PP_EINVAL);
	CHECK_MSG(&e, "authPolicy differs from the template at byte 18");
	/* ECDSA with SHA-384 instead of SHA-256 */
	n = make_pub(TPM2_KEY_AK_ECC, pub);
	st_be16(pub + 16, PP_ALG_SHA384);
	create_params(&params, pub, n, false, TPM2_RH_ENDORSEMENT);
	CHECK_EQ(parse_cp(TPM2_KEY_AK_ECC, &e), PP_EINVAL);
	CHECK_MSG(&e, "parameters differs from the template");
}

TEST(tpm2_attest_create_primary_name_handle_ticket)
{
	size_t n = make_pub(TPM2_KEY_AK_ECC, pub);

	create_params(&params, pub, n, true, TPM2_RH_ENDORSEMENT);
	CHECK_EQ(parse_cp(TPM2_KEY_AK_ECC, &e), PP_EINVAL);
	CHECK_MSG(&e, "is not the Name of outPublic");
	CHECK_EQ(key.handle, 0);
	create_params(&params, pub, n, false, TPM2_RH_OWNER);
	CHECK_EQ(parse_cp(TPM2_KEY_AK_ECC, &e), PP_EINVAL);
	CHECK_MSG(&e, "hierarchy 0x40000001");
	create_params(&params, pub, n, false, TPM2_RH_ENDORSEMENT);
	frame(&rsp, &params, true, 0x81000001u, 1);
	CHECK_EQ(tpm2_parse_create_primary(rsp.b, rsp.n, TPM2_KEY_AK_ECC, &key, &e), PP_EINVAL);
	CHECK_MSG(&e, "handle 0x81000001 is not a transient object");
	frame(&rsp, &params, true, HANDLE, 0); /* no authorization response */
	CHECK(tpm2_parse_create_primary(rsp.b, rsp.n, TPM2_KEY_AK_ECC, &key, &e) != 0);
}

/* A quote response: TPM2B_ATTEST then the signature body sig/slen. */
static void quote_params(u32 magic, u16 attest_len, const u8 *sig, size_t slen)
{
	params.n = 0;
	w16(&params, attest_len);
	w32(&params, magic);
	w16(&params, TPM2_ST_ATTEST_QUOTE);
	wfill(&params, 0x5a, attest_len - 6u);
	wbytes(&params, sig, slen);
}

static size_t rsa_sig(u8 *s, u16 alg, u16 hash, u16 n)
{
	st_be16(s, alg);
	st_be16(s + 2, hash);
	st_be16(s + 4, n);
	memset(s + 6, 0x77, n);
	return 6u + n;
}

static size_t ecc_sig(u8 *s, u16 rn, u16 sn)
{
	st_be16(s, TPM2_ALG_ECDSA);
	st_be16(s + 2, PP_ALG_SHA256);
	st_be16(s + 4, rn);
	memset(s + 6, 1, rn);
	st_be16(s + 6 + rn, sn);
	memset(s + 8 + rn, 2, sn);
	return 8u + rn + sn;
}

static int parse_quote(u16 type, size_t *alen, size_t *slen, struct pp_err *err)
{
	static u8 attest[TPM2_ATTEST_MAX], sig[TPM2_SIGNATURE_MAX];

	frame(&rsp, &params, false, 0, 1);
	return tpm2_parse_quote(rsp.b, rsp.n, type, attest, sizeof(attest), alen, sig, sizeof(sig),
				slen, err);
}

TEST(tpm2_attest_quote_parse)
{
	u8 s[600];
	size_t alen = 0, slen = 0, n;

	n = rsa_sig(s, TPM2_ALG_RSASSA, PP_ALG_SHA256, 256);
	quote_params(TPM2_GENERATED_VALUE, 100, s, n);
	REQUIRE(parse_quote(TPM2_ALG_RSA, &alen, &slen, &e) == 0);
	CHECK_EQ(alen, 100);
	CHECK_EQ(slen, 262);
	n = ecc_sig(s, 32, 31);
	quote_params(TPM2_GENERATED_VALUE, 100, s, n);
	REQUIRE(parse_quote(TPM2_ALG_ECC, &alen, &slen, &e) == 0);
	CHECK_EQ(slen, 8 + 32 + 31);
	/* the ECDSA signature for the RSA key */
	CHECK_EQ(parse_quote(TPM2_ALG_RSA, &alen, &slen, &e), PP_EINVAL);
	CHECK_MSG(&e, "signature scheme 0x0018 hash 0x000b, the key's is 0x0014");
	/* r of 33 bytes; s of 0 */
	quote_params(TPM2_GENERATED_VALUE, 100, s, ecc_sig(s, 33, 32));
	CHECK_EQ(parse_quote(TPM2_ALG_ECC, &alen, &slen, &e), PP_EINVAL);
	CHECK_MSG(&e, "ECDSA signatureR of 33 bytes (1-32)");
	quote_params(TPM2_GENERATED_VALUE, 100, s, ecc_sig(s, 32, 0));
	CHECK_EQ(parse_quote(TPM2_ALG_ECC, &alen, &slen, &e), PP_EINVAL);
	CHECK_MSG(&e, "ECDSA signatureS of 0 bytes");
	/* RSASSA with SHA-1; a 255-byte signature */
	quote_params(TPM2_GENERATED_VALUE, 100, s, rsa_sig(s, TPM2_ALG_RSASSA, PP_ALG_SHA1, 256));
	CHECK_EQ(parse_quote(TPM2_ALG_RSA, &alen, &slen, &e), PP_EINVAL);
	CHECK_MSG(&e, "hash 0x0004");
	quote_params(TPM2_GENERATED_VALUE, 100, s, rsa_sig(s, TPM2_ALG_RSASSA, PP_ALG_SHA256, 255));
	CHECK_EQ(parse_quote(TPM2_ALG_RSA, &alen, &slen, &e), PP_EINVAL);
	CHECK_MSG(&e, "RSASSA signature of 255 bytes, want 256");
	/* not TPM-generated; oversized attest */
	n = rsa_sig(s, TPM2_ALG_RSASSA, PP_ALG_SHA256, 256);
	quote_params(0x12345678u, 100, s, n);
	CHECK_EQ(parse_quote(TPM2_ALG_RSA, &alen, &slen, &e), PP_EINVAL);
	CHECK_MSG(&e, "not a TPM-generated quote");
	quote_params(TPM2_GENERATED_VALUE, TPM2_ATTEST_MAX + 1, s, n);
	CHECK_EQ(parse_quote(TPM2_ALG_RSA, &alen, &slen, &e), PP_ERANGE);
	CHECK_MSG(&e, "quoted of 1025 bytes");
	/* trailing byte; every truncation */
	quote_params(TPM2_GENERATED_VALUE, 100, s, n);
	params.b[params.n++] = 9;
	CHECK_EQ(parse_quote(TPM2_ALG_RSA, &alen, &slen, &e), PP_EINVAL);
	CHECK_MSG(&e, "1 unexpected bytes after the signature");
	params.n--;
	for (size_t full = params.n, cut = 0; cut < full; cut++) {
		params.n = cut;
		CHECK(parse_quote(TPM2_ALG_RSA, &alen, &slen, &e) != 0);
	}
	CHECK_EQ(parse_quote(0x0025, &alen, &slen, &e), PP_EINVAL);
	CHECK_MSG(&e, "key type 0x0025");
}

TEST(tpm2_attest_activate_and_policy_secret_parse)
{
	u8 out[64];
	size_t olen = 0;

	params.n = 0;
	w16(&params, 32);
	wfill(&params, 0x42, 32);
	frame(&rsp, &params, false, 0, 2);
	REQUIRE(tpm2_parse_activate_credential(rsp.b, rsp.n, out, sizeof(out), &olen, &e) == 0);
	CHECK_EQ(olen, 32);
	CHECK_EQ(out[31], 0x42);
	CHECK_EQ(tpm2_parse_activate_credential(rsp.b, rsp.n, out, 16, &olen, &e), PP_ERANGE);
	CHECK_MSG(&e, "certInfo of 32 bytes, room for 16");
	frame(&rsp, &params, false, 0, 1); /* one authorization response: two expected */
	CHECK(tpm2_parse_activate_credential(rsp.b, rsp.n, out, sizeof(out), &olen, &e) != 0);
	CHECK_MSG(&e, "authorization 1");
	params.n = 0;
	w16(&params, 65);
	wfill(&params, 0, 65);
	frame(&rsp, &params, false, 0, 2);
	CHECK_EQ(tpm2_parse_activate_credential(rsp.b, rsp.n, out, sizeof(out), &olen, &e),
		 PP_ERANGE);
	params.n = 3;
	frame(&rsp, &params, false, 0, 2);
	CHECK_EQ(tpm2_parse_activate_credential(rsp.b, rsp.n, out, sizeof(out), &olen, &e),
		 PP_ETRUNC);

	/* PolicySecret: timeout, ticket */
	params.n = 0;
	w16(&params, 0);
	w16(&params, 0x8025); /* TPM_ST_AUTH_SECRET */
	w32(&params, TPM2_RH_NULL);
	w16(&params, 0);
	frame(&rsp, &params, false, 0, 1);
	CHECK_EQ(tpm2_parse_policy_secret(rsp.b, rsp.n, &e), 0);
	params.n = 0;
	w16(&params, 9);
	wfill(&params, 0, 9);
	frame(&rsp, &params, false, 0, 1);
	CHECK_EQ(tpm2_parse_policy_secret(rsp.b, rsp.n, &e), PP_EINVAL);
	CHECK_MSG(&e, "timeout of 9 bytes");
}

/* A CreatePrimary the parser refuses: the returned handle is flushed and
 * the first error kept; a refused PolicySecret: its session flushed. */
TEST(tpm2_attest_flush_on_failure)
{
	static struct tpm2_key k;
	u8 body[500];
	size_t n = make_pub(TPM2_KEY_AK_ECC, pub), plen;

	script_setup(0);
	pub[7] |= 0x02; /* decrypt: not our template */
	create_params(&params, pub, n, false, TPM2_RH_ENDORSEMENT);
	plen = frame(&rsp, &params, true, HANDLE, 1);
	memcpy(body, rsp.b + 10, plen - 10);
	push(TPM2_ST_SESSIONS, 0, body, plen - 10);
	push(TPM2_ST_NO_SESSIONS, 0, NULL, 0); /* FlushContext */
	CHECK_EQ(tpm2_ak_create(&dev, TPM2_AK_ECCP256, &k, &e), PP_EINVAL);
	CHECK_MSG(&e, "objectAttributes");
	CHECK_EQ(k.handle, 0);
	REQUIRE(sc.sent == 2);
	CHECK_EQ(ld_be32(sc.cmd[1] + 6), TPM2_CC_FLUSH_CONTEXT);
	CHECK_EQ(ld_be32(sc.cmd[1] + 10), HANDLE);

	/* activation: GetRandom, StartAuthSession, PolicySecret refused, flush */
	script_setup(0);
	{
		u8 rnd[2 + 32], sess[4 + 2 + 16], blob[4] = {0, 2, 1, 2}, secret[4] = {0, 2, 3, 4};
		struct tpm2_key ak = {0x80000002u, 0, {0}, {0}}, ek = {0x80000003u, 0, {0}, {0}};
		u8 out[32];
		size_t olen;

		st_be16(rnd, 32);
		memset(rnd + 2, 7, 32);
		push(TPM2_ST_NO_SESSIONS, 0, rnd, sizeof(rnd));
		st_be32(sess, 0x03000000u);
		st_be16(sess + 4, 16);
		memset(sess + 6, 1, 16);
		push(TPM2_ST_NO_SESSIONS, 0, sess, sizeof(sess));
		push(TPM2_ST_NO_SESSIONS, 0x98eu, NULL, 0); /* TPM_RC_AUTH_FAIL */
		push(TPM2_ST_NO_SESSIONS, 0, NULL, 0);	    /* FlushContext */
		CHECK_EQ(tpm2_activate_credential(&dev, &ak, &ek, blob, sizeof(blob), secret,
						  sizeof(secret), out, sizeof(out), &olen, &e),
			 PP_EDEVICE);
		CHECK_EQ(dev.last_rc, 0x98e);
		REQUIRE(sc.sent == 4);
		CHECK_EQ(ld_be32(sc.cmd[2] + 6), TPM2_CC_POLICY_SECRET);
		CHECK_EQ(ld_be32(sc.cmd[2] + 10), TPM2_RH_ENDORSEMENT);
		CHECK_EQ(ld_be32(sc.cmd[2] + 14), 0x03000000u);
		CHECK_EQ(ld_be32(sc.cmd[3] + 6), TPM2_CC_FLUSH_CONTEXT);
		CHECK_EQ(ld_be32(sc.cmd[3] + 10), 0x03000000u);
		/* a blob whose size field disagrees: refused before anything is sent */
		script_setup(0);
		blob[1] = 3;
		CHECK_EQ(tpm2_activate_credential(&dev, &ak, &ek, blob, sizeof(blob), secret,
						  sizeof(secret), out, sizeof(out), &olen, &e),
			 PP_EINVAL);
		CHECK_MSG(&e, "credentialBlob of 4 bytes (size field 3");
		CHECK_EQ(sc.sent, 0);
	}
}

/* Quote command bytes: handle, password session, nonce, TPM_ALG_NULL, one
 * SHA-256 selection of PCR 0-9 and 17-20 (Part 3, 18.4.1). */
TEST(tpm2_attest_quote_command)
{
	static struct tpm2_key ak;
	static const u8 tail[] = {0x00, 0x04, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x10, 0x00,
				  0x00, 0x00, 0x01, 0x00, 0x0b, 0x03, 0xff, 0x03, 0x1e};
	const u8 nonce[4] = {0xde, 0xad, 0xbe, 0xef};
	const u16 alg = PP_ALG_SHA256;
	u8 attest[64], sig[64];
	size_t alen, slen;

	script_setup(0);
	ak.handle = HANDLE;
	ak.pub_len = (u16)make_pub(TPM2_KEY_AK_RSA, ak.pub);
	push(TPM2_ST_NO_SESSIONS, 0x1c4u, NULL, 0); /* TPM_RC_VALUE: we look at the command */
	CHECK_EQ(tpm2_quote(&dev, &ak, nonce, sizeof(nonce), &alg, 1, 0x1e03ffu, attest,
			    sizeof(attest), &alen, sig, sizeof(sig), &slen, &e),
		 PP_EDEVICE);
	REQUIRE(sc.sent == 1);
	CHECK_EQ(sc.cmd_len[0], 10 + 4 + 4 + 9 + sizeof(tail));
	CHECK_EQ(ld_be32(sc.cmd[0] + 6), TPM2_CC_QUOTE);
	CHECK_EQ(ld_be32(sc.cmd[0] + 10), HANDLE);
	CHECK(memcmp(sc.cmd[0] + 27, tail, sizeof(tail)) == 0);
	CHECK_EQ(tpm2_quote(&dev, &ak, nonce, sizeof(nonce), &alg, 1, 1u << 24, attest,
			    sizeof(attest), &alen, sig, sizeof(sig), &slen, &e),
		 PP_EINVAL);
	CHECK_MSG(&e, "PCR mask 0x1000000");
	CHECK_EQ(sc.sent, 1);
}
