/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The online half of the verifier (docs/attestation.md, "Enrollment",
 * "Challenges"): what `parapet attest enroll | challenge | serve` add to
 * the offline checks of verifier.h.
 *
 *   makecred.c  TPM2_MakeCredential in software (OpenSSL 3, EVP only)
 *   ekcert.c    the EK certificate against a CA bundle; the EK template
 *   client.c    one request, one reply with the agent (attest_proto.h)
 *   hosts.c     SQLite: enrolled hosts, the last verdict of each (serve)
 *   pcrs_write.c  the QUOTE reply's PCR values as a tpm2-tools PCR file
 *
 * Trust: everything the agent sends is untrusted bytes. The EK public area
 * is believed only once it is the TCG default EK template and equals the
 * key of a certificate the CA bundle vouches for (or the operator said
 * --no-ek-cert); an AK only once the agent proved, by ActivateCredential,
 * that it lives in the TPM of that EK.
 */
#ifndef PARAPET_ATTEST_ONLINE_H
#define PARAPET_ATTEST_ONLINE_H

#include <parapet/attest_proto.h>
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

/* ------------------------------------------------------------ client.c */

#define AV_AGENT_TIMEOUT_MS 30000u /* a quote on a slow TPM and 128 KiB at 115200 baud */

/* Connect to `unix:PATH` or `tcp:HOST:PORT` within timeout_ms: the socket,
 * or -1 with why. */
int av_agent_open(const char *addr, u32 timeout_ms, char *why, size_t whylen);
/*
 * Send the request frame req and receive the reply into buf (cap >=
 * PP_AT_MAX_FRAME), all within timeout_ms; rsp's items point into buf.
 * 0 for a reply of the request's type; -1 with why for a timeout, a
 * closed connection, a malformed frame, an ERROR reply (its code and
 * message) or a reply of another type.
 */
int av_agent_call(int fd, const u8 *req, size_t reqlen, u32 timeout_ms, u8 *buf, size_t cap,
		  struct pp_at_msg *rsp, char *why, size_t whylen);

/* ------------------------------------------------------------- hosts.c */

#define AV_NAME_MAX 34u /* a SHA-256 TPM name */
#define AV_PUB_MAX 600u /* a TPM2B_PUBLIC, size field included */
enum { AV_AK_RSA = 0, AV_AK_ECC = 1 };

/* One enrolled host (the hosts table). */
struct av_host {
	char host[128];
	u8 ek_pub[AV_PUB_MAX];
	size_t ek_len;
	char ek_cert[512]; /* the certificate's subject, or "EK not certified" */
	struct {
		u8 pub[AV_PUB_MAX]; /* TPM2B_PUBLIC; len 0: none of this kind */
		size_t len;
		u8 name[AV_NAME_MAX];
		size_t name_len;
	} ak[2];	    /* AV_AK_RSA, AV_AK_ECC */
	long long enrolled; /* Unix time */
};

/* 1 found (h filled), 0 not enrolled, -1 database error (why). */
int av_hosts_get(const char *db, const char *host, struct av_host *h, char *why, size_t whylen);
int av_hosts_put(const char *db, const struct av_host *h, char *why, size_t whylen);
/* The last verdict of host (serve); r may be NULL (no evidence judged). */
int av_status_put(const char *db, const char *host, const char *status, long long when,
		  const char *failures, const struct av_result *r, char *why, size_t whylen);
/* The status table of every enrolled or challenged host; nbad: rows not
 * affirming. */
int av_status_print(const char *db, FILE *f, u32 *nbad, char *why, size_t whylen);

/* -------------------------------------------------------- pcrs_write.c */

#define AV_PCRFILE_MAX (132u + 4u + 16u * 532u) /* 128 values at most */
/* The PCRS item as a tpm2-tools 5.4 PCR file: the selection in the order
 * the banks first appear, the digests in the item's order. 0, or -1 with
 * why (truncated, a PCR above 23, a digest above 64 bytes, trailing bytes,
 * values out of the selection's order, more than 16 banks, too many values
 * for cap). */
int av_pcrs_to_file(const u8 *p, size_t n, u8 *out, size_t cap, size_t *len, char *why,
		    size_t whylen);

#endif
