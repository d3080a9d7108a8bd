// SPDX-License-Identifier: GPL-2.0-only
/*
 * The agent core (attest/agent/) where no TPM is needed: the policy verdict
 * read from a DRTM log (padding, no verdict, the last one wins, a verdict
 * that is not printable), and pp_agent_handle's ERROR replies for requests
 * it refuses before any TPM command (malformed frame, other version,
 * reply type, unknown AK_ALG, an AK the agent lacks, a CRED_BLOB whose
 * size field lies, a buffer too small), with the counters. The TPM paths
 * run against swtpm: tests/attest/agent-check.sh.
 */
#include <parapet/attest_proto.h>
#include <parapet/bytes.h>
#include <parapet/eventlog.h>
#include <parapet/measure_plan.h>
#include "attest/agent/agent.h"
#include "unit.h"

static u8 logbuf[8192];
static struct pp_agent agent;
static u8 req[512], rsp[4096];

static size_t drtm_log(const char *verdict, const char *verdict2)
{
	static const u16 banks[1] = {PP_ALG_SHA256};
	struct pp_evlog log;
	memset(logbuf, 0, sizeof(logbuf));
	if (pp_evlog_init(&log, logbuf, sizeof(logbuf), banks, 1, NULL, 0) ||
	    pp_evlog_launch_marker(&log, PP_EVLOG_LAUNCH_EMULATED) ||
	    pp_evlog_drtm_start(&log, "slb", 3, "slb", 3, NULL) ||
	    pp_evlog_measure(&log, PP_PCR_POLICY, PP_EV_POLICY, "p", 1, PP_EV_POLICY_NAME, 6, NULL))
		return 0;
	if (verdict && pp_evlog_measure(&log, PP_PCR_POLICY, PP_EV_POLICY_VERDICT, verdict,
					strlen(verdict), verdict, (u32)strlen(verdict), NULL))
		return 0;
	if (verdict2 && pp_evlog_measure(&log, PP_PCR_POLICY, PP_EV_POLICY_VERDICT, verdict2,
					 strlen(verdict2), verdict2, (u32)strlen(verdict2), NULL))
		return 0;
	return log.len;
}

TEST(agent_policy_verdict_from_drtm_log)
{
	char out[PP_AT_POLICY_MAX + 1];
	struct pp_err err;
	size_t len = drtm_log("enforced: slot a", NULL);
	REQUIRE(len);
	REQUIRE(pp_agent_policy_verdict(logbuf, len, out, &err) == PP_OK);
	CHECK(!strcmp(out, "enforced: slot a"));
	/* the page's all-zero tail is padding */
	REQUIRE(pp_agent_policy_verdict(logbuf, len + 700, out, &err) == PP_OK);
	CHECK(!strcmp(out, "enforced: slot a"));
	/* garbage after the events is not */
	logbuf[len + 10] = 0x55;
	CHECK(pp_agent_policy_verdict(logbuf, len + 700, out, &err) != PP_OK);
	CHECK_EQ(out[0], 0);
	/* the last verdict wins */
	len = drtm_log("enforced: slot a", "refused: slot b: bad signature");
	REQUIRE(pp_agent_policy_verdict(logbuf, len, out, &err) == PP_OK);
	CHECK(!strcmp(out, "refused: slot b: bad signature"));
}

TEST(agent_policy_verdict_refusals)
{
	char out[PP_AT_POLICY_MAX + 1];
	struct pp_err err;
	size_t len = drtm_log(NULL, NULL);
	REQUIRE(len);
	CHECK_EQ(pp_agent_policy_verdict(logbuf, len, out, &err), PP_ENOENT);
	CHECK_MSG(&err, "no PCR 18 event of type 0x60a");
	CHECK_EQ(pp_agent_policy_verdict(NULL, 0, out, &err), PP_ENOENT);
	CHECK_MSG(&err, "no DRTM log");
	len = drtm_log("enforced:\tslot a", NULL);
	CHECK_EQ(pp_agent_policy_verdict(logbuf, len, out, &err), PP_EINVAL);
	CHECK_MSG(&err, "byte 0x09 at data offset 9 is not printable ASCII");
	CHECK_EQ(out[0], 0);
	memset(logbuf, 0xab, 64);
	CHECK(pp_agent_policy_verdict(logbuf, 64, out, &err) != PP_OK);
}

/* An agent with one RSA AK and no TPM: only refusals may be asked of it. */
static void fake_agent(void)
{
	memset(&agent, 0, sizeof(agent));
	agent.ak_ok[TPM2_AK_RSA2048] = true;
	agent.nbanks = 1;
	agent.banks[0] = PP_ALG_SHA256;
}

