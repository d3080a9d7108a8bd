/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The launch policy: the ONE place every launch failure is decided.
 * Pure and host-tested; launch/console.c's launch_fail() stays the sink
 * that prints and halts. The caller describes the failure, asks
 * launch_policy_decide() what to do, and then acts:
 *   LAUNCH_ACT_HALT              print, halt (launch_fail)
 *   LAUNCH_ACT_RESET             print (incl. TXT.ERRORCODE), reset the
 *                                platform (TXT.CMD.RESET / reset), never go on
 *   LAUNCH_ACT_FALLBACK_EMULATED continue on the emulated DRTM (QEMU harness)
 *   LAUNCH_ACT_FALLBACK_STATIC   continue without DRTM: measurements go on top
 *                                of the 0xFF-initialised DRTM PCRs, the log
 *                                records launch type "static"
 *   LAUNCH_ACT_CONTINUE_WARN     non-security failure: print a warning, go on
 * The rules (docs/drtm.md, "Launch policy") in short: fallbacks only
 * before any DRTM instruction ran and only where the config allows;
 * CONTINUE_WARN only for failures flagged non-security; anything after
 * SENTER/SKINIT resets; malformed input, rollback, bad signatures, TPM and
 * log failures halt; unknown kinds halt.
 */
#ifndef PARAPET_LAUNCH_DRTM_LAUNCH_POLICY_H
#define PARAPET_LAUNCH_DRTM_LAUNCH_POLICY_H

#include <parapet/err.h>
#include <parapet/types.h>

enum launch_failure_kind {
	LF_NO_DRTM_CPU = 1,    /* CPU lacks SKINIT (no SVM) and SMX */
	LF_SKINIT_UD,	       /* SKINIT raised #UD (QEMU, or SVM disabled) */
	LF_TXT_NOT_READY,      /* TXT disabled / not provisioned / TPM not ready (pre-SENTER) */
	LF_SINIT_MISSING,      /* no SINIT ACM matching this platform */
	LF_DRTM_SETUP,	       /* our pre-launch setup of SLB/heap/MTRRs failed (pre-DRTM) */
	LF_TXT_LAUNCH_ERROR,   /* SENTER failed / TXT.ERRORCODE valid after SENTER */
	LF_POST_LAUNCH_CHECK,  /* heap/PMR/MDR validation failed after SENTER/SKINIT */
	LF_MALFORMED_MODULE,   /* hypervisor ELF, SL image, domain image or MBI malformed */
	LF_POLICY_SIGNATURE,   /* policy blob signature invalid */
	LF_POLICY_ROLLBACK,    /* policy/hypervisor version below the rollback floor */
	LF_TPM_ABSENT,	       /* no TPM 2.0 found */
	LF_TPM_ERROR,	       /* a TPM command failed while measuring */
	LF_EVENT_LOG,	       /* DRTM event log full / could not be written */
	LF_FW_LOG_UNAVAILABLE, /* firmware TCG log could not be carried forward */
	LF_OPTIONAL_BANK,      /* an optional PCR bank (SHA-384) absent */
	LF_INTERNAL,	       /* internal invariant broken */
	LF_KIND_COUNT
};

/* When it happened relative to the DRTM instruction. */
enum launch_stage {
	LS_PRE_DRTM = 0,  /* nothing measured by the CPU yet: fallbacks possible */
	LS_POST_DRTM = 1, /* SENTER/SKINIT (or the emulated sequence) has run */
};

enum launch_action {
	LAUNCH_ACT_HALT = 1,
	LAUNCH_ACT_RESET,
	LAUNCH_ACT_FALLBACK_EMULATED,
	LAUNCH_ACT_FALLBACK_STATIC,
	LAUNCH_ACT_CONTINUE_WARN,
};

struct launch_failure {
	enum launch_failure_kind kind;
	enum launch_stage stage;
	u32 launch_type;      /* PP_LAUNCH_* that was being attempted */
	u64 txt_errorcode;    /* TXT.ERRORCODE when kind == LF_TXT_LAUNCH_ERROR */
	const char *txt_desc; /* its decoding (txt_err_str), filled by the TXT path: the
			       * secure loader, which never sees one, does not link it */
	struct pp_err detail; /* the precise cause */
};

struct launch_config {
	bool allow_emulated; /* offer the emulated DRTM as a fallback (launch never does) */
	bool allow_static;   /* a static launch is acceptable (boot option drtm=auto) */
	bool strict;	     /* boot option drtm=strict: no fallback, no warning-continue */
	bool test_txt_entry; /* boot option test=txt-entry: no DRTM; launch enters the
			      * MLE as SENTER would (a test of its entry: launch.h) */
};

enum launch_action launch_policy_decide(const struct launch_failure *f,
					const struct launch_config *c);

/* True for the kinds that never affect what is measured or protected. */
bool launch_failure_is_security(enum launch_failure_kind k);

const char *launch_failure_kind_name(enum launch_failure_kind k);
const char *launch_action_name(enum launch_action a);

/*
 * The line the sink prints, e.g.
 * "launch policy: SKINIT raised #UD (pre-DRTM): fall back to static launch
 *  (DRTM PCRs stay 0xFF-based; logged): <detail>"
 * For LF_TXT_LAUNCH_ERROR the TXT.ERRORCODE is included (decoded when the
 * caller filled txt_desc).
 */
int launch_policy_describe(const struct launch_failure *f, enum launch_action a, char *buf,
			   size_t size);

#endif
