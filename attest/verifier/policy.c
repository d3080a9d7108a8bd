// SPDX-License-Identifier: GPL-2.0-only
/*
 * The policy in force (docs/attestation.md, "Policy"): the bundle's
 * policy.bin, the signed policy file the agent sent (POLICY_BIN), judged
 * in three steps, each a failure id of its own:
 *  - policy-mismatch: its digest in every bank of the log must equal the
 *    digest of the PCR 18 policy event (0x604) of the slot the verdict
 *    (0x60A) names: "enforced: slot a" -> the event "policy a", "enforced:
 *    policy" -> "policy". Without a verdict, or with a refusal, the file is
 *    not judged at all (plan.c already judges a refusal);
 *  - policy-signer-untrusted: the signed envelope splits and its Ed25519
 *    signature verifies (OpenSSL) under a trusted policy key, chosen by key
 *    id (the first 8 bytes of SHA-256 over the raw key, keys/README.md);
 *  - policy-version-too-old: the binary loads (pp_policy_load_signed, the
 *    hypervisor's own check, with the same keys) and its version and epoch
 *    are at least the minimums.
 * Without policy.bin: policy-missing when --policy-key or a minimum was
 * given, else a note (PCR 18 against a reference still binds the policy).
 *
 * Trust: policy.bin is agent bytes. It is bound to the quote only through
 * the PCR 18 event digest, so the digest check is what makes the name,
 * version and signer reported here those of the policy the TPM saw.
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <parapet/hash.h>
#include <parapet/measure_plan.h>
#include <parapet/policy.h>
#include "attest/verifier/verifier.h"
#include "policy/cli/polkey.h"

static const struct av_policy_opts no_opts;

static void key_hex(char out[2 * PP_POL_KEY_ID_LEN + 1], const u8 *id)
{
	av_hex(out, id, PP_POL_KEY_ID_LEN);
}

int av_policy_add_key_pem(struct av_policy_opts *o, const char *path, char *err, size_t errlen)
{
	if (o->nkeys == AV_MAX_POLKEYS) {
		snprintf(err, errlen, "%s: more than %u policy keys", path, AV_MAX_POLKEYS);
		return -1;
	}
	struct pp_pol_key *k = &o->keys[o->nkeys];
	struct pol_key pk;
	/* the same reader as `parapet policy verify` (policy/cli/polkey.c) */
	if (pol_key_load_pub(path, &pk, err, errlen))
		return -1;
	memcpy(k->pub, pk.pub, PP_ED25519_PUB_LEN);
	memcpy(k->id, pk.id, PP_POL_KEY_ID_LEN);
	k->role = "policy";
	o->source[o->nkeys++] = path;
	o->keys_given = true;
	return 0;
}

static bool ossl_verify(const u8 *sig, const u8 *msg, size_t len, const u8 *pub)
{
	EVP_PKEY *k = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub, PP_ED25519_PUB_LEN);
	if (!k)
		return false;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	bool ok = c && EVP_DigestVerifyInit(c, NULL, NULL, NULL, k) == 1 &&
		  EVP_DigestVerify(c, sig, PP_ED25519_SIG_LEN, msg, len) == 1;
	EVP_MD_CTX_free(c);
	EVP_PKEY_free(k);
	return ok;
}

/* The verdict and the policy event it names, found in one pass. */
struct find_ctx {
	const struct av_log *log;
	bool verdict, refused;
	char slot; /* 'a', 'b', 0 (a bare policy); -1 an unknown "enforced: ..." */
	/* every policy event, matched after the pass (the verdict comes last) */
	u32 nev;
	struct {
		u32 part;
		const u8 *b;
		const struct pp_evlog_info *info;
		struct pp_evlog_event ev;
	} ev[8];
};

static void find_one(u32 part, const u8 *b, const struct pp_evlog_info *info,
		     const struct pp_evlog_event *ev, void *ctx)
{
	struct find_ctx *c = ctx;
	char want[PP_EV_VERDICT_MAX];
	static const char slots[] = {'a', 'b', 0};
	if (ev->pcr != PP_PCR_POLICY)
		return;
	if (ev->type == PP_EV_POLICY && c->nev < sizeof(c->ev) / sizeof(c->ev[0])) {
		c->ev[c->nev].part = part;
		c->ev[c->nev].b = b;
		c->ev[c->nev].info = info;
		c->ev[c->nev++].ev = *ev;
		return;
	}
	if (ev->type != PP_EV_POLICY_VERDICT)
		return;
	c->verdict = true;
	c->slot = -1;
	c->refused =
	    ev->data_len >= strlen(PP_EV_VERDICT_REFUSED) &&
	    !memcmp(b + ev->data_off, PP_EV_VERDICT_REFUSED, strlen(PP_EV_VERDICT_REFUSED));
	for (u32 i = 0; i < sizeof(slots); i++) {
		u32 n = pp_ev_verdict_enforced(slots[i], want);
		if (ev->data_len == n && !memcmp(b + ev->data_off, want, n))
			c->slot = slots[i];
	}
}

