/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A miniature TPM behind the fake TIS and CRB register models
 * (test_tpm2_tis.c, test_tpm2_crb.c): answers TPM2_Startup,
 * TPM2_GetRandom (a known pattern) and TPM2_PCR_Extend (TPM_RC_LOCALITY for
 * PCR 17-22 below locality 2, as swtpm does for 17/18), other commands with
 * TPM_RC_COMMAND_CODE. Knobs make it answer an oversized response.
 */
#ifndef PARAPET_TEST_TPM2_FAKE_H
#define PARAPET_TEST_TPM2_FAKE_H

#include <string.h>
#include <parapet/bytes.h>
#include <parapet/tpm2.h>

struct fake_tpm {
	u8 last_cmd[TPM2_RSP_BUF_SIZE];
	size_t last_cmd_len;
	u8 last_loc;
	u32 commands;
	u32 oversize; /* non-zero: answer with this size field (and as many bytes) */
};

static inline u8 fake_random_byte(u32 i)
{
	return (u8)(0xA5 ^ (i * 7));
}

static inline size_t fake_hdr(u8 *rsp, u16 tag, u32 size, u32 rc)
{
	st_be16(rsp, tag);
	st_be32(rsp + 2, size);
	st_be32(rsp + 6, rc);
	return 10;
}

/* Response to cmd into rsp (capacity cap); returns its length. */
static inline size_t fake_tpm_respond(struct fake_tpm *t, const u8 *cmd, size_t len, u8 loc,
				      u8 *rsp, size_t cap)
{
	u32 cc = len >= 10 ? ld_be32(cmd + 6) : 0;

	t->commands++;
	t->last_loc = loc;
	t->last_cmd_len = len < sizeof(t->last_cmd) ? len : sizeof(t->last_cmd);
	memcpy(t->last_cmd, cmd, t->last_cmd_len);
	memset(rsp, 0, cap);
	if (t->oversize) {
		fake_hdr(rsp, TPM2_ST_NO_SESSIONS, t->oversize, 0);
		return t->oversize < cap ? t->oversize : cap;
	}
	if (cc == TPM2_CC_STARTUP)
		return fake_hdr(rsp, TPM2_ST_NO_SESSIONS, 10, 0);
	if (cc == TPM2_CC_GET_RANDOM && len >= 12) {
		u16 n = ld_be16(cmd + 10);
		if (n > 32)
			n = 32;
		fake_hdr(rsp, TPM2_ST_NO_SESSIONS, 12u + n, 0);
		st_be16(rsp + 10, n);
		for (u32 i = 0; i < n; i++)
			rsp[12 + i] = fake_random_byte(i);
		return 12u + n;
	}
	if (cc == TPM2_CC_PCR_EXTEND && len >= 14) {
		u32 pcr = ld_be32(cmd + 10);
		if (pcr >= 17 && pcr <= 22 && loc < 2)
			return fake_hdr(rsp, TPM2_ST_NO_SESSIONS, 10, TPM2_RC_LOCALITY);
		fake_hdr(rsp, TPM2_ST_SESSIONS, 19, 0);
		/* parameterSize 0; auth: nonce size 0, attrs 1, hmac size 0 */
		rsp[18] = 0;
		rsp[16] = 1;
		return 19;
	}
	return fake_hdr(rsp, TPM2_ST_NO_SESSIONS, 10, TPM2_RC_COMMAND_CODE);
}

#endif
