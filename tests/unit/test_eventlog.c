// SPDX-License-Identifier: GPL-2.0-only
/*
 * TCG crypto-agile event log (common/eventlog/): layout offsets, writer,
 * write -> check -> replay round trips, replay rules (DRTM start,
 * StartupLocality, static launch). Expected PCR values are computed here
 * independently with OpenSSL.
 */
#include <openssl/evp.h>
#include <parapet/bytes.h>
#include <parapet/eventlog.h>
#include "common/eventlog/layout.h"
#include "unit.h"

static u8 logbuf[1 << 20];

/* Independent reference: OpenSSL digest of a buffer. */
static const EVP_MD *ossl_md(u16 alg)
{
	switch (alg) {
	case PP_ALG_SHA1: return EVP_sha1();
	case PP_ALG_SHA256: return EVP_sha256();
	case PP_ALG_SHA512: return EVP_sha512();
	default: return EVP_sha384();
	}
}

static void ossl(u16 alg, const void *d, size_t n, u8 *out)
{
	unsigned int len = 0;
	EVP_Digest(d, n, out, &len, ossl_md(alg), NULL);
}

/* PCR = H(PCR || H(data)) with OpenSSL. */
static void ref_extend_data(u16 alg, u8 *pcr, const void *data, size_t n)
{
	u32 sz = (u32)EVP_MD_get_size(ossl_md(alg));
	u8 buf[128];
	memcpy(buf, pcr, sz);
	ossl(alg, data, n, buf + sz);
	ossl(alg, buf, 2 * (size_t)sz, pcr);
}

/* Index of a bank in the replay output. */
static int bank_of(const struct pp_evlog_pcrs *r, u16 alg)
{
	for (u32 k = 0; k < r->nbanks; k++)
		if (r->bank[k].alg == alg)
			return (int)k;
	return -1;
}

TEST(evlog_layout_offsets)
{
	/* PC Client PFP: TCG_PCR_EVENT, TCG_EfiSpecIdEventStruct, TCG_PCR_EVENT2. */
	CHECK_EQ(sizeof(struct tcg_pcr_event), 32);
	CHECK_EQ(EVL_OFF(struct tcg_pcr_event, event_size), 28);
	CHECK_EQ(EVL_OFF(struct tcg_spec_id_event, number_of_algorithms), 24);
	CHECK_EQ(evl_spec_id_size(2, 0), 37);
	CHECK_EQ(sizeof(struct tcg_pcr_event2_head), 12);
	CHECK_EQ(sizeof(struct tcg_startup_locality), 17);
	CHECK(!memcmp(evl_sig_spec_id, "Spec ID Event03\0", 16));
	CHECK(!memcmp(evl_sig_startup_locality, "StartupLocality\0", 16));
}

TEST(evlog_header_bytes)
{
	struct pp_evlog log;
	const u16 algs[] = {PP_ALG_SHA256, PP_ALG_SHA384};
	REQUIRE(pp_evlog_init(&log, logbuf, sizeof(logbuf), algs, 2, "pp", 2) == PP_OK);
	const u8 *b = logbuf;
	CHECK_EQ(log.len, 32 + 28 + 8 + 1 + 2);
	CHECK_EQ(ld_le32(b + 0), 0);
	CHECK_EQ(ld_le32(b + 4), 3);
	for (int i = 8; i < 28; i++)
		CHECK_EQ(b[i], 0);
	CHECK_EQ(ld_le32(b + 28), 28 + 8 + 1 + 2);
	CHECK(!memcmp(b + 32, "Spec ID Event03\0", 16));
	CHECK_EQ(ld_le32(b + 48), 0); /* platformClass client */
	CHECK_EQ(b[52], 0);	      /* specVersionMinor */
	CHECK_EQ(b[53], 2);	      /* specVersionMajor */
	CHECK_EQ(b[54], PP_EVLOG_SPEC_ERRATA);
	CHECK_EQ(b[55], 2); /* uintnSize: UINT64 */
	CHECK_EQ(ld_le32(b + 56), 2);
	CHECK_EQ(ld_le16(b + 60), PP_ALG_SHA256);
	CHECK_EQ(ld_le16(b + 62), 32);
	CHECK_EQ(ld_le16(b + 64), PP_ALG_SHA384);
	CHECK_EQ(ld_le16(b + 66), 48);
	CHECK_EQ(b[68], 2);
	CHECK(!memcmp(b + 69, "pp", 2));

	struct pp_evlog_info info;
	struct pp_err e = {0, ""};
	REQUIRE(pp_evlog_check(logbuf, log.len, 0, &info, &e) == PP_OK);
	CHECK_EQ(info.nalgs, 2);
	CHECK_EQ(info.events, 0);
	CHECK_EQ(info.vendor_off, 69);
	CHECK_EQ(info.vendor_len, 2);
	CHECK_EQ(info.header_len, log.len);
	CHECK_EQ(info.uintn_size, 2);
}

