// SPDX-License-Identifier: GPL-2.0-only
/*
 * tpm2_pcr_read_set (common/tpm/tpm2_pcr_set.c) against a model TPM that
 * answers TPM2_PCR_Read the way TPM 2.0 Part 3, 22.4 allows: selections in
 * the order asked, at most `limit` digests (8 on real TPMs), the bits of
 * every PCR not returned cleared, a bank it lacks returned empty. Then its
 * response parser on hand-made bad responses: each is refused with a
 * precise message and changes nothing.
 */
#include <string.h>
#include <parapet/bytes.h>
#include <parapet/tpm2.h>
#include "unit.h"

struct model {
	u32 limit;    /* digests per response */
	u16 lacks;    /* a bank the model TPM does not have (0: none) */
	u32 sent;     /* commands seen */
	u8 first[64]; /* the first command */
	size_t first_len;
};

static u8 model_byte(u16 alg, u32 pcr, u32 i)
{
	return (u8)(alg * 31u + pcr * 7u + i);
}

static int m_req(void *ctx, u8 loc, struct pp_err *err)
{
	(void)ctx;
	(void)loc;
	(void)err;
	return 0;
}

static int m_tx(void *ctx, const u8 *cmd, size_t cmd_len, u8 *rsp, size_t cap, size_t *rsp_len,
		struct pp_err *err)
{
	struct model *m = ctx;
	u8 sel_out[TPM2_MAX_BANKS][3];
	u16 algs[TPM2_MAX_BANKS];
	size_t o = 10;
	u32 n, room = m->limit, ndig = 0;

	(void)cap;
	(void)err;
	if (!m->sent++) {
		m->first_len = PP_MIN(cmd_len, sizeof(m->first));
		memcpy(m->first, cmd, m->first_len);
	}
	n = ld_be32(cmd + 10);
	for (u32 i = 0; i < n; i++) {
		const u8 *s = cmd + 14 + 6 * (size_t)i; /* alg, sizeofSelect 3, 3 bytes */
		algs[i] = ld_be16(s);
		for (u32 b = 0; b < 3; b++) {
			sel_out[i][b] = 0;
			for (u32 bit = 0; bit < 8; bit++)
				if ((s[3 + b] & (1u << bit)) && algs[i] != m->lacks && room) {
					sel_out[i][b] |= (u8)(1u << bit);
					room--;
				}
		}
	}
	st_be16(rsp, TPM2_ST_NO_SESSIONS);
	st_be32(rsp + 6, 0);
	st_be32(rsp + o, 7), o += 4; /* pcrUpdateCounter */
	st_be32(rsp + o, n), o += 4;
	for (u32 i = 0; i < n; i++) {
		st_be16(rsp + o, algs[i]), o += 2;
		rsp[o++] = 3;
		memcpy(rsp + o, sel_out[i], 3), o += 3;
		for (u32 b = 0; b < 3; b++)
			for (u32 bit = 0; bit < 8; bit++)
				ndig += (sel_out[i][b] >> bit) & 1u;
	}
	st_be32(rsp + o, ndig), o += 4;
	for (u32 i = 0; i < n; i++)
		for (u32 pcr = 0; pcr < 24; pcr++) {
			if (!(sel_out[i][pcr / 8] & (1u << (pcr % 8))))
				continue;
			u32 size = pp_hash_digest_size(algs[i]);
			st_be16(rsp + o, (u16)size), o += 2;
			for (u32 k = 0; k < size; k++)
				rsp[o++] = model_byte(algs[i], pcr, k);
		}
	st_be32(rsp + 2, (u32)o);
	*rsp_len = o;
	return 0;
}

static const struct tpm2_transport_ops model_ops = {m_req, m_req, m_tx};
static struct model mdl;
static struct tpm2_dev dev;
static struct tpm2_pcr_set set;
static struct pp_err e;

static void model_setup(u32 limit, u16 lacks)
{
	memset(&mdl, 0, sizeof(mdl));
	memset(&set, 0, sizeof(set));
	memset(&e, 0, sizeof(e));
	mdl.limit = limit;
	mdl.lacks = lacks;
	tpm2_init(&dev, &model_ops, &mdl);
	dev.locality = 0;
}

static bool digests_ok(void)
{
	for (u32 k = 0; k < set.nbanks; k++)
		for (u32 pcr = 0; pcr < 24; pcr++) {
			if (!(set.got[k] & (1u << pcr)))
				continue;
			for (u32 i = 0; i < pp_hash_digest_size(set.alg[k]); i++)
				if (set.digest[k][pcr][i] != model_byte(set.alg[k], pcr, i))
					return false;
		}
	return true;
}

static const u16 four[] = {PP_ALG_SHA1, PP_ALG_SHA256, PP_ALG_SHA384, PP_ALG_SHA512};

