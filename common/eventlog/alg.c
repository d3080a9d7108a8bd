// SPDX-License-Identifier: GPL-2.0-only
/* Names of the TPM_ALG_IDs the event log knows (TCG Algorithm Registry). */
#include <parapet/eventlog.h>

const char *pp_evlog_alg_name(u16 alg)
{
	switch (alg) {
	case PP_ALG_SHA1: return "sha1";
	case PP_ALG_SHA256: return "sha256";
	case PP_ALG_SHA384: return "sha384";
	case PP_ALG_SHA512: return "sha512";
	case PP_ALG_SM3_256: return "sm3_256";
	default: return "unknown";
	}
}
