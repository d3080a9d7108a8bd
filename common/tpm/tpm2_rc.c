// SPDX-License-Identifier: GPL-2.0-only
/* Names and decoding of TPM 2.0 response codes (TPM 2.0 Part 2, 6.6). */
#include <parapet/fmt.h>
#include <parapet/tpm2.h>

/* The codes we name and their names without the "TPM_RC_" prefix, as
 * parallel arrays: the secure loader links this file and every byte of it
 * counts against its measured 58 KiB (launch/sl/sl.ld.S). */
static const u16 rc_codes[] = {
    TPM2_RC_SUCCESS,  TPM2_RC_INITIALIZE,   TPM2_RC_FAILURE,	  TPM2_RC_SEQUENCE,
    TPM2_RC_DISABLED, TPM2_RC_AUTH_MISSING, TPM2_RC_PCR,	  TPM2_RC_PCR_CHANGED,
    TPM2_RC_REBOOT,   TPM2_RC_COMMAND_SIZE, TPM2_RC_COMMAND_CODE, TPM2_RC_AUTHSIZE,
    TPM2_RC_HASH,     TPM2_RC_VALUE,	    TPM2_RC_HANDLE,	  TPM2_RC_AUTH_FAIL,
    TPM2_RC_SIZE,     TPM2_RC_TAG,	    TPM2_RC_POLICY_FAIL,  TPM2_RC_INTEGRITY,
    TPM2_RC_BAD_AUTH, TPM2_RC_LOCALITY,	    TPM2_RC_YIELDED,	  TPM2_RC_CANCELED,
    TPM2_RC_TESTING,  TPM2_RC_NV_RATE,	    TPM2_RC_LOCKOUT,	  TPM2_RC_RETRY,
};

static const char *const rc_names[] = {
    "SUCCESS",	   "INITIALIZE",  "FAILURE",  "SEQUENCE",     "DISABLED",     "AUTH_MISSING",
    "PCR",	   "PCR_CHANGED", "REBOOT",   "COMMAND_SIZE", "COMMAND_CODE", "AUTHSIZE",
    "HASH",	   "VALUE",	  "HANDLE",   "AUTH_FAIL",    "SIZE",	      "TAG",
    "POLICY_FAIL", "INTEGRITY",	  "BAD_AUTH", "LOCALITY",     "YIELDED",      "CANCELED",
    "TESTING",	   "NV_RATE",	  "LOCKOUT",  "RETRY",
};

_Static_assert(PP_ARRAY_SIZE(rc_codes) == PP_ARRAY_SIZE(rc_names), "one name per code");

const char *tpm2_rc_name(u32 rc)
{
	for (size_t i = 0; i < PP_ARRAY_SIZE(rc_codes); i++)
		if (rc_codes[i] == rc)
			return rc_names[i];
	return NULL;
}

const char *tpm2_rc_describe(u32 rc, char *buf, size_t size)
{
	const char *name = tpm2_rc_name(rc);
	u32 base, n;

	if (rc && !(rc & TPM2_RC_TPM12_MASK) && rc <= 0xFFFu) {
		pp_snprintf(buf, size, "0x%x (a TPM 1.2 response code%s)", rc,
			    rc == 0x9u ? ": TPM_FAIL" : "");
		return buf;
	}
	if (name || !(rc & TPM2_RC_FMT1) || rc > 0xFFFu) {
		pp_snprintf(buf, size, "0x%x %s%s", rc, name ? "TPM_RC_" : "",
			    name ? name : "(unnamed code)");
		return buf;
	}
	/* Format one: error bits 5:0, and a handle, parameter or session number. */
	base = TPM2_RC_FMT1 | (rc & TPM2_RC_FMT1_ERR_MASK);
	name = tpm2_rc_name(base);
	if (rc & TPM2_RC_FMT1_P) {
		n = (rc >> TPM2_RC_FMT1_N_SHIFT) & 0xFu;
		pp_snprintf(buf, size, "0x%x %s%s (parameter %u)", rc, name ? "TPM_RC_" : "",
			    name ? name : "format-1 error", n);
	} else {
		n = (rc >> TPM2_RC_FMT1_N_SHIFT) & 0x7u;
		pp_snprintf(buf, size, "0x%x %s%s (%s %u)", rc, name ? "TPM_RC_" : "",
			    name ? name : "format-1 error",
			    (rc & TPM2_RC_FMT1_S) ? "session" : "handle", n);
	}
	return buf;
}