/* policy.bin against the policy event the verdict names; false: not judged further. */
static bool check_digest(const struct av_bundle *b, const struct av_log *log, struct av_result *r,
			 char *slot_out)
{
	static struct find_ctx c;
	char want[PP_EV_POLICY_DATA_MAX], where[96];
	u8 d[PP_HASH_MAX_DIGEST];
	memset(&c, 0, sizeof(c));
	c.log = log;
	av_log_each(log, find_one, &c);
	if (!c.verdict || c.refused)
		return false;
	if (c.slot < 0) {
		av_failf(r, AV_POLICY_MISMATCH,
			 "policy.bin: the PCR 18 verdict names no slot (\"enforced: slot a\", "
			 "\"enforced: slot b\" or \"enforced: policy\")");
		return true;
	}
	u32 wn = pp_ev_policy_data(c.slot, want);
	snprintf(slot_out, 8, "%s", c.slot ? (c.slot == 'a' ? "a" : "b") : "none");
	for (u32 i = 0; i < c.nev; i++) {
		const struct pp_evlog_event *ev = &c.ev[i].ev;
		const struct pp_evlog_info *info = c.ev[i].info;
		if (ev->data_len != wn || memcmp(c.ev[i].b + ev->data_off, want, wn) != 0)
			continue;
		av_log_where(where, sizeof(where), c.ev[i].part, log, ev);
		for (u32 k = 0; k < info->nalgs; k++) {
			if (!pp_hash_supported(info->algs[k].alg))
				continue;
			if (pp_hash(info->algs[k].alg, b->policy.p, b->policy.n, d) != PP_OK ||
			    memcmp(d, c.ev[i].b + ev->digest_off[k], info->algs[k].size) != 0) {
				av_failf(r, AV_POLICY_MISMATCH,
					 "policy.bin: its %s digest is not that of %s, the "
					 "\"%.*s\" the verdict names",
					 pp_evlog_alg_name(info->algs[k].alg), where, (int)wn,
					 want);
				return true;
			}
		}
		return true;
	}
	av_failf(r, AV_POLICY_MISMATCH,
		 "policy.bin: the verdict names \"%.*s\" but PCR 18 has no such policy event "
		 "(0x604)",
		 (int)wn, want);
	return true;
}

/* The signer among the trusted keys; its index, or -1 after a failure. */
static int check_signer(const struct av_policy_opts *o, const struct av_bundle *b,
			struct av_result *r)
{
	struct pp_polsig_view v;
	struct pp_err err = {0, ""};
	char id[2 * PP_POL_KEY_ID_LEN + 1];
	if (b->policy.n > AV_MAX_FILE ||
	    pp_policy_signed_split(b->policy.p, (u32)b->policy.n, &v, &err) != PP_OK) {
		av_failf(r, AV_EVIDENCE_MALFORMED, "policy.bin: %s",
			 err.msg[0] ? err.msg : "oversized");
		return -1;
	}
	key_hex(id, v.key_id);
	for (u32 k = 0; k < o->nkeys; k++) {
		if (memcmp(o->keys[k].id, v.key_id, PP_POL_KEY_ID_LEN) != 0)
			continue;
		if (ossl_verify(v.sig, v.body, v.body_len, o->keys[k].pub))
			return (int)k;
		av_failf(r, AV_POLICY_SIGNER_UNTRUSTED,
			 "policy.bin: the Ed25519 signature does not verify under key %s (%s)", id,
			 o->source[k] ? o->source[k] : "trusted");
		return -1;
	}
	av_failf(r, AV_POLICY_SIGNER_UNTRUSTED,
		 "policy.bin: signed by key %s, which is not a trusted policy key (%s)", id,
		 o->keys_given ? "--policy-key"
		 : o->nkeys    ? "this build's built-in keys"
			       : "none");
	return -1;
}

void av_policy_check(const struct av_inputs *in, const struct av_log *log, struct av_result *r)
{
	static struct pp_policy pol;
	const struct av_policy_opts *o = in->pol ? in->pol : &no_opts;
	const struct av_bundle *b = in->bundle;
	struct pp_polsig_result res;
	char slot[8] = "unknown";
	u32 min_v = o->min_version ? o->min_version : 1;

	if (!b->policy.p) {
		if (o->keys_given || o->min_version_given || o->min_epoch_given)
			av_failf(r, AV_POLICY_MISSING,
				 "policy.bin: not in the bundle, so the signer and version that "
				 "--policy-key / --min-policy-version ask for cannot be checked");
		else
			av_notef(r, "the policy in force was not in the evidence: its signer and "
				    "version are unchecked");
		return;
	}
	if (!log) {
		av_notef(r, "policy.bin not judged: without the log nothing binds it to the quote");
		return;
	}
	if (!check_digest(b, log, r, slot))
		return; /* no verdict or a refusal: nothing is enforced under this file */
	if (av_has(r, AV_POLICY_MISMATCH))
		return; /* not the file PCR 18 measured: its signer and version say nothing */
	int k = check_signer(o, b, r);
	if (k < 0)
		return;
	if (pp_policy_load_signed(b->policy.p, (u32)b->policy.n, o->keys, o->nkeys, &pol, &res) !=
	    PP_OK) {
		av_failf(r, AV_EVIDENCE_MALFORMED, "policy.bin: refused at stage %u: %s",
			 (unsigned)res.stage, res.why.err.msg);
		return;
	}
	if (pol.version < min_v || (o->min_epoch_given && pol.epoch < o->min_epoch)) {
		if (o->min_epoch_given)
			av_failf(r, AV_POLICY_VERSION_TOO_OLD,
				 "policy.bin: policy \"%s\" has version %u epoch %u, the minimum "
				 "is version %u epoch %u",
				 pol.name, pol.version, pol.epoch, min_v, o->min_epoch);
		else
			av_failf(r, AV_POLICY_VERSION_TOO_OLD,
				 "policy.bin: policy \"%s\" has version %u, the minimum is %u",
				 pol.name, pol.version, min_v);
	}
	r->have_policy = true;
	snprintf(r->policy.name, sizeof(r->policy.name), "%s", pol.name);
	r->policy.version = pol.version;
	r->policy.epoch = pol.epoch;
	key_hex(r->policy.key_id, o->keys[k].id);
	snprintf(r->policy.key, sizeof(r->policy.key), "%s",
		 o->source[k] ? o->source[k] : "trusted");
	snprintf(r->policy.slot, sizeof(r->policy.slot), "%s", slot);
}
