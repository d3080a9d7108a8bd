/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ed25519 key files for `parapet policy sign` and `verify` (host, OpenSSL
 * 3): a PEM private key (PKCS#8, as `openssl genpkey -algorithm ed25519`
 * writes) or public key (SubjectPublicKeyInfo), its raw 32-byte public key
 * and its key id (the first 8 bytes of SHA-256 over the raw key,
 * parapet/policy_signed.h). A key of any other algorithm is refused by name.
 */
#ifndef PARAPET_POLICY_CLI_POLKEY_H
#define PARAPET_POLICY_CLI_POLKEY_H

#include <stddef.h>
#include <openssl/evp.h>
#include <parapet/policy_signed.h>

struct pol_key {
	char label[128]; /* "built-in policy key" or the file it came from */
	u8 id[PP_POL_KEY_ID_LEN];
	u8 pub[PP_ED25519_PUB_LEN];
};

void pol_key_id(const u8 pub[PP_ED25519_PUB_LEN], u8 id[PP_POL_KEY_ID_LEN]);
/* 16 lowercase hex digits and a NUL. */
void pol_key_id_hex(const u8 id[PP_POL_KEY_ID_LEN], char out[2 * PP_POL_KEY_ID_LEN + 1]);
/* A public key PEM; 0, or -1 with msg. */
int pol_key_load_pub(const char *path, struct pol_key *k, char *msg, size_t msglen);
/* A private key PEM (the caller frees it); NULL with msg. k gets its public half. */
EVP_PKEY *pol_key_load_priv(const char *path, struct pol_key *k, char *msg, size_t msglen);

#endif
