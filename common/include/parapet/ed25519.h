/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ed25519 signature verification (RFC 8032, section 5.1.7), freestanding:
 * the hypervisor verifies signed policies with it (docs/crypto.md). Strict
 * about encodings (docs/crypto.md lists the rules: S < L, canonical point
 * encodings). Verification only: signing is the host's, with OpenSSL 3.
 */
#ifndef PARAPET_ED25519_H
#define PARAPET_ED25519_H

#include <parapet/types.h>

/* true when sig[64] is pub[32]'s signature over msg[len]. */
bool pp_ed25519_verify(const u8 sig[64], const u8 *msg, size_t len, const u8 pub[32]);

#endif
