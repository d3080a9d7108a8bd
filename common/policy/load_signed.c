// SPDX-License-Identifier: GPL-2.0-only
/*
 * pp_policy_load_signed (parapet/policy_signed.h): a signed policy's bytes
 * to a validated model, or the stage and reason it was refused. The
 * signature is checked before a byte of the binary is interpreted beyond
 * its framing (the key id and total_size the split reads). The model is
 * built in the caller's *out only after every check passed, from a scratch
 * copy: a refused policy leaves *out untouched.
 */
#include <parapet/ed25519.h>
#include <parapet/policy_keys.h>
#include <parapet/policy_signed.h>
#include <parapet/string.h>

static int refuse(struct pp_polsig_result *res, enum pp_polsig_stage stage, int code,
		  const struct pp_err *err)
{
	res->stage = stage;
	res->why.rule = PP_POL_OK;
	res->why.err = *err;
	res->why.err.code = code;
	return code;
}

static void hex8(char *out, const u8 *id)
{
	static const char hx[] = "0123456789abcdef";
	for (u32 i = 0; i < PP_POL_KEY_ID_LEN; i++) {
		out[2 * i] = hx[id[i] >> 4];
		out[2 * i + 1] = hx[id[i] & 15];
	}
	out[2 * PP_POL_KEY_ID_LEN] = 0;
}

int pp_policy_load_signed(const u8 *buf, u32 len, const struct pp_pol_key *keys, u32 n,
			  struct pp_policy *out, struct pp_polsig_result *res)
{
	/* The model under construction: too large for a hypervisor stack. */
	static struct pp_policy scratch;
	struct pp_polsig_view v;
	struct pp_err err = {0, ""};
	char id[2 * PP_POL_KEY_ID_LEN + 1];
	int rc;

	memset(res, 0, sizeof(*res));
	rc = pp_policy_signed_split(buf, len, &v, &err);
	if (rc)
		return refuse(res, PP_POLSIG_FRAMING, rc, &err);
	u32 k = 0;
	while (k < n && memcmp(keys[k].id, v.key_id, PP_POL_KEY_ID_LEN))
		k++;
	hex8(id, v.key_id);
	if (k == n) {
		pp_fail(&err, PP_ENOENT, "signed by key %s, which is not a built-in key", id);
		return refuse(res, PP_POLSIG_KEY, PP_ENOENT, &err);
	}
	res->key = k;
	if (!pp_ed25519_verify(v.sig, v.body, v.body_len, keys[k].pub)) {
		pp_fail(&err, PP_EMAGIC, "Ed25519 signature does not verify under the %s key %s",
			keys[k].role, id);
		return refuse(res, PP_POLSIG_SIGNATURE, PP_EMAGIC, &err);
	}
	rc = pp_policy_read(v.body, v.body_len, &scratch, &err);
	if (rc)
		return refuse(res, PP_POLSIG_BINARY, rc, &err);
	rc = pp_policy_validate(&scratch, &res->why);
	if (rc) {
		res->stage = PP_POLSIG_RULES;
		return rc;
	}
	memcpy(out, &scratch, sizeof(*out));
	res->stage = PP_POLSIG_OK;
	return PP_OK;
}
