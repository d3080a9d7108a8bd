// SPDX-License-Identifier: GPL-2.0-only
/*
 * Malformed event logs are rejected with a precise error (common/eventlog/
 * parse.c): truncation at every length, wrong sizes, digest lists that do
 * not match the header, unknown algorithms, trailing padding, event counts
 * that lie, PCR indices out of range, and the DRTM / locality ordering rules.
 */
#include <parapet/bytes.h>
#include <parapet/eventlog.h>
#include "unit.h"

static u8 good[4096];
static u8 work[4096];
static u32 good_len;

/*
 * Base log, SHA-256 + SHA-384: header record of 69 bytes (Spec ID event 37),
 * then three events of 100 + data bytes each:
 *   event 0 at 69:  PCR 8, data "abc"   (digests at 69+14 / 69+48, eventSize at 69+96)
 *   event 1 at 172: PCR 9, data "defg"
 *   event 2 at 276: PCR 10, data ""
 */
#define EV0 69u
#define EV1 172u
#define EV2 276u
#define END 376u

static void base(void)
{
	struct pp_evlog log;
	const u16 algs[] = {PP_ALG_SHA256, PP_ALG_SHA384};
	pp_evlog_init(&log, good, sizeof(good), algs, 2, NULL, 0);
	pp_evlog_measure(&log, 8, PP_EV_IPL, "abc", 3, "abc", 3, NULL);
	pp_evlog_measure(&log, 9, PP_EV_IPL, "defg", 4, "defg", 4, NULL);
	pp_evlog_measure(&log, 10, PP_EV_IPL, "", 0, NULL, 0, NULL);
	good_len = log.status ? 0 : log.len;
	memcpy(work, good, sizeof(work));
}

static int chk(u32 len, u32 expect, struct pp_err *e)
{
	struct pp_evlog_info info;
	memset(e, 0, sizeof(*e));
	return pp_evlog_check(work, len, expect, &info, e);
}

TEST(evlog_rej_base_ok)
{
	struct pp_err e;
	base();
	REQUIRE(good_len == END);
	CHECK_EQ(chk(END, 3, &e), PP_OK);
	CHECK_EQ(ld_le32(work + EV1), 9);
	CHECK_EQ(ld_le32(work + EV2), 10);
}

TEST(evlog_rej_truncated_every_length)
{
	struct pp_err e;
	base();
	for (u32 len = 0; len < END; len++) {
		/* with the true count every prefix is rejected */
		int rc = chk(len, 3, &e);
		if (rc == PP_OK || e.msg[0] == 0) {
			char m[64];
			snprintf(m, sizeof(m), "length %u accepted", len);
			unit_fail(__FILE__, __LINE__, m);
		}
		/* without a count, only prefixes ending on an event boundary are logs */
		bool boundary = len == EV0 || len == EV1 || len == EV2;
		CHECK_EQ(chk(len, PP_EVLOG_COUNT_ANY, &e) == PP_OK, boundary);
	}
	CHECK_EQ(chk(10, 3, &e), PP_ETRUNC);
	CHECK_MSG(&e, "10 bytes, the header record needs 32");
	CHECK_EQ(chk(EV0 - 1, 3, &e), PP_ETRUNC);
	CHECK_MSG(&e, "header eventSize 37 exceeds the 36 bytes");
	CHECK_EQ(chk(EV1, 3, &e), PP_ETRUNC);
	CHECK_MSG(&e, "log ends at offset 172 after 1 events, expected 3");
	CHECK_EQ(chk(EV1 + 50, 3, &e), PP_ETRUNC);
	CHECK_MSG(&e, "event 1 at offset 172: sha384 digest at offset 220 runs past");
	CHECK_EQ(chk(EV1 + 98, 3, &e), PP_ETRUNC);
	CHECK_MSG(&e, "event 1 at offset 172: eventSize at offset 268 runs past");
	CHECK_EQ(chk(EV1 + 101, 3, &e), PP_ETRUNC);
	CHECK_MSG(&e, "event 1 at offset 172: eventSize 4 exceeds the 1 bytes left");
	CHECK_EQ(chk(EV1 + 5, PP_EVLOG_COUNT_ANY, &e), PP_EINVAL);
	CHECK_MSG(&e, "trailing data at offset 172: 5 bytes after 1 events");
}

