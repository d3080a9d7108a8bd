// SPDX-License-Identifier: GPL-2.0-only
/*
 * The TPM 2.0 command layer (common/tpm/) over a scripted transport: exact
 * command bytes (TPM 2.0 Part 3 layouts), response parsing and its
 * rejections, TPM_RC surfacing, Startup tolerance, bounded RETRY resends.
 */
#include <string.h>
#include <parapet/bytes.h>
#include <parapet/tpm2.h>
#include "test_tpm2_script.h"
#include "unit.h"

/* The scripted transport: test_tpm2_script.h. */
static void setup(void)
{
	script_setup(0);
}

static void push_raw(const u8 *bytes, size_t len)
{
	memcpy(sc.rsp[sc.n], bytes, len);
	sc.len[sc.n++] = len;
}

static void one_bank(u16 alg, u16 size)
{
	dev.banks_known = true;
	dev.banks.count = 1;
	dev.banks.bank[0] = (struct tpm2_bank){
	    .alg = alg, .digest_size = size, .active = true, .size_of_select = 3};
}

TEST(tpm2_cmd_startup_bytes_and_tolerance)
{
	static const u8 want[] = {0x80, 0x01, 0, 0, 0, 12, 0, 0, 0x01, 0x44, 0, 0};
	bool already = true;

	setup();
	push(TPM2_ST_NO_SESSIONS, 0, NULL, 0);
	CHECK_EQ(tpm2_startup(&dev, &already, &e), 0);
	CHECK(!already);
	CHECK_EQ(sc.cmd_len[0], sizeof(want));
	CHECK(memcmp(sc.cmd[0], want, sizeof(want)) == 0);

	setup();
	push(TPM2_ST_NO_SESSIONS, TPM2_RC_INITIALIZE, NULL, 0);
	CHECK_EQ(tpm2_startup(&dev, &already, &e), 0);
	CHECK(already);
	CHECK_EQ(dev.last_rc, TPM2_RC_INITIALIZE);

	setup();
	push(TPM2_ST_NO_SESSIONS, TPM2_RC_FAILURE, NULL, 0);
	CHECK_EQ(tpm2_startup(&dev, &already, &e), PP_EDEVICE);
	CHECK_EQ(dev.last_rc, TPM2_RC_FAILURE);
	CHECK_MSG(&e, "TPM2_Startup at locality 0: TPM returned 0x101 TPM_RC_FAILURE");

	/* success with stray parameter bytes */
	setup();
	push(TPM2_ST_NO_SESSIONS, 0, (const u8 *)"\0", 1);
	CHECK_EQ(tpm2_startup(&dev, NULL, &e), PP_EINVAL);
	CHECK_MSG(&e, "1 unexpected bytes");
}

TEST(tpm2_cmd_header_checks)
{
	static const u8 short_hdr[] = {0x80, 0x01, 0, 0, 0, 8, 0, 0};
	static const u8 bad_tag[] = {0x80, 0x03, 0, 0, 0, 10, 0, 0, 0, 0};
	static const u8 size_lies[] = {0x80, 0x01, 0, 0, 0, 11, 0, 0, 0, 0};
	u8 out[8];

	setup();
	push_raw(short_hdr, sizeof(short_hdr));
	CHECK_EQ(tpm2_get_random(&dev, out, 8, &e), PP_ETRUNC);
	CHECK_MSG(&e, "8 bytes is shorter than its header");
	CHECK_EQ(dev.last_rc, TPM2_RC_NONE);

	setup();
	push_raw(bad_tag, sizeof(bad_tag));
	CHECK_EQ(tpm2_get_random(&dev, out, 8, &e), PP_EINVAL);
	CHECK_MSG(&e, "tag 0x8003 is neither");
	CHECK(dev.failed);

	setup();
	push_raw(size_lies, sizeof(size_lies));
	CHECK_EQ(tpm2_get_random(&dev, out, 8, &e), PP_EINVAL);
	CHECK_MSG(&e, "size field 11 differs from the 10 bytes received");

	/* a transport claiming more bytes than the buffer holds */
	setup();
	push(TPM2_ST_NO_SESSIONS, 0, NULL, 0);
	sc.lie_len = TPM2_RSP_BUF_SIZE + 1;
	CHECK_EQ(tpm2_get_random(&dev, out, 8, &e), PP_ERANGE);

	/* no locality held */
	setup();
	dev.locality = TPM2_LOCALITY_NONE;
	CHECK_EQ(tpm2_get_random(&dev, out, 8, &e), PP_EINVAL);
	CHECK_EQ(sc.sent, 0);

	setup();
	dev.locality = TPM2_LOCALITY_NONE;
	CHECK_EQ(tpm2_request_locality(&dev, 5, &e), PP_EINVAL);
	CHECK_EQ(tpm2_request_locality(&dev, 3, &e), 0);
	CHECK_EQ(sc.loc, 3);
	CHECK_EQ(dev.locality, 3);
}

