/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A scripted TPM transport for the command-layer tests (test_tpm2_cmd.c,
 * test_tpm2_nv.c): queued responses answered in order, every command
 * recorded. One per test file (static): script_setup(locality) resets it,
 * script_push queues a response (header with its size computed, then the
 * body).
 */
#ifndef PARAPET_TEST_TPM2_SCRIPT_H
#define PARAPET_TEST_TPM2_SCRIPT_H

#include <string.h>
#include <parapet/bytes.h>
#include <parapet/tpm2.h>

#define MAX_SCRIPT 40

struct script {
	u8 rsp[MAX_SCRIPT][512];
	size_t len[MAX_SCRIPT];
	u32 n, next;
	bool repeat_last;	 /* keep answering the last response */
	u8 cmd[MAX_SCRIPT][512]; /* commands seen */
	size_t cmd_len[MAX_SCRIPT];
	u32 sent;
	u8 loc;
	size_t lie_len; /* non-zero: report this rsp_len */
};

static int s_req(void *ctx, u8 loc, struct pp_err *err)
{
	(void)err;
	((struct script *)ctx)->loc = loc;
	return 0;
}

static int s_rel(void *ctx, u8 loc, struct pp_err *err)
{
	(void)ctx;
	(void)loc;
	(void)err;
	return 0;
}

static int s_tx(void *ctx, const u8 *cmd, size_t cmd_len, u8 *rsp, size_t cap, size_t *rsp_len,
		struct pp_err *err)
{
	struct script *s = ctx;
	u32 i;

	if (s->sent < MAX_SCRIPT) {
		memcpy(s->cmd[s->sent], cmd, PP_MIN(cmd_len, sizeof(s->cmd[0])));
		s->cmd_len[s->sent] = cmd_len;
	}
	s->sent++;
	if (s->next >= s->n && !(s->repeat_last && s->n))
		return pp_fail(err, PP_ETIMEOUT, "script exhausted");
	i = s->next < s->n ? s->next++ : s->n - 1;
	if (s->len[i] > cap)
		return pp_fail(err, PP_ERANGE, "too big");
	memcpy(rsp, s->rsp[i], s->len[i]);
	*rsp_len = s->lie_len ? s->lie_len : s->len[i];
	return 0;
}

static const struct tpm2_transport_ops script_ops = {s_req, s_rel, s_tx};
static struct script sc;
static struct tpm2_dev dev;
static struct pp_err e;

/* A fresh script and device holding `locality`. */
static inline void script_setup(u8 locality)
{
	memset(&sc, 0, sizeof(sc));
	memset(&e, 0, sizeof(e));
	tpm2_init(&dev, &script_ops, &sc);
	dev.locality = locality;
}

/* Queue a response: header (size computed) + body. */
static inline void push(u16 tag, u32 rc, const u8 *body, size_t blen)
{
	u8 *r = sc.rsp[sc.n];
	st_be16(r, tag);
	st_be32(r + 2, (u32)(10 + blen));
	st_be32(r + 6, rc);
	if (blen)
		memcpy(r + 10, body, blen);
	sc.len[sc.n++] = 10 + blen;
}

#endif
