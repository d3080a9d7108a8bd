// SPDX-License-Identifier: GPL-2.0-only
/*
 * Names of the attestation protocol's frame types and item tags, for
 * messages (parapet/attest_proto.h, docs/attest-protocol.md). A value this
 * version does not define is "unknown": callers print the number beside it.
 */
#include <parapet/attest_proto.h>

const char *pp_at_type_name(u16 type)
{
	switch (type) {
	case PP_AT_REQ_INFO: return "INFO";
	case PP_AT_REQ_ACTIVATE: return "ACTIVATE";
	case PP_AT_REQ_QUOTE: return "QUOTE";
	case PP_AT_RSP_INFO: return "INFO reply";
	case PP_AT_RSP_ACTIVATE: return "ACTIVATE reply";
	case PP_AT_RSP_QUOTE: return "QUOTE reply";
	case PP_AT_RSP_ERROR: return "ERROR";
	default: return "unknown";
	}
}

const char *pp_at_tag_name(u16 tag)
{
	switch (tag) {
	case PP_AT_T_AGENT: return "AGENT";
	case PP_AT_T_EK_PUB: return "EK_PUB";
	case PP_AT_T_EK_CERT: return "EK_CERT";
	case PP_AT_T_AK_PUB: return "AK_PUB";
	case PP_AT_T_AK_ALG: return "AK_ALG";
	case PP_AT_T_CRED_BLOB: return "CRED_BLOB";
	case PP_AT_T_SECRET: return "SECRET";
	case PP_AT_T_CERT_INFO: return "CERT_INFO";
	case PP_AT_T_NONCE: return "NONCE";
	case PP_AT_T_QUOTE_MSG: return "QUOTE_MSG";
	case PP_AT_T_QUOTE_SIG: return "QUOTE_SIG";
	case PP_AT_T_PCRS: return "PCRS";
	case PP_AT_T_FW_LOG: return "FW_LOG";
	case PP_AT_T_DRTM_LOG: return "DRTM_LOG";
	case PP_AT_T_POLICY: return "POLICY";
	case PP_AT_T_FAULTS: return "FAULTS";
	case PP_AT_T_ERR_CODE: return "ERR_CODE";
	case PP_AT_T_ERR_MSG: return "ERR_MSG";
	case PP_AT_T_POLICY_BIN: return "POLICY_BIN";
	default: return "unknown";
	}
}
