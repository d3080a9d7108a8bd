// SPDX-License-Identifier: GPL-2.0-only
/*
 * NV commands, policy sessions and the rollback floor (common/tpm/nv_*.c)
 * over a scripted transport: exact command bytes against the TPM 2.0 Part 3
 * layouts (hand-assembled here), the policy digests against the values
 * tpm2-tools 5.4 computed with trial sessions on swtpm (tests/tpm/nv-run.sh
 * prints them), the response parsers' rejections, and the floor's logic:
 * what is sent, what is refused before sending, the session flushed on
 * every path with the TPM's refusal kept.
 */
#include <string.h>
#include <parapet/bytes.h>
#include <parapet/tpm2_nv.h>
#include "test_tpm2_script.h"
#include "unit.h"

/* The scripted transport: test_tpm2_script.h. */
static void setup(void)
{
	script_setup(2);
}

static void push_err(u32 rc)
{
	push(TPM2_ST_NO_SESSIONS, rc, NULL, 0);
}

/* A success with one authorization response (empty nonce, continue, empty hmac). */
static void push_sess(const u8 *params, u16 plen)
{
	static const u8 auth[5] = {0, 0, TPM2_SESSION_CONTINUE, 0, 0};
	u8 b[200];
	st_be32(b, plen);
	if (plen)
		memcpy(b + 4, params, plen);
	memcpy(b + 4 + plen, auth, sizeof(auth));
	push(TPM2_ST_SESSIONS, 0, b, 4u + plen + 5);
}

static void push_ok(void)
{
	push(TPM2_ST_NO_SESSIONS, 0, NULL, 0);
}

/* NV_ReadPublic response for pub (Name computed unless bad_name). */
static void push_public(const struct tpm2_nv_public *pub, bool bad_name)
{
	u8 b[200];
	struct tpm2_name nm;
	struct pp_err ne;
	size_t n = tpm2_nv_public_marshal(pub, b + 2, sizeof(b) - 2);

	st_be16(b, (u16)n);
	tpm2_nv_name(pub, &nm, &ne);
	if (bad_name)
		nm.b[5] ^= 1;
	st_be16(b + 2 + n, nm.size);
	memcpy(b + 4 + n, nm.b, nm.size);
	push(TPM2_ST_NO_SESSIONS, 0, b, 4 + n + nm.size);
}

static void push_value(u64 v)
{
	u8 b[10];
	st_be16(b, 8);
	st_be64(b + 2, v);
	push_sess(b, sizeof(b));
}

static void push_provisioned(u32 counter_extra)
{
	struct tpm2_nv_public c, b;
	nvfloor_expected_public(&nvfloor_default_layout, true, &c);
	nvfloor_expected_public(&nvfloor_default_layout, false, &b);
	c.attributes |= TPMA_NV_WRITTEN | counter_extra;
	b.attributes |= TPMA_NV_WRITTEN | TPMA_NV_WRITELOCKED;
	push_public(&c, false);
	push_public(&b, false);
}

/* The four responses of one nvfloor_read: public areas, baseline, counter. */
static void push_read(u64 counter, u64 baseline)
{
	push_provisioned(0);
	push_value(baseline);
	push_value(counter);
}

static u32 cc_of(u32 i)
{
	return ld_be32(sc.cmd[i] + 6);
}

static bool hex_is(const u8 *p, const char *hex)
{
	for (size_t i = 0; hex[2 * i]; i++) {
		unsigned v = 0;
		for (int k = 0; k < 2; k++) {
			char c = hex[2 * i + (size_t)k];
			v = v * 16 + (unsigned)(c <= '9' ? c - '0' : c - 'a' + 10);
		}
		if (p[i] != v)
			return false;
	}
	return true;
}

