// SPDX-License-Identifier: GPL-2.0-only
/* The launch policy: the whole decision table, exhaustively. */
#include "launch/drtm/launch_policy.h"
#include "launch/drtm/txt_err.h"
#include "unit.h"

static enum launch_action dec(enum launch_failure_kind k, enum launch_stage st, bool emu, bool stat,
			      bool strict)
{
	struct launch_failure f;
	struct launch_config c = {emu, stat, strict, false};
	memset(&f, 0, sizeof(f));
	f.kind = k;
	f.stage = st;
	return launch_policy_decide(&f, &c);
}

/* The documented table (docs/drtm.md), restated independently. */
static enum launch_action expected(enum launch_failure_kind k, enum launch_stage st, bool emu,
				   bool stat, bool strict)
{
	bool post = st == LS_POST_DRTM;
	switch (k) {
	case LF_NO_DRTM_CPU:
	case LF_SKINIT_UD:
		if (post)
			return LAUNCH_ACT_RESET;
		if (strict)
			return LAUNCH_ACT_HALT;
		if (emu)
			return LAUNCH_ACT_FALLBACK_EMULATED;
		return stat ? LAUNCH_ACT_FALLBACK_STATIC : LAUNCH_ACT_HALT;
	case LF_TXT_NOT_READY:
	case LF_SINIT_MISSING:
		if (post)
			return LAUNCH_ACT_RESET;
		if (strict)
			return LAUNCH_ACT_HALT;
		return stat ? LAUNCH_ACT_FALLBACK_STATIC : LAUNCH_ACT_HALT;
	case LF_TXT_LAUNCH_ERROR:
	case LF_POST_LAUNCH_CHECK: return LAUNCH_ACT_RESET;
	case LF_FW_LOG_UNAVAILABLE:
	case LF_OPTIONAL_BANK: return strict ? LAUNCH_ACT_HALT : LAUNCH_ACT_CONTINUE_WARN;
	default: return post ? LAUNCH_ACT_RESET : LAUNCH_ACT_HALT;
	}
}

TEST(launch_policy_exhaustive)
{
	u32 n = 0;
	for (int k = 0; k <= LF_KIND_COUNT + 1; k++)
		for (int st = 0; st < 2; st++)
			for (int cfg = 0; cfg < 8; cfg++) {
				bool emu = cfg & 1, stat = cfg & 2, strict = cfg & 4;
				enum launch_action a = dec(k, st, emu, stat, strict);
				enum launch_action w = expected(k, st, emu, stat, strict);
				if (a != w) {
					char m[160];
					snprintf(m, sizeof(m),
						 "kind %d stage %d cfg %d: %s, want %s", k, st, cfg,
						 launch_action_name(a), launch_action_name(w));
					unit_fail(__FILE__, __LINE__, m);
				}
				n++;
			}
	CHECK_EQ(n, (LF_KIND_COUNT + 2) * 2 * 8);
}

TEST(launch_policy_invariants)
{
	for (int k = 1; k < LF_KIND_COUNT; k++)
		for (int st = 0; st < 2; st++)
			for (int cfg = 0; cfg < 8; cfg++) {
				enum launch_action a = dec(k, st, cfg & 1, cfg & 2, cfg & 4);
				/* no fallback after the DRTM instruction */
				if (st == LS_POST_DRTM)
					CHECK(a != LAUNCH_ACT_FALLBACK_STATIC &&
					      a != LAUNCH_ACT_FALLBACK_EMULATED);
				/* continue-with-warning only for non-security kinds */
				if (a == LAUNCH_ACT_CONTINUE_WARN)
					CHECK(!launch_failure_is_security(k));
				/* strict never falls back nor continues */
				if (cfg & 4)
					CHECK(a == LAUNCH_ACT_HALT || a == LAUNCH_ACT_RESET);
				/* no config allows a fallback the config did not ask for */
				if (a == LAUNCH_ACT_FALLBACK_STATIC)
					CHECK(cfg & 2);
				if (a == LAUNCH_ACT_FALLBACK_EMULATED)
					CHECK(cfg & 1);
			}
}