/*
 * TPM_ST_RSP_COMMAND (0x00C4) is a legal error response: its code is
 * recorded, not refused as a bad header. QEMU answers every command with
 * 0x00C4 + TPM_FAIL (9) once its TPM backend is gone.
 */
TEST(tpm2_cmd_rsp_command_tag)
{
	u8 out[8];

	setup();
	push(TPM2_ST_RSP_COMMAND, TPM2_RC_TAG, NULL, 0);
	CHECK_EQ(tpm2_get_random(&dev, out, 8, &e), PP_EDEVICE);
	CHECK_EQ(dev.last_rc, TPM2_RC_TAG);
	CHECK_MSG(&e, "TPM returned 0x97 TPM_RC_TAG (tag 0x00c4)");
	CHECK(!dev.failed); /* an ordinary error: the TPM still works */

	setup();
	push(TPM2_ST_RSP_COMMAND, 0x9, NULL, 0);
	push(TPM2_ST_NO_SESSIONS, 0, NULL, 0);
	CHECK_EQ(tpm2_startup(&dev, NULL, &e), PP_EDEVICE);
	CHECK_EQ(dev.last_rc, 0x9);
	CHECK_MSG(&e, "0x9 (a TPM 1.2 response code: TPM_FAIL) (tag 0x00c4)");
	CHECK(dev.failed);
	/* never used again: the queued good response is not even asked for */
	CHECK_EQ(tpm2_startup(&dev, NULL, &e), PP_EDEVICE);
	CHECK_MSG(&e, "TPM not used after an earlier failure");
	CHECK_EQ(sc.sent, 1);

	/* 0x00C4 with success is not a response any TPM 2.0 sends */
	setup();
	push(TPM2_ST_RSP_COMMAND, 0, NULL, 0);
	CHECK_EQ(tpm2_startup(&dev, NULL, &e), PP_EINVAL);
	CHECK_MSG(&e, "tag 0x00c4 (TPM_ST_RSP_COMMAND) with TPM_RC_SUCCESS");
	CHECK(dev.failed);

	/* TPM_RC_FAILURE (failure mode) is fatal, TPM_RC_LOCALITY is not */
	setup();
	push(TPM2_ST_NO_SESSIONS, TPM2_RC_FAILURE, NULL, 0);
	CHECK_EQ(tpm2_startup(&dev, NULL, &e), PP_EDEVICE);
	CHECK(dev.failed);
	setup();
	push(TPM2_ST_NO_SESSIONS, TPM2_RC_LOCALITY, NULL, 0);
	CHECK_EQ(tpm2_startup(&dev, NULL, &e), PP_EDEVICE);
	CHECK(!dev.failed);
	CHECK(tpm2_rc_is_fatal(0x9));
	CHECK(!tpm2_rc_is_fatal(TPM2_RC_INITIALIZE));
	CHECK(!tpm2_rc_is_fatal(TPM2_RC_SUCCESS));
}

TEST(tpm2_cmd_retry_bounded)
{
	u8 out[4];
	static const u8 body[] = {0, 4, 1, 2, 3, 4};

	setup();
	push(TPM2_ST_NO_SESSIONS, TPM2_RC_RETRY, NULL, 0);
	push(TPM2_ST_NO_SESSIONS, TPM2_RC_YIELDED, NULL, 0);
	push(TPM2_ST_NO_SESSIONS, 0, body, sizeof(body));
	CHECK_EQ(tpm2_get_random(&dev, out, 4, &e), 0);
	CHECK_EQ(sc.sent, 3);
	CHECK_EQ(out[3], 4);

	setup();
	push(TPM2_ST_NO_SESSIONS, TPM2_RC_TESTING, NULL, 0);
	sc.repeat_last = true;
	CHECK_EQ(tpm2_get_random(&dev, out, 4, &e), PP_EDEVICE);
	CHECK_EQ(sc.sent, 1 + TPM2_MAX_RETRIES);
	CHECK_EQ(dev.last_rc, TPM2_RC_TESTING);
	CHECK_MSG(&e, "TPM_RC_TESTING");
}