TEST(evlog_rej_event_size)
{
	struct pp_err e;
	base();
	st_le32(work + EV0 + 96, 3 + 1000); /* too big */
	CHECK_EQ(chk(END, 3, &e), PP_ETRUNC);
	CHECK_MSG(&e, "event 0 at offset 69: eventSize 1003 exceeds the 207 bytes left");
	st_le32(work + EV0 + 96, 0xFFFFFFFFu); /* huge */
	CHECK_EQ(chk(END, 3, &e), PP_ETRUNC);
	CHECK_MSG(&e, "eventSize 4294967295 exceeds");
	/* data offset + size wraps a u32 back to offset 0 (a naive walker loops) */
	st_le32(work + EV0 + 96, (u32)(0x100000000ull - (EV0 + 100)));
	CHECK_EQ(chk(END, 3, &e), PP_ETRUNC);
	CHECK_MSG(&e, "eventSize 4294967127 exceeds the 207 bytes left");
	st_le32(work + EV0 + 96, 2); /* too small: the next record starts inside this one */
	CHECK(chk(END, 3, &e) != PP_OK);
	CHECK_MSG(&e, "event 1 at offset 171");
	/* the last event's size one short leaves a trailing byte */
	base();
	st_le32(work + EV1 + 96, 5);
	CHECK(chk(END, 3, &e) != PP_OK);
	/* header eventSize */
	base();
	st_le32(work + 28, 38);
	CHECK_EQ(chk(END, 3, &e), PP_EINVAL);
	CHECK_MSG(&e, "header eventSize 38, but 2 algorithms and vendorInfoSize 0 make 37");
	st_le32(work + 28, 36);
	CHECK_EQ(chk(END, 3, &e), PP_ETRUNC);
	CHECK_MSG(&e, "2 algorithms need a Spec ID event of 37 bytes, eventSize 36");
	st_le32(work + 28, 20);
	CHECK_EQ(chk(END, 3, &e), PP_EINVAL);
	CHECK_MSG(&e, "header eventSize 20, a Spec ID event needs at least 33");
	st_le32(work + 28, 0xFFFFFFF0u);
	CHECK_EQ(chk(END, 3, &e), PP_ETRUNC);
	CHECK_MSG(&e, "header eventSize 4294967280 exceeds");
}

TEST(evlog_rej_digest_count)
{
	struct pp_err e;
	base();
	st_le32(work + EV1 + 8, 1);
	CHECK_EQ(chk(END, 3, &e), PP_EINVAL);
	CHECK_MSG(&e, "event 1 at offset 172: digest count 1, the header lists 2 algorithms");
	st_le32(work + EV1 + 8, 3);
	CHECK_EQ(chk(END, 3, &e), PP_EINVAL);
	CHECK_MSG(&e, "digest count 3");
	st_le32(work + EV1 + 8, 0);
	CHECK(chk(END, 3, &e) != PP_OK);
	CHECK_MSG(&e, "digest count 0");
}

TEST(evlog_rej_algorithm_order)
{
	struct pp_err e;
	base();
	st_le16(work + EV0 + 12, PP_ALG_SHA384);
	CHECK_EQ(chk(END, 3, &e), PP_EINVAL);
	CHECK_MSG(&e, "event 0 at offset 69: digest 0 is sha384, the header order expects sha256");
	base();
	st_le16(work + EV2 + 46, PP_ALG_SHA256);
	CHECK_EQ(chk(END, 3, &e), PP_EINVAL);
	CHECK_MSG(&e, "event 2 at offset 276: digest 1 is sha256, the header order expects sha384");
	base();
	st_le16(work + EV0 + 46, PP_ALG_SHA1);
	CHECK_EQ(chk(END, 3, &e), PP_EINVAL);
	CHECK_MSG(&e, "digest 1 algorithm 0x0004 is not in the log header");
}