/* Values printed by tpm2-tools 5.4 (trial sessions on swtpm 0.7.1). */
TEST(tpm2_nv_policy_digests_match_tpm2_tools)
{
	u8 d[32];

	nvfloor_branch_digest(NVFLOOR_BR_INCREMENT, d);
	CHECK(hex_is(d, "e10690a4422506805d27777a5722ae2c52c5b3f523f32cd97141cd73798721ff"));
	nvfloor_branch_digest(NVFLOOR_BR_WRITE, d);
	CHECK(hex_is(d, "f3d7b918b2fa2a1c108cc717e7fb52f543184580a34e9fdbba2fbb2bbd11b07b"));
	nvfloor_branch_digest(NVFLOOR_BR_DELETE, d);
	CHECK(hex_is(d, "954ccb4b4f7d89cd2557fa207cd70d609ff4f76318280e6e51a3824b6ed1641d"));
	nvfloor_counter_policy(d);
	CHECK(hex_is(d, "f4e7d4fd5972966e061caff8c4ba80186259d2489621d298e361656bd7205011"));
	nvfloor_baseline_policy(d);
	CHECK(hex_is(d, "08d59a95d0a45fff80b571fea5f3f99888f87f71d6cfbfff89a75f5c2697aca4"));
	/* PolicyLocality's argument is the TPMA_LOCALITY bit, not the number */
	memset(d, 0, sizeof(d));
	tpm2_policy_extend_locality(d, 2);
	CHECK(!hex_is(d, "f3d7b918b2fa2a1c108cc717e7fb52f543184580a34e9fdbba2fbb2bbd11b07b"));
}

TEST(tpm2_nv_public_area_and_name)
{
	struct tpm2_nv_public pub;
	struct tpm2_name nm;
	u8 b[100];
	size_t n;

	nvfloor_expected_public(&nvfloor_default_layout, true, &pub);
	CHECK_EQ(pub.attributes, 0x42040418u); /* PLATFORMCREATE NO_DA AUTHREAD POLICY_DELETE
						  COUNTER POLICYWRITE */
	nvfloor_expected_public(&nvfloor_default_layout, false, &pub);
	CHECK_EQ(pub.attributes, 0x42043408u); /* ... WRITEDEFINE WRITEALL, ORDINARY */
	n = tpm2_nv_public_marshal(&pub, b, sizeof(b));
	REQUIRE(n == 4 + 2 + 4 + 2 + 32 + 2);
	CHECK(hex_is(b, "01500a01000b42043408002008d59a95"));
	CHECK(hex_is(b + n - 2, "0008"));
	CHECK_EQ(tpm2_nv_public_marshal(&pub, b, n - 1), 0); /* too small */
	CHECK_EQ(tpm2_nv_name(&pub, &nm, &e), 0);
	CHECK_EQ(nm.size, 34);
	CHECK(hex_is(nm.b, "000b"));
	pub.name_alg = PP_ALG_SHA1;
	CHECK_EQ(tpm2_nv_name(&pub, &nm, &e), PP_ENOTSUP);
	CHECK_MSG(&e, "nameAlg 0x0004");
}