TEST(tpm2_pcr_set_batches)
{
	/* PCR 0-9 of four banks: 40 digests, 8 per response = 5 commands. */
	static const u8 want[] = {0x80, 0x01, 0, 0,    0,    38,   0,	 0,    0x01, 0x7E,
				  0,	0,    0, 4,    0,    0x04, 3,	 0xFF, 0x03, 0,
				  0,	0x0B, 3, 0xFF, 0x03, 0,	   0,	 0x0C, 3,    0xFF,
				  0x03, 0,    0, 0x0D, 3,    0xFF, 0x03, 0};
	model_setup(8, 0);
	set.nbanks = 4;
	memcpy(set.alg, four, sizeof(four));
	set.mask = 0x3FF;
	REQUIRE(tpm2_pcr_read_set(&dev, &set, &e) == 0);
	CHECK_EQ(mdl.sent, 5);
	CHECK_EQ(mdl.first_len, sizeof(want));
	CHECK(memcmp(mdl.first, want, sizeof(want)) == 0);
	for (u32 k = 0; k < 4; k++)
		CHECK_EQ(set.got[k], 0x3FF);
	CHECK(digests_ok());

	/* PCR 17-19 of four banks: 12 digests = 2 commands. */
	model_setup(8, 0);
	set.nbanks = 4;
	memcpy(set.alg, four, sizeof(four));
	set.mask = 0xE0000;
	REQUIRE(tpm2_pcr_read_set(&dev, &set, &e) == 0);
	CHECK_EQ(mdl.sent, 2);
	CHECK(digests_ok());

	/* A TPM that returns one digest at a time still gets everything. */
	model_setup(1, 0);
	set.nbanks = 2;
	memcpy(set.alg, four + 1, 2 * sizeof(u16));
	set.mask = 0x800003;
	REQUIRE(tpm2_pcr_read_set(&dev, &set, &e) == 0);
	CHECK_EQ(mdl.sent, 6);
	CHECK_EQ(set.got[0], 0x800003);
	CHECK_EQ(set.got[1], 0x800003);
	CHECK(digests_ok());
}

TEST(tpm2_pcr_set_missing_bank)
{
	/* sha384 absent: the others arrive, then an exact error, no endless loop. */
	model_setup(8, PP_ALG_SHA384);
	set.nbanks = 4;
	memcpy(set.alg, four, sizeof(four));
	set.mask = 0x3FF;
	CHECK_EQ(tpm2_pcr_read_set(&dev, &set, &e), PP_ENOENT);
	CHECK_MSG(&e, "TPM returned none of the PCRs left (first: PCR 0 of bank 0x000c)");
	CHECK_EQ(set.got[0], 0x3FF);
	CHECK_EQ(set.got[1], 0x3FF);
	CHECK_EQ(set.got[2], 0);
	CHECK_EQ(set.got[3], 0x3FF);
	CHECK(digests_ok());
	CHECK(mdl.sent <= 6);
}