TEST(evlog_rej_header_algorithms)
{
	struct pp_err e;
	base();
	st_le16(work + 64, 0x0099); /* unknown id */
	CHECK_EQ(chk(END, 3, &e), PP_ENOTSUP);
	CHECK_MSG(&e,
		  "algorithm 1: unknown TPM_ALG_ID 0x0099 (the spec allows it, Parapet does not)");
	base();
	st_le16(work + 60, 0x0027); /* sha3_256: registered, not supported here */
	CHECK_EQ(chk(END, 3, &e), PP_ENOTSUP);
	CHECK_MSG(&e, "algorithm 0: unknown TPM_ALG_ID 0x0027");
	base();
	st_le16(work + 66, 32); /* digestSize mismatch for a known algorithm */
	CHECK_EQ(chk(END, 3, &e), PP_EINVAL);
	CHECK_MSG(&e, "algorithm 1 (sha384): digestSize 32, expected 48");
	base();
	st_le16(work + 62, 20);
	CHECK(chk(END, 3, &e) != PP_OK);
	CHECK_MSG(&e, "algorithm 0 (sha256): digestSize 20, expected 32");
	base();
	st_le16(work + 64, PP_ALG_SHA256); /* duplicate */
	st_le16(work + 66, 32);
	CHECK_EQ(chk(END, 3, &e), PP_EINVAL);
	CHECK_MSG(&e, "algorithm sha256 listed twice (entries 0 and 1)");
	base();
	st_le32(work + 56, 0);
	CHECK_EQ(chk(END, 3, &e), PP_ERANGE);
	CHECK_MSG(&e, "numberOfAlgorithms 0 outside 1..5");
	st_le32(work + 56, 0x80000001u);
	CHECK(chk(END, 3, &e) != PP_OK);
	CHECK_MSG(&e, "numberOfAlgorithms 2147483649 outside 1..5");
	st_le32(work + 56, 3);
	CHECK_EQ(chk(END, 3, &e), PP_ETRUNC);
	CHECK_MSG(&e, "3 algorithms need a Spec ID event of 41 bytes, eventSize 37");
	base();
	work[68] = 5; /* vendorInfoSize past the event */
	CHECK_EQ(chk(END, 3, &e), PP_EINVAL);
	CHECK_MSG(&e, "vendorInfoSize 5 make 42");
}

TEST(evlog_rej_header_fields)
{
	struct pp_err e;
	base();
	memcpy(work + 32, "Spec ID Event02", 15);
	CHECK_EQ(chk(END, 3, &e), PP_EMAGIC);
	CHECK_MSG(&e, "header signature is not \"Spec ID Event03\\0\"");
	base();
	work[47] = ' '; /* signature NUL */
	CHECK_EQ(chk(END, 3, &e), PP_EMAGIC);
	base();
	work[55] = 0;
	CHECK_EQ(chk(END, 3, &e), PP_EINVAL);
	CHECK_MSG(&e, "uintnSize 0, must be 1 (UINT32) or 2 (UINT64)");
	work[55] = 3;
	CHECK(chk(END, 3, &e) != PP_OK);
	CHECK_MSG(&e, "uintnSize 3");
	work[55] = 1; /* 32-bit UINTN firmware: accepted */
	CHECK_EQ(chk(END, 3, &e), PP_OK);
	base();
	work[53] = 1;
	work[52] = 2;
	CHECK_EQ(chk(END, 3, &e), PP_EVERSION);
	CHECK_MSG(&e, "Spec ID version 1.2, expected 2.0");
	base();
	work[54] = 105; /* errata is informational */
	CHECK_EQ(chk(END, 3, &e), PP_OK);
	base();
	st_le32(work + 48, 2);
	CHECK_EQ(chk(END, 3, &e), PP_EINVAL);
	CHECK_MSG(&e, "platformClass 2");
	base();
	st_le32(work + 0, 1);
	CHECK(chk(END, 3, &e) != PP_OK);
	CHECK_MSG(&e, "header record PCR index 1, must be 0");
	base();
	st_le32(work + 4, 4);
	CHECK(chk(END, 3, &e) != PP_OK);
	CHECK_MSG(&e, "header record event type 0x4, must be EV_NO_ACTION (3)");
	base();
	work[8 + 19] = 1;
	CHECK(chk(END, 3, &e) != PP_OK);
	CHECK_MSG(&e, "header record digest byte 19 is 0x01, must be 0");
	CHECK_EQ(pp_evlog_check(NULL, 0, 0, &(struct pp_evlog_info){0}, &e), PP_EINVAL);
	CHECK_EQ(pp_evlog_check(work, PP_EVLOG_MAX_SIZE + 1ull, 0, &(struct pp_evlog_info){0}, &e),
		 PP_ERANGE);
	CHECK_MSG(&e, "more than the 16777216 cap");
}