/* The response swtpm 0.7.1 gives on a fresh state (tests/tpm/). */
static const u8 swtpm_banks[] = {0x80, 0x01, 0x00, 0x00, 0x00, 0x2b, 0x00, 0x00, 0x00, 0x00, 0x00,
				 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x04, 0x00, 0x04, 0x03,
				 0xff, 0xff, 0xff, 0x00, 0x0b, 0x03, 0xff, 0xff, 0xff, 0x00, 0x0c,
				 0x03, 0xff, 0xff, 0xff, 0x00, 0x0d, 0x03, 0xff, 0xff, 0xff};

TEST(tpm2_cmd_get_banks)
{
	static const u8 want[] = {0x80, 0x01, 0, 0, 0, 22, 0, 0, 0x01, 0x7A, 0,
				  0,	0,    5, 0, 0, 0,  0, 0, 0,    0,    8};
	struct tpm2_banks b;

	setup();
	push_raw(swtpm_banks, sizeof(swtpm_banks));
	REQUIRE(tpm2_get_banks(&dev, &b, &e) == 0);
	CHECK(memcmp(sc.cmd[0], want, sizeof(want)) == 0);
	CHECK_EQ(b.count, 4);
	CHECK_EQ(b.bank[0].alg, PP_ALG_SHA1);
	CHECK_EQ(b.bank[0].digest_size, 20);
	CHECK_EQ(b.bank[3].alg, PP_ALG_SHA512);
	CHECK_EQ(b.bank[3].digest_size, 64);
	CHECK(b.bank[1].active);
	CHECK_EQ(tpm2_active_banks(&dev, NULL, 0), 4);
	CHECK(dev.banks_known);
}

/* Parse a modified copy of swtpm_banks; returns the parser's result. */
static int banks_variant(size_t at, u8 val, size_t cut, struct tpm2_banks *b)
{
	u8 r[sizeof(swtpm_banks) + 4];
	size_t len = sizeof(swtpm_banks) - cut;
	memcpy(r, swtpm_banks, sizeof(swtpm_banks));
	if (at)
		r[at] = val;
	st_be32(r + 2, (u32)len);
	memset(&e, 0, sizeof(e));
	return tpm2_parse_get_banks(r, len, b, &e);
}

TEST(tpm2_cmd_get_banks_rejects)
{
	struct tpm2_banks b;
	u8 r[64];

	memset(&b, 0, sizeof(b));
	/* inactive bank: sha1 bitmap all zero */
	{
		u8 m[sizeof(swtpm_banks)];
		memcpy(m, swtpm_banks, sizeof(m));
		m[22] = m[23] = m[24] = 0;
		CHECK_EQ(tpm2_parse_get_banks(m, sizeof(m), &b, &e), 0);
		CHECK(!b.bank[0].active);
		CHECK(b.bank[1].active);
	}
	CHECK_EQ(banks_variant(10, 1, 0, &b), PP_ENOTSUP); /* moreData */
	CHECK_MSG(&e, "more banks");
	CHECK_EQ(banks_variant(10, 2, 0, &b), PP_EINVAL);
	CHECK_MSG(&e, "moreData is 2");
	CHECK_EQ(banks_variant(14, 6, 0, &b), PP_EINVAL); /* capability */
	CHECK_MSG(&e, "capability 0x6");
	CHECK_EQ(banks_variant(18, 9, 0, &b), PP_ERANGE); /* count */
	CHECK_MSG(&e, "9 PCR banks");
	CHECK_EQ(banks_variant(18, 5, 0, &b), PP_ETRUNC); /* count larger than data */
	CHECK_EQ(banks_variant(18, 3, 0, &b), PP_EINVAL); /* trailing bank */
	CHECK_MSG(&e, "unexpected bytes after 3 banks");
	CHECK_EQ(banks_variant(21, 33, 0, &b), PP_ERANGE); /* sizeofSelect */
	CHECK_EQ(banks_variant(21, 30, 0, &b), PP_ETRUNC);
	CHECK_EQ(banks_variant(26, 0x04, 0, &b), PP_EINVAL); /* sha1 listed twice */
	CHECK_MSG(&e, "listed twice");
	CHECK_EQ(banks_variant(0, 0, 2, &b), PP_ETRUNC);
	CHECK_EQ(banks_variant(0, 0, 30, &b), PP_ETRUNC);
	/* an error never changes *out */
	CHECK_EQ(b.count, 4);
	/* sessions tag on a no-sessions command */
	memcpy(r, swtpm_banks, 20);
	r[1] = 0x02;
	CHECK_EQ(tpm2_parse_get_banks(r, 10, &b, &e), PP_EINVAL);
}