TEST(evlog_event2_bytes)
{
	struct pp_evlog log;
	struct pp_evlog_digests d;
	const u16 algs[] = {PP_ALG_SHA256, PP_ALG_SHA384};
	REQUIRE(pp_evlog_init(&log, logbuf, sizeof(logbuf), algs, 2, NULL, 0) == PP_OK);
	u32 off = log.len;
	REQUIRE(pp_evlog_measure(&log, 19, 0x601, "abc", 3, "ev", 2, &d) == PP_OK);
	const u8 *p = logbuf + off;
	u8 h256[32], h384[48];
	ossl(PP_ALG_SHA256, "abc", 3, h256);
	ossl(PP_ALG_SHA384, "abc", 3, h384);
	CHECK_EQ(ld_le32(p), 19);
	CHECK_EQ(ld_le32(p + 4), 0x601);
	CHECK_EQ(ld_le32(p + 8), 2);
	CHECK_EQ(ld_le16(p + 12), PP_ALG_SHA256);
	CHECK(!memcmp(p + 14, h256, 32));
	CHECK_EQ(ld_le16(p + 46), PP_ALG_SHA384);
	CHECK(!memcmp(p + 48, h384, 48));
	CHECK_EQ(ld_le32(p + 96), 2);
	CHECK(!memcmp(p + 100, "ev", 2));
	CHECK_EQ(log.len - off, 102);
	/* digests handed back for the TPM extend */
	CHECK_EQ(d.count, 2);
	CHECK(d.v[0].alg == PP_ALG_SHA256 && !memcmp(d.v[0].bytes, h256, 32));
	CHECK(d.v[1].alg == PP_ALG_SHA384 && !memcmp(d.v[1].bytes, h384, 48));
}

/* Sample SRTM-style log: several events on PCR 8-16, one EV_NO_ACTION. */
static const char *const sample_data[] = {"grub.cfg", "", "kernel cmdline=1", "x", "policy"};
static const u32 sample_pcr[] = {8, 9, 9, 16, 10};

static u32 build_sample(struct pp_evlog *log, const u16 *algs, u32 nalgs)
{
	if (pp_evlog_init(log, logbuf, sizeof(logbuf), algs, nalgs, NULL, 0))
		return 0;
	for (u32 i = 0; i < PP_ARRAY_SIZE(sample_data); i++) {
		pp_evlog_measure(log, sample_pcr[i], PP_EV_IPL, sample_data[i],
				 strlen(sample_data[i]), sample_data[i],
				 (u32)strlen(sample_data[i]), NULL);
		if (i == 2)
			pp_evlog_no_action(log, 9, "note", 4);
	}
	return log->status ? 0 : log->len;
}

