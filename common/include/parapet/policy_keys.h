/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The policy-signing public keys built into the hypervisor image
 * (keys/README.md): generated at build time from keys/ into
 * build/gen/policy_keys.c, linked into the hypervisor, and so measured with
 * it. A signed policy is accepted only under one of these keys, chosen by
 * its key id (parapet/policy_signed.h: the first 8 bytes of SHA-256 over
 * the raw public key).
 */
#ifndef PARAPET_POLICY_KEYS_H
#define PARAPET_POLICY_KEYS_H

#include <parapet/types.h>

struct pp_pol_key {
	const char *role; /* "policy" (the signing key) or "backup" */
	u8 id[8];
	u8 pub[32]; /* raw Ed25519 public key (RFC 8032 encoding) */
};

extern const struct pp_pol_key pp_pol_keys[];
extern const u32 pp_pol_n_keys;

#endif
