// SPDX-License-Identifier: GPL-2.0-only
/*
 * Ed25519 key files for `parapet policy sign` and `verify` (polkey.h).
 * Key files are the operator's input: read with OpenSSL's PEM readers,
 * the algorithm checked, only the raw public key kept.
 */
#include <stdio.h>
#include <string.h>
#include <openssl/pem.h>
#include <parapet/sha2.h>
#include "policy/cli/polkey.h"

void pol_key_id(const u8 pub[PP_ED25519_PUB_LEN], u8 id[PP_POL_KEY_ID_LEN])
{
	u8 h[PP_SHA256_DIGEST_SIZE];
	pp_sha256(pub, PP_ED25519_PUB_LEN, h);
	memcpy(id, h, PP_POL_KEY_ID_LEN);
}

void pol_key_id_hex(const u8 id[PP_POL_KEY_ID_LEN], char out[2 * PP_POL_KEY_ID_LEN + 1])
{
	for (size_t i = 0; i < PP_POL_KEY_ID_LEN; i++)
		snprintf(out + 2 * i, 3, "%02x", id[i]);
}

/* The raw public key of an Ed25519 EVP_PKEY into k (label from path). */
static int fill(EVP_PKEY *pk, const char *path, const char *what, struct pol_key *k, char *msg,
		size_t msglen)
{
	size_t len = PP_ED25519_PUB_LEN;
	if (EVP_PKEY_get_base_id(pk) != EVP_PKEY_ED25519) {
		snprintf(msg, msglen, "%s: %s is %s, not Ed25519", path, what,
			 OBJ_nid2sn(EVP_PKEY_get_base_id(pk)));
		return -1;
	}
	if (!EVP_PKEY_get_raw_public_key(pk, k->pub, &len) || len != PP_ED25519_PUB_LEN) {
		snprintf(msg, msglen, "%s: cannot extract the raw Ed25519 public key", path);
		return -1;
	}
	pol_key_id(k->pub, k->id);
	snprintf(k->label, sizeof(k->label), "%s", path);
	return 0;
}

int pol_key_load_pub(const char *path, struct pol_key *k, char *msg, size_t msglen)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(msg, msglen, "%s: cannot open the public key", path);
		return -1;
	}
	EVP_PKEY *pk = PEM_read_PUBKEY(f, NULL, NULL, NULL);
	fclose(f);
	if (!pk) {
		snprintf(msg, msglen, "%s: not a PEM public key (SubjectPublicKeyInfo)", path);
		return -1;
	}
	int rc = fill(pk, path, "the public key", k, msg, msglen);
	EVP_PKEY_free(pk);
	return rc;
}

EVP_PKEY *pol_key_load_priv(const char *path, struct pol_key *k, char *msg, size_t msglen)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(msg, msglen, "%s: cannot open the private key", path);
		return NULL;
	}
	EVP_PKEY *pk = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	if (!pk) {
		snprintf(msg, msglen, "%s: not a PEM private key (PKCS#8, unencrypted)", path);
		return NULL;
	}
	if (fill(pk, path, "the private key", k, msg, msglen)) {
		EVP_PKEY_free(pk);
		return NULL;
	}
	return pk;
}