TEST(tpm2_nv_command_bytes)
{
	u8 nonce[16], out[8], br[2][32];
	u32 s = 0;

	memset(nonce, 0x11, sizeof(nonce));
	setup();
	push_err(TPM2_RC_HANDLE | 0x100); /* 0x18b: handle 1 */
	struct tpm2_nv_public pub;
	CHECK_EQ(tpm2_nv_read_public(&dev, 0x01500A00u, &pub, NULL, &e), PP_ENOENT);
	CHECK_MSG(
	    &e, "NV index 0x01500a00 is not defined (TPM returned 0x18b TPM_RC_HANDLE (handle 1))");
	CHECK_EQ(sc.cmd_len[0], 14);
	CHECK(hex_is(sc.cmd[0], "80010000000e0000016901500a00"));

	setup();
	push_value(0x0102030405060708ull);
	CHECK_EQ(tpm2_nv_read(&dev, 0x01500A01u, 0, out, 8, &e), 0);
	CHECK(hex_is(out, "0102030405060708"));
	/* tag, size 35, NV_Read, authHandle = nvIndex, password session, size 8, offset 0 */
	CHECK_EQ(sc.cmd_len[0], 35);
	CHECK(hex_is(sc.cmd[0], "8002000000230000014e01500a0101500a0100000009400000090000000000"
				"00080000"));

	setup();
	push_sess(NULL, 0);
	CHECK_EQ(tpm2_nv_increment(&dev, 0x01500A00u, 0x03000001u, &e), 0);
	/* policy session: empty nonce, continueSession, empty hmac */
	CHECK(hex_is(sc.cmd[0], "80020000001f0000013401500a0001500a0000000009030000010000010000"));

	setup();
	{
		u8 b[2 + 4 + 2 + 16];
		st_be32(b, 0x03000000u);
		st_be16(b + 4, 16);
		memset(b + 6, 0x22, 16);
		push(TPM2_ST_NO_SESSIONS, 0, b, 22);
	}
	CHECK_EQ(tpm2_start_policy_session(&dev, false, nonce, 16, &s, &e), 0);
	CHECK_EQ(s, 0x03000000u);
	/* tpmKey, bind = TPM_RH_NULL; nonce; no salt; TPM_SE_POLICY; TPM_ALG_NULL; SHA-256 */
	CHECK(hex_is(sc.cmd[0], "80010000002b000001764000000740000007001011111111111111111111"
				"1111111111110000010010000b"));
	CHECK_EQ(sc.cmd_len[0], 43);
	CHECK_EQ(tpm2_start_policy_session(&dev, false, nonce, 15, &s, &e), PP_EINVAL);
	CHECK_MSG(&e, "nonceCaller of 15 bytes");

	setup();
	push_ok();
	push_ok();
	push_ok();
	push_ok();
	CHECK_EQ(tpm2_policy_command_code(&dev, 0x03000000u, TPM2_CC_NV_INCREMENT, &e), 0);
	CHECK(hex_is(sc.cmd[0], "8001000000120000016c0300000000000134"));
	CHECK_EQ(tpm2_policy_locality(&dev, 0x03000000u, TPMA_LOCALITY(2), &e), 0);
	CHECK(hex_is(sc.cmd[1], "80010000000f0000016f0300000004"));
	nvfloor_branch_digest(NVFLOOR_BR_INCREMENT, br[0]);
	nvfloor_branch_digest(NVFLOOR_BR_DELETE, br[1]);
	CHECK_EQ(tpm2_policy_or(&dev, 0x03000000u, br, 2, &e), 0);
	CHECK_EQ(sc.cmd_len[2], 10 + 4 + 4 + 2 * 34); /* 0x56 */
	CHECK(hex_is(sc.cmd[2], "8001000000560000017103000000000000020020e10690a4"));
	CHECK_EQ(tpm2_flush_context(&dev, 0x03000000u, &e), 0);
	CHECK(hex_is(sc.cmd[3], "80010000000e0000016503000000"));
	CHECK_EQ(tpm2_policy_or(&dev, 0x03000000u, br, 1, &e), PP_EINVAL);
	CHECK_EQ(sc.sent, 4); /* refused before sending */
}

TEST(tpm2_nv_define_and_undefine_bytes)
{
	struct tpm2_nv_public pub;

	setup();
	push_sess(NULL, 0);
	nvfloor_expected_public(&nvfloor_default_layout, true, &pub);
	CHECK_EQ(tpm2_nv_define(&dev, TPM2_RH_PLATFORM, &pub, &e), 0);
	/* platform, password session, empty auth, TPM2B_NV_PUBLIC of 46 bytes */
	CHECK(hex_is(sc.cmd[0], "80020000004d0000012a4000000c00000009400000090000000000000000"
				"2e01500a00000b420404180020f4e7d4fd"));
	CHECK_EQ(sc.cmd_len[0], 0x4d);

	setup();
	push_sess(NULL, 0);
	push(TPM2_ST_SESSIONS, 0, (const u8 *)"\0\0\0\0\0\0\1\0\0\0\0\1\0\0", 14);
	CHECK_EQ(tpm2_nv_undefine(&dev, TPM2_RH_OWNER, 0x01500A00u, &e), 0);
	CHECK(hex_is(sc.cmd[0], "80020000001f000001224000000101500a0000000009400000090000000000"));
	/* two sessions: the policy session for the index, the platform's password */
	CHECK_EQ(tpm2_nv_undefine_special(&dev, 0x01500A00u, 0x03000002u, &e), 0);
	CHECK(hex_is(sc.cmd[1], "8002000000280000011f01500a004000000c000000120300000200000100"
				"00400000090000000000"));
}

