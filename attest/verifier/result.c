// SPDX-License-Identifier: GPL-2.0-only
/*
 * The verdict: failure ids with a message each (issue 12 item 4), warnings
 * that keep a clean verdict from being affirming, and the status derived
 * from them: any failure is contraindicated, a warning alone is warning.
 * Notes are said with the verdict but never change it (what was not checked
 * because the evidence did not carry it, while another check still binds it).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "attest/verifier/verifier.h"

static const char *const names[AV_NFAIL] = {
    [AV_SIGNATURE_INVALID] = "signature-invalid",
    [AV_ATTEST_MAGIC_INVALID] = "attest-magic-invalid",
    [AV_ATTEST_TYPE_INVALID] = "attest-type-invalid",
    [AV_NONCE_MISMATCH] = "nonce-mismatch",
    [AV_AK_NOT_ENROLLED] = "ak-not-enrolled",
    [AV_AK_MISMATCH] = "ak-mismatch",
    [AV_AK_NOT_RESTRICTED] = "ak-not-restricted",
    [AV_PCR_SELECTION_MISMATCH] = "pcr-selection-mismatch",
    [AV_PCR_DIGEST_MISMATCH] = "pcr-digest-mismatch",
    [AV_EVENTLOG_MALFORMED] = "eventlog-malformed",
    [AV_EVENTLOG_DIGEST_MISMATCH] = "eventlog-digest-mismatch",
    [AV_EVENTLOG_REPLAY_MISMATCH] = "eventlog-replay-mismatch",
    [AV_REFERENCE_MISMATCH] = "reference-mismatch",
    [AV_RESET_COUNT_REGRESSED] = "reset-count-regressed",
    [AV_RESTART_COUNT_REGRESSED] = "restart-count-regressed",
    [AV_CLOCKINFO_REGRESSED] = "clockinfo-regressed",
    [AV_LAUNCH_TYPE_REFUSED] = "launch-type-refused",
    [AV_EVIDENCE_MALFORMED] = "evidence-malformed",
    [AV_POLICY_REFUSED] = "policy-refused",
    [AV_POLICY_MISMATCH] = "policy-mismatch",
    [AV_POLICY_SIGNER_UNTRUSTED] = "policy-signer-untrusted",
    [AV_POLICY_VERSION_TOO_OLD] = "policy-version-too-old",
    [AV_POLICY_MISSING] = "policy-missing",
};

void av_result_init(struct av_result *r)
{
	memset(r, 0, sizeof(*r));
	r->launch = "none";
	r->secure_boot = -1;
}

const char *av_fail_name(enum av_fail id)
{
	return (unsigned)id < AV_NFAIL ? names[id] : "unknown";
}

void av_failf(struct av_result *r, enum av_fail id, const char *fmt, ...)
{
	va_list ap;
	if (r->nfail == AV_MAX_ITEMS) {
		r->dropped++;
		return;
	}
	struct av_item *it = &r->fail[r->nfail++];
	it->id = id;
	va_start(ap, fmt);
	vsnprintf(it->msg, sizeof(it->msg), fmt, ap);
	va_end(ap);
}

void av_warnf(struct av_result *r, const char *fmt, ...)
{
	va_list ap;
	if (r->nwarn == AV_MAX_ITEMS) {
		r->dropped++;
		return;
	}
	struct av_item *it = &r->warn[r->nwarn++];
	it->id = AV_NFAIL;
	va_start(ap, fmt);
	vsnprintf(it->msg, sizeof(it->msg), fmt, ap);
	va_end(ap);
}

void av_notef(struct av_result *r, const char *fmt, ...)
{
	va_list ap;
	if (r->nnote == sizeof(r->note) / sizeof(r->note[0]))
		return; /* informational only: never changes the status */
	struct av_item *it = &r->note[r->nnote++];
	it->id = AV_NFAIL;
	va_start(ap, fmt);
	vsnprintf(it->msg, sizeof(it->msg), fmt, ap);
	va_end(ap);
}

bool av_has(const struct av_result *r, enum av_fail id)
{
	for (u32 i = 0; i < r->nfail; i++)
		if (r->fail[i].id == id)
			return true;
	return false;
}

enum av_status av_status_of(const struct av_result *r)
{
	if (r->nfail || r->dropped)
		return AV_CONTRAINDICATED;
	if (r->nwarn)
		return AV_WARNING;
	return AV_AFFIRMING;
}

const char *av_status_name(enum av_status s)
{
	switch (s) {
	case AV_AFFIRMING: return "affirming";
	case AV_WARNING: return "warning";
	default: return "contraindicated";
	}
}
