/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TPM 2.0 commands of the attestation agent (common/tpm/attest_*.c,
 * docs/attest-agent.md): the endorsement key, attestation keys, credential
 * activation and quotes. Freestanding, over struct tpm2_dev (parapet/tpm2.h)
 * like the rest of the command layer: the agent in the service partition and
 * the host tests against swtpm share it. Not linked into the secure loader.
 *
 * Keys are primary objects of the endorsement hierarchy, derived from its
 * seed and a fixed template: the same TPM gives the same EK and the same AKs
 * on every boot, so an AK enrolled once stays enrolled (until the
 * endorsement seed changes: TPM2_ChangeEPS, never TPM2_Clear).
 *   EK: the TCG EK Credential Profile's default RSA-2048 template (L-1), so
 *       its public key is the one swtpm_setup certified (NV 0x01c00002).
 *   AK: restricted signing key, fixedTPM, fixedParent, sensitiveDataOrigin,
 *       userWithAuth, empty authValue; RSA-2048 RSASSA-SHA256 or ECC NIST
 *       P-256 ECDSA-SHA256, nameAlg SHA-256.
 *
 * Trust: every response is untrusted bytes, parsed with bounds checks; a
 * created key's public area must equal the template in every byte before
 * its unique field (type, nameAlg, attributes, authPolicy, parameters) and
 * hold exactly one key of the template's size there before its handle is
 * believed, and its Name is recomputed (nameAlg || SHA-256(TPMT_PUBLIC),
 * Part 1, "Names") and compared with the one the TPM returned. Errors as in
 * tpm2.h (PP_EDEVICE + dev->last_rc when the TPM refused). Every handle a
 * function created is flushed on its failure paths.
 */
#ifndef PARAPET_TPM2_ATTEST_H
#define PARAPET_TPM2_ATTEST_H

#include <parapet/tpm2.h>

#define TPM2_EK_CERT_NV_RSA 0x01c00002u /* TCG EK Credential Profile 2.0, 2.2.1.4 */
#define TPM2_PUBLIC_MAX 600u		/* a marshalled TPM2B_PUBLIC, size field included */
#define TPM2_NAME_SIZE 34u		/* TPM_ALG_SHA256 (2) || SHA-256 (32) */
#define TPM2_ID_OBJECT_MAX 256u		/* TPM2B_ID_OBJECT, size field included */
#define TPM2_ENC_SECRET_MAX 514u	/* TPM2B_ENCRYPTED_SECRET, size field included */
#define TPM2_ATTEST_MAX 1024u		/* TPMS_ATTEST as signed */
#define TPM2_SIGNATURE_MAX 600u		/* TPMT_SIGNATURE */
#define TPM2_EK_CERT_MAX 2048u

/* TPM_CC (Part 2, 6.5.2) of the commands used here. */
#define TPM2_CC_CREATE_PRIMARY 0x00000131u
#define TPM2_CC_ACTIVATE_CREDENTIAL 0x00000147u
#define TPM2_CC_POLICY_SECRET 0x00000151u
#define TPM2_CC_QUOTE 0x00000158u

/* TPM_RH_ENDORSEMENT (Part 2, 7.4); TPM_HT_TRANSIENT (Part 2, 7.2). */
#define TPM2_RH_ENDORSEMENT 0x4000000Bu
#define TPM2_HT_TRANSIENT 0x80u

/* TPM_ALG_ID (Part 2, 6.3; values from the TCG Algorithm Registry). */
#define TPM2_ALG_RSA 0x0001u
#define TPM2_ALG_AES 0x0006u
#define TPM2_ALG_RSASSA 0x0014u
#define TPM2_ALG_ECDSA 0x0018u
#define TPM2_ALG_ECC 0x0023u
#define TPM2_ALG_CFB 0x0043u
/* TPM_ECC_CURVE (Part 2, 6.4): TPM_ECC_NIST_P256. */
#define TPM2_ECC_NIST_P256 0x0003u

/* TPMA_OBJECT bits (Part 2, 8.3.2). */
#define TPMA_OBJECT_FIXEDTPM (1u << 1)
#define TPMA_OBJECT_FIXEDPARENT (1u << 4)
#define TPMA_OBJECT_SENSITIVEDATAORIGIN (1u << 5)
#define TPMA_OBJECT_USERWITHAUTH (1u << 6)
#define TPMA_OBJECT_ADMINWITHPOLICY (1u << 7)
#define TPMA_OBJECT_RESTRICTED (1u << 16)
#define TPMA_OBJECT_DECRYPT (1u << 17)
#define TPMA_OBJECT_SIGN (1u << 18)

