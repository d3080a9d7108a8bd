// SPDX-License-Identifier: GPL-2.0-only
/*
 * pp_policy_load_signed (common/policy/load_signed.c), the check the
 * hypervisor enforces a policy with: the fixture signed by OpenSSL under a
 * test key loads; each stage refuses its own fault (framing, unknown key,
 * signature, binary, a validator rule) with its message, and the output
 * model is untouched on every refusal.
 */
#include <openssl/sha.h>
#include <parapet/bytes.h>
#include <parapet/policy.h>
#include <parapet/policy_keys.h>
#include <parapet/policy_signed.h>
#include "policy_fixture.h"
#include "test_ed25519_util.h"
#include "unit.h"

static u8 buf[8192];
static struct pp_policy pol, out;
static struct pp_pol_key keys[2];

/* Sign pol (edited by the caller or not) under key k's seed into buf. */
static u32 sign_as(u32 k, const u8 seed[32])
{
	u8 pub[32];
	EVP_PKEY *pk = ed_ossl_key(seed, pub);
	if (!pk)
		return 0;
	u8 h[32];
	SHA256(pub, 32, h);
	memcpy(pol.key_id, h, 8);
	if (k < 2) {
		keys[k].role = k ? "backup" : "policy";
		memcpy(keys[k].id, h, 8);
		memcpy(keys[k].pub, pub, 32);
	}
	u32 len = 0;
	struct pp_err err = {0, ""};
	if (pp_policy_write(&pol, buf, sizeof(buf) - PP_POLSIG_TRAILER, &len, &err) != PP_OK) {
		EVP_PKEY_free(pk);
		return 0;
	}
	u8 *t = buf + len;
	memset(t, 0, PP_POLSIG_TRAILER);
	memcpy(t, PP_POLSIG_MAGIC, 8);
	st_le32(t + 8, PP_POLSIG_FORMAT);
	memcpy(t + 0x10, pol.key_id, 8);
	int rc = ed_ossl_sign(pk, buf, len, t + 0x20);
	EVP_PKEY_free(pk);
	return rc ? 0 : len + PP_POLSIG_TRAILER;
}

static const u8 seed_a[32] = {1, 2, 3}, seed_b[32] = {4, 5, 6}, seed_x[32] = {7, 8, 9};

static void expect(u32 len, enum pp_polsig_stage stage, const char *sub)
{
	struct pp_polsig_result res;
	memset(&out, 0x5a, sizeof(out));
	CHECK(pp_policy_load_signed(buf, len, keys, 2, &out, &res) != PP_OK);
	CHECK_EQ(res.stage, stage);
	CHECK_MSG(&res.why.err, sub);
	CHECK_EQ(((const u8 *)&out)[0], 0x5a); /* untouched */
	CHECK_EQ(((const u8 *)&out)[sizeof(out) - 1], 0x5a);
}

TEST(policy_load_signed_accepts)
{
	policy_fixture(&pol);
	REQUIRE(sign_as(1, seed_b));
	policy_fixture(&pol);
	u32 len = sign_as(0, seed_a);
	REQUIRE(len);
	struct pp_polsig_result res;
	REQUIRE(pp_policy_load_signed(buf, len, keys, 2, &out, &res) == PP_OK);
	CHECK_EQ(res.stage, PP_POLSIG_OK);
	CHECK_EQ(res.key, 0);
	CHECK(strcmp(out.name, pol.name) == 0);
	CHECK_EQ(out.n_parts, pol.n_parts);
	/* The backup key is accepted as well. */
	policy_fixture(&pol);
	len = sign_as(1, seed_b);
	REQUIRE(pp_policy_load_signed(buf, len, keys, 2, &out, &res) == PP_OK);
	CHECK_EQ(res.key, 1);
}

TEST(policy_load_signed_refusals)
{
	policy_fixture(&pol);
	REQUIRE(sign_as(1, seed_b));
	policy_fixture(&pol);
	u32 len = sign_as(0, seed_a);
	REQUIRE(len);
	/* Framing: truncated, and not a policy at all. */
	expect(len - 1, PP_POLSIG_FRAMING, "95 bytes after the binary");
	buf[0] ^= 1;
	expect(len, PP_POLSIG_FRAMING, "policy header");
	buf[0] ^= 1;
	/* A key the list does not hold. */
	policy_fixture(&pol);
	len = sign_as(2, seed_x);
	expect(len, PP_POLSIG_KEY, "which is not a built-in key");
	/* Signature: a table byte, a header byte, the signature itself. */
	policy_fixture(&pol);
	len = sign_as(0, seed_a);
	buf[0xe0 + 0x18] ^= 1;
	expect(len, PP_POLSIG_SIGNATURE, "does not verify under the policy key");
	buf[0xe0 + 0x18] ^= 1;
	buf[0x18] ^= 1; /* version */
	expect(len, PP_POLSIG_SIGNATURE, "does not verify");
	buf[0x18] ^= 1;
	buf[len - 1] ^= 0x80;
	expect(len, PP_POLSIG_SIGNATURE, "does not verify");
	buf[len - 1] ^= 0x80;
	/* Binary: signed, but its body hash is wrong (a signer's mistake). */
	policy_fixture(&pol);
	{
		u32 blen = 0;
		struct pp_err err = {0, ""};
		u8 pub[32], h[32];
		EVP_PKEY *pk = ed_ossl_key(seed_a, pub);
		REQUIRE(pk);
		SHA256(pub, 32, h);
		memcpy(pol.key_id, h, 8);
		REQUIRE(pp_policy_write(&pol, buf, 4096, &blen, &err) == PP_OK);
		buf[0x30] ^= 1; /* body hash */
		u8 *t = buf + blen;
		memset(t, 0, PP_POLSIG_TRAILER);
		memcpy(t, PP_POLSIG_MAGIC, 8);
		st_le32(t + 8, PP_POLSIG_FORMAT);
		memcpy(t + 0x10, h, 8);
		REQUIRE(!ed_ossl_sign(pk, buf, blen, t + 0x20));
		EVP_PKEY_free(pk);
		expect(blen + PP_POLSIG_TRAILER, PP_POLSIG_BINARY, "hash");
	}
	/* A validator rule: a second partition on the same exclusive CPU. */
	policy_fixture(&pol);
	pol.cpus[1].cpu = pol.cpus[0].cpu;
	len = sign_as(0, seed_a);
	REQUIRE(len);
	struct pp_polsig_result res;
	CHECK(pp_policy_load_signed(buf, len, keys, 2, &out, &res) != PP_OK);
	CHECK_EQ(res.stage, PP_POLSIG_RULES);
	CHECK(res.why.rule != PP_POL_OK);
}
