// SPDX-License-Identifier: GPL-2.0-only
/*
 * `parapet attest verify`: every check of docs/attestation.md in order,
 * each adding failures to the result rather than stopping, so a verdict
 * names everything wrong with the evidence it could still see. Later
 * checks run only on what earlier ones could parse (no replay without a
 * log, no clock state without a verified signature).
 *
 * The signer is always an enrolled AK: the one whose TPM name equals the
 * bundle's ak.pub, else (ak-not-enrolled) whichever enrolled AK the
 * signature verifies with. ak.pub and ak.pem only say which key the
 * bundle claims; they never become a key the verdict trusts.
 */
#include <stdio.h>
#include <string.h>
#include "attest/verifier/verifier.h"

struct keys {
	TPM2B_PUBLIC claimed;
	bool have_claimed;
	TPM2B_NAME name; /* the claimed key's, when have_name */
	bool have_name;
	const struct av_key *signer;
};

static const struct av_key *enrolled(const struct av_inputs *in, const TPM2B_NAME *name)
{
	for (u32 i = 0; i < in->naks; i++)
		if (in->aks[i].name.size == name->size &&
		    !memcmp(in->aks[i].name.name, name->name, name->size))
			return &in->aks[i];
	return NULL;
}

static void check_claimed(const struct av_inputs *in, struct keys *k, struct av_result *r)
{
	const struct av_bundle *b = in->bundle;
	char why[AV_MSG_MAX - 16];
	const TPM2B_NAME *name = &k->name;
	if (av_key_parse(b->akpub.p, b->akpub.n, &k->claimed, why, sizeof(why))) {
		av_failf(r, AV_EVIDENCE_MALFORMED, "ak.pub: %s", why);
		return;
	}
	k->have_claimed = true;
	if (av_key_name(&k->claimed, &k->name)) {
		av_failf(r, AV_EVIDENCE_MALFORMED, "ak.pub: nameAlg 0x%04x unsupported",
			 k->claimed.publicArea.nameAlg);
		return;
	}
	k->have_name = true;
	int eq = av_key_pem_equal(&k->claimed, b->akpem.p, b->akpem.n);
	if (eq < 0)
		av_failf(r, AV_EVIDENCE_MALFORMED, "ak.pem: not a PEM public key");
	else if (!eq)
		av_failf(r, AV_AK_MISMATCH, "ak.pem and ak.pub are different keys");
	if (!enrolled(in, name)) {
		char hex[2 * sizeof(name->name) + 1];
		av_hex(hex, name->name, name->size);
		av_failf(r, AV_AK_NOT_ENROLLED, "ak.pub (name %.68s) is not an enrolled AK (--ak)",
			 hex);
	}
	if (!av_key_restricted_signer(&k->claimed))
		av_failf(r, AV_AK_NOT_RESTRICTED,
			 "ak.pub: attributes 0x%08x, not a restricted signing key",
			 k->claimed.publicArea.objectAttributes);
}

static void check_signature(const struct av_inputs *in, struct keys *k, const TPMT_SIGNATURE *sig,
			    struct av_result *r)
{
	char why[AV_MSG_MAX - 32] = "no enrolled AK";
	const struct av_key *first = k->have_name ? enrolled(in, &k->name) : NULL;
	if (first &&
	    av_sig_verify(&first->pub, sig, in->bundle->msg.p, in->bundle->msg.n, why, sizeof(why)))
		k->signer = first;
	for (u32 i = 0; !k->signer && !first && i < in->naks; i++)
		if (av_sig_verify(&in->aks[i].pub, sig, in->bundle->msg.p, in->bundle->msg.n, why,
				  sizeof(why)))
			k->signer = &in->aks[i];
	if (!k->signer) {
		av_failf(r, AV_SIGNATURE_INVALID, "quote.sig: %s", why);
		return;
	}
	r->have_signer = true;
	av_hex(r->signer, k->signer->name.name, k->signer->name.size);
	if (!av_key_restricted_signer(&k->signer->pub) && k->signer != first)
		av_failf(r, AV_AK_NOT_RESTRICTED,
			 "the enrolled AK %s is not a restricted signing key", k->signer->label);
}

/* The log's checks; the loaded log, or NULL when it did not load. */
static const struct av_log *check_log(const struct av_inputs *in, const struct av_pcr_values *pv,
				      struct av_result *r)
{
	static struct av_log log;
	struct pp_err err = {0, ""};
	const struct av_bundle *b = in->bundle;
	u32 banks = pv ? 0 : PP_EVLOG_ALL_BANKS; /* the quoted banks only: no hashing for nothing */
	for (u32 i = 0; pv && i < pv->n; i++)
		banks |= pv->v[i].alg < 32 ? 1u << pv->v[i].alg : 0;
	if (av_log_load(b->log.p, b->log.n, banks, &log, "eventlog.bin", &err)) {
		av_failf(r, AV_EVENTLOG_MALFORMED, "%s", err.msg);
		return NULL;
	}
	av_log_check_digests(&log, r);
	av_plan_check_types(&log, r);
	av_plan_firmware(&log, r);
	av_plan_launch(&log, in->accept, in->ref && av_ref_is_log(in->ref), r);
	if (!pv)
		return &log;
	av_log_check_replay(&log, pv, r);
	if (in->ref)
		av_ref_check(in->ref, &log, pv, r);
	return &log;
}

void av_verify(const struct av_inputs *in, struct av_result *r)
{
	static struct av_pcr_values pv;
	static TPMS_ATTEST attest;
	struct keys k;
	TPMT_SIGNATURE sig;
	char why[AV_MSG_MAX - 16];
	const struct av_bundle *b = in->bundle;
	bool have_sig, have_pv;

	av_result_init(r);
	memset(&k, 0, sizeof(k));
	check_claimed(in, &k, r);
	have_sig = !av_sig_parse(b->sig.p, b->sig.n, &sig);
	if (!have_sig)
		av_failf(r, AV_EVIDENCE_MALFORMED,
			 "quote.sig: not one TPMT_SIGNATURE (RSASSA, RSAPSS or ECDSA), %zu bytes",
			 b->sig.n);
	else
		check_signature(in, &k, &sig, r);
	have_pv = !av_pcrs_parse(b->pcrs.p, b->pcrs.n, &pv, why, sizeof(why));
	if (!have_pv)
		av_failf(r, AV_EVIDENCE_MALFORMED, "%s", why);
	u16 hash = have_sig ? (sig.sigAlg == TPM2_ALG_ECDSA ? sig.signature.ecdsa.hash
							    : sig.signature.rsassa.hash)
			    : TPM2_ALG_SHA256;
	bool have_attest = av_check_quote(b, hash, have_pv ? &pv : NULL, &attest, r);
	const struct av_log *log = check_log(in, have_pv ? &pv : NULL, r);
	av_policy_check(in, log, r);
	if (!r->reference_drtm)
		av_warnf(r, "no reference covers PCR 17-19 in a quoted bank: the verdict cannot "
			    "affirm (--reference)");
	if (in->state_path && have_attest && k.signer)
		av_state_check(in->state_path, &k.signer->name, &attest.clockInfo, true, r);
}
