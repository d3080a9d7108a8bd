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
 * created key's public area must re-marshal to the bytes the TPM sent and
 * carry the template's type, attributes, scheme and size before its handle
 * is believed, and its Name is recomputed (nameAlg || SHA-256(TPMT_PUBLIC),
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

enum tpm2_ak_kind { TPM2_AK_RSA2048 = 0, TPM2_AK_ECCP256 = 1 };

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
 * out (PP_ENOENT when the index is not defined, PP_ERANGE above cap). */
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

#endif