TEST(tpm2_cmd_pcr_extend)
{
	struct tpm2_digests d;
	u8 want[10 + 4 + 4 + 9 + 4 + 2 + 32];
	static const u8 ok_rsp[] = {0, 0, 0, 0, 0, 0, 1, 0, 0};
	size_t o = 0;

	setup();
	one_bank(PP_ALG_SHA256, 32);
	memset(&d, 0, sizeof(d));
	d.count = 1;
	d.d[0].alg = PP_ALG_SHA256;
	for (u32 i = 0; i < 32; i++)
		d.d[0].digest[i] = (u8)i;
	push(TPM2_ST_SESSIONS, 0, ok_rsp, sizeof(ok_rsp));
	REQUIRE(tpm2_pcr_extend(&dev, 16, &d, &e) == 0);
	/* TPM2_PCR_Extend, Part 3 22.2.2 */
	st_be16(want + o, 0x8002), o += 2;
	st_be32(want + o, sizeof(want)), o += 4;
	st_be32(want + o, 0x182), o += 4;
	st_be32(want + o, 16), o += 4;	       /* pcrHandle */
	st_be32(want + o, 9), o += 4;	       /* authorizationSize */
	st_be32(want + o, 0x40000009), o += 4; /* TPM_RS_PW */
	want[o++] = 0, want[o++] = 0;	       /* nonce */
	want[o++] = 0;			       /* attributes */
	want[o++] = 0, want[o++] = 0;	       /* hmac */
	st_be32(want + o, 1), o += 4;
	st_be16(want + o, PP_ALG_SHA256), o += 2;
	for (u32 i = 0; i < 32; i++)
		want[o++] = (u8)i;
	CHECK_EQ(o, sizeof(want));
	CHECK_EQ(sc.cmd_len[0], sizeof(want));
	CHECK(memcmp(sc.cmd[0], want, sizeof(want)) == 0);

	/* TPM_RC_LOCALITY surfaced raw */
	setup();
	one_bank(PP_ALG_SHA256, 32);
	push(TPM2_ST_NO_SESSIONS, TPM2_RC_LOCALITY, NULL, 0);
	CHECK_EQ(tpm2_pcr_extend(&dev, 17, &d, &e), PP_EDEVICE);
	CHECK_EQ(dev.last_rc, 0x907);
	CHECK_MSG(&e, "TPM2_PCR_Extend(PCR 17) at locality 0: TPM returned 0x907 TPM_RC_LOCALITY");
}

