/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The online half of the verifier (docs/attestation.md, "Enrollment",
 * "Challenges"): what `parapet attest enroll | challenge | serve` add to
 * the offline checks of verifier.h.
 *
 *   makecred.c  TPM2_MakeCredential in software (OpenSSL 3, EVP only)
 *   ekcert.c    the EK certificate against a CA bundle; the EK template
 *
 * Trust: everything the agent sends is untrusted bytes. The EK public area
 * is believed only once it is the TCG default EK template and equals the
 * key of a certificate the CA bundle vouches for (or the operator said
 * --no-ek-cert); an AK only once the agent proved, by ActivateCredential,
 * that it lives in the TPM of that EK.
 */
#ifndef PARAPET_ATTEST_ONLINE_H
#define PARAPET_ATTEST_ONLINE_H

#include "attest/verifier/verifier.h"

/* ---------------------------------------------------------- makecred.c */

#define AV_KDF_MAX 64u	       /* bytes one av_kdfa call makes at most */
#define AV_ID_OBJECT_MAX 256u  /* TPM2B_ID_OBJECT with its size (tpm2_attest.h) */
#define AV_ENC_SECRET_MAX 514u /* TPM2B_ENCRYPTED_SECRET with its size */

/*
 * KDFa (TPM 2.0 Part 1, 11.4.10.2, SP 800-108 counter mode with HMAC):
 * HMAC-SHA-256(key, [i]32 || label || 0x00 || u || v || [bits]32) for
 * i = 1, 2, ..., truncated to bits (a multiple of 8, at most 512). label
 * without its NUL (the 0x00 is added). 0, or -1 if OpenSSL failed.
 */
int av_kdfa(const u8 *key, size_t keylen, const char *label, const u8 *u, size_t ulen, const u8 *v,
	    size_t vlen, u32 bits, u8 *out);

/*
 * TPM2_MakeCredential (Part 1, 24 "Credential Protection"; Part 3,
 * MakeCredential) for the RSA EK ek (nameAlg SHA-256, symmetric AES-128
 * CFB: the default EK template) and the object name (nameAlg || digest):
 * a random seed, RSA-OAEP(SHA-256, label "IDENTITY\0") under the EK;
 * symKey = KDFa(seed, "STORAGE", name), HMACkey = KDFa(seed, "INTEGRITY");
 * encIdentity = AES-128-CFB(symKey, IV 0, TPM2B_DIGEST credential);
 * outerHMAC = HMAC(HMACkey, encIdentity || name).
 * blob: TPM2B_ID_OBJECT, secret: TPM2B_ENCRYPTED_SECRET, both with their
 * size fields (big-endian). cred: 1 to 32 bytes. 0, or -1 with why.
 */
int av_makecred(const TPM2B_PUBLIC *ek, const u8 *name, size_t name_len, const u8 *cred,
		size_t cred_len, u8 *blob, size_t blob_cap, size_t *blob_len, u8 *secret,
		size_t secret_cap, size_t *secret_len, char *why, size_t whylen);
/* The same with a given seed (32 bytes): the unit tests' known answers. */
int av_makecred_seed(const TPM2B_PUBLIC *ek, const u8 *name, size_t name_len, const u8 *cred,
		     size_t cred_len, const u8 seed[32], u8 *blob, size_t blob_cap,
		     size_t *blob_len, u8 *secret, size_t secret_cap, size_t *secret_len, char *why,
		     size_t whylen);

/* ------------------------------------------------------------ ekcert.c */

/* The TCG default EK template L-1 (EK Credential Profile 2.0, B.3.3): RSA
 * 2048, its attributes and authPolicy; unique.rsa of 256 zero bytes. */
void av_ek_template(TPM2B_PUBLIC *t);
/* 0 if ek is that template with a 256-byte modulus (so a key made by
 * another template, e.g. an AK or a user key, is never taken for the EK);
 * -1 with the first field that differs. */
int av_ek_check_template(const TPM2B_PUBLIC *ek, char *why, size_t whylen);
/*
 * The EK certificate: der exactly one DER X.509 certificate, its chain
 * verified against the certificates in the PEM file ca_path (root and
 * intermediates; purpose any; the one unhandled critical extension
 * tolerated is the rule of ekcert.c), and its public key equal to ek.
 * subject: its subject and, with the TCG's directoryName in the SAN, that
 * too (one line, for the enrollment table). 0, or -1 with why.
 */
int av_ekcert_check(const u8 *der, size_t n, const char *ca_path, const TPM2B_PUBLIC *ek,
		    char *subject, size_t subjcap, char *why, size_t whylen);

#endif
