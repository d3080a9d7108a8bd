// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the attestation protocol's codec (common/attest/,
 * docs/attest-protocol.md). The input is
 *   1. parsed as one frame (pp_at_parse), from a heap copy of exactly its
 *      length (ASan sees any read past it); a frame that passes is written
 *      again item by item with the writer and must come out byte for byte
 *      the same (the format has one encoding);
 *   2. fed byte by byte to the stream receiver, with a buffer smaller than
 *      the largest frame, and every frame it delivers parsed; then, when
 *      the receiver is scanning for a magic, a good frame appended must be
 *      delivered whole (garbage never costs a later frame).
 * Invariants: no crash or out-of-bounds access; a refusal has a negative
 * code equal to err.code and a message, and leaves the output unchanged.
 */
#include <stdlib.h>
#include <string.h>
#include <parapet/attest_proto.h>

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static u8 rxbuf[4096];
static u8 out[PP_AT_MAX_FRAME];

static void check_refusal(int rc, const struct pp_err *err)
{
	if (rc >= 0 || err->code != rc || !err->msg[0])
		abort();
}

static bool same_msg(const struct pp_at_msg *a, const struct pp_at_msg *b)
{
	if (a->type != b->type || a->n != b->n)
		return false;
	for (u32 i = 0; i < PP_AT_MAX_ITEMS; i++)
		if (a->item[i].tag != b->item[i].tag || a->item[i].len != b->item[i].len ||
		    a->item[i].data != b->item[i].data)
			return false;
	return true;
}

static void parse_and_rewrite(const u8 *f, size_t len)
{
	struct pp_at_msg m, untouched;
	struct pp_at_wr w;
	struct pp_err err;
	size_t olen = 0;
	int rc;
	memset(&m, 0x5a, sizeof(m));
	untouched = m;
	rc = pp_at_parse(f, len, &m, &err);
	if (rc) {
		check_refusal(rc, &err);
		if (!same_msg(&m, &untouched))
			abort();
		return;
	}
	if (m.n > PP_AT_MAX_ITEMS)
		abort();
	pp_at_wr_begin(&w, out, sizeof(out), m.type);
	for (u32 i = 0; i < m.n; i++) {
		if (m.item[i].data < f || m.item[i].data + m.item[i].len > f + len)
			abort();
		pp_at_wr_item(&w, m.item[i].tag, m.item[i].data, m.item[i].len);
	}
	if (pp_at_wr_finish(&w, &olen, &err) != PP_OK || olen != len || memcmp(out, f, len) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct pp_at_rx rx;
	struct pp_at_wr w;
	struct pp_err err;
	u8 *copy = malloc(size ? size : 1);
	u8 g[PP_AT_HDR_SIZE + PP_AT_CRC_SIZE];
	size_t glen = 0;
	u32 frames = 0;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	parse_and_rewrite(copy, size);
	free(copy);

	pp_at_rx_init(&rx, rxbuf, sizeof(rxbuf));
	for (size_t i = 0; i < size; i++) {
		enum pp_at_rx_state s = pp_at_rx_push(&rx, data[i], &err);
		if (rx.len > rx.cap)
			abort();
		if (s == PP_AT_RX_FRAME) {
			if (rx.len != rx.need || memcmp(rx.buf, "PPAT", 4) != 0)
				abort();
			parse_and_rewrite(rx.buf, rx.len);
		} else if (s == PP_AT_RX_ERROR) {
			check_refusal(err.code, &err);
		}
	}
	if (rx.len != 0 && !(rx.need && rx.len == rx.need))
		return 0; /* mid-frame: the next bytes belong to it */
	pp_at_wr_begin(&w, g, sizeof(g), PP_AT_REQ_INFO);
	if (pp_at_wr_finish(&w, &glen, &err) != PP_OK || glen != sizeof(g))
		abort();
	for (size_t i = 0; i < sizeof(g); i++)
		if (pp_at_rx_push(&rx, g[i], &err) == PP_AT_RX_FRAME)
			frames++;
	if (frames != 1 || rx.len != sizeof(g) || memcmp(rx.buf, g, sizeof(g)) != 0)
		abort();
	return 0;
}