TEST(tpm2_cmd_pcr_extend_every_bank)
{
	struct tpm2_digests d;

	setup();
	memset(&d, 0, sizeof(d));
	d.count = 1;
	d.d[0].alg = PP_ALG_SHA256;
	CHECK_EQ(tpm2_pcr_extend(&dev, 17, &d, &e), PP_EINVAL); /* banks unknown */
	CHECK_MSG(&e, "banks unknown");

	push_raw(swtpm_banks, sizeof(swtpm_banks));
	REQUIRE(tpm2_get_banks(&dev, NULL, &e) == 0);
	CHECK_EQ(tpm2_pcr_extend(&dev, 17, &d, &e), PP_EINVAL);
	CHECK_MSG(&e, "no digest for active bank 0x0004");
	d.count = 4;
	d.d[1].alg = PP_ALG_SHA1;
	d.d[2].alg = PP_ALG_SHA384;
	d.d[3].alg = PP_ALG_SHA384;
	CHECK_EQ(tpm2_pcr_extend(&dev, 17, &d, &e), PP_EINVAL);
	CHECK_MSG(&e, "two digests for bank 0x000c");
	d.d[3].alg = 0x0027; /* SHA3-256: unknown to us */
	CHECK_EQ(tpm2_pcr_extend(&dev, 17, &d, &e), PP_ENOTSUP);
	d.d[3].alg = PP_ALG_SM3_256; /* known, but not a bank of this TPM */
	CHECK_EQ(tpm2_pcr_extend(&dev, 17, &d, &e), PP_EINVAL);
	CHECK_MSG(&e, "not active");
	d.d[3].alg = PP_ALG_SHA512;
	CHECK_EQ(tpm2_pcr_extend(&dev, 24, &d, &e), PP_EINVAL);
	CHECK_MSG(&e, "PCR 24 out of range");
	CHECK_EQ(sc.sent, 1); /* nothing but GetCapability reached the TPM */
	d.count = 0;
	CHECK_EQ(tpm2_pcr_extend(&dev, 17, &d, &e), PP_EINVAL);
	d.count = TPM2_MAX_BANKS + 1;
	CHECK_EQ(tpm2_pcr_extend(&dev, 17, &d, &e), PP_EINVAL);
}

/* A TPM_ST_SESSIONS response: header + parameterSize + params + auths. */
static size_t sess_rsp(u8 *r, u32 psize, const u8 *tail, size_t tlen)
{
	st_be16(r, TPM2_ST_SESSIONS);
	st_be32(r + 2, (u32)(14 + tlen));
	st_be32(r + 6, 0);
	st_be32(r + 10, psize);
	if (tlen)
		memcpy(r + 14, tail, tlen);
	return 14 + tlen;
}

TEST(tpm2_cmd_pcr_extend_response)
{
	u8 r[64];
	static const u8 auth[] = {0, 0, 1, 0, 0};
	static const u8 auth_nonce[] = {0, 2, 9, 9, 1, 0, 1, 7};
	static const u8 auth_short[] = {0, 0, 1, 0};
	static const u8 auth_extra[] = {0, 0, 1, 0, 0, 0};
	static const u8 params_then_auth[] = {0xAA, 0, 0, 1, 0, 0};

	CHECK_EQ(tpm2_parse_pcr_extend(r, sess_rsp(r, 0, auth, sizeof(auth)), &e), 0);
	CHECK_EQ(tpm2_parse_pcr_extend(r, sess_rsp(r, 0, auth_nonce, sizeof(auth_nonce)), &e), 0);
	CHECK_EQ(tpm2_parse_pcr_extend(r, sess_rsp(r, 0, auth_short, sizeof(auth_short)), &e),
		 PP_ETRUNC);
	CHECK_MSG(&e, "authorization 0");
	CHECK_EQ(tpm2_parse_pcr_extend(r, sess_rsp(r, 0, auth_extra, sizeof(auth_extra)), &e),
		 PP_EINVAL);
	CHECK_EQ(tpm2_parse_pcr_extend(r, sess_rsp(r, 9, auth, sizeof(auth)), &e), PP_ETRUNC);
	CHECK_MSG(&e, "parameterSize 9 exceeds the 5 bytes");
	CHECK_EQ(tpm2_parse_pcr_extend(
		     r, sess_rsp(r, 1, params_then_auth, sizeof(params_then_auth)), &e),
		 PP_EINVAL);
	CHECK_MSG(&e, "1 unexpected parameter bytes");
	CHECK_EQ(tpm2_parse_pcr_extend(r, sess_rsp(r, 0, NULL, 0), &e), PP_ETRUNC);
	CHECK_EQ(tpm2_parse_pcr_extend(r, 12, &e), PP_ETRUNC); /* no parameterSize */
	st_be16(r, TPM2_ST_NO_SESSIONS);
	CHECK_EQ(tpm2_parse_pcr_extend(r, 10, &e), PP_EINVAL);
	CHECK_MSG(&e, "expected TPM_ST_SESSIONS");
}

