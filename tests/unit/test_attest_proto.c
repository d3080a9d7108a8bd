// SPDX-License-Identifier: GPL-2.0-only
/*
 * The attestation protocol's codec (common/attest/): the CRC against its
 * check value, writer/parser round trips, every refusal of pp_at_parse with
 * its message, and the stream receiver's resynchronization after garbage,
 * after a bad header and across a frame of another version. Frames under
 * test are built with the writer, then patched (header fields re-CRCed
 * where the test is about something past the CRC).
 */
#include <parapet/attest_proto.h>
#include <parapet/bytes.h>
#include "unit.h"

static u8 fr[PP_AT_MAX_FRAME + 64];
static u8 rxbuf[PP_AT_MAX_FRAME];

static const u8 nonce[PP_AT_NONCE_SIZE] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11,
					   12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
					   23, 24, 25, 26, 27, 28, 29, 30, 31, 32};

/* A QUOTE request for the RSA AK with the test nonce. */
static size_t quote_req(u8 *buf, size_t cap)
{
	struct pp_at_wr w;
	struct pp_err err;
	size_t len = 0;
	pp_at_wr_begin(&w, buf, cap, PP_AT_REQ_QUOTE);
	pp_at_wr_u16_item(&w, PP_AT_T_AK_ALG, 0x0001);
	pp_at_wr_item(&w, PP_AT_T_NONCE, nonce, sizeof(nonce));
	if (pp_at_wr_finish(&w, &len, &err) != PP_OK)
		return 0;
	return len;
}

/* Recomputes the CRC after a test changed header or payload bytes. */
static void recrc(u8 *f, size_t len)
{
	st_le32(f + len - 4, pp_at_crc32(0, f, len - 4));
}

/* Builds a frame of type with raw payload bytes (items as the test wants). */
static size_t raw_frame(u8 *f, u16 type, const u8 *pl, u32 plen)
{
	f[0] = 'P';
	f[1] = 'P';
	f[2] = 'A';
	f[3] = 'T';
	st_le16(f + 4, PP_AT_VERSION);
	st_le16(f + 6, type);
	st_le32(f + 8, plen);
	memcpy(f + 12, pl, plen);
	recrc(f, 12 + plen + 4);
	return 12 + plen + 4;
}

/* Appends an item header and len bytes of v to pl at *off. */
static void put_item(u8 *pl, u32 *off, u16 tag, u32 len, u8 v)
{
	st_le16(pl + *off, tag);
	st_le32(pl + *off + 2, len);
	memset(pl + *off + 6, v, len);
	*off += 6 + len;
}

static int parse_raw(u16 type, const u8 *pl, u32 plen, struct pp_err *err)
{
	struct pp_at_msg m;
	size_t len = raw_frame(fr, type, pl, plen);
	return pp_at_parse(fr, len, &m, err);
}

TEST(attest_crc32_check_value)
{
	CHECK_EQ(pp_at_crc32(0, (const u8 *)"123456789", 9), 0xcbf43926u);
	CHECK_EQ(pp_at_crc32(0, NULL, 0), 0);
	/* continuing equals one pass */
	CHECK_EQ(pp_at_crc32(pp_at_crc32(0, (const u8 *)"1234", 4), (const u8 *)"56789", 5),
		 0xcbf43926u);
}

TEST(attest_quote_request_round_trip)
{
	struct pp_at_msg m;
	struct pp_err err;
	const struct pp_at_item *it;
	size_t len = quote_req(fr, sizeof(fr));
	REQUIRE(len == 12 + 6 + 2 + 6 + 32 + 4);
	CHECK(!memcmp(fr, "PPAT", 4));
	CHECK_EQ(ld_le16(fr + 4), 1);
	CHECK_EQ(ld_le16(fr + 6), PP_AT_REQ_QUOTE);
	CHECK_EQ(ld_le32(fr + 8), 46);
	REQUIRE(pp_at_parse(fr, len, &m, &err) == PP_OK);
	CHECK_EQ(m.type, PP_AT_REQ_QUOTE);
	REQUIRE(m.n == 2);
	REQUIRE(pp_at_need(&m, PP_AT_T_AK_ALG, &it, &err) == PP_OK);
	CHECK_EQ(it->len, 2);
	CHECK_EQ(ld_le16(it->data), 1);
	REQUIRE(pp_at_need(&m, PP_AT_T_NONCE, &it, &err) == PP_OK);
	CHECK(it->len == 32 && !memcmp(it->data, nonce, 32));
	CHECK(it->data == fr + 12 + 8 + 6);
	CHECK(pp_at_find(&m, PP_AT_T_SECRET) == NULL);
	CHECK_EQ(pp_at_need(&m, PP_AT_T_SECRET, &it, &err), PP_ENOENT);
	CHECK_MSG(&err, "QUOTE: no SECRET item");
}