/* EK template L-1 (TCG EK Credential Profile 2.0, B.3.3 "Template L-1: RSA
 * 2048 (Storage)"): 0x000300b2, authPolicy = PolicySecret(TPM_RH_ENDORSEMENT)
 * (B.6.2 "Computing PolicySecret"), AES-128-CFB, no scheme, 2048 bits,
 * default exponent, unique = 256 zero bytes. */
#define TPM2_EK_ATTRS                                                                              \
	(TPMA_OBJECT_FIXEDTPM | TPMA_OBJECT_FIXEDPARENT | TPMA_OBJECT_SENSITIVEDATAORIGIN |        \
	 TPMA_OBJECT_ADMINWITHPOLICY | TPMA_OBJECT_RESTRICTED | TPMA_OBJECT_DECRYPT)
_Static_assert(TPM2_EK_ATTRS == 0x000300b2u, "EK Credential Profile, Template L-1 attributes");
#define TPM2_EK_SYM_BITS 128u
#define TPM2_RSA_BITS 2048u
#define TPM2_RSA_MOD_SIZE (TPM2_RSA_BITS / 8u)
#define TPM2_ECC_P256_SIZE 32u /* one coordinate / r / s of P-256 */
/* AK: a restricted signing key of the endorsement hierarchy (Part 1,
 * "Attestation Key"; Part 2, 8.3.3.1: restricted|sign may not decrypt). */
#define TPM2_AK_ATTRS                                                                              \
	(TPMA_OBJECT_FIXEDTPM | TPMA_OBJECT_FIXEDPARENT | TPMA_OBJECT_SENSITIVEDATAORIGIN |        \
	 TPMA_OBJECT_USERWITHAUTH | TPMA_OBJECT_RESTRICTED | TPMA_OBJECT_SIGN)
_Static_assert(TPM2_AK_ATTRS == 0x00050072u, "AK attributes");

/* TPMS_ATTEST (Part 2, 10.12.12): magic TPM_GENERATED_VALUE (6.2), type
 * TPM_ST_ATTEST_QUOTE (6.9); TPMT_TK_CREATION's tag TPM_ST_CREATION (6.9). */
#define TPM2_GENERATED_VALUE 0xff544347u
#define TPM2_ST_ATTEST_QUOTE 0x8018u
#define TPM2_ST_CREATION 0x8021u

enum tpm2_ak_kind { TPM2_AK_RSA2048 = 0, TPM2_AK_ECCP256 = 1 };
enum tpm2_key_kind { TPM2_KEY_EK = 0, TPM2_KEY_AK_RSA = 1, TPM2_KEY_AK_ECC = 2 };

/* A loaded transient key and what identifies it. */
struct tpm2_key {
	u32 handle;		 /* transient handle (TPM_HT_TRANSIENT), 0 when none */
	u16 pub_len;		 /* bytes of pub */
	u8 pub[TPM2_PUBLIC_MAX]; /* TPM2B_PUBLIC, size field included */
	u8 name[TPM2_NAME_SIZE]; /* its Name, recomputed and checked */
};

/* CreatePrimary(TPM_RH_ENDORSEMENT, EK template L-1). */
int tpm2_ek_create(struct tpm2_dev *dev, struct tpm2_key *ek, struct pp_err *err);
/* CreatePrimary(TPM_RH_ENDORSEMENT, the AK template of kind). */
int tpm2_ak_create(struct tpm2_dev *dev, enum tpm2_ak_kind kind, struct tpm2_key *ak,
		   struct pp_err *err);
/* FlushContext(key->handle) when it has one; key->handle = 0. */
int tpm2_key_flush(struct tpm2_dev *dev, struct tpm2_key *key, struct pp_err *err);

/* NV_ReadPublic + NV_Read in chunks the TPM accepts: the whole index into
 * out (PP_ENOENT when the index is not defined or never written, PP_ERANGE
 * above cap). Authorized by the index itself when it has TPMA_NV_AUTHREAD,
 * else by TPM_RH_OWNER (TPMA_NV_OWNERREAD), both with an empty password. */
int tpm2_nv_read_all(struct tpm2_dev *dev, u32 index, u8 *out, size_t cap, size_t *len,
		     struct pp_err *err);