/* PCR_Read response: counter, one selection of `sel` (3 bytes), digests. */
static size_t read_rsp(u8 *r, u32 nsel, u16 alg, const u8 *sel, u8 nselb, u32 ndig, u16 dsize,
		       size_t extra)
{
	size_t o = 10;
	st_be16(r, TPM2_ST_NO_SESSIONS);
	st_be32(r + 6, 0);
	st_be32(r + o, 42), o += 4;
	st_be32(r + o, nsel), o += 4;
	if (nsel) {
		st_be16(r + o, alg), o += 2;
		r[o++] = nselb;
		memcpy(r + o, sel, nselb), o += nselb;
	}
	st_be32(r + o, ndig), o += 4;
	if (ndig) {
		st_be16(r + o, dsize), o += 2;
		for (u32 i = 0; i < dsize; i++)
			r[o++] = (u8)(0xC0 + i);
	}
	memset(r + o, 0, extra), o += extra;
	st_be32(r + 2, (u32)o);
	return o;
}

TEST(tpm2_cmd_pcr_read)
{
	static const u8 want[] = {0x80, 0x01, 0, 0, 0, 20,   0, 0, 0x01, 0x7E,
				  0,	0,    0, 1, 0, 0x0B, 3, 0, 0,	 0x02};
	static const u8 sel17[] = {0, 0, 2}, sel0[] = {1, 0, 0}, sel17x[] = {0, 0, 3},
			sel_none[] = {0, 0, 0}, sel17_4[] = {0, 0, 2, 0}, sel17_1[] = {0};
	u8 r[200], out[64];
	u32 len = 0;

	setup();
	len = (u32)read_rsp(r, 1, PP_ALG_SHA256, sel17, 3, 1, 32, 0);
	push_raw(r, len);
	REQUIRE(tpm2_pcr_read(&dev, 17, PP_ALG_SHA256, out, sizeof(out), &len, &e) == 0);
	CHECK(memcmp(sc.cmd[0], want, sizeof(want)) == 0);
	CHECK_EQ(len, 32);
	CHECK_EQ(out[0], 0xC0);
	CHECK_EQ(out[31], 0xC0 + 31);

#define READ(...)                                                                                  \
	tpm2_parse_pcr_read(r, read_rsp(r, __VA_ARGS__), 17, PP_ALG_SHA256, out, sizeof(out),      \
			    &len, &e)
	CHECK_EQ(READ(1, PP_ALG_SHA256, sel17_4, 4, 1, 32, 0), 0); /* longer bitmap is fine */
	CHECK_EQ(READ(1, PP_ALG_SHA384, sel17, 3, 1, 32, 0), PP_EINVAL);
	CHECK_MSG(&e, "returned bank 0x000c, requested 0x000b");
	CHECK_EQ(READ(1, PP_ALG_SHA256, sel0, 3, 1, 32, 0), PP_EINVAL);
	CHECK_EQ(READ(1, PP_ALG_SHA256, sel17x, 3, 1, 32, 0), PP_EINVAL);
	CHECK_EQ(READ(1, PP_ALG_SHA256, sel_none, 3, 0, 0, 0), PP_ENOENT);
	CHECK_EQ(READ(1, PP_ALG_SHA256, sel17_1, 1, 1, 32, 0), PP_ENOENT);
	CHECK_EQ(READ(0, 0, NULL, 0, 0, 0, 0), PP_ENOENT);
	CHECK_EQ(READ(2, PP_ALG_SHA256, sel17, 3, 1, 32, 0), PP_EINVAL);
	CHECK_EQ(READ(1, PP_ALG_SHA256, sel17, 3, 2, 32, 0), PP_EINVAL);
	CHECK_EQ(READ(1, PP_ALG_SHA256, sel17, 3, 0, 0, 0), PP_EINVAL);
	CHECK_EQ(READ(1, PP_ALG_SHA256, sel17, 3, 1, 20, 0), PP_EINVAL);
	CHECK_MSG(&e, "digest of 20 bytes");
	CHECK_EQ(READ(1, PP_ALG_SHA256, sel17, 3, 1, 32, 1), PP_EINVAL);
	CHECK_MSG(&e, "1 unexpected bytes after the digest");
#undef READ
	/* truncations at every length */
	{
		size_t full = read_rsp(r, 1, PP_ALG_SHA256, sel17, 3, 1, 32, 0);
		for (size_t cut = 10; cut < full; cut++) {
			st_be32(r + 2, (u32)cut);
			CHECK(tpm2_parse_pcr_read(r, cut, 17, PP_ALG_SHA256, out, sizeof(out), &len,
						  &e) != 0);
		}
	}
	/* output too small */
	CHECK_EQ(tpm2_parse_pcr_read(r, read_rsp(r, 1, PP_ALG_SHA256, sel17, 3, 1, 32, 0), 17,
				     PP_ALG_SHA256, out, 16, &len, &e),
		 PP_ERANGE);
	setup();
	CHECK_EQ(tpm2_pcr_read(&dev, 17, 0x0027, out, sizeof(out), &len, &e), PP_ENOTSUP);
	CHECK_EQ(tpm2_pcr_read(&dev, 99, PP_ALG_SHA256, out, sizeof(out), &len, &e), PP_EINVAL);
	CHECK_EQ(sc.sent, 0);
}