static void round_trip(const u16 *algs, u32 nalgs)
{
	struct pp_evlog log;
	struct pp_evlog_info info;
	static struct pp_evlog_pcrs r;
	struct pp_err e = {0, ""};
	u32 len = build_sample(&log, algs, nalgs);
	REQUIRE(len > 0);
	CHECK_EQ(log.events, 6);
	REQUIRE(pp_evlog_check(logbuf, len, 6, &info, &e) == PP_OK);
	CHECK_EQ(info.events, 6);
	CHECK_EQ(info.len, len);
	CHECK(!info.drtm);
	REQUIRE(pp_evlog_replay(logbuf, &info, &r, &e) == PP_OK);
	REQUIRE(r.nbanks == nalgs);
	CHECK(!r.drtm);
	for (u32 k = 0; k < nalgs; k++) {
		u16 alg = algs[k];
		u32 sz = pp_hash_digest_size(alg);
		u8 ref[PP_EVLOG_NUM_PCRS][64];
		memset(ref, 0, sizeof(ref));
		for (u32 p = 17; p <= 22; p++)
			memset(ref[p], 0xFF, sz);
		for (u32 i = 0; i < PP_ARRAY_SIZE(sample_data); i++)
			ref_extend_data(alg, ref[sample_pcr[i]], sample_data[i],
					strlen(sample_data[i]));
		int b = bank_of(&r, alg);
		REQUIRE(b == (int)k);
		CHECK(r.bank[b].replayed);
		CHECK_EQ(r.bank[b].size, sz);
		for (u32 p = 0; p < PP_EVLOG_NUM_PCRS; p++)
			if (memcmp(r.bank[b].pcr[p], ref[p], sz) != 0) {
				char m[64];
				snprintf(m, sizeof(m), "bank %s PCR %u", pp_evlog_alg_name(alg), p);
				unit_fail(__FILE__, __LINE__, m);
			}
	}
}

TEST(evlog_round_trip_sha256)
{
	const u16 algs[] = {PP_ALG_SHA256};
	round_trip(algs, 1);
}

TEST(evlog_round_trip_sha256_sha384)
{
	const u16 algs[] = {PP_ALG_SHA256, PP_ALG_SHA384};
	round_trip(algs, 2);
}

TEST(evlog_round_trip_sha384_first)
{
	const u16 algs[] = {PP_ALG_SHA384, PP_ALG_SHA256};
	round_trip(algs, 2);
}

TEST(evlog_iterator_offsets)
{
	struct pp_evlog log;
	struct pp_evlog_info info;
	struct pp_evlog_iter it;
	struct pp_evlog_event ev;
	struct pp_err e = {0, ""};
	const u16 algs[] = {PP_ALG_SHA256, PP_ALG_SHA384};
	u32 len = build_sample(&log, algs, 2);
	REQUIRE(len && pp_evlog_check(logbuf, len, PP_EVLOG_COUNT_ANY, &info, &e) == PP_OK);
	pp_evlog_iter_init(&it, logbuf, &info);
	u32 n = 0, off = info.header_len, measured = 0;
	while (pp_evlog_iter_next(&it, &ev)) {
		CHECK_EQ(ev.index, n);
		CHECK_EQ(ev.off, off);
		CHECK_EQ(ev.digest_off[0], off + 14);
		CHECK_EQ(ev.digest_off[1], off + 48);
		CHECK_EQ(ev.data_off, off + 100);
		CHECK_EQ(ev.size, 100 + ev.data_len);
		if (ev.type == PP_EV_NO_ACTION) {
			CHECK(ev.data_len == 4 && !memcmp(logbuf + ev.data_off, "note", 4));
			CHECK_EQ(ev.pcr, 9);
		} else {
			const char *s = sample_data[measured];
			CHECK_EQ(ev.pcr, sample_pcr[measured]);
			CHECK(ev.data_len == strlen(s) &&
			      !memcmp(logbuf + ev.data_off, s, ev.data_len));
			u8 h[32];
			ossl(PP_ALG_SHA256, s, strlen(s), h);
			CHECK(!memcmp(logbuf + ev.digest_off[0], h, 32));
			measured++;
		}
		off += ev.size;
		n++;
	}
	CHECK_EQ(n, 6);
	CHECK_EQ(off, len);
	CHECK(!pp_evlog_iter_next(&it, &ev));
}

/* The emulated-DRTM log the secure loader writes: marker, DRTM start, 17-19. */
static u32 build_drtm(struct pp_evlog *log, const u16 *algs, u32 nalgs, u32 launch)
{
	if (pp_evlog_init(log, logbuf, sizeof(logbuf), algs, nalgs, NULL, 0))
		return 0;
	pp_evlog_launch_marker(log, launch);
	pp_evlog_drtm_start(log, "SLB-bytes", 9, "SLB", 3, NULL);
	pp_evlog_measure(log, 17, 0x601, "hypervisor", 10, "hv", 2, NULL);
	pp_evlog_measure(log, 18, 0x602, "policy", 6, "policy", 6, NULL);
	pp_evlog_measure(log, 19, 0x603, "domain0", 7, "dom0", 4, NULL);
	pp_evlog_measure(log, 17, 0x604, "cmdline", 7, "cmdline", 7, NULL);
	return log->status ? 0 : log->len;
}