TEST(attest_info_and_error_round_trip)
{
	struct pp_at_wr w;
	struct pp_at_msg m;
	struct pp_err err;
	size_t len;
	u8 pub[300];
	memset(pub, 0x5a, sizeof(pub));
	pp_at_wr_begin(&w, fr, sizeof(fr), PP_AT_RSP_INFO);
	pp_at_wr_item(&w, PP_AT_T_AGENT, "parapet-agent 1", 15);
	pp_at_wr_item(&w, PP_AT_T_EK_PUB, pub, sizeof(pub));
	pp_at_wr_item(&w, PP_AT_T_AK_PUB, pub, 280);
	pp_at_wr_item(&w, PP_AT_T_AK_PUB, pub, 90); /* AK_PUB may repeat */
	REQUIRE(pp_at_wr_finish(&w, &len, &err) == PP_OK);
	REQUIRE(pp_at_parse(fr, len, &m, &err) == PP_OK);
	REQUIRE(m.n == 4);
	CHECK_EQ(m.item[2].len, 280);
	CHECK_EQ(m.item[3].len, 90);
	CHECK(!memcmp(m.item[0].data, "parapet-agent 1", 15));

	/* an INFO request: no items at all */
	pp_at_wr_begin(&w, fr, sizeof(fr), PP_AT_REQ_INFO);
	REQUIRE(pp_at_wr_finish(&w, &len, &err) == PP_OK);
	CHECK_EQ(len, 16);
	REQUIRE(pp_at_parse(fr, len, &m, &err) == PP_OK);
	CHECK_EQ(m.n, 0);

	pp_at_wr_begin(&w, fr, sizeof(fr), PP_AT_RSP_ERROR);
	pp_at_wr_u32_item(&w, PP_AT_T_ERR_CODE, PP_AT_E_TPM);
	pp_at_wr_item(&w, PP_AT_T_ERR_MSG, "TPM_RC 0x101", 12);
	REQUIRE(pp_at_wr_finish(&w, &len, &err) == PP_OK);
	REQUIRE(pp_at_parse(fr, len, &m, &err) == PP_OK);
	CHECK_EQ(ld_le32(m.item[0].data), PP_AT_E_TPM);
}

TEST(attest_writer_overflow_is_sticky)
{
	struct pp_at_wr w;
	struct pp_err err;
	size_t len = 7;
	u8 small[40];
	u8 big[64] = {0};
	memset(small, 0xee, sizeof(small));
	pp_at_wr_begin(&w, small, 30, PP_AT_REQ_QUOTE);
	pp_at_wr_item(&w, PP_AT_T_NONCE, big, 32); /* does not fit */
	CHECK(w.overflow);
	pp_at_wr_u16_item(&w, PP_AT_T_AK_ALG, 1); /* would fit, but sticky */
	CHECK(pp_at_wr_reserve(&w, PP_AT_T_AK_ALG, 2) == NULL);
	CHECK_EQ(pp_at_wr_finish(&w, &len, &err), PP_ERANGE);
	CHECK_MSG(&err, "does not fit its 30-byte buffer");
	CHECK_EQ(len, 7);
	CHECK_EQ(small[30], 0xee); /* nothing past cap */
	/* room for the items but not the CRC */
	pp_at_wr_begin(&w, small, 12 + 8, PP_AT_REQ_QUOTE);
	pp_at_wr_u16_item(&w, PP_AT_T_AK_ALG, 1);
	CHECK_EQ(pp_at_wr_finish(&w, &len, &err), PP_ERANGE);
	CHECK_MSG(&err, "no room for the CRC");
	/* a header does not fit */
	pp_at_wr_begin(&w, small, 5, PP_AT_REQ_INFO);
	CHECK_EQ(pp_at_wr_finish(&w, &len, &err), PP_ERANGE);
}