TEST(tpm2_nv_read_public_rejections)
{
	struct tpm2_nv_public pub, got;
	u8 rsp[200];
	size_t len;

	nvfloor_expected_public(&nvfloor_default_layout, true, &pub);
	setup();
	push_public(&pub, false);
	memcpy(rsp, sc.rsp[0], sc.len[0]);
	len = sc.len[0];
	CHECK_EQ(tpm2_parse_nv_read_public(rsp, len, &got, NULL, &e), 0);
	CHECK_EQ(got.attributes, pub.attributes);
	CHECK(memcmp(got.policy, pub.policy, 32) == 0);
	/* every truncation is refused */
	for (size_t l = 10; l < len; l++) {
		st_be32(rsp + 2, (u32)l);
		CHECK(tpm2_parse_nv_read_public(rsp, l, &got, NULL, &e) != 0);
	}
	st_be32(rsp + 2, (u32)len);
	/* a Name that is not the hash of the area */
	setup();
	push_public(&pub, true);
	CHECK_EQ(tpm2_parse_nv_read_public(sc.rsp[0], sc.len[0], &got, NULL, &e), PP_EINVAL);
	CHECK_MSG(&e, "nvName (34 bytes) is not the hash of nvPublic");
	/* nvPublic.size larger than its fields */
	memcpy(rsp, sc.rsp[0], sc.len[0]);
	st_be16(rsp + 10, (u16)(ld_be16(rsp + 10) - 1));
	CHECK(tpm2_parse_nv_read_public(rsp, sc.len[0], &got, NULL, &e) != 0);
	/* authPolicy.size beyond 64 */
	setup();
	push_public(&pub, false);
	memcpy(rsp, sc.rsp[0], sc.len[0]);
	st_be16(rsp + 22, 65);
	CHECK_EQ(tpm2_parse_nv_read_public(rsp, sc.len[0], &got, NULL, &e), PP_EINVAL);
	CHECK_MSG(&e, "authPolicy.size 65");
	/* answered for another index */
	setup();
	pub.index = 0x01500A05u;
	push_public(&pub, false);
	CHECK_EQ(tpm2_nv_read_public(&dev, 0x01500A00u, &got, NULL, &e), PP_EINVAL);
	CHECK_MSG(&e, "answered for index 0x01500a05");
}

TEST(tpm2_nv_parser_rejections)
{
	u8 out[8], d[32];
	u32 s = 0;

	setup();
	push_value(7);
	CHECK_EQ(tpm2_parse_nv_read(sc.rsp[0], sc.len[0], out, 4, &e), PP_EINVAL);
	CHECK_MSG(&e, "8 bytes returned, 4 asked");
	CHECK_EQ(tpm2_parse_nv_read(sc.rsp[0], sc.len[0] - 1, out, 8, &e), PP_ETRUNC);
	CHECK_EQ(tpm2_parse_no_params(sc.rsp[0], sc.len[0], 1, "X", &e), PP_EINVAL);
	CHECK_MSG(&e, "X: 10 unexpected parameter bytes");
	{
		u8 b[22];
		st_be32(b, 0x02000000u); /* an HMAC session's handle */
		st_be16(b + 4, 16);
		memset(b + 6, 0, 16);
		setup();
		push(TPM2_ST_NO_SESSIONS, 0, b, 22);
		CHECK_EQ(tpm2_parse_start_auth_session(sc.rsp[0], sc.len[0], &s, &e), PP_EINVAL);
		CHECK_MSG(&e, "0x02000000 is not a policy session");
		st_be32(b, 0x03000000u);
		st_be16(b + 4, 8);
		setup();
		push(TPM2_ST_NO_SESSIONS, 0, b, 14);
		CHECK_EQ(tpm2_parse_start_auth_session(sc.rsp[0], sc.len[0], &s, &e), PP_EINVAL);
		CHECK_MSG(&e, "nonceTPM of 8 bytes");
	}
	{
		u8 b[2 + 20];
		st_be16(b, 20);
		memset(b + 2, 0, 20);
		setup();
		push(TPM2_ST_NO_SESSIONS, 0, b, sizeof(b));
		CHECK_EQ(tpm2_parse_policy_get_digest(sc.rsp[0], sc.len[0], d, &e), PP_EINVAL);
		CHECK_MSG(&e, "digest of 20 bytes");
	}
}