TEST(evlog_drtm_start_rule)
{
	struct pp_evlog log;
	struct pp_evlog_info info;
	static struct pp_evlog_pcrs r;
	struct pp_err e = {0, ""};
	const u16 algs[] = {PP_ALG_SHA256, PP_ALG_SHA384};
	u32 len = build_drtm(&log, algs, 2, PP_EVLOG_LAUNCH_EMULATED);
	REQUIRE(len > 0);
	REQUIRE(pp_evlog_check(logbuf, len, 6, &info, &e) == PP_OK);
	CHECK(info.drtm);
	CHECK_EQ(info.launch_type, PP_EVLOG_LAUNCH_EMULATED);
	REQUIRE(pp_evlog_replay(logbuf, &info, &r, &e) == PP_OK);
	CHECK(r.drtm);
	for (u32 k = 0; k < 2; k++) {
		u16 alg = algs[k];
		u32 sz = pp_hash_digest_size(alg);
		u8 ref[PP_EVLOG_NUM_PCRS][64];
		memset(ref, 0, sizeof(ref));
		/* SKINIT / HASH_END: PCR17 = H(0^n || H(SLB)), PCR18-22 = 0 */
		ref_extend_data(alg, ref[17], "SLB-bytes", 9);
		ref_extend_data(alg, ref[17], "hypervisor", 10);
		ref_extend_data(alg, ref[18], "policy", 6);
		ref_extend_data(alg, ref[19], "domain0", 7);
		ref_extend_data(alg, ref[17], "cmdline", 7);
		for (u32 p = 0; p < PP_EVLOG_NUM_PCRS; p++)
			CHECK(!memcmp(r.bank[k].pcr[p], ref[p], sz));
	}
}

/* A checked log resumed: the appended event is the next record, and a
 * resumed writer refuses what a fresh one would (a second marker). */
TEST(evlog_resume_appends)
{
	struct pp_evlog log, again;
	struct pp_evlog_info info, after;
	struct pp_err e = {0, ""};
	const u16 algs[] = {PP_ALG_SHA256, PP_ALG_SHA1};
	u32 len = build_drtm(&log, algs, 2, PP_EVLOG_LAUNCH_EMULATED);
	REQUIRE(len > 0);
	REQUIRE(pp_evlog_check(logbuf, len, 6, &info, &e) == PP_OK);
	REQUIRE(pp_evlog_resume(&again, logbuf, sizeof(logbuf), &info) == PP_OK);
	CHECK_EQ(again.len, len);
	REQUIRE(pp_evlog_measure(&again, 18, 0x60A, "enforced: slot a", 16, "enforced: slot a", 16,
				 NULL) == PP_OK);
	/* byte for byte what the original writer would have appended */
	REQUIRE(pp_evlog_measure(&log, 18, 0x60A, "enforced: slot a", 16, "enforced: slot a", 16,
				 NULL) == PP_OK);
	CHECK_EQ(again.len, log.len);
	REQUIRE(pp_evlog_check(logbuf, again.len, 7, &after, &e) == PP_OK);
	CHECK_EQ(after.events, 7);
	CHECK(pp_evlog_launch_marker(&again, PP_EVLOG_LAUNCH_EMULATED) != PP_OK);
	/* a buffer shorter than the log, or no banks */
	CHECK_EQ(pp_evlog_resume(&again, logbuf, len - 1, &info), PP_EINVAL);
	CHECK_MSG(&again.err, "evlog resume");
	info.nalgs = 0;
	CHECK_EQ(pp_evlog_resume(&again, logbuf, sizeof(logbuf), &info), PP_EINVAL);
}