TEST(tpm2_pcr_set_request_checks)
{
	static const struct {
		u32 nbanks;
		u16 alg0, alg1;
		u32 mask;
		int rc;
		const char *msg;
	} bad[] = {
	    {0, PP_ALG_SHA256, 0, 1, PP_EINVAL, "0 banks asked"},
	    {TPM2_MAX_BANKS + 1, PP_ALG_SHA256, 0, 1, PP_EINVAL, "banks asked"},
	    {1, PP_ALG_SHA256, 0, 0, PP_EINVAL, "PCR mask 0x0"},
	    {1, PP_ALG_SHA256, 0, 1u << 24, PP_EINVAL, "PCR mask 0x1000000"},
	    {1, 0x0027, 0, 1, PP_ENOTSUP, "bank algorithm 0x0027 unknown"},
	    {2, PP_ALG_SHA256, PP_ALG_SHA256, 1, PP_EINVAL, "bank 0x000b asked twice"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		model_setup(8, 0);
		set.nbanks = bad[i].nbanks;
		set.alg[0] = bad[i].alg0;
		set.alg[1] = bad[i].alg1;
		set.mask = bad[i].mask;
		CHECK_EQ(tpm2_pcr_read_set(&dev, &set, &e), bad[i].rc);
		CHECK_MSG(&e, bad[i].msg);
		CHECK_EQ(mdl.sent, 0);
	}
}

/* A response: nsel selections (alg, 3-byte bitmap) then digests of dsize. */
static size_t rsp(u8 *r, u32 nsel, const u16 *algs, const u32 *bits, u32 ndig, u16 dsize,
		  size_t extra)
{
	size_t o = 10;
	st_be16(r, TPM2_ST_NO_SESSIONS);
	st_be32(r + 6, 0);
	st_be32(r + o, 1), o += 4;
	st_be32(r + o, nsel), o += 4;
	for (u32 i = 0; i < nsel; i++) {
		st_be16(r + o, algs[i]), o += 2;
		r[o++] = 4;
		for (u32 b = 0; b < 4; b++)
			r[o++] = (u8)(bits[i] >> (8 * b));
	}
	st_be32(r + o, ndig), o += 4;
	for (u32 i = 0; i < ndig; i++) {
		st_be16(r + o, dsize), o += 2;
		memset(r + o, 0xD0 + (int)i, dsize), o += dsize;
	}
	memset(r + o, 0, extra), o += extra;
	st_be32(r + 2, (u32)o);
	return o;
}

TEST(tpm2_pcr_set_parse_rejects)
{
	static const u16 a256[] = {PP_ALG_SHA256}, a256x2[] = {PP_ALG_SHA256, PP_ALG_SHA256},
			 a384[] = {PP_ALG_SHA384}, a256_1[] = {PP_ALG_SHA256, PP_ALG_SHA1};
	static const u32 b01[] = {0x3}, b0[] = {0x1}, b01x2[] = {0x1, 0x2}, b2[] = {0x4},
			 b24[] = {1u << 24}, b01_0[] = {0x3, 0x0};
	static u8 r[1024];
	static struct tpm2_pcr_set before;
	u32 newly;

	memset(&set, 0, sizeof(set));
	set.nbanks = 1;
	set.alg[0] = PP_ALG_SHA256;
	set.mask = 0x3;
	memset(set.digest, 0xEE, sizeof(set.digest));
	before = set;

#define PARSE(len) tpm2_parse_pcr_read_set(r, (len), &set, &newly, &e)
#define UNCHANGED() CHECK(memcmp(&set, &before, sizeof(set)) == 0)
	CHECK_EQ(PARSE(rsp(r, 1, a384, b01, 2, 48, 0)), PP_EINVAL);
	CHECK_MSG(&e, "names bank 0x000c which was not asked");
	UNCHANGED();
	CHECK_EQ(PARSE(rsp(r, 2, a256x2, b01x2, 2, 32, 0)), PP_EINVAL);
	CHECK_MSG(&e, "2 selections returned for 1 banks asked");
	UNCHANGED();
	CHECK_EQ(PARSE(rsp(r, 1, a256, b2, 1, 32, 0)), PP_EINVAL);
	CHECK_MSG(&e, "PCRs 0x000004 returned, 0x000003 asked");
	UNCHANGED();
	CHECK_EQ(PARSE(rsp(r, 1, a256, b24, 1, 32, 0)), PP_EINVAL);
	CHECK_MSG(&e, "PCR beyond 23 returned");
	CHECK_EQ(PARSE(rsp(r, 1, a256, b01, 1, 32, 0)), PP_EINVAL);
	CHECK_MSG(&e, "1 digests returned for 2 selected PCRs");
	UNCHANGED();
	CHECK_EQ(PARSE(rsp(r, 1, a256, b01, 2, 20, 0)), PP_EINVAL);
	CHECK_MSG(&e, "PCR 0 bank 0x000b: digest of 20 bytes (expected 32)");
	UNCHANGED();
	CHECK_EQ(PARSE(rsp(r, 1, a256, b01, 2, 32, 1)), PP_EINVAL);
	CHECK_MSG(&e, "1 unexpected bytes after the digests");
	UNCHANGED();
	/* the second digest bad: the first is not stored either */
	{
		size_t len = rsp(r, 1, a256, b01, 2, 32, 0);
		st_be16(r + len - 34, 31);
		CHECK_EQ(PARSE(len), PP_EINVAL);
		UNCHANGED();
	}
	/* truncated at every length */
	{
		size_t full = rsp(r, 1, a256, b01, 2, 32, 0);
		for (size_t cut = 10; cut < full; cut++) {
			st_be32(r + 2, (u32)cut);
			CHECK(PARSE(cut) != 0);
		}
		UNCHANGED();
	}
	/* a second bank named twice, once empty */
	set.nbanks = 2;
	set.alg[1] = PP_ALG_SHA1;
	before = set;
	{
		static const u16 twice[] = {PP_ALG_SHA256, PP_ALG_SHA256};
		static const u32 b0_1[] = {0x0, 0x1};
		CHECK_EQ(PARSE(rsp(r, 2, twice, b0_1, 1, 32, 0)), PP_EINVAL);
		CHECK_MSG(&e, "names bank 0x000b twice");
		UNCHANGED();
	}
	/* good: one bank's two PCRs, the other's selection empty */
	CHECK_EQ(PARSE(rsp(r, 2, a256_1, b01_0, 2, 32, 0)), 0);
	CHECK_EQ(newly, 2);
	CHECK_EQ(set.got[0], 0x3);
	CHECK_EQ(set.got[1], 0);
	CHECK_EQ(set.digest[0][0][0], 0xD0);
	CHECK_EQ(set.digest[0][1][31], 0xD1);
	/* what arrived is not accepted again */
	before = set;
	CHECK_EQ(PARSE(rsp(r, 1, a256, b0, 1, 32, 0)), PP_EINVAL);
	CHECK_MSG(&e, "PCRs 0x000001 returned, 0x000000 asked");
	UNCHANGED();
#undef PARSE
#undef UNCHANGED
}