static size_t request(u16 type, u16 alg, const u8 *blob, u32 blob_len)
{
	static const u8 nonce[PP_AT_NONCE_SIZE];
	static const u8 secret[4] = {0, 2, 0xaa, 0xbb};
	struct pp_at_wr w;
	struct pp_err err;
	size_t len = 0;
	pp_at_wr_begin(&w, req, sizeof(req), type);
	if (type == PP_AT_REQ_QUOTE || type == PP_AT_REQ_ACTIVATE)
		pp_at_wr_u16_item(&w, PP_AT_T_AK_ALG, alg);
	if (type == PP_AT_REQ_QUOTE)
		pp_at_wr_item(&w, PP_AT_T_NONCE, nonce, sizeof(nonce));
	if (type == PP_AT_REQ_ACTIVATE) {
		pp_at_wr_item(&w, PP_AT_T_CRED_BLOB, blob, blob_len);
		pp_at_wr_item(&w, PP_AT_T_SECRET, secret, sizeof(secret));
	}
	pp_at_wr_finish(&w, &len, &err);
	return len;
}

/* Handles req[0, len) and expects an ERROR with code and a message part. */
static void expect_error(size_t len, u32 code, const char *part)
{
	const struct pp_at_item *it;
	struct pp_at_msg m;
	struct pp_err err;
	size_t rlen = 0;
	char msg[PP_AT_ERR_MSG_MAX + 1];
	REQUIRE(pp_agent_handle(&agent, req, len, rsp, sizeof(rsp), &rlen) == PP_OK);
	REQUIRE(pp_at_parse(rsp, rlen, &m, &err) == PP_OK);
	REQUIRE(m.type == PP_AT_RSP_ERROR);
	CHECK_EQ(ld_le32(pp_at_find(&m, PP_AT_T_ERR_CODE)->data), code);
	it = pp_at_find(&m, PP_AT_T_ERR_MSG);
	memcpy(msg, it->data, it->len);
	msg[it->len] = 0;
	if (!strstr(msg, part)) {
		printf("agent said \"%s\"\n", msg);
		CHECK(strstr(msg, part) != NULL);
	}
}

TEST(agent_refuses_with_error_replies)
{
	static const u8 blob_lie[6] = {0, 9, 1, 2, 3, 4};
	size_t len;
	fake_agent();

	len = request(PP_AT_REQ_QUOTE, 0x0001, NULL, 0);
	req[len - 1] ^= 1;
	expect_error(len, PP_AT_E_MALFORMED, "frame: CRC 0x");
	expect_error(7, PP_AT_E_MALFORMED, "7 bytes, shorter than header and CRC");

	len = request(PP_AT_REQ_INFO, 0, NULL, 0);
	st_le16(req + 4, 2);
	st_le32(req + len - 4, pp_at_crc32(0, req, len - 4));
	expect_error(len, PP_AT_E_UNSUPPORTED, "version 2 at offset 4, this end speaks 1");

	len = request(PP_AT_RSP_ERROR, 0, NULL, 0); /* no items: required ones missing */
	expect_error(len, PP_AT_E_MALFORMED, "ERROR: required item ERR_CODE missing");
	{
		struct pp_at_wr w;
		struct pp_err err;
		pp_at_wr_begin(&w, req, sizeof(req), PP_AT_RSP_ACTIVATE);
		pp_at_wr_item(&w, PP_AT_T_CERT_INFO, "x", 1);
		REQUIRE(pp_at_wr_finish(&w, &len, &err) == PP_OK);
	}
	expect_error(len, PP_AT_E_MALFORMED, "type ACTIVATE reply (0x8002) is a reply");

	len = request(PP_AT_REQ_QUOTE, 0x000b, NULL, 0);
	expect_error(len, PP_AT_E_UNSUPPORTED, "QUOTE: AK_ALG 0x000b");
	len = request(PP_AT_REQ_QUOTE, 0x0023, NULL, 0);
	expect_error(len, PP_AT_E_UNAVAILABLE, "QUOTE: no ECC AK");

	len = request(PP_AT_REQ_ACTIVATE, 0x0001, blob_lie, sizeof(blob_lie));
	expect_error(len, PP_AT_E_MALFORMED, "ACTIVATE: CRED_BLOB of 6 bytes");
	CHECK_EQ(agent.refused, 8);
	CHECK_EQ(agent.served, 0);
}

TEST(agent_needs_room_for_an_error)
{
	size_t rlen = 0, len;
	fake_agent();
	len = request(PP_AT_REQ_INFO, 0, NULL, 0);
	CHECK_EQ(pp_agent_handle(&agent, req, len, rsp, PP_AGENT_MIN_RSP - 1, &rlen), PP_ERANGE);
	/* the smallest buffer holds the longest message */
	memset(req, 'P', 200);
	CHECK_EQ(pp_agent_handle(&agent, req, 200, rsp, PP_AGENT_MIN_RSP, &rlen), PP_OK);
	CHECK(rlen <= PP_AGENT_MIN_RSP && rlen > 16);
}