TEST(evlog_rej_trailing_padding)
{
	struct pp_err e;
	base();
	memset(work + END, 0, 4);
	CHECK_EQ(chk(END + 4, PP_EVLOG_COUNT_ANY, &e), PP_EINVAL);
	CHECK_MSG(&e, "trailing data at offset 376: 4 zero bytes after 3 events");
	memset(work + END, 0, 1000);
	CHECK_EQ(chk(END + 1000, PP_EVLOG_COUNT_ANY, &e), PP_EINVAL);
	CHECK_MSG(&e, "trailing data at offset 376: 1000 zero bytes after 3 events (logs must be "
		      "truncated to their end)");
	CHECK_EQ(chk(END + 1, PP_EVLOG_COUNT_ANY, &e), PP_EINVAL);
	CHECK_MSG(&e, "trailing data at offset 376: 1 zero bytes");
	static const u8 garbage[3] = {1, 2, 3};
	memcpy(work + END, garbage, sizeof(garbage));
	CHECK_EQ(chk(END + 3, PP_EVLOG_COUNT_ANY, &e), PP_EINVAL);
	CHECK_MSG(&e, "trailing data at offset 376: 3 bytes after 3 events, less than the 12 of an "
		      "event header");
	/* long garbage fails as the event it pretends to be */
	memset(work + END, 0x41, 300);
	CHECK_EQ(chk(END + 300, PP_EVLOG_COUNT_ANY, &e), PP_ERANGE);
	CHECK_MSG(&e, "event 3 at offset 376: PCR index 1094795585 outside 0..23");
	/* with the count, any byte after the last expected event is trailing data */
	CHECK_EQ(chk(END + 300, 3, &e), PP_EINVAL);
	CHECK_MSG(&e, "more events than the 3 expected: trailing data at offset 376 (300 bytes)");
}

TEST(evlog_rej_count_lies)
{
	struct pp_err e;
	base();
	CHECK_EQ(chk(END, 4, &e), PP_ETRUNC);
	CHECK_MSG(&e, "log ends at offset 376 after 3 events, expected 4");
	CHECK_EQ(chk(END, 2, &e), PP_EINVAL);
	CHECK_MSG(&e, "more events than the 2 expected: trailing data at offset 276 (100 bytes)");
	CHECK_EQ(chk(END, 0, &e), PP_EINVAL);
	CHECK_MSG(&e, "more events than the 0 expected: trailing data at offset 69");
	CHECK_EQ(chk(END, 9000, &e), PP_ERANGE);
	CHECK_MSG(&e, "expected 9000 events, more than the 8192 cap");
	CHECK_EQ(chk(END, 3, &e), PP_OK);
}

TEST(evlog_rej_pcr_index)
{
	struct pp_err e;
	base();
	st_le32(work + EV1, 24);
	CHECK_EQ(chk(END, 3, &e), PP_ERANGE);
	CHECK_MSG(&e, "event 1 at offset 172: PCR index 24 outside 0..23");
	st_le32(work + EV1, 0xFFFFFFFFu);
	CHECK(chk(END, 3, &e) != PP_OK);
	CHECK_MSG(&e, "PCR index 4294967295 outside 0..23");
	st_le32(work + EV1, 23);
	CHECK_EQ(chk(END, 3, &e), PP_OK);
}

/* Build a log with raw appends so the writer's own ordering checks are bypassed. */
struct raw {
	struct pp_evlog log;
	struct pp_evlog_digests z;
};

static void raw_init(struct raw *r)
{
	const u16 algs[] = {PP_ALG_SHA256};
	pp_evlog_init(&r->log, work, sizeof(work), algs, 1, NULL, 0);
	pp_evlog_zero_digests(&r->log, &r->z);
}

