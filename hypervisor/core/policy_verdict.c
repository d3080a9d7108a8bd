// SPDX-License-Identifier: GPL-2.0-only
/*
 * The policy verdict in the measurements (docs/policy-update.md, "The
 * verdict in PCR 18"; docs/measurements.md, PP_EV_POLICY_VERDICT): once
 * the hypervisor has chosen the policy it enforces, or refused every one,
 * it says so in PCR 18 and in the DRTM log before anything is built from
 * it, so a verifier sees which slot this boot enforces (or that it
 * refused), not only which slots GRUB loaded.
 *   1. the digests: each bank of the DRTM log's header, hash of the data;
 *   2. PCR 18 extended with them at locality 2 (the SL's locality: after a
 *      DRTM launch no partition ever holds it);
 *   3. only then the event appended to the kept log (measure_report.c),
 *      so the log never claims an extend the TPM did not take;
 *   4. the PCRs read back and printed (measure_report_pcrs).
 * A launch that measured nothing (no DRTM log) records nothing.
 */
#include <parapet/fmt.h>
#include <parapet/hash.h>
#include <parapet/measure_plan.h>
#include <parapet/string.h>
#include "console.h"
#include "measure_report.h"
#include "policy_int.h"
#include "tpm_dev.h"

#define VERDICT_LOCALITY 2u

static int record(const char *data, u32 len, struct pp_err *err)
{
	static struct pp_evlog_digests d;
	static struct tpm2_digests td;
	const struct pp_evlog_info *info;
	u32 log_len;
	if (!measure_log_get(&log_len, &info))
		return pp_fail(err, PP_ENOENT, "no DRTM log (the launch measured nothing)");
	memset(&d, 0, sizeof(d));
	memset(&td, 0, sizeof(td));
	d.count = td.count = info->nalgs;
	for (u32 i = 0; i < info->nalgs; i++) {
		u16 alg = info->algs[i].alg;
		if (!pp_hash_supported(alg) || info->nalgs > TPM2_MAX_BANKS)
			return pp_fail(err, PP_ENOTSUP, "DRTM log bank 0x%04x: no hash for it",
				       alg);
		d.v[i].alg = td.d[i].alg = alg;
		d.v[i].size = info->algs[i].size;
		pp_hash(alg, data, len, d.v[i].bytes);
		memcpy(td.d[i].digest, d.v[i].bytes, d.v[i].size);
	}
	struct tpm2_dev *t = hv_tpm_at(VERDICT_LOCALITY, err);
	if (!t)
		return err->code ? err->code : PP_EDEVICE;
	int rc = tpm2_pcr_extend(t, PP_PCR_POLICY, &td, err);
	policy_locality0();
	if (rc)
		return rc;
	return measure_log_append(PP_PCR_POLICY, PP_EV_POLICY_VERDICT, &d, data, len, err);
}

int policy_verdict_enforced(char slot, struct pp_err *err)
{
	char data[PP_EV_VERDICT_MAX];
	u32 n = pp_ev_verdict_enforced(slot, data);
	int rc = record(data, n, err);
	if (rc == PP_ENOENT) {
		hv_printf("policy: verdict \"%.*s\": not recorded: %s\n", (int)n, data, err->msg);
		rc = PP_OK;
	} else if (!rc) {
		hv_printf("policy: verdict \"%.*s\": PCR 18 extended, DRTM log event 0x%x\n",
			  (int)n, data, PP_EV_POLICY_VERDICT);
	}
	if (!rc)
		measure_report_pcrs();
	return rc;
}

void policy_verdict_refused(const char *line)
{
	char data[PP_EV_VERDICT_MAX];
	struct pp_err err = {0, ""};
	int n = pp_snprintf(data, sizeof(data), PP_EV_VERDICT_REFUSED "%s", line);
	u32 len = (u32)PP_MIN((size_t)n, sizeof(data) - 1);
	if (record(data, len, &err))
		hv_printf("policy: verdict \"refused\": not recorded: %s\n", err.msg);
	else
		hv_printf("policy: verdict \"refused\": PCR 18 extended, DRTM log event 0x%x\n",
			  PP_EV_POLICY_VERDICT);
	measure_report_pcrs();
}
