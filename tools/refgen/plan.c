// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DRTM event log a correct boot must produce, written with the secure
 * loader's writer in the order of docs/measurements.md ("PCR plan"):
 * launch marker, DRTM start (not for static), launch type, hypervisor
 * image, hypervisor command line, policy, then every pd image in module
 * order and the module manifest, and last the hypervisor's policy verdict
 * (PCR 18). The platform events (PCR 20: memory map, ACPI) come from the
 * machine, not the build: refgen predicts PCR 17-19.
 */
#include <string.h>
#include <parapet/bytes.h>
#include "tools/refgen/refgen.h"

/* The SLB header (APM "Secure Loader Block"): u16 entry, u16 measured length. */
#define SLB_HDR 4u
#define SLB_MAX 0x10000u

static int measure(struct pp_evlog *log, u32 pcr, u32 type, const void *data, size_t len,
		   const char *ev, struct pp_err *err)
{
	int rc = pp_evlog_measure(log, pcr, type, data, len, ev, (u32)strlen(ev), NULL);
	if (rc)
		return pp_fail(err, rc, "%s", log->err.msg);
	return PP_OK;
}

bool rg_verdict_default(const struct rg_entry *e, char *out)
{
	char slot = 0;
	bool any = false;
	for (u32 i = 0; i < e->nmod; i++) {
		if (e->mod[i].role != PP_ROLE_POLICY)
			continue;
		any = true;
		if (e->mod[i].arg[0] == 'a' || (e->mod[i].arg[0] == 'b' && slot != 'a'))
			slot = e->mod[i].arg[0];
	}
	if (!any)
		return false;
	out[pp_ev_verdict_enforced(slot, out)] = 0;
	return true;
}

int rg_verdict_check(const char *v, struct pp_err *err)
{
	static const char enf[] = PP_EV_VERDICT_ENFORCED, ref[] = PP_EV_VERDICT_REFUSED;
	size_t n = strlen(v);
	if (n > PP_EV_VERDICT_MAX)
		return pp_fail(err, PP_ERANGE, "verdict: %zu bytes, at most %u", n,
			       PP_EV_VERDICT_MAX);
	for (size_t i = 0; i < n; i++)
		if (v[i] < 0x20 || v[i] > 0x7e)
			return pp_fail(err, PP_EINVAL,
				       "verdict: byte %zu (0x%02x) is not printable ASCII", i,
				       (unsigned char)v[i]);
	if ((n <= sizeof(enf) - 1 || memcmp(v, enf, sizeof(enf) - 1) != 0) &&
	    (n <= sizeof(ref) - 1 || memcmp(v, ref, sizeof(ref) - 1) != 0))
		return pp_fail(err, PP_EINVAL,
			       "verdict \"%s\": must be \"" PP_EV_VERDICT_ENFORCED
			       "...\" or \"" PP_EV_VERDICT_REFUSED "...\"",
			       v);
	return PP_OK;
}

/* The policy verdict, the log's last event: its data hashed in each bank. */
static int verdict(const struct rg_input *in, struct pp_evlog *log, struct pp_err *err)
{
	char def[PP_EV_VERDICT_MAX + 1];
	const char *v = in->verdict;
	if (v && !strcmp(v, RG_VERDICT_NONE))
		return PP_OK;
	if (!v) {
		if (!rg_verdict_default(in->entry, def))
			return PP_OK; /* no policy: a refusal, whose text is not predicted */
		v = def;
	}
	int rc = rg_verdict_check(v, err);
	if (rc)
		return rc;
	return measure(log, PP_PCR_POLICY, PP_EV_POLICY_VERDICT, v, strlen(v), v, err);
}

int rg_build_log(const struct rg_input *in, struct pp_evlog *log, void *buf, u32 cap,
		 struct pp_err *err)
{
	const struct rg_entry *e = in->entry;
	const struct rg_module *hv = NULL;
	const char *lname = pp_launch_type_name(in->launch_type);
	int rc;