TEST(launch_policy_named_cases)
{
	/* the brief's examples */
	CHECK_EQ(dec(LF_TXT_LAUNCH_ERROR, LS_POST_DRTM, true, true, false), LAUNCH_ACT_RESET);
	CHECK_EQ(dec(LF_TXT_LAUNCH_ERROR, LS_PRE_DRTM, true, true, false), LAUNCH_ACT_RESET);
	CHECK_EQ(dec(LF_SKINIT_UD, LS_PRE_DRTM, true, false, false), LAUNCH_ACT_FALLBACK_EMULATED);
	CHECK_EQ(dec(LF_SKINIT_UD, LS_PRE_DRTM, false, true, false), LAUNCH_ACT_FALLBACK_STATIC);
	CHECK_EQ(dec(LF_SKINIT_UD, LS_PRE_DRTM, false, false, false), LAUNCH_ACT_HALT);
	CHECK_EQ(dec(LF_NO_DRTM_CPU, LS_PRE_DRTM, true, true, false), LAUNCH_ACT_FALLBACK_EMULATED);
	CHECK_EQ(dec(LF_SINIT_MISSING, LS_PRE_DRTM, true, true, false), LAUNCH_ACT_FALLBACK_STATIC);
	CHECK_EQ(dec(LF_MALFORMED_MODULE, LS_PRE_DRTM, true, true, false), LAUNCH_ACT_HALT);
	CHECK_EQ(dec(LF_POLICY_ROLLBACK, LS_PRE_DRTM, true, true, false), LAUNCH_ACT_HALT);
	CHECK_EQ(dec(LF_POLICY_ROLLBACK, LS_POST_DRTM, true, true, false), LAUNCH_ACT_RESET);
	CHECK_EQ(dec(LF_POLICY_SIGNATURE, LS_PRE_DRTM, true, true, false), LAUNCH_ACT_HALT);
	CHECK_EQ(dec(LF_TPM_ABSENT, LS_PRE_DRTM, true, true, false), LAUNCH_ACT_HALT);
	CHECK_EQ(dec(LF_FW_LOG_UNAVAILABLE, LS_PRE_DRTM, false, false, false),
		 LAUNCH_ACT_CONTINUE_WARN);
	CHECK_EQ(dec(LF_OPTIONAL_BANK, LS_POST_DRTM, false, false, false),
		 LAUNCH_ACT_CONTINUE_WARN);
	CHECK_EQ(dec(LF_OPTIONAL_BANK, LS_POST_DRTM, false, false, true), LAUNCH_ACT_HALT);
	/* NULL arguments: default deny */
	CHECK_EQ(launch_policy_decide(NULL, NULL), LAUNCH_ACT_HALT);
	struct launch_failure f = {.kind = LF_SKINIT_UD, .stage = LS_PRE_DRTM};
	CHECK_EQ(launch_policy_decide(&f, NULL), LAUNCH_ACT_HALT);
}

TEST(launch_policy_describe)
{
	char b[320];
	struct launch_failure f;
	memset(&f, 0, sizeof(f));
	f.kind = LF_TXT_LAUNCH_ERROR;
	f.stage = LS_POST_DRTM;
	f.txt_errorcode = 0xc0033451;
	pp_fail(&f.detail, PP_EDEVICE, "SENTER returned with TXT.STS.SENTER_DONE clear");
	launch_policy_describe(&f, LAUNCH_ACT_RESET, b, sizeof(b));
	CHECK(strstr(b, "reset the platform: TXT.ERRORCODE 0xc0033451: SENTER returned"));
	char txt[112];
	txt_err_str(f.txt_errorcode, txt, sizeof(txt));
	f.txt_desc = txt;
	launch_policy_describe(&f, LAUNCH_ACT_RESET, b, sizeof(b));
	CHECK(strstr(b, "launch policy: TXT launch error (post-DRTM): reset the platform") == b);
	CHECK(strstr(b, "TXT.ERRORCODE 0xc0033451: SINIT ACM error: class 0x05 major 0x0d"));
	CHECK(strstr(b, "SENTER_DONE clear"));
	memset(&f, 0, sizeof(f));
	f.kind = LF_SKINIT_UD;
	launch_policy_describe(&f, LAUNCH_ACT_FALLBACK_STATIC, b, sizeof(b));
	CHECK(strcmp(b, "launch policy: SKINIT raised #UD (pre-DRTM): fall back to static launch "
			"(DRTM PCRs stay 0xFF-based; logged)") == 0);
	for (int k = 0; k <= LF_KIND_COUNT; k++)
		CHECK(launch_failure_kind_name(k) != NULL);
	CHECK(strcmp(launch_failure_kind_name(LF_KIND_COUNT), "unknown failure") == 0);
	CHECK(strcmp(launch_action_name(0), "unknown action") == 0);
}
