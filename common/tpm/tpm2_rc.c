// SPDX-License-Identifier: GPL-2.0-only
/* Names and decoding of TPM 2.0 response codes (TPM 2.0 Part 2, 6.6). */
#include <parapet/fmt.h>
#include <parapet/tpm2.h>

struct rc_name {
	u32 rc;
	const char *name;
};

static const struct rc_name rc_names[] = {
    {TPM2_RC_SUCCESS, "TPM_RC_SUCCESS"},
    {TPM2_RC_INITIALIZE, "TPM_RC_INITIALIZE"},
    {TPM2_RC_FAILURE, "TPM_RC_FAILURE"},
    {TPM2_RC_SEQUENCE, "TPM_RC_SEQUENCE"},
    {TPM2_RC_DISABLED, "TPM_RC_DISABLED"},
    {TPM2_RC_AUTH_MISSING, "TPM_RC_AUTH_MISSING"},
    {TPM2_RC_PCR, "TPM_RC_PCR"},
    {TPM2_RC_PCR_CHANGED, "TPM_RC_PCR_CHANGED"},
    {TPM2_RC_REBOOT, "TPM_RC_REBOOT"},
    {TPM2_RC_COMMAND_SIZE, "TPM_RC_COMMAND_SIZE"},
    {TPM2_RC_COMMAND_CODE, "TPM_RC_COMMAND_CODE"},
    {TPM2_RC_AUTHSIZE, "TPM_RC_AUTHSIZE"},
    {TPM2_RC_HASH, "TPM_RC_HASH"},
    {TPM2_RC_VALUE, "TPM_RC_VALUE"},
    {TPM2_RC_HANDLE, "TPM_RC_HANDLE"},
    {TPM2_RC_AUTH_FAIL, "TPM_RC_AUTH_FAIL"},
    {TPM2_RC_SIZE, "TPM_RC_SIZE"},
    {TPM2_RC_TAG, "TPM_RC_TAG"},
    {TPM2_RC_POLICY_FAIL, "TPM_RC_POLICY_FAIL"},
    {TPM2_RC_INTEGRITY, "TPM_RC_INTEGRITY"},
    {TPM2_RC_BAD_AUTH, "TPM_RC_BAD_AUTH"},
    {TPM2_RC_LOCALITY, "TPM_RC_LOCALITY"},
    {TPM2_RC_YIELDED, "TPM_RC_YIELDED"},
    {TPM2_RC_CANCELED, "TPM_RC_CANCELED"},
    {TPM2_RC_TESTING, "TPM_RC_TESTING"},
    {TPM2_RC_NV_RATE, "TPM_RC_NV_RATE"},
    {TPM2_RC_LOCKOUT, "TPM_RC_LOCKOUT"},
    {TPM2_RC_RETRY, "TPM_RC_RETRY"},
};

const char *tpm2_rc_name(u32 rc)
{
	for (size_t i = 0; i < PP_ARRAY_SIZE(rc_names); i++)
		if (rc_names[i].rc == rc)
			return rc_names[i].name;
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
		pp_snprintf(buf, size, "0x%x %s", rc, name ? name : "(unnamed code)");
		return buf;
	}
	/* Format one: error bits 5:0, and a handle, parameter or session number. */
	base = TPM2_RC_FMT1 | (rc & TPM2_RC_FMT1_ERR_MASK);
	name = tpm2_rc_name(base);
	if (rc & TPM2_RC_FMT1_P) {
		n = (rc >> TPM2_RC_FMT1_N_SHIFT) & 0xFu;
		pp_snprintf(buf, size, "0x%x %s (parameter %u)", rc, name ? name : "format-1 error",
			    n);
	} else {
		n = (rc >> TPM2_RC_FMT1_N_SHIFT) & 0x7u;
		pp_snprintf(buf, size, "0x%x %s (%s %u)", rc, name ? name : "format-1 error",
			    (rc & TPM2_RC_FMT1_S) ? "session" : "handle", n);
	}
	return buf;
}