/*
 * ActivateCredential(activateHandle = ak, keyHandle = ek): ak authorized by
 * an empty password, ek by a policy session that ran PolicySecret(
 * TPM_RH_ENDORSEMENT) (the EK template's authPolicy; the session is flushed
 * on every path). blob: TPM2B_ID_OBJECT, secret: TPM2B_ENCRYPTED_SECRET,
 * both with their size fields and exactly as long as those say. out: the
 * recovered credential (TPM2B_DIGEST's buffer).
 */
int tpm2_activate_credential(struct tpm2_dev *dev, const struct tpm2_key *ak,
			     const struct tpm2_key *ek, const u8 *blob, size_t blob_len,
			     const u8 *secret, size_t secret_len, u8 *out, size_t cap,
			     size_t *out_len, struct pp_err *err);

/*
 * Quote(ak, qualifyingData = nonce, inScheme TPM_ALG_NULL, PCRs mask in each
 * of the nbanks banks algs[]). attest: the TPMS_ATTEST bytes (TPM2B_ATTEST's
 * buffer); sig: the TPMT_SIGNATURE bytes as marshalled by the TPM (checked
 * to be one well-formed signature of the key's scheme).
 */
int tpm2_quote(struct tpm2_dev *dev, const struct tpm2_key *ak, const u8 *nonce, size_t nonce_len,
	       const u16 *algs, u32 nbanks, u32 mask, u8 *attest, size_t attest_cap,
	       size_t *attest_len, u8 *sig, size_t sig_cap, size_t *sig_len, struct pp_err *err);

/* The Name of a marshalled TPM2B_PUBLIC (nameAlg SHA-256 only). */
int tpm2_public_name(const u8 *pub, size_t len, u8 name[TPM2_NAME_SIZE], struct pp_err *err);

/*
 * The template (a TPM2B_PUBLIC, size field included) CreatePrimary is given
 * for kind; returns its length, 0 when cap is short.
 */
size_t tpm2_key_template(enum tpm2_key_kind kind, u8 *buf, size_t cap);

/* Where a checked public area keeps its key: RSA modulus (x) or ECC x, y. */
struct tpm2_public_key {
	u16 type;    /* TPM2_ALG_RSA or TPM2_ALG_ECC */
	const u8 *x; /* modulus (RSA) or x (ECC), into the parsed buffer */
	u16 x_len;
	const u8 *y; /* ECC y; NULL for RSA */
	u16 y_len;
};

/*
 * A TPM2B_PUBLIC (size field included) checked against the template of
 * kind: every byte before the unique field equal to the template's (type,
 * nameAlg, attributes, authPolicy, parameters), unique of the key's size
 * (256-byte modulus; 32-byte x and y), nothing after it. key may be NULL.
 */
int tpm2_check_public(enum tpm2_key_kind kind, const u8 *pub, size_t len,
		      struct tpm2_public_key *key, struct pp_err *err);

/*
 * Response parsers (exposed for the unit tests and the fuzz target): rsp/len
 * a complete response whose header says success.
 * CreatePrimary: objectHandle (a transient handle), outPublic checked with
 * tpm2_check_public, creationData / creationHash / creationTicket bounded
 * and skipped, name equal to the recomputed Name; fills key.
 */
int tpm2_parse_create_primary(const u8 *rsp, size_t len, enum tpm2_key_kind kind,
			      struct tpm2_key *key, struct pp_err *err);
/* ActivateCredential: TPM2B_DIGEST certInfo, two authorization responses. */
int tpm2_parse_activate_credential(const u8 *rsp, size_t len, u8 *out, size_t cap, size_t *out_len,
				   struct pp_err *err);
/* Quote: TPM2B_ATTEST (magic, type TPM_ST_ATTEST_QUOTE, at most
 * TPM2_ATTEST_MAX) and TPMT_SIGNATURE of key_type's scheme (RSASSA-SHA256
 * with a 256-byte signature; ECDSA-SHA256 with r, s of 1-32 bytes). */
int tpm2_parse_quote(const u8 *rsp, size_t len, u16 key_type, u8 *attest, size_t attest_cap,
		     size_t *attest_len, u8 *sig, size_t sig_cap, size_t *sig_len,
		     struct pp_err *err);
/* PolicySecret: TPM2B_TIMEOUT and TPMT_TK_AUTH bounded, one authorization. */
int tpm2_parse_policy_secret(const u8 *rsp, size_t len, struct pp_err *err);

#endif