static void push_random(u16 n, u8 fill)
{
	u8 body[2 + 64];
	st_be16(body, n);
	memset(body + 2, fill, n);
	push(TPM2_ST_NO_SESSIONS, 0, body, 2u + n);
}

TEST(tpm2_cmd_get_random)
{
	u8 out[100];

	setup();
	push_random(32, 1);
	push_random(32, 2);
	push_random(16, 3); /* short answer: asked again */
	push_random(20, 4);
	memset(out, 0, sizeof(out));
	REQUIRE(tpm2_get_random(&dev, out, sizeof(out), &e) == 0);
	CHECK_EQ(sc.sent, 4);
	CHECK_EQ(ld_be16(sc.cmd[0] + 10), 32);
	CHECK_EQ(ld_be16(sc.cmd[2] + 10), 32);
	CHECK_EQ(ld_be16(sc.cmd[3] + 10), 20);
	CHECK_EQ(out[0], 1);
	CHECK_EQ(out[64], 3);
	CHECK_EQ(out[80], 4);
	CHECK_EQ(out[99], 4);

	setup();
	push_random(0, 0);
	CHECK_EQ(tpm2_get_random(&dev, out, 8, &e), PP_EDEVICE);
	CHECK_MSG(&e, "returned 0 of 8 bytes");

	setup();
	push_random(9, 0);
	CHECK_EQ(tpm2_get_random(&dev, out, 8, &e), PP_EINVAL);

	setup();
	CHECK_EQ(tpm2_get_random(&dev, out, 0, &e), 0);
	CHECK_EQ(sc.sent, 0);

	{
		u8 r[20] = {0x80, 0x01, 0, 0, 0, 14, 0, 0, 0, 0, 0, 8, 1, 2};
		u32 got;
		CHECK_EQ(tpm2_parse_get_random(r, 14, 8, out, &got, &e), PP_ETRUNC);
		st_be32(r + 2, 11);
		CHECK_EQ(tpm2_parse_get_random(r, 11, 8, out, &got, &e), PP_ETRUNC);
		r[11] = 2;
		st_be32(r + 2, 15);
		CHECK_EQ(tpm2_parse_get_random(r, 15, 8, out, &got, &e), PP_EINVAL);
		CHECK_MSG(&e, "unexpected bytes after randomBytes");
	}
}

TEST(tpm2_cmd_rc_describe)
{
	char b[64];
	CHECK(strcmp(tpm2_rc_describe(0x907, b, sizeof(b)), "0x907 TPM_RC_LOCALITY") == 0);
	CHECK(strcmp(tpm2_rc_describe(0x18B, b, sizeof(b)), "0x18b TPM_RC_HANDLE (handle 1)") == 0);
	CHECK(strcmp(tpm2_rc_describe(0x1C4, b, sizeof(b)), "0x1c4 TPM_RC_VALUE (parameter 1)") ==
	      0);
	CHECK(strcmp(tpm2_rc_describe(0x98E, b, sizeof(b)), "0x98e TPM_RC_AUTH_FAIL (session 1)") ==
	      0);
	/* a credential blob whose integrity HMAC fails (made for another name) */
	CHECK(strcmp(tpm2_rc_describe(0x1DF, b, sizeof(b)),
		     "0x1df TPM_RC_INTEGRITY (parameter 1)") == 0);
	CHECK(strcmp(tpm2_rc_describe(0x12345, b, sizeof(b)), "0x12345 (unnamed code)") == 0);
	CHECK(tpm2_rc_name(0x100) && strcmp(tpm2_rc_name(0x100), "INITIALIZE") == 0);
	CHECK(tpm2_rc_name(0x9FF) == NULL);
}