TEST(evlog_static_launch_keeps_ff)
{
	struct pp_evlog log;
	struct pp_evlog_info info;
	static struct pp_evlog_pcrs r;
	struct pp_err e = {0, ""};
	const u16 algs[] = {PP_ALG_SHA256};
	REQUIRE(pp_evlog_init(&log, logbuf, sizeof(logbuf), algs, 1, NULL, 0) == PP_OK);
	REQUIRE(pp_evlog_launch_marker(&log, PP_EVLOG_LAUNCH_STATIC) == PP_OK);
	REQUIRE(pp_evlog_measure(&log, 17, 0x601, "hypervisor", 10, NULL, 0, NULL) == PP_OK);
	REQUIRE(pp_evlog_measure(&log, 18, 0x602, "policy", 6, NULL, 0, NULL) == PP_OK);
	/* no DRTM start in a static log */
	CHECK_EQ(pp_evlog_drtm_start(&log, "x", 1, NULL, 0, NULL), PP_EINVAL);
	log.status = 0;
	REQUIRE(pp_evlog_check(logbuf, log.len, 3, &info, &e) == PP_OK);
	CHECK(!info.drtm);
	CHECK_EQ(info.launch_type, PP_EVLOG_LAUNCH_STATIC);
	REQUIRE(pp_evlog_replay(logbuf, &info, &r, &e) == PP_OK);
	u8 ref17[32], ref18[32], ff[32];
	memset(ref17, 0xFF, 32);
	memset(ref18, 0xFF, 32);
	memset(ff, 0xFF, 32);
	ref_extend_data(PP_ALG_SHA256, ref17, "hypervisor", 10);
	ref_extend_data(PP_ALG_SHA256, ref18, "policy", 6);
	CHECK(!memcmp(r.bank[0].pcr[17], ref17, 32));
	CHECK(!memcmp(r.bank[0].pcr[18], ref18, 32));
	for (u32 p = 19; p <= 22; p++)
		CHECK(!memcmp(r.bank[0].pcr[p], ff, 32));
	u8 zero[32] = {0};
	CHECK(!memcmp(r.bank[0].pcr[23], zero, 32));
	CHECK(!r.drtm);
}

TEST(evlog_no_marker_pcr17_from_ff)
{
	/* A log without DRTM start (e.g. a firmware log) extends 17-22 from 0xFF. */
	struct pp_evlog log;
	struct pp_evlog_info info;
	static struct pp_evlog_pcrs r;
	struct pp_err e = {0, ""};
	const u16 algs[] = {PP_ALG_SHA384};
	REQUIRE(pp_evlog_init(&log, logbuf, sizeof(logbuf), algs, 1, NULL, 0) == PP_OK);
	REQUIRE(pp_evlog_measure(&log, 20, 0x601, "a", 1, NULL, 0, NULL) == PP_OK);
	REQUIRE(pp_evlog_check(logbuf, log.len, 1, &info, &e) == PP_OK);
	REQUIRE(pp_evlog_replay(logbuf, &info, &r, &e) == PP_OK);
	u8 ref[48];
	memset(ref, 0xFF, 48);
	ref_extend_data(PP_ALG_SHA384, ref, "a", 1);
	CHECK(!memcmp(r.bank[0].pcr[20], ref, 48));
}

TEST(evlog_startup_locality_3)
{
	struct pp_evlog log;
	struct pp_evlog_info info;
	static struct pp_evlog_pcrs r;
	struct pp_err e = {0, ""};
	const u16 algs[] = {PP_ALG_SHA256, PP_ALG_SHA384};
	REQUIRE(pp_evlog_init(&log, logbuf, sizeof(logbuf), algs, 2, NULL, 0) == PP_OK);
	REQUIRE(pp_evlog_startup_locality(&log, 3) == PP_OK);
	REQUIRE(pp_evlog_measure(&log, 0, PP_EV_POST_CODE, "crtm", 4, NULL, 0, NULL) == PP_OK);
	REQUIRE(pp_evlog_check(logbuf, log.len, 2, &info, &e) == PP_OK);
	CHECK(info.has_startup_locality);
	CHECK_EQ(info.startup_locality, 3);
	const u8 *ev = logbuf + info.header_len;
	CHECK_EQ(ld_le32(ev), 0);
	CHECK_EQ(ld_le32(ev + 4), PP_EV_NO_ACTION);
	CHECK_EQ(ld_le32(ev + 96), 17);
	CHECK(!memcmp(ev + 100, "StartupLocality\0\3", 17));
	REQUIRE(pp_evlog_replay(logbuf, &info, &r, &e) == PP_OK);
	for (u32 k = 0; k < 2; k++) {
		u32 sz = r.bank[k].size;
		u8 ref[64] = {0};
		ref[sz - 1] = 3;
		ref_extend_data(r.bank[k].alg, ref, "crtm", 4);
		CHECK(!memcmp(r.bank[k].pcr[0], ref, sz));
	}
}