TEST(nvfloor_read_checks)
{
	struct nvfloor_state st = {0, 0, 0};
	struct tpm2_nv_public c;

	setup();
	push_read(0x105, 0x100);
	CHECK_EQ(nvfloor_read(&dev, &nvfloor_default_layout, &st, &e), 0);
	CHECK_EQ(st.floor, 5);
	CHECK_EQ(sc.sent, 4);
	CHECK_EQ(cc_of(0), TPM2_CC_NV_READ_PUBLIC);
	CHECK_EQ(cc_of(2), TPM2_CC_NV_READ);

	/* counter below its baseline */
	setup();
	push_read(0xff, 0x100);
	CHECK_EQ(nvfloor_read(&dev, &nvfloor_default_layout, &st, &e), PP_EINVAL);
	CHECK_MSG(&e, "counter 0xff below its baseline 0x100");

	/* absent counter */
	setup();
	push_err(0x18B);
	CHECK_EQ(nvfloor_read(&dev, &nvfloor_default_layout, &st, &e), PP_ENOENT);
	CHECK_MSG(&e, "NV index 0x01500a00 is not defined");

	/* counter with OWNERWRITE added: nothing read from it */
	setup();
	push_provisioned(TPMA_NV_OWNERWRITE);
	CHECK_EQ(nvfloor_read(&dev, &nvfloor_default_layout, &st, &e), PP_EINVAL);
	CHECK_MSG(&e, "attributes 0x6204041a, expected 0x42040418 (bit 1 set)");
	CHECK_EQ(sc.sent, 1);

	/* baseline not locked */
	setup();
	nvfloor_expected_public(&nvfloor_default_layout, true, &c);
	c.attributes |= TPMA_NV_WRITTEN;
	push_public(&c, false);
	nvfloor_expected_public(&nvfloor_default_layout, false, &c);
	c.attributes |= TPMA_NV_WRITTEN;
	push_public(&c, false);
	CHECK_EQ(nvfloor_read(&dev, &nvfloor_default_layout, &st, &e), PP_ENOENT);
	CHECK_MSG(&e, "baseline not write-locked");

	/* the counter's policy replaced */
	setup();
	nvfloor_expected_public(&nvfloor_default_layout, true, &c);
	c.attributes |= TPMA_NV_WRITTEN;
	c.policy[0] ^= 0x80;
	push_public(&c, false);
	CHECK_EQ(nvfloor_read(&dev, &nvfloor_default_layout, &st, &e), PP_EINVAL);
	CHECK_MSG(&e, "authPolicy (32 bytes) is not the locality-2 policy");
}

/* GetRandom, StartAuthSession: the start of every floor session. */
static void push_session_start(void)
{
	u8 r[34], b[22];
	st_be16(r, 32);
	memset(r + 2, 0x33, 32);
	push(TPM2_ST_NO_SESSIONS, 0, r, sizeof(r));
	st_be32(b, 0x03000000u);
	st_be16(b + 4, 16);
	memset(b + 6, 0x44, 16);
	push(TPM2_ST_NO_SESSIONS, 0, b, sizeof(b));
}

