// SPDX-License-Identifier: GPL-2.0-only
/*
 * `parapet policy sign BIN --key KEY.pem -o SIGNED` (docs/policy-signing.md):
 * the canonical binary must parse (pp_policy_read: structure and body
 * hash) and must not be signed already; its header's key_id (0x28, covered
 * by the signature, outside the body hash) is set to the key's id; the
 * bytes [0, total_size) are signed with OpenSSL (pure Ed25519) and the
 * trailer of parapet/policy_signed.h appended. The signature is checked
 * with the freestanding verifier before anything is written, and the
 * output is written atomically (nothing on failure).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <parapet/bytes.h>
#include <parapet/ed25519.h>
#include "policy/cli/cli.h"
#include "policy/cli/polkey.h"

#define SIGN_FILE_MAX (4u << 20)

static const char sign_usage[] =
    "usage: parapet policy sign BIN --key KEY.pem -o SIGNED\n"
    "\n"
    "Sign a compiled policy with an Ed25519 private key (docs/policy-signing.md).\n"
    "  BIN          the canonical binary (parapet policy compile), not yet signed\n"
    "  --key KEY    PEM private key (keys/dev/policy.pem after `make keys`)\n"
    "  -o SIGNED    output: the binary with the key id set, then the signature trailer\n"
    "Exit status: 0 signed, 1 refused or failed, 2 usage error.\n";

static int ossl_sign(EVP_PKEY *pk, const u8 *msg, size_t len, u8 sig[PP_ED25519_SIG_LEN])
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	size_t sl = PP_ED25519_SIG_LEN;
	int ok = c && EVP_DigestSignInit(c, NULL, NULL, NULL, pk) == 1 &&
		 EVP_DigestSign(c, sig, &sl, msg, len) == 1 && sl == PP_ED25519_SIG_LEN;
	EVP_MD_CTX_free(c);
	return ok ? 0 : -1;
}

/* Sign buf[len] (an unsigned binary) into out; 0, or -1 with msg. */
static int sign_buf(const char *in, u8 *buf, size_t len, EVP_PKEY *pk, const struct pol_key *k,
		    u8 **out, size_t *outlen, char *msg, size_t msglen)
{
	static struct pp_policy pol;
	struct pp_err err = {0, ""};
	if (!pp_policy_is_binary(buf, (u32)len)) {
		snprintf(msg, msglen, "%s: not a policy binary (compile the source first)", in);
		return -1;
	}
	u32 total = ld_le32(buf + 0x10);
	if (total < len) {
		snprintf(msg, msglen,
			 "%s: %zu bytes follow the binary's total_size %u: already signed "
			 "(sign the unsigned binary)",
			 in, len - total, total);
		return -1;
	}
	if (pp_policy_read(buf, (u32)len, &pol, &err)) {
		snprintf(msg, msglen, "%s: %s", in, err.msg);
		return -1;
	}
	memcpy(buf + 0x28, k->id, PP_POL_KEY_ID_LEN);
	if (pp_policy_read(buf, (u32)len, &pol, &err)) {
		snprintf(msg, msglen, "%s: with the key id set: %s", in, err.msg);
		return -1;
	}
	u8 *o = calloc(1, len + PP_POLSIG_TRAILER);
	if (!o) {
		snprintf(msg, msglen, "out of memory");
		return -1;
	}
	memcpy(o, buf, len);
	u8 *t = o + len;
	memcpy(t, PP_POLSIG_MAGIC, 8);
	st_le32(t + 0x08, PP_POLSIG_FORMAT);
	memcpy(t + 0x10, k->id, PP_POL_KEY_ID_LEN);
	if (ossl_sign(pk, o, len, t + 0x20)) {
		snprintf(msg, msglen, "%s: OpenSSL Ed25519 signing failed", k->label);
		free(o);
		return -1;
	}
	if (!pp_ed25519_verify(t + 0x20, o, len, k->pub)) {
		snprintf(msg, msglen,
			 "the freestanding verifier refuses OpenSSL's signature: not written "
			 "(report this)");
		free(o);
		return -1;
	}
	*out = o;
	*outlen = len + PP_POLSIG_TRAILER;
	return 0;
}

int pol_cmd_sign(int argc, char **argv)
{
	static const struct option opts[] = {{"key", required_argument, NULL, 'k'},
					     {"output", required_argument, NULL, 'o'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	const char *keypath = NULL, *outpath = NULL;
	char msg[POL_CLI_MSG_MAX];
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'k': keypath = optarg; break;
		case 'o': outpath = optarg; break;
		case 'h': fputs(sign_usage, stdout); return POL_EXIT_OK;
		default: return pol_cli_usage_error("sign", "unknown option or missing argument");
		}
	}
	if (optind != argc - 1)
		return pol_cli_usage_error("sign", "expected exactly one BIN");
	if (!keypath || !outpath)
		return pol_cli_usage_error("sign", "--key KEY.pem and -o SIGNED are required");

	const char *in = argv[optind];
	struct pol_key k;
	EVP_PKEY *pk = pol_key_load_priv(keypath, &k, msg, sizeof(msg));
	if (!pk) {
		fprintf(stderr, "parapet policy sign: %s\n", msg);
		return POL_EXIT_FAIL;
	}
	int rc = POL_EXIT_FAIL;
	u8 *buf = NULL, *out = NULL;
	size_t len, outlen;
	if (pol_cli_read_file(in, SIGN_FILE_MAX, &buf, &len, msg, sizeof(msg)) ||
	    sign_buf(in, buf, len, pk, &k, &out, &outlen, msg, sizeof(msg)) ||
	    pol_cli_write_file(outpath, out, outlen, msg, sizeof(msg))) {
		fprintf(stderr, "parapet policy sign: %s\n", msg);
		goto out;
	}
	char id[2 * PP_POL_KEY_ID_LEN + 1];
	pol_key_id_hex(k.id, id);
	printf("signed %s -> %s (%zu bytes) with key id %s (%s)\n", in, outpath, outlen, id,
	       keypath);
	rc = POL_EXIT_OK;
out:
	free(buf);
	free(out);
	EVP_PKEY_free(pk);
	return rc;
}