/* Append without writer checks: serialize through a scratch log at the same offset. */
static void raw_put(struct raw *r, u32 pcr, u32 type, const void *data, u32 len)
{
	struct pp_evlog_digests d = r->z;
	if (type != PP_EV_NO_ACTION)
		d.v[0].bytes[0] = 0x5a;
	u32 type_out = type == PP_EV_DRTM_START ? PP_EV_IPL : type;
	bool noact = type == PP_EV_NO_ACTION;
	u32 off = r->log.len;
	if (noact)
		pp_evlog_append(&r->log, pcr, PP_EV_IPL, &r->z, data, len);
	else
		pp_evlog_append(&r->log, pcr, type_out, &d, data, len);
	st_le32(work + off + 4, type); /* the real type, unchecked */
}

static int raw_chk(struct raw *r, struct pp_err *e)
{
	struct pp_evlog_info info;
	return pp_evlog_check(work, r->log.len, PP_EVLOG_COUNT_ANY, &info, e);
}

TEST(evlog_rej_no_action_rules)
{
	struct raw r;
	struct pp_err e;
	raw_init(&r);
	raw_put(&r, 5, PP_EV_NO_ACTION, "x", 1);
	REQUIRE(raw_chk(&r, &e) == PP_OK);
	work[r.log.len - 1 - 4 - 32 + 7] = 1; /* a byte of its digest */
	CHECK_EQ(raw_chk(&r, &e), PP_EINVAL);
	CHECK_MSG(&e, "EV_NO_ACTION with a non-zero sha256 digest");

	raw_init(&r);
	raw_put(&r, 0, PP_EV_NO_ACTION, "StartupLocality\0\4", 17);
	CHECK_EQ(raw_chk(&r, &e), PP_ENOTSUP);
	CHECK_MSG(&e, "StartupLocality 4 (only 0 and 3 are supported)");
	raw_init(&r);
	raw_put(&r, 1, PP_EV_NO_ACTION, "StartupLocality\0\3", 17);
	CHECK(raw_chk(&r, &e) != PP_OK);
	CHECK_MSG(&e, "StartupLocality of 17 bytes on PCR 1");
	raw_init(&r);
	raw_put(&r, 0, PP_EV_NO_ACTION, "StartupLocality\0\3\0", 18);
	CHECK(raw_chk(&r, &e) != PP_OK);
	CHECK_MSG(&e, "StartupLocality of 18 bytes");
	raw_init(&r);
	raw_put(&r, 0, PP_EV_NO_ACTION, "StartupLocality\0\3", 17);
	raw_put(&r, 0, PP_EV_NO_ACTION, "StartupLocality\0\0", 17);
	CHECK(raw_chk(&r, &e) != PP_OK);
	CHECK_MSG(&e, "second StartupLocality event");
	raw_init(&r);
	raw_put(&r, 0, PP_EV_POST_CODE, "crtm", 4);
	raw_put(&r, 0, PP_EV_NO_ACTION, "StartupLocality\0\3", 17);
	CHECK(raw_chk(&r, &e) != PP_OK);
	CHECK_MSG(&e, "StartupLocality after the PCR 0 extend at offset 65");
}