TEST(nvfloor_raise_sequence)
{
	struct nvfloor_state st;

	/* already at or above: nothing but the read */
	setup();
	push_read(0x105, 0x100);
	CHECK_EQ(nvfloor_raise(&dev, &nvfloor_default_layout, 5, &st, &e), 0);
	CHECK_EQ(sc.sent, 4);

	/* a jump above NVFLOOR_MAX_STEP: refused before any session */
	setup();
	push_read(0x105, 0x100);
	CHECK_EQ(nvfloor_raise(&dev, &nvfloor_default_layout, 5 + NVFLOOR_MAX_STEP + 1, &st, &e),
		 PP_ERANGE);
	CHECK_MSG(&e, "raising 5 to 70 takes 65 increments, more than 64");
	CHECK_EQ(sc.sent, 4);

	/* 5 -> 7: per step PolicyCommandCode, PolicyLocality, PolicyOR, NV_Increment */
	setup();
	push_read(0x105, 0x100);
	push_session_start();
	for (int i = 0; i < 2; i++) {
		push_ok();
		push_ok();
		push_ok();
		push_sess(NULL, 0);
	}
	push_ok(); /* flush */
	push_read(0x107, 0x100);
	CHECK_EQ(nvfloor_raise(&dev, &nvfloor_default_layout, 7, &st, &e), 0);
	CHECK_EQ(st.floor, 7);
	CHECK_EQ(sc.sent, 4 + 2 + 8 + 1 + 4);
	CHECK_EQ(cc_of(4), TPM2_CC_GET_RANDOM);
	CHECK_EQ(cc_of(5), TPM2_CC_START_AUTH_SESSION);
	CHECK_EQ(cc_of(6), TPM2_CC_POLICY_COMMAND_CODE);
	CHECK_EQ(cc_of(7), TPM2_CC_POLICY_LOCALITY);
	CHECK_EQ(cc_of(8), TPM2_CC_POLICY_OR);
	CHECK_EQ(cc_of(9), TPM2_CC_NV_INCREMENT);
	CHECK_EQ(cc_of(13), TPM2_CC_NV_INCREMENT);
	CHECK_EQ(cc_of(14), TPM2_CC_FLUSH_CONTEXT);
	CHECK_EQ(ld_be32(sc.cmd[14] + 10), 0x03000000u);

	/* the TPM moved less than asked: reported */
	setup();
	push_read(0x105, 0x100);
	push_session_start();
	push_ok();
	push_ok();
	push_ok();
	push_sess(NULL, 0);
	push_ok();
	push_read(0x105, 0x100);
	CHECK_EQ(nvfloor_raise(&dev, &nvfloor_default_layout, 6, &st, &e), PP_EDEVICE);
	CHECK_MSG(&e, "NV floor: 5 after raising to 6");
}

TEST(nvfloor_raise_refused_keeps_the_tpm_code_and_flushes)
{
	struct nvfloor_state st;

	setup();
	push_read(0x105, 0x100);
	push_session_start();
	push_ok();
	push_ok();
	push_ok();
	push_err(TPM2_RC_LOCALITY);
	push_ok(); /* flush */
	CHECK_EQ(nvfloor_raise(&dev, &nvfloor_default_layout, 9, &st, &e), PP_EDEVICE);
	CHECK_EQ(dev.last_rc, TPM2_RC_LOCALITY);
	CHECK_MSG(&e, "TPM2_NV_Increment(0x01500a00) at locality 2: TPM returned 0x907");
	CHECK_EQ(sc.sent, 4 + 2 + 4 + 1);
	CHECK_EQ(cc_of(10), TPM2_CC_FLUSH_CONTEXT);

	/* a policy command refused: flushed too */
	setup();
	push_read(0x105, 0x100);
	push_session_start();
	push_err(TPM2_RC_VALUE | 0x40 | 0x100);
	push_ok();
	CHECK_EQ(nvfloor_raise(&dev, &nvfloor_default_layout, 9, &st, &e), PP_EDEVICE);
	CHECK_MSG(&e, "TPM2_PolicyCommandCode(0x134)");
	CHECK_EQ(cc_of(7), TPM2_CC_FLUSH_CONTEXT);
}