TEST(evlog_unsupported_bank_not_replayed)
{
	/* A firmware log with an SM3-256 bank (the one TPM bank pp_hash cannot
	 * compute): parsed, SM3-256 reported as not replayed. */
	struct pp_evlog log;
	struct pp_evlog_digests d;
	struct pp_evlog_info info;
	static struct pp_evlog_pcrs r;
	struct pp_err e = {0, ""};
	const u16 algs[] = {PP_ALG_SM3_256, PP_ALG_SHA256};
	REQUIRE(pp_evlog_init(&log, logbuf, sizeof(logbuf), algs, 2, NULL, 0) == PP_OK);
	CHECK_EQ(pp_evlog_measure(&log, 0, PP_EV_POST_CODE, "x", 1, NULL, 0, NULL), PP_ENOTSUP);
	CHECK_MSG(&log.err, "cannot compute sm3_256");
	REQUIRE(pp_evlog_init(&log, logbuf, sizeof(logbuf), algs, 2, NULL, 0) == PP_OK);
	pp_evlog_zero_digests(&log, &d);
	memset(d.v[0].bytes, 0x11, 32);
	ossl(PP_ALG_SHA256, "x", 1, d.v[1].bytes);
	REQUIRE(pp_evlog_append(&log, 4, PP_EV_POST_CODE, &d, "x", 1) == PP_OK);
	REQUIRE(pp_evlog_check(logbuf, log.len, 1, &info, &e) == PP_OK);
	REQUIRE(pp_evlog_replay(logbuf, &info, &r, &e) == PP_OK);
	CHECK(!r.bank[0].replayed);
	CHECK(r.bank[1].replayed);
	u8 ref[32] = {0};
	ref_extend_data(PP_ALG_SHA256, ref, "x", 1);
	CHECK(!memcmp(r.bank[1].pcr[4], ref, 32));
}

TEST(evlog_sha1_sha512_banks_replayed)
{
	/* All four banks of a fresh swtpm: measured and replayed in each. */
	struct pp_evlog log;
	struct pp_evlog_info info;
	static struct pp_evlog_pcrs r;
	struct pp_err e = {0, ""};
	const u16 algs[] = {PP_ALG_SHA1, PP_ALG_SHA256, PP_ALG_SHA384, PP_ALG_SHA512};
	REQUIRE(pp_evlog_init(&log, logbuf, sizeof(logbuf), algs, 4, NULL, 0) == PP_OK);
	REQUIRE(pp_evlog_measure(&log, 4, PP_EV_POST_CODE, "x", 1, NULL, 0, NULL) == PP_OK);
	REQUIRE(pp_evlog_measure(&log, 4, PP_EV_POST_CODE, "yz", 2, NULL, 0, NULL) == PP_OK);
	REQUIRE(pp_evlog_check(logbuf, log.len, 2, &info, &e) == PP_OK);
	REQUIRE(pp_evlog_replay(logbuf, &info, &r, &e) == PP_OK);
	REQUIRE(r.nbanks == 4);
	for (u32 k = 0; k < 4; k++) {
		u8 ref[64] = {0};
		CHECK(r.bank[k].replayed);
		CHECK_EQ(r.bank[k].alg, algs[k]);
		ref_extend_data(algs[k], ref, "x", 1);
		ref_extend_data(algs[k], ref, "yz", 2);
		CHECK(!memcmp(r.bank[k].pcr[4], ref, r.bank[k].size));
	}
}