	if (in->launch_type != PP_LAUNCH_EMULATED && in->launch_type != PP_LAUNCH_SKINIT &&
	    in->launch_type != PP_LAUNCH_STATIC)
		return pp_fail(err, PP_ENOTSUP,
			       "launch type %u: refgen predicts emulated, skinit and static "
			       "(txt is not modelled, docs/eventlog.md)",
			       in->launch_type);
	rc = rg_check_modules(e, err);
	if (rc)
		return rc;
	for (u32 i = 0; i < e->nmod; i++) {
		if (e->mod[i].role == PP_ROLE_HYPERVISOR)
			hv = &e->mod[i];
	}
	if (!hv) /* rg_check_modules found exactly one */
		return pp_fail(err, PP_EINVAL, "no hypervisor module");
	for (u32 k = 0; k < in->nbanks; k++)
		if (!pp_hash_supported(in->banks[k]))
			return pp_fail(err, PP_ENOTSUP, "bank 0x%x: no hash implementation",
				       in->banks[k]);

	rc = pp_evlog_init(log, buf, cap, in->banks, in->nbanks, NULL, 0);
	if (rc)
		return pp_fail(err, rc, "%s", log->err.msg);
	rc = pp_evlog_launch_marker(log, in->launch_type);
	if (rc)
		return pp_fail(err, rc, "%s", log->err.msg);

	if (in->launch_type != PP_EVLOG_LAUNCH_STATIC) {
		if (!in->sl || in->sl_len < SLB_HDR)
			return pp_fail(err, PP_ETRUNC, "SL image: %zu bytes, no SLB header",
				       in->sl ? in->sl_len : 0);
		/*
		 * Launch copies sl.bin to the SLB base and zeroes the rest of the
		 * 64 KiB; SKINIT measures SLB[0:measured length].
		 */
		static u8 slb[SLB_MAX];
		u32 mlen = ld_le16(in->sl + 2);
		if (in->sl_len > SLB_MAX)
			return pp_fail(err, PP_ERANGE, "SL image: %zu bytes, more than the SLB",
				       in->sl_len);
		if (mlen < SLB_HDR)
			return pp_fail(err, PP_ERANGE, "SL image: measured length %u < 4", mlen);
		memset(slb, 0, sizeof(slb));
		memcpy(slb, in->sl, in->sl_len);
		u8 ev[PP_EV_DRTM_START_LEN];
		pp_ev_drtm_start(ev, mlen);
		rc = pp_evlog_drtm_start(log, slb, mlen, ev, sizeof(ev), NULL);
		if (rc)
			return pp_fail(err, rc, "%s", log->err.msg);
	}
	rc = measure(log, 17, PP_EV_LAUNCH_TYPE, lname, strlen(lname), lname, err);
	if (!rc)
		rc = measure(log, 17, PP_EV_HYPERVISOR, hv->data, hv->len, PP_EV_HV_NAME, err);
	if (!rc)
		rc = measure(log, 17, PP_EV_CMDLINE, hv->arg, strlen(hv->arg), hv->arg, err);
	/* every policy module in module order (bare, or slots a and b), as the SL */
	for (u32 i = 0; !rc && i < e->nmod; i++)
		if (e->mod[i].role == PP_ROLE_POLICY) {
			char data[PP_EV_POLICY_DATA_MAX + 1];
			data[pp_ev_policy_data(e->mod[i].arg[0], data)] = 0;
			rc = measure(log, 18, PP_EV_POLICY, e->mod[i].data, e->mod[i].len, data,
				     err);
		}
	for (u32 i = 0; !rc && i < e->nmod; i++)
		if (e->mod[i].role == PP_ROLE_PD)
			rc = measure(log, 19, PP_EV_PD_IMAGE, e->mod[i].data, e->mod[i].len,
				     e->mod[i].arg, err);
	if (rc)
		return rc;
	/* the pd manifest (measure_plan.h), in module order, as the SL builds it */
	static u8 man[PP_MANIFEST_SIZE(RG_MAX_MODULES)];
	u32 npd = 0;
	for (u32 i = 0; i < e->nmod; i++) {
		const struct rg_module *m = &e->mod[i];
		u8 sha[32];
		if (m->role != PP_ROLE_PD)
			continue;
		pp_hash(PP_ALG_SHA256, m->data, m->len, sha);
		pp_manifest_record(man, npd++, m->role, m->arg, (u32)strlen(m->arg), m->len, sha);
	}
	pp_manifest_header(man, npd);
	rc = pp_evlog_measure(log, 19, PP_EV_MODULES, man, PP_MANIFEST_SIZE(npd), man,
			      PP_MANIFEST_SIZE(npd), NULL);
	if (rc)
		return pp_fail(err, rc, "%s", log->err.msg);
	return verdict(in, log, err);
}