TEST(evlog_rej_drtm_rules)
{
	struct raw r;
	struct pp_err e;
	const char *emu = "ParapetLaunch\0\0\0\3";
	raw_init(&r);
	raw_put(&r, 17, PP_EV_NO_ACTION, emu, 17);
	raw_put(&r, 17, PP_EV_DRTM_START, "slb", 3);
	raw_put(&r, 18, PP_EV_IPL, "x", 1);
	CHECK_EQ(raw_chk(&r, &e), PP_OK);

	raw_init(&r); /* start without a marker */
	raw_put(&r, 17, PP_EV_DRTM_START, "slb", 3);
	CHECK(raw_chk(&r, &e) != PP_OK);
	CHECK_MSG(&e, "event 0 at offset 65: DRTM start without a launch marker");
	raw_init(&r); /* marker says DRTM, no start event */
	raw_put(&r, 17, PP_EV_NO_ACTION, emu, 17);
	raw_put(&r, 17, PP_EV_IPL, "x", 1);
	CHECK(raw_chk(&r, &e) != PP_OK);
	CHECK_MSG(&e,
		  "launch marker (offset 65) names DRTM launch type 3, but no DRTM start event");
	raw_init(&r); /* static marker forbids a DRTM start */
	raw_put(&r, 17, PP_EV_NO_ACTION, "ParapetLaunch\0\0\0\4", 17);
	raw_put(&r, 17, PP_EV_DRTM_START, "slb", 3);
	CHECK(raw_chk(&r, &e) != PP_OK);
	CHECK_MSG(&e, "DRTM start in a log marked as a static launch");
	raw_init(&r); /* start on the wrong PCR */
	raw_put(&r, 17, PP_EV_NO_ACTION, emu, 17);
	raw_put(&r, 18, PP_EV_DRTM_START, "slb", 3);
	CHECK(raw_chk(&r, &e) != PP_OK);
	CHECK_MSG(&e, "DRTM start on PCR 18, must be 17");
	raw_init(&r); /* twice */
	raw_put(&r, 17, PP_EV_NO_ACTION, emu, 17);
	raw_put(&r, 17, PP_EV_DRTM_START, "slb", 3);
	raw_put(&r, 17, PP_EV_DRTM_START, "slb", 3);
	CHECK(raw_chk(&r, &e) != PP_OK);
	CHECK_MSG(&e, "second DRTM start (first at offset 132)");
	raw_init(&r); /* after an extend of a DRTM PCR */
	raw_put(&r, 17, PP_EV_NO_ACTION, emu, 17);
	raw_put(&r, 20, PP_EV_IPL, "x", 1);
	raw_put(&r, 17, PP_EV_DRTM_START, "slb", 3);
	CHECK(raw_chk(&r, &e) != PP_OK);
	CHECK_MSG(&e, "DRTM start after the PCR 20 extend at offset 132");
	raw_init(&r); /* marker twice, marker late, bad type, bad size */
	raw_put(&r, 17, PP_EV_NO_ACTION, emu, 17);
	raw_put(&r, 17, PP_EV_NO_ACTION, emu, 17);
	CHECK(raw_chk(&r, &e) != PP_OK);
	CHECK_MSG(&e, "second launch marker (first at offset 65)");
	raw_init(&r);
	raw_put(&r, 19, PP_EV_IPL, "x", 1);
	raw_put(&r, 17, PP_EV_NO_ACTION, emu, 17);
	CHECK(raw_chk(&r, &e) != PP_OK);
	CHECK_MSG(&e, "launch marker after an event on PCR 17-22");
	raw_init(&r);
	raw_put(&r, 17, PP_EV_NO_ACTION, "ParapetLaunch\0\0\0\5", 17);
	CHECK(raw_chk(&r, &e) != PP_OK);
	CHECK_MSG(&e, "launch type 5 outside 1..4");
	raw_init(&r);
	raw_put(&r, 0, PP_EV_NO_ACTION, emu, 17);
	CHECK(raw_chk(&r, &e) != PP_OK);
	CHECK_MSG(&e, "launch marker of 17 bytes on PCR 0");
	/* DRTM PCRs after the start are fine; PCR 0-16 before it too */
	raw_init(&r);
	raw_put(&r, 8, PP_EV_IPL, "x", 1);
	raw_put(&r, 17, PP_EV_NO_ACTION, "ParapetLaunch\0\0\0\1", 17);
	raw_put(&r, 17, PP_EV_DRTM_START, "slb", 3);
	raw_put(&r, 22, PP_EV_IPL, "x", 1);
	CHECK_EQ(raw_chk(&r, &e), PP_OK);
}

TEST(evlog_rej_iterator_after_change)
{
	/* Bytes changed after the check: the iterator stops, replay reports it. */
	struct pp_evlog_info info;
	static struct pp_evlog_pcrs pcrs;
	struct pp_err e;
	base();
	REQUIRE(pp_evlog_check(work, END, 3, &info, &e) == PP_OK);
	st_le32(work + EV1 + 96, 0xFFFFFFFFu);
	CHECK_EQ(pp_evlog_replay(work, &info, &pcrs, &e), PP_EINVAL);
	CHECK_MSG(&e, "1 of 3 events decoded: the log changed after its check");
}