TEST(evlog_writer_capacity_sticky)
{
	struct pp_evlog log;
	const u16 algs[] = {PP_ALG_SHA256};
	u8 small[118];
	CHECK_EQ(pp_evlog_init(&log, small, 60, algs, 1, NULL, 0), PP_ENOMEM);
	CHECK_MSG(&log.err, "header record of 65 bytes, buffer holds 60");
	REQUIRE(pp_evlog_init(&log, small, 80, algs, 1, NULL, 0) == PP_OK);
	CHECK_EQ(log.len, 65);
	/* 12 + 34 + 4 = 50 bytes for an empty event: only 15 left */
	CHECK_EQ(pp_evlog_measure(&log, 8, PP_EV_IPL, "a", 1, NULL, 0, NULL), PP_ENOMEM);
	CHECK_MSG(&log.err, "does not fit");
	CHECK_EQ(log.len, 65);
	CHECK_EQ(log.events, 0);
	/* sticky: even a call that would fit fails with the first error */
	CHECK_EQ(pp_evlog_startup_locality(&log, 0), PP_ENOMEM);
	CHECK_EQ(pp_evlog_no_action(&log, 0, NULL, 0), PP_ENOMEM);
	CHECK_EQ(log.len, 65);
	/* exactly full */
	REQUIRE(pp_evlog_init(&log, small, sizeof(small), algs, 1, NULL, 0) == PP_OK);
	CHECK_EQ(pp_evlog_measure(&log, 8, PP_EV_IPL, "a", 1, "abc", 3, NULL), PP_OK);
	CHECK_EQ(log.len, 118);
}

static u64 fake_now;
static u64 fake_clock(void)
{
	return fake_now += 10;
}

/* The optional cost accounting (make bench): per bank, only when set. */
TEST(evlog_hash_cost_accounting)
{
	struct pp_evlog log;
	static u8 data[100];
	const u16 algs[] = {PP_ALG_SHA256, PP_ALG_SHA384};
	REQUIRE(pp_evlog_init(&log, logbuf, sizeof(logbuf), algs, 2, NULL, 0) == PP_OK);
	CHECK_EQ(pp_evlog_measure(&log, 8, PP_EV_IPL, data, 100, NULL, 0, NULL), PP_OK);
	CHECK_EQ(log.hash_ticks[0], 0);
	CHECK_EQ(log.hash_bytes, 100);
	pp_evlog_set_clock(&log, fake_clock);
	CHECK_EQ(pp_evlog_measure(&log, 8, PP_EV_IPL, data, 100, NULL, 0, NULL), PP_OK);
	CHECK_EQ(pp_evlog_measure(&log, 8, PP_EV_IPL, data, 50, NULL, 0, NULL), PP_OK);
	CHECK_EQ(log.hash_ticks[0], 20);
	CHECK_EQ(log.hash_ticks[1], 20);
	CHECK_EQ(log.hash_ticks[2], 0);
	CHECK_EQ(log.hash_bytes, 250);
	/* events without measured data hash nothing */
	CHECK_EQ(pp_evlog_no_action(&log, 0, NULL, 0), PP_OK);
	CHECK_EQ(log.hash_ticks[0], 20);
	/* init forgets the clock */
	REQUIRE(pp_evlog_init(&log, logbuf, sizeof(logbuf), algs, 2, NULL, 0) == PP_OK);
	CHECK(log.clock == NULL);
	CHECK_EQ(log.hash_bytes, 0);
}