TEST(attest_writer_refuses_too_many_items_and_payload)
{
	struct pp_at_wr w;
	struct pp_err err;
	size_t len;
	pp_at_wr_begin(&w, fr, sizeof(fr), PP_AT_RSP_INFO);
	for (u32 i = 0; i < PP_AT_MAX_ITEMS + 1; i++)
		pp_at_wr_item(&w, PP_AT_T_AK_PUB, "k", 1);
	CHECK_EQ(pp_at_wr_finish(&w, &len, &err), PP_ERANGE);
	CHECK_MSG(&err, "17 items, at most 16");
	pp_at_wr_begin(&w, fr, sizeof(fr), PP_AT_RSP_QUOTE);
	CHECK(pp_at_wr_reserve(&w, PP_AT_T_FW_LOG, PP_AT_MAX_PAYLOAD) != NULL);
	CHECK_EQ(pp_at_wr_finish(&w, &len, &err), PP_ERANGE);
	CHECK_MSG(&err, "above the maximum 131072");
}

TEST(attest_parse_refuses_header_faults)
{
	struct pp_at_msg m;
	struct pp_err err;
	size_t len = quote_req(fr, sizeof(fr));
	REQUIRE(len);

	CHECK_EQ(pp_at_parse(fr, 15, &m, &err), PP_ETRUNC);
	CHECK_MSG(&err, "15 bytes, shorter than header and CRC");

	fr[2] = 'X';
	CHECK_EQ(pp_at_parse(fr, len, &m, &err), PP_EMAGIC);
	CHECK_MSG(&err, "magic 0x50505854 at offset 0, expected \"PPAT\"");
	fr[2] = 'A';

	st_le16(fr + 4, 2);
	recrc(fr, len);
	CHECK_EQ(pp_at_parse(fr, len, &m, &err), PP_EVERSION);
	CHECK_MSG(&err, "version 2 at offset 4, this end speaks 1");
	st_le16(fr + 4, 0);
	recrc(fr, len);
	CHECK_EQ(pp_at_parse(fr, len, &m, &err), PP_EVERSION);
	CHECK_MSG(&err, "version 0");
	st_le16(fr + 4, 1);

	st_le16(fr + 6, 0x0004);
	recrc(fr, len);
	CHECK_EQ(pp_at_parse(fr, len, &m, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "type 0x0004 at offset 6 unknown");
	st_le16(fr + 6, PP_AT_REQ_QUOTE);

	st_le32(fr + 8, PP_AT_MAX_PAYLOAD + 1);
	CHECK_EQ(pp_at_parse(fr, len, &m, &err), PP_ERANGE);
	CHECK_MSG(&err, "payload length 131073 at offset 8 above the maximum 131072");
	st_le32(fr + 8, 46);
	recrc(fr, len);

	CHECK_EQ(pp_at_parse(fr, len - 1, &m, &err), PP_ETRUNC);
	CHECK_MSG(&err, "61 bytes, its header says 62");
	CHECK_EQ(pp_at_parse(fr, len + 1, &m, &err), PP_ETRUNC);

	fr[40] ^= 0x01; /* a nonce byte */
	CHECK_EQ(pp_at_parse(fr, len, &m, &err), PP_ECHECKSUM);
	CHECK_MSG(&err, "CRC 0x");
	CHECK_MSG(&err, "at offset 58, computed 0x");
	fr[40] ^= 0x01;
	fr[len - 1] ^= 0x80; /* the CRC itself */
	CHECK_EQ(pp_at_parse(fr, len, &m, &err), PP_ECHECKSUM);
	fr[len - 1] ^= 0x80;
	REQUIRE(pp_at_parse(fr, len, &m, &err) == PP_OK);
}

TEST(attest_parse_refuses_item_faults)
{
	struct pp_err err;
	u8 pl[256];
	u32 n = 0;

	/* an item header cut short */
	put_item(pl, &n, PP_AT_T_AK_ALG, 2, 1);
	put_item(pl, &n, PP_AT_T_NONCE, 32, 7);
	CHECK_EQ(parse_raw(PP_AT_REQ_QUOTE, pl, n + 3, &err), PP_ETRUNC);
	CHECK_MSG(&err, "QUOTE: item 2 at payload offset 46: its 6-byte header runs past");

	/* an item running past the payload */
	n = 0;
	put_item(pl, &n, PP_AT_T_AK_ALG, 2, 1);
	put_item(pl, &n, PP_AT_T_NONCE, 32, 7);
	CHECK_EQ(parse_raw(PP_AT_REQ_QUOTE, pl, n - 1, &err), PP_ETRUNC);
	CHECK_MSG(&err, "item 1 (tag 0x09) at payload offset 8: 32 bytes run past the 45-byte");
	st_le32(pl + 10, 0xffffffffu); /* a length that would wrap */
	CHECK_EQ(parse_raw(PP_AT_REQ_QUOTE, pl, n, &err), PP_ETRUNC);
	CHECK_MSG(&err, "4294967295 bytes run past");

	/* unknown tags: 0, past the last, far out */
	n = 0;
	put_item(pl, &n, 0x0000, 1, 0);
	CHECK_EQ(parse_raw(PP_AT_RSP_QUOTE, pl, n, &err), PP_EINVAL);
	CHECK_MSG(&err, "QUOTE reply: item 0 at payload offset 0: unknown tag 0x0000");
	n = 0;
	put_item(pl, &n, PP_AT_T_AK_ALG, 2, 1);
	put_item(pl, &n, 0x0014, 1, 0);
	CHECK_EQ(parse_raw(PP_AT_REQ_QUOTE, pl, n, &err), PP_EINVAL);
	CHECK_MSG(&err, "unknown tag 0x0014");
	n = 0;
	put_item(pl, &n, 0x8009, 1, 0);
	CHECK_EQ(parse_raw(PP_AT_REQ_QUOTE, pl, n, &err), PP_EINVAL);
	CHECK_MSG(&err, "unknown tag 0x8009");

	/* a tag the type does not allow */
	n = 0;
	put_item(pl, &n, PP_AT_T_NONCE, 32, 1);
	CHECK_EQ(parse_raw(PP_AT_REQ_INFO, pl, n, &err), PP_EINVAL);
	CHECK_MSG(&err, "INFO: item 0 at payload offset 0: tag NONCE not allowed in this type");
	n = 0;
	put_item(pl, &n, PP_AT_T_AK_ALG, 2, 1);
	put_item(pl, &n, PP_AT_T_NONCE, 32, 7);
	put_item(pl, &n, PP_AT_T_SECRET, 8, 7);
	CHECK_EQ(parse_raw(PP_AT_REQ_QUOTE, pl, n, &err), PP_EINVAL);
	CHECK_MSG(&err, "tag SECRET not allowed");

	/* a repeated tag (AK_PUB excepted: see the round trip) */
	n = 0;
	put_item(pl, &n, PP_AT_T_AK_ALG, 2, 1);
	put_item(pl, &n, PP_AT_T_NONCE, 32, 7);
	put_item(pl, &n, PP_AT_T_AK_ALG, 2, 1);
	CHECK_EQ(parse_raw(PP_AT_REQ_QUOTE, pl, n, &err), PP_EINVAL);
	CHECK_MSG(&err, "item 2 at payload offset 46: tag AK_ALG repeated");

	/* fixed-size items of the wrong size */
	n = 0;
	put_item(pl, &n, PP_AT_T_AK_ALG, 2, 1);
	put_item(pl, &n, PP_AT_T_NONCE, 31, 7);
	CHECK_EQ(parse_raw(PP_AT_REQ_QUOTE, pl, n, &err), PP_ERANGE);
	CHECK_MSG(&err, "item 1 (NONCE): 31 bytes, expected exactly 32");
	n = 0;
	put_item(pl, &n, PP_AT_T_AK_ALG, 4, 1);
	put_item(pl, &n, PP_AT_T_NONCE, 32, 7);
	CHECK_EQ(parse_raw(PP_AT_REQ_QUOTE, pl, n, &err), PP_ERANGE);
	CHECK_MSG(&err, "(AK_ALG): 4 bytes, expected exactly 2");
	n = 0;
	put_item(pl, &n, PP_AT_T_ERR_CODE, 2, 1);
	put_item(pl, &n, PP_AT_T_ERR_MSG, 3, 'x');
	CHECK_EQ(parse_raw(PP_AT_RSP_ERROR, pl, n, &err), PP_ERANGE);
	CHECK_MSG(&err, "(ERR_CODE): 2 bytes, expected exactly 4");

	/* variable items: never empty, never above their maximum */
	n = 0;
	put_item(pl, &n, PP_AT_T_ERR_CODE, 4, 1);
	put_item(pl, &n, PP_AT_T_ERR_MSG, 0, 'x');
	CHECK_EQ(parse_raw(PP_AT_RSP_ERROR, pl, n, &err), PP_ERANGE);
	CHECK_MSG(&err, "(ERR_MSG): 0 bytes, expected 1 to 160");
	n = 0;
	put_item(pl, &n, PP_AT_T_AGENT, 65, 'a');
	CHECK_EQ(parse_raw(PP_AT_RSP_INFO, pl, n, &err), PP_ERANGE);
	CHECK_MSG(&err, "(AGENT): 65 bytes, expected 1 to 64");

	/* a required item missing */
	n = 0;
	put_item(pl, &n, PP_AT_T_NONCE, 32, 7);
	CHECK_EQ(parse_raw(PP_AT_REQ_QUOTE, pl, n, &err), PP_ENOENT);
	CHECK_MSG(&err, "QUOTE: required item AK_ALG missing");
	CHECK_EQ(parse_raw(PP_AT_RSP_ACTIVATE, pl, 0, &err), PP_ENOENT);
	CHECK_MSG(&err, "ACTIVATE reply: required item CERT_INFO missing");
}

TEST(attest_parse_refuses_more_than_max_items)
{
	struct pp_err err;
	u8 pl[512];
	u32 n = 0;
	for (u32 i = 0; i < PP_AT_MAX_ITEMS; i++)
		put_item(pl, &n, PP_AT_T_AK_PUB, 3, (u8)i);
	put_item(pl, &n, PP_AT_T_AGENT, 1, 'a');
	put_item(pl, &n, PP_AT_T_EK_PUB, 1, 'e');
	CHECK_EQ(parse_raw(PP_AT_RSP_INFO, pl, n, &err), PP_ERANGE);
	CHECK_MSG(&err, "INFO reply: more than 16 items (the next at payload offset 144)");
	/* 16 exactly is fine */
	n = 0;
	for (u32 i = 0; i < PP_AT_MAX_ITEMS - 2; i++)
		put_item(pl, &n, PP_AT_T_AK_PUB, 3, (u8)i);
	put_item(pl, &n, PP_AT_T_AGENT, 1, 'a');
	put_item(pl, &n, PP_AT_T_EK_PUB, 1, 'e');
	CHECK_EQ(parse_raw(PP_AT_RSP_INFO, pl, n, &err), PP_OK);
}

TEST(attest_parse_refusal_changes_nothing)
{
	struct pp_at_msg m, before;
	struct pp_err err;
	size_t len = quote_req(fr, sizeof(fr));
	memset(&m, 0xa5, sizeof(m));
	before = m;
	fr[len - 1] ^= 1;
	CHECK(pp_at_parse(fr, len, &m, &err) != PP_OK);
	CHECK_EQ(m.type, before.type);
	CHECK_EQ(m.n, before.n);
	for (u32 i = 0; i < PP_AT_MAX_ITEMS; i++)
		CHECK(m.item[i].tag == before.item[i].tag && m.item[i].len == before.item[i].len &&
		      m.item[i].data == before.item[i].data);
}

TEST(attest_tag_rules)
{
	CHECK(pp_at_tag_allowed(PP_AT_REQ_QUOTE, PP_AT_T_NONCE));
	CHECK(!pp_at_tag_allowed(PP_AT_REQ_INFO, PP_AT_T_NONCE));
	CHECK(pp_at_tag_allowed(PP_AT_RSP_QUOTE, PP_AT_T_FAULTS));
	CHECK(!pp_at_tag_required(PP_AT_RSP_QUOTE, PP_AT_T_FAULTS));
	CHECK(pp_at_tag_required(PP_AT_RSP_QUOTE, PP_AT_T_PCRS));
	CHECK(!pp_at_tag_allowed(0x1234, PP_AT_T_NONCE));
	CHECK(!pp_at_tag_allowed(PP_AT_RSP_INFO, 0x99));
	CHECK(!strcmp(pp_at_type_name(PP_AT_REQ_ACTIVATE), "ACTIVATE"));
	CHECK(!strcmp(pp_at_type_name(0x7777), "unknown"));
	CHECK(!strcmp(pp_at_tag_name(PP_AT_T_CRED_BLOB), "CRED_BLOB"));
	CHECK(!strcmp(pp_at_tag_name(0), "unknown"));
}

/* Feeds bytes; returns the number of frames seen and counts errors. */
static u32 feed(struct pp_at_rx *rx, const u8 *p, size_t n, u32 *errors, size_t *last_len)
{
	struct pp_err err;
	u32 frames = 0;
	for (size_t i = 0; i < n; i++) {
		enum pp_at_rx_state s = pp_at_rx_push(rx, p[i], &err);
		if (s == PP_AT_RX_FRAME) {
			frames++;
			*last_len = rx->len;
		} else if (s == PP_AT_RX_ERROR) {
			(*errors)++;
		}
	}
	return frames;
}

TEST(attest_rx_one_frame_and_back_to_back)
{
	struct pp_at_rx rx;
	struct pp_at_msg m;
	struct pp_err err;
	u8 two[256];
	u32 errors = 0;
	size_t got = 0, len = quote_req(two, sizeof(two));
	memcpy(two + len, two, len);
	pp_at_rx_init(&rx, rxbuf, sizeof(rxbuf));
	CHECK_EQ(feed(&rx, two, len, &errors, &got), 1);
	CHECK_EQ(got, len);
	REQUIRE(pp_at_parse(rx.buf, rx.len, &m, &err) == PP_OK);
	CHECK_EQ(feed(&rx, two + len, len, &errors, &got), 1); /* no reset needed */
	CHECK_EQ(errors, 0);
	CHECK_EQ(rx.skipped, 0);
}

TEST(attest_rx_resyncs_after_garbage)
{
	struct pp_at_rx rx;
	struct pp_at_msg m;
	struct pp_err err;
	u8 s[512];
	u32 errors = 0;
	size_t got = 0, n = 0, len;
	/* garbage with magic-like prefixes: "P", "PP", "PPA", "PPPA" */
	static const char junk[] = "hello P PP PPA PPPAx\r\n\xff\x00";
	memcpy(s, junk, sizeof(junk));
	n = sizeof(junk);
	s[n++] = 'P'; /* "PPPAT...": the frame starts one byte in */
	len = quote_req(s + n, sizeof(s) - n);
	pp_at_rx_init(&rx, rxbuf, sizeof(rxbuf));
	CHECK_EQ(feed(&rx, s, n + len, &errors, &got), 1);
	CHECK_EQ(errors, 0);
	CHECK_EQ(rx.skipped, n);
	REQUIRE(got == len);
	CHECK_EQ(pp_at_parse(rx.buf, rx.len, &m, &err), PP_OK);
}

TEST(attest_rx_resyncs_after_bad_header)
{
	struct pp_at_rx rx;
	struct pp_at_msg m;
	struct pp_err err;
	u8 s[512];
	u32 errors = 0;
	size_t got = 0, len;
	/* a header whose length field is the real frame's magic: "PPAT" read as
	 * a length is 0x54415050, above the maximum */
	static const u8 bad_len_hdr[8] = {'P', 'P', 'A', 'T', 1, 0, 3, 0};
	memcpy(s, bad_len_hdr, sizeof(bad_len_hdr));
	len = quote_req(s + 8, sizeof(s) - 8);
	pp_at_rx_init(&rx, rxbuf, sizeof(rxbuf));
	CHECK_EQ(feed(&rx, s, 8 + len, &errors, &got), 1);
	CHECK_EQ(errors, 1);
	CHECK_EQ(got, len);
	CHECK_EQ(rx.skipped, 8);
	CHECK_EQ(pp_at_parse(rx.buf, rx.len, &m, &err), PP_OK);

	/* version 0 is impossible too */
	static const u8 v0_hdr[12] = {'P', 'P', 'A', 'T', 0, 0, 3, 0, 0, 0, 0, 0};
	memcpy(s, v0_hdr, sizeof(v0_hdr));
	len = quote_req(s + 12, sizeof(s) - 12);
	pp_at_rx_init(&rx, rxbuf, sizeof(rxbuf));
	errors = 0;
	CHECK_EQ(feed(&rx, s, 12 + len, &errors, &got), 1);
	CHECK_EQ(errors, 1);
	CHECK_EQ(rx.skipped, 12);
}

TEST(attest_rx_reports_header_errors)
{
	struct pp_at_rx rx;
	struct pp_err err;
	u8 h[12] = {'P', 'P', 'A', 'T', 1, 0, 3, 0};
	enum pp_at_rx_state s = PP_AT_RX_MORE;
	u8 small[64];
	st_le32(h + 8, PP_AT_MAX_PAYLOAD + 1);
	pp_at_rx_init(&rx, rxbuf, sizeof(rxbuf));
	for (u32 i = 0; i < 12; i++)
		s = pp_at_rx_push(&rx, h[i], &err);
	CHECK_EQ(s, PP_AT_RX_ERROR);
	CHECK_MSG(&err, "payload length 131073 at offset 8 above the maximum");
	CHECK(rx.len < 12);
	/* a frame larger than a small receiver's buffer */
	st_le32(h + 8, 100);
	pp_at_rx_init(&rx, small, sizeof(small));
	for (u32 i = 0; i < 12; i++)
		s = pp_at_rx_push(&rx, h[i], &err);
	CHECK_EQ(s, PP_AT_RX_ERROR);
	CHECK_MSG(&err, "a frame of 116 bytes does not fit the 64-byte buffer");
}

TEST(attest_rx_collects_other_versions_whole)
{
	struct pp_at_rx rx;
	struct pp_at_msg m;
	struct pp_err err;
	u8 s[256];
	u32 errors = 0;
	size_t got = 0, len = quote_req(s, sizeof(s));
	st_le16(s + 4, 2); /* a version-2 request: same header layout */
	recrc(s, len);
	pp_at_rx_init(&rx, rxbuf, sizeof(rxbuf));
	CHECK_EQ(feed(&rx, s, len, &errors, &got), 1);
	CHECK_EQ(got, len);
	CHECK_EQ(pp_at_parse(rx.buf, rx.len, &m, &err), PP_EVERSION);
}

/* The example exchange of docs/attest-protocol.md, byte for byte. */
TEST(attest_doc_example_bytes)
{
	static const u8 info[] = {0x50, 0x50, 0x41, 0x54, 0x01, 0x00, 0x01, 0x00,
				  0x00, 0x00, 0x00, 0x00, 0x98, 0xee, 0x20, 0x66};
	struct pp_at_wr w;
	struct pp_err err;
	u8 n[PP_AT_NONCE_SIZE];
	size_t len = 0;
	for (u32 i = 0; i < sizeof(n); i++)
		n[i] = (u8)i;
	pp_at_wr_begin(&w, fr, sizeof(fr), PP_AT_REQ_QUOTE);
	pp_at_wr_u16_item(&w, PP_AT_T_AK_ALG, 0x0001);
	pp_at_wr_item(&w, PP_AT_T_NONCE, n, sizeof(n));
	REQUIRE(pp_at_wr_finish(&w, &len, &err) == PP_OK);
	REQUIRE(len == 62);
	CHECK(!memcmp(fr, "PPAT\x01\x00\x03\x00\x2e\x00\x00\x00\x05\x00\x02\x00", 16));
	CHECK_EQ(ld_le32(fr + 58), 0xffe2c9acu);
	pp_at_wr_begin(&w, fr, sizeof(fr), PP_AT_REQ_INFO);
	REQUIRE(pp_at_wr_finish(&w, &len, &err) == PP_OK);
	CHECK(len == sizeof(info) && !memcmp(fr, info, sizeof(info)));
}

TEST(attest_writer_trim)
{
	struct pp_at_wr w;
	struct pp_at_msg m;
	struct pp_err err;
	size_t len;
	u8 *p;
	pp_at_wr_begin(&w, fr, sizeof(fr), PP_AT_RSP_ACTIVATE);
	p = pp_at_wr_reserve(&w, PP_AT_T_CERT_INFO, 64);
	REQUIRE(p);
	static const u8 secret[6] = {'s', 'e', 'c', 'r', 'e', 't'};
	memcpy(p, secret, sizeof(secret));
	pp_at_wr_trim(&w, 6);
	REQUIRE(pp_at_wr_finish(&w, &len, &err) == PP_OK);
	CHECK_EQ(len, 12 + 6 + 6 + 4);
	REQUIRE(pp_at_parse(fr, len, &m, &err) == PP_OK);
	CHECK(m.item[0].len == 6 && !memcmp(m.item[0].data, "secret", 6));
	/* growing is an overflow */
	pp_at_wr_begin(&w, fr, sizeof(fr), PP_AT_RSP_ACTIVATE);
	REQUIRE(pp_at_wr_reserve(&w, PP_AT_T_CERT_INFO, 4));
	pp_at_wr_trim(&w, 5);
	CHECK_EQ(pp_at_wr_finish(&w, &len, &err), PP_ERANGE);
}