TEST(nvfloor_provision_sequence)
{
	struct tpm2_nv_public c, b;
	struct nvfloor_state st;

	setup();
	nvfloor_expected_public(&nvfloor_default_layout, true, &c);
	nvfloor_expected_public(&nvfloor_default_layout, false, &b);
	push_public(&c, false);
	push_public(&b, false);
	push_session_start(); /* increment once */
	push_ok();
	push_ok();
	push_ok();
	push_sess(NULL, 0);
	push_ok();
	push_value(0x2A);     /* counter */
	push_session_start(); /* baseline: WRITE branch, NV_Write, again, NV_WriteLock */
	push_ok();
	push_ok();
	push_sess(NULL, 0);
	push_ok();
	push_ok();
	push_sess(NULL, 0);
	push_ok();
	push_read(0x2A, 0x2A);
	CHECK_EQ(nvfloor_provision(&dev, &nvfloor_default_layout, &st, &e), 0);
	CHECK_EQ(st.floor, 0);
	CHECK_EQ(cc_of(12), TPM2_CC_POLICY_LOCALITY); /* WRITE branch: no command code */
	CHECK_EQ(cc_of(13), TPM2_CC_POLICY_OR);
	CHECK_EQ(cc_of(14), TPM2_CC_NV_WRITE);
	CHECK(hex_is(sc.cmd[14] + 10 + 8 + 4 + 9, "0008000000000000002a0000"));
	CHECK_EQ(cc_of(17), TPM2_CC_NV_WRITE_LOCK);
	CHECK_EQ(cc_of(18), TPM2_CC_FLUSH_CONTEXT);

	/* already locked: refused, nothing written */
	setup();
	c.attributes |= TPMA_NV_WRITTEN;
	b.attributes |= TPMA_NV_WRITTEN | TPMA_NV_WRITELOCKED;
	push_public(&c, false);
	push_public(&b, false);
	CHECK_EQ(nvfloor_provision(&dev, &nvfloor_default_layout, &st, &e), PP_EINVAL);
	CHECK_MSG(&e, "already locked");
	CHECK_EQ(sc.sent, 2);
}

TEST(nvfloor_check_epoch_refuses_below_the_floor)
{
	struct nvfloor_state st;

	setup();
	push_read(0x105, 0x100);
	CHECK_EQ(nvfloor_check_epoch(&dev, &nvfloor_default_layout, 5, &st, &e), 0);
	setup();
	push_read(0x105, 0x100);
	CHECK_EQ(nvfloor_check_epoch(&dev, &nvfloor_default_layout, 4, &st, &e), PP_ERANGE);
	CHECK_MSG(&e, "policy epoch 4 is below the TPM floor 5 (NV counter 0x01500a00)");
	setup();
	push_err(0x18B);
	CHECK_EQ(nvfloor_check_epoch(&dev, &nvfloor_default_layout, 9, &st, &e), PP_ENOENT);
}

TEST(nvfloor_define_and_undefine_sequences)
{
	struct tpm2_nv_public b;

	setup();
	push_sess(NULL, 0);
	push_sess(NULL, 0);
	CHECK_EQ(nvfloor_define(&dev, &nvfloor_default_layout, &e), 0);
	CHECK_EQ(sc.sent, 2);
	nvfloor_expected_public(&nvfloor_default_layout, false, &b);
	/* after header, handle, authorizationSize, session, auth, publicInfo.size */
	CHECK(hex_is(sc.cmd[1] + 10 + 4 + 4 + 9 + 2 + 2, "01500a01000b420434080020"));
	CHECK(memcmp(sc.cmd[1] + 10 + 4 + 4 + 9 + 2 + 2 + 12, b.policy, 32) == 0);
	/* the counter defined, the baseline refused: the error names it */
	setup();
	push_sess(NULL, 0);
	push_err(TPM2_RC_NV_DEFINED);
	CHECK_EQ(nvfloor_define(&dev, &nvfloor_default_layout, &e), PP_EDEVICE);
	CHECK_MSG(&e, "TPM2_NV_DefineSpace(0x01500a01)");

	/* undefine: DELETE branch + UndefineSpaceSpecial for each, then flush */
	{
		static const u8 two[14] = {0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0};
		setup();
		push_session_start();
		for (int i = 0; i < 2; i++) {
			push_ok();
			push_ok();
			push_ok();
			push(TPM2_ST_SESSIONS, 0, two, sizeof(two));
		}
		push_ok();
		CHECK_EQ(nvfloor_undefine(&dev, &nvfloor_default_layout, &e), 0);
		CHECK_EQ(sc.sent, 11);
		CHECK(hex_is(sc.cmd[2] + 14,
			     "0000011f")); /* PolicyCommandCode(UndefineSpaceSpecial) */
		CHECK_EQ(cc_of(5), TPM2_CC_NV_UNDEFINE_SPACE_SPECIAL);
		CHECK_EQ(ld_be32(sc.cmd[5] + 10), 0x01500A00u);
		CHECK_EQ(ld_be32(sc.cmd[9] + 10), 0x01500A01u);
		CHECK_EQ(cc_of(10), TPM2_CC_FLUSH_CONTEXT);
	}
}
