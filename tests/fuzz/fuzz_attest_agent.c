// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the attestation agent's core (attest/agent/,
 * docs/attest-agent.md) on any request and any TPM answers. Input: a
 * big-endian u16 length L, L bytes of request (what the serial line
 * delivered), then the TPM's responses (fuzz_tpm_script.h: each a u16
 * length and its bytes, answered in order, then a timeout). pp_agent_init
 * runs on the responses first (flush, EK, AKs, EK certificate; the banks
 * are given: SHA-256), then pp_agent_handle on an exact-size heap copy of
 * the request (ASan sees any read past it). Seeds: recorded swtpm answers
 * (tests/fuzz/corpus/tpm2_attest) behind INFO, QUOTE and ACTIVATE requests.
 * Invariants: init fails with a code equal to err.code and a message, or
 * gives an EK and at least one AK with transient handles; handle always
 * returns PP_OK with one reply that the codec parses, of the request's
 * reply type or ERROR (code 1-5 and a message), counted once.
 */
#include <stdlib.h>
#include <string.h>
#include <parapet/attest_proto.h>
#include <parapet/bytes.h>
#include "attest/agent/agent.h"

#include "tests/fuzz/fuzz_tpm_script.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static struct pp_agent agent;
static u8 rsp[PP_AT_MAX_FRAME];
static const u8 fw_log[100] = {1, 2, 3};
static const u8 faults[64] = {'P', 'P', 'F', 'S'};

static void sha256_only(struct tpm2_dev *dev)
{
	dev->banks_known = true;
	dev->banks.count = 1;
	dev->banks.bank[0].alg = PP_ALG_SHA256;
	dev->banks.bank[0].digest_size = 32;
	dev->banks.bank[0].active = true;
	dev->banks.bank[0].size_of_select = 3;
	memset(dev->banks.bank[0].select, 0xff, 3);
}

static void check_reply(u16 req_type, size_t rlen, u32 before)
{
	struct pp_at_msg m;
	struct pp_err err;
	const struct pp_at_item *code, *msg;
	if (rlen > sizeof(rsp) || pp_at_parse(rsp, rlen, &m, &err) != PP_OK)
		abort();
	if (agent.served + agent.refused != before + 1)
		abort();
	if (m.type == PP_AT_RSP_ERROR) {
		code = pp_at_find(&m, PP_AT_T_ERR_CODE);
		msg = pp_at_find(&m, PP_AT_T_ERR_MSG);
		if (!code || !msg || ld_le32(code->data) < PP_AT_E_MALFORMED ||
		    ld_le32(code->data) > PP_AT_E_TOO_LARGE)
			abort();
		return;
	}
	if (req_type < PP_AT_REQ_INFO || req_type > PP_AT_REQ_QUOTE ||
	    m.type != (req_type | 0x8000u))
		abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct pp_agent_src src = {fw_log, sizeof(fw_log), NULL, 0, faults, sizeof(faults)};
	struct pp_err err = {0, ""};
	size_t len, rlen = 0;
	u32 before;
	u8 *req;
	int rc;

	if (size < 2)
		return 0;
	len = ld_be16(data);
	if (len > size - 2)
		len = size - 2;
	fz_split(data, size, 2 + len);
	fz_fresh();
	fz_dev.locality = 0;
	sha256_only(&fz_dev);
	rc = pp_agent_init(&agent, &fz_dev, &src, &err);
	if (rc) {
		if (rc > 0 || err.code != rc || !err.msg[0])
			abort();
		return 0;
	}
	if (agent.ek.handle >> 24 != 0x80u || (!agent.ak_ok[0] && !agent.ak_ok[1]) ||
	    agent.nbanks != 1 || agent.ek_cert_len > sizeof(agent.ek_cert))
		abort();
	req = malloc(len ? len : 1);
	if (!req)
		return 0;
	memcpy(req, data + 2, len);
	before = agent.served + agent.refused;
	if (pp_agent_handle(&agent, req, len, rsp, sizeof(rsp), &rlen) != PP_OK)
		abort();
	check_reply(len >= 8 ? ld_le16(req + 6) : 0, rlen, before);
	free(req);
	return 0;
}
