// SPDX-License-Identifier: GPL-2.0-only
/*
 * The stream receiver of the attestation protocol (parapet/attest_proto.h,
 * docs/attest-protocol.md, "Resynchronization"): bytes in, one complete
 * frame out. It skips anything that is not a magic, checks each header as
 * soon as its 12 bytes are in (magic, version not 0, payload length within
 * the maximum and the buffer), then collects exactly the frame the header
 * announces. The frame itself is judged by pp_at_parse (CRC, type, items).
 *
 * Trust: the bytes are untrusted and may start anywhere (line noise, a
 * client that vanished mid-frame). The buffer never holds more than the
 * header allows and cap bounds; a bad header costs its first byte only: the
 * rest is scanned again, so a real frame hidden inside garbage is found.
 */
#include <parapet/attest_proto.h>
#include <parapet/bytes.h>
#include <parapet/string.h>

static const u8 magic[4] = {PP_AT_MAGIC0, PP_AT_MAGIC1, PP_AT_MAGIC2, PP_AT_MAGIC3};

void pp_at_rx_init(struct pp_at_rx *rx, u8 *buf, size_t cap)
{
	rx->buf = buf;
	rx->cap = cap;
	rx->skipped = 0;
	pp_at_rx_reset(rx);
}

void pp_at_rx_reset(struct pp_at_rx *rx)
{
	rx->len = 0;
	rx->need = 0;
}

/* The held bytes start like a magic (all of it once four are in). */
static bool magic_prefix(const struct pp_at_rx *rx)
{
	return memcmp(rx->buf, magic, PP_MIN(rx->len, sizeof(magic))) == 0;
}

/* Drops the first held byte, then more until what is held could start a frame. */
static void drop_and_rescan(struct pp_at_rx *rx)
{
	do {
		memmove(rx->buf, rx->buf + 1, rx->len - 1);
		rx->len--;
		rx->skipped++;
	} while (rx->len && !magic_prefix(rx));
}

enum pp_at_rx_state pp_at_rx_push(struct pp_at_rx *rx, u8 byte, struct pp_err *err)
{
	if (rx->need && rx->len == rx->need)
		pp_at_rx_reset(rx); /* the last frame was delivered */
	if (rx->cap < PP_AT_HDR_SIZE + PP_AT_CRC_SIZE) {
		pp_fail(err, PP_ERANGE, "receiver: buffer of %zu bytes holds no frame", rx->cap);
		return PP_AT_RX_ERROR;
	}
	rx->buf[rx->len++] = byte;
	if (rx->len <= PP_AT_HDR_SIZE && !magic_prefix(rx)) {
		drop_and_rescan(rx);
		return PP_AT_RX_MORE;
	}
	if (rx->len < PP_AT_HDR_SIZE)
		return PP_AT_RX_MORE;
	if (rx->len == PP_AT_HDR_SIZE) {
		u64 need = PP_AT_HDR_SIZE + (u64)ld_le32(rx->buf + 8) + PP_AT_CRC_SIZE;
		if (pp_at_check_header(rx->buf, err) != PP_OK) {
			drop_and_rescan(rx);
			return PP_AT_RX_ERROR;
		}
		if (need > rx->cap) {
			pp_fail(err, PP_ERANGE,
				"receiver: a frame of %llu bytes does not fit the %zu-byte buffer",
				(unsigned long long)need, rx->cap);
			drop_and_rescan(rx);
			return PP_AT_RX_ERROR;
		}
		rx->need = (size_t)need;
		return PP_AT_RX_MORE;
	}
	return rx->len == rx->need ? PP_AT_RX_FRAME : PP_AT_RX_MORE;
}
