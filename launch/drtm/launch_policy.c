// SPDX-License-Identifier: GPL-2.0-only
/* The launch policy (launch_policy.h; rules in docs/drtm.md). */
#include <parapet/fmt.h>
#include "launch/drtm/launch_policy.h"

bool launch_failure_is_security(enum launch_failure_kind k)
{
	return !(k == LF_FW_LOG_UNAVAILABLE || k == LF_OPTIONAL_BANK);
}

enum launch_action launch_policy_decide(const struct launch_failure *f,
					const struct launch_config *c)
{
	static const struct launch_config none;
	if (!f)
		return LAUNCH_ACT_HALT;
	if (!c)
		c = &none;
	switch (f->kind) {
	case LF_NO_DRTM_CPU:
	case LF_SKINIT_UD:
	case LF_TXT_NOT_READY:
	case LF_SINIT_MISSING:
		/* After the DRTM instruction these cannot be "unavailable":
		 * the state is unknown, reset. */
		if (f->stage != LS_PRE_DRTM)
			return LAUNCH_ACT_RESET;
		if (c->strict)
			return LAUNCH_ACT_HALT;
		if (c->allow_emulated && (f->kind == LF_NO_DRTM_CPU || f->kind == LF_SKINIT_UD))
			return LAUNCH_ACT_FALLBACK_EMULATED;
		if (c->allow_static)
			return LAUNCH_ACT_FALLBACK_STATIC;
		return LAUNCH_ACT_HALT;
	case LF_DRTM_SETUP: return f->stage == LS_PRE_DRTM ? LAUNCH_ACT_HALT : LAUNCH_ACT_RESET;
	case LF_TXT_LAUNCH_ERROR:
	case LF_POST_LAUNCH_CHECK: return LAUNCH_ACT_RESET;
	case LF_MALFORMED_MODULE:
	case LF_POLICY_SIGNATURE:
	case LF_POLICY_ROLLBACK:
	case LF_TPM_ABSENT:
	case LF_TPM_ERROR:
	case LF_EVENT_LOG:
	case LF_INTERNAL: return f->stage == LS_PRE_DRTM ? LAUNCH_ACT_HALT : LAUNCH_ACT_RESET;
	case LF_FW_LOG_UNAVAILABLE:
	case LF_OPTIONAL_BANK: return c->strict ? LAUNCH_ACT_HALT : LAUNCH_ACT_CONTINUE_WARN;
	case LF_KIND_COUNT:
	default: return f->stage == LS_PRE_DRTM ? LAUNCH_ACT_HALT : LAUNCH_ACT_RESET;
	}
}

const char *launch_failure_kind_name(enum launch_failure_kind k)
{
	switch (k) {
	case LF_NO_DRTM_CPU: return "no DRTM instruction on this CPU";
	case LF_SKINIT_UD: return "SKINIT raised #UD";
	case LF_TXT_NOT_READY: return "TXT not ready";
	case LF_SINIT_MISSING: return "no matching SINIT ACM";
	case LF_DRTM_SETUP: return "DRTM setup failed";
	case LF_TXT_LAUNCH_ERROR: return "TXT launch error";
	case LF_POST_LAUNCH_CHECK: return "post-launch check failed";
	case LF_MALFORMED_MODULE: return "malformed module";
	case LF_POLICY_SIGNATURE: return "policy signature invalid";
	case LF_POLICY_ROLLBACK: return "policy rollback";
	case LF_TPM_ABSENT: return "no TPM";
	case LF_TPM_ERROR: return "TPM error";
	case LF_EVENT_LOG: return "event log failure";
	case LF_FW_LOG_UNAVAILABLE: return "firmware log unavailable";
	case LF_OPTIONAL_BANK: return "optional PCR bank absent";
	case LF_INTERNAL: return "internal error";
	case LF_KIND_COUNT:
	default: return "unknown failure";
	}
}

const char *launch_action_name(enum launch_action a)
{
	switch (a) {
	case LAUNCH_ACT_HALT: return "halt";
	case LAUNCH_ACT_RESET: return "reset the platform";
	case LAUNCH_ACT_FALLBACK_EMULATED: return "fall back to the emulated DRTM";
	case LAUNCH_ACT_FALLBACK_STATIC:
		return "fall back to static launch (DRTM PCRs stay 0xFF-based; logged)";
	case LAUNCH_ACT_CONTINUE_WARN: return "continue with a warning";
	default: return "unknown action";
	}
}

int launch_policy_describe(const struct launch_failure *f, enum launch_action a, char *buf,
			   size_t size)
{
	char txt[128] = "";
	if (f->kind == LF_TXT_LAUNCH_ERROR)
		pp_snprintf(txt, sizeof(txt), "%s", f->txt_desc ? f->txt_desc : "");
	if (f->kind == LF_TXT_LAUNCH_ERROR && !f->txt_desc)
		pp_snprintf(txt, sizeof(txt), "TXT.ERRORCODE 0x%llx",
			    (unsigned long long)f->txt_errorcode);
	return pp_snprintf(
	    buf, size, "launch policy: %s (%s): %s%s%s%s%s", launch_failure_kind_name(f->kind),
	    f->stage == LS_PRE_DRTM ? "pre-DRTM" : "post-DRTM", launch_action_name(a),
	    txt[0] ? ": " : "", txt, f->detail.msg[0] ? ": " : "", f->detail.msg);
}