TEST(evlog_writer_rejects)
{
	struct pp_evlog log;
	struct pp_evlog_digests d;
	const u16 unknown[] = {PP_ALG_SHA256, 0x0099};
	const u16 dup[] = {PP_ALG_SHA256, PP_ALG_SHA256};
	const u16 six[] = {4, 0xb, 0xc, 0xd, 0x12, 0xb};
	const u16 algs[] = {PP_ALG_SHA256, PP_ALG_SHA384};
	CHECK_EQ(pp_evlog_init(&log, logbuf, sizeof(logbuf), unknown, 2, NULL, 0), PP_ENOTSUP);
	CHECK_MSG(&log.err, "unknown TPM_ALG_ID 0x0099");
	CHECK_EQ(pp_evlog_init(&log, logbuf, sizeof(logbuf), dup, 2, NULL, 0), PP_EINVAL);
	CHECK_MSG(&log.err, "sha256 listed twice");
	CHECK_EQ(pp_evlog_init(&log, logbuf, sizeof(logbuf), six, 6, NULL, 0), PP_ERANGE);
	CHECK_EQ(pp_evlog_init(&log, logbuf, sizeof(logbuf), six, 0, NULL, 0), PP_ERANGE);
	CHECK_EQ(pp_evlog_init(&log, logbuf, sizeof(logbuf), algs, 2, "v", 256), PP_ERANGE);

	REQUIRE(pp_evlog_init(&log, logbuf, sizeof(logbuf), algs, 2, NULL, 0) == PP_OK);
	CHECK_EQ(pp_evlog_measure(&log, 24, PP_EV_IPL, "a", 1, NULL, 0, NULL), PP_ERANGE);
	CHECK_MSG(&log.err, "PCR 24 outside 0..23");

	REQUIRE(pp_evlog_init(&log, logbuf, sizeof(logbuf), algs, 2, NULL, 0) == PP_OK);
	pp_evlog_zero_digests(&log, &d);
	d.v[0].alg = PP_ALG_SHA384;
	d.v[1].alg = PP_ALG_SHA256;
	CHECK_EQ(pp_evlog_append(&log, 8, PP_EV_IPL, &d, NULL, 0), PP_EINVAL);
	CHECK_MSG(&log.err, "bank 0 is sha256");

	REQUIRE(pp_evlog_init(&log, logbuf, sizeof(logbuf), algs, 2, NULL, 0) == PP_OK);
	pp_evlog_zero_digests(&log, &d);
	d.v[1].bytes[3] = 1;
	CHECK_EQ(pp_evlog_append(&log, 8, PP_EV_NO_ACTION, &d, NULL, 0), PP_EINVAL);

	REQUIRE(pp_evlog_init(&log, logbuf, sizeof(logbuf), algs, 2, NULL, 0) == PP_OK);
	CHECK_EQ(pp_evlog_startup_locality(&log, 4), PP_ERANGE);
	REQUIRE(pp_evlog_init(&log, logbuf, sizeof(logbuf), algs, 2, NULL, 0) == PP_OK);
	CHECK_EQ(pp_evlog_measure(&log, 18, PP_EV_IPL, "a", 1, NULL, 0, NULL), PP_OK);
	CHECK_EQ(pp_evlog_drtm_start(&log, "s", 1, NULL, 0, NULL), PP_EINVAL);
	CHECK_MSG(&log.err, "DRTM start after an extend of PCR 17-22");
	REQUIRE(pp_evlog_init(&log, logbuf, sizeof(logbuf), algs, 2, NULL, 0) == PP_OK);
	CHECK_EQ(pp_evlog_launch_marker(&log, 0), PP_ERANGE);
	REQUIRE(pp_evlog_init(&log, logbuf, sizeof(logbuf), algs, 2, NULL, 0) == PP_OK);
	CHECK_EQ(pp_evlog_no_action(&log, 17, "ParapetLaunch\0\0\0\3", 17), PP_EINVAL);
}

TEST(evlog_event_cap)
{
	/* The writer stops at PP_EVLOG_MAX_EVENTS; one more record is rejected by the parser. */
	struct pp_evlog log;
	struct pp_evlog_info info;
	struct pp_err e = {0, ""};
	const u16 algs[] = {PP_ALG_SHA256};
	REQUIRE(pp_evlog_init(&log, logbuf, sizeof(logbuf), algs, 1, NULL, 0) == PP_OK);
	for (u32 i = 0; i < PP_EVLOG_MAX_EVENTS; i++)
		pp_evlog_no_action(&log, 1, NULL, 0);
	REQUIRE(log.status == PP_OK);
	CHECK_EQ(pp_evlog_no_action(&log, 1, NULL, 0), PP_ENOMEM);
	CHECK_MSG(&log.err, "event cap 8192");
	REQUIRE(pp_evlog_check(logbuf, log.len, PP_EVLOG_MAX_EVENTS, &info, &e) == PP_OK);
	/* append one more empty record by hand (50 bytes: copy the last one) */
	u32 len = log.len;
	memcpy(logbuf + len, logbuf + len - 50, 50);
	CHECK_EQ(pp_evlog_check(logbuf, len + 50, PP_EVLOG_COUNT_ANY, &info, &e), PP_ERANGE);
	CHECK_MSG(&e, "more than 8192 events");
	CHECK_EQ(pp_evlog_check(logbuf, len, PP_EVLOG_MAX_EVENTS + 1, &info, &e), PP_ERANGE);
}
