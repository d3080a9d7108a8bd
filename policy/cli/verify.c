// SPDX-License-Identifier: GPL-2.0-only
/*
 * `parapet policy verify SIGNED [--pubkey PUB.pem ...]`
 * (docs/policy-signing.md): what the hypervisor will check, in its order.
 * The framing (pp_policy_signed_split: trailer, no byte after it, key ids
 * equal); the key, chosen by key id among the --pubkey files, or by
 * default among the keys built into this build's hypervisor
 * (build/gen/policy_keys.c); the Ed25519 signature over [0, total_size),
 * checked by OpenSSL 3 and by the freestanding verifier the hypervisor
 * runs, which must agree (a disagreement is reported as such and fails);
 * then the binary (pp_policy_read: structure, body hash) and the model's
 * rules (pp_policy_validate). Exit 0 with a summary line, 1 with the first
 * reason, 2 on usage errors.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <parapet/ed25519.h>
#include <parapet/policy_keys.h>
#include "policy/cli/cli.h"
#include "policy/cli/polkey.h"

#define VERIFY_FILE_MAX (4u << 20)
#define VERIFY_MAX_KEYS 16

static const char verify_usage[] =
    "usage: parapet policy verify SIGNED [--pubkey PUB.pem ...]\n"
    "\n"
    "Verify a signed policy as the hypervisor does (docs/policy-signing.md):\n"
    "framing, key id, Ed25519 signature (OpenSSL and the hypervisor's own\n"
    "verifier, which must agree), body hash, every validator rule.\n"
    "  --pubkey PUB  an accepted public key (PEM); repeatable. Default: the keys\n"
    "                built into this build's hypervisor (keys/README.md)\n"
    "Exit status: 0 valid, 1 refused (the reason on stderr), 2 usage error.\n";

static int ossl_verify(const u8 *sig, const u8 *msg, size_t len, const u8 *pub)
{
	EVP_PKEY *k = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub, PP_ED25519_PUB_LEN);
	if (!k)
		return 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	int ok = c && EVP_DigestVerifyInit(c, NULL, NULL, NULL, k) == 1 &&
		 EVP_DigestVerify(c, sig, PP_ED25519_SIG_LEN, msg, len) == 1;
	EVP_MD_CTX_free(c);
	EVP_PKEY_free(k);
	return ok;
}

static u32 builtin_keys(struct pol_key *keys)
{
	u32 n = 0;
	for (u32 i = 0; i < pp_pol_n_keys && n < VERIFY_MAX_KEYS; i++, n++) {
		snprintf(keys[n].label, sizeof(keys[n].label), "built-in %s key",
			 pp_pol_keys[i].role);
		memcpy(keys[n].id, pp_pol_keys[i].id, PP_POL_KEY_ID_LEN);
		memcpy(keys[n].pub, pp_pol_keys[i].pub, PP_ED25519_PUB_LEN);
	}
	return n;
}

/* Everything after reading; 0, or -1 with msg. */
static int verify_buf(const char *path, const u8 *buf, size_t len, const struct pol_key *keys,
		      u32 nkeys, char *msg, size_t msglen)
{
	static struct pp_policy pol;
	struct pp_polsig_view v;
	struct pp_err err = {0, ""};
	struct pp_pol_error perr;
	char id[2 * PP_POL_KEY_ID_LEN + 1];

	if (len > VERIFY_FILE_MAX || pp_policy_signed_split(buf, (u32)len, &v, &err)) {
		snprintf(msg, msglen, "%s: %s", path, err.msg);
		return -1;
	}
	pol_key_id_hex(v.key_id, id);
	const struct pol_key *k = NULL;
	for (u32 i = 0; i < nkeys && !k; i++) {
		if (!memcmp(keys[i].id, v.key_id, PP_POL_KEY_ID_LEN))
			k = &keys[i];
	}
	if (!k) {
		snprintf(msg, msglen,
			 "%s: unknown key id %s: signed by none of the %u accepted keys", path, id,
			 nkeys);
		return -1;
	}
	int ossl = ossl_verify(v.sig, v.body, v.body_len, k->pub);
	bool ours = pp_ed25519_verify(v.sig, v.body, v.body_len, k->pub);
	if (ossl != (int)ours) {
		snprintf(msg, msglen,
			 "%s: VERIFIER DISAGREEMENT: OpenSSL says the signature is %s, the "
			 "hypervisor's Ed25519 verifier says %s (key id %s, %s): refused; "
			 "report this",
			 path, ossl ? "valid" : "invalid", ours ? "valid" : "invalid", id,
			 k->label);
		return -1;
	}
	if (!ours) {
		snprintf(msg, msglen,
			 "%s: bad signature: the Ed25519 signature over bytes [0, %u) does not "
			 "verify under key id %s (%s)",
			 path, v.body_len, id, k->label);
		return -1;
	}
	if (pp_policy_read(v.body, v.body_len, &pol, &err)) {
		snprintf(msg, msglen, "%s: signature valid but the binary is refused: %s", path,
			 err.msg);
		return -1;
	}
	if (pp_policy_validate(&pol, &perr)) {
		snprintf(msg, msglen, "%s: rule %s: %s", path, pp_pol_rule_name(perr.rule),
			 perr.err.msg);
		return -1;
	}
	printf("OK %s: policy \"%s\" version %u epoch %u platform \"%s\", signed by key id %s "
	       "(%s); OpenSSL and the hypervisor's verifier agree; body hash and the %d model rule "
	       "classes "
	       "pass (machine rules: at boot, or check --machine)\n",
	       path, pol.name, pol.version, pol.epoch, pol.platform, id, k->label,
	       PP_POL_RULE_COUNT - 1);
	return 0;
}

int pol_cmd_verify(int argc, char **argv)
{
	static const struct option opts[] = {{"pubkey", required_argument, NULL, 'p'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	static struct pol_key keys[VERIFY_MAX_KEYS];
	u32 nkeys = 0;
	char msg[POL_CLI_MSG_MAX];
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			if (nkeys == VERIFY_MAX_KEYS)
				return pol_cli_usage_error("verify",
							   "too many --pubkey (at most 16)");
			if (pol_key_load_pub(optarg, &keys[nkeys], msg, sizeof(msg)))
				return pol_cli_usage_error("verify", msg);
			nkeys++;
			break;
		case 'h': fputs(verify_usage, stdout); return POL_EXIT_OK;
		default: return pol_cli_usage_error("verify", "unknown option or missing argument");
		}
	}
	if (optind != argc - 1)
		return pol_cli_usage_error("verify", "expected exactly one SIGNED file");
	if (!nkeys)
		nkeys = builtin_keys(keys);

	u8 *buf;
	size_t len;
	if (pol_cli_read_file(argv[optind], VERIFY_FILE_MAX, &buf, &len, msg, sizeof(msg))) {
		fprintf(stderr, "parapet policy verify: %s\n", msg);
		return POL_EXIT_FAIL;
	}
	int rc = verify_buf(argv[optind], buf, len, keys, nkeys, msg, sizeof(msg));
	if (rc)
		fprintf(stderr, "parapet policy verify: %s\n", msg);
	free(buf);
	return rc ? POL_EXIT_FAIL : POL_EXIT_OK;
}
