// SPDX-License-Identifier: GPL-2.0-only
/*
 * The policy's binary form (common/policy/bin_*.c, layout.h): canonical
 * (any record order gives the same bytes), round trip, and the reader's
 * refusals, each with its own message, the output untouched.
 */
#include <openssl/sha.h>
#include <parapet/bytes.h>
#include <parapet/policy.h>
#include "common/policy/layout.h"
#include "policy_fixture.h"
#include "unit.h"

static u8 bin[8192], bin2[8192];
static struct pp_policy pol, back;

static u32 build(u8 *out)
{
	u32 len = 0;
	struct pp_err err = {0, ""};
	policy_fixture(&pol);
	if (pp_policy_write(&pol, out, 8192, &len, &err) != PP_OK)
		return 0;
	return len;
}

/* Re-hash after an edit of the body, so the reader reaches the field. */
static void rehash(u8 *b, u32 len)
{
	SHA256(b + sizeof(struct pol_header), len - sizeof(struct pol_header), b + 0x30);
}

TEST(policy_bin_layout)
{
	u32 len = build(bin);
	REQUIRE(len == pp_policy_bin_size(&pol));
	CHECK(memcmp(bin, "PPPOLCY1", 8) == 0);
	CHECK_EQ(ld_le32(bin + 0x0c), 0xe0);
	CHECK_EQ(ld_le32(bin + 0x10), len);
	/* parts, ram, mmio, cpus, devs, irqs, ports, caps, chans */
	CHECK_EQ(len,
		 0xe0 + 2 * 0x78 + 3 * 0x20 + 0x20 + 2 * 0x18 + 0x10 + 8 + 8 + 4 * 0x10 + 2 * 0x40);
	CHECK_EQ(ld_le32(bin + 0x90), 0xe0);
	CHECK_EQ(ld_le32(bin + 0x94), 2);
	CHECK_EQ(ld_le32(bin + 0x98), 0xe0 + 2 * 0x78);
	CHECK_EQ(ld_le32(bin + 0xe0), 1); /* sorted: service (id 1) first */
	CHECK(strcmp((const char *)bin + 0xe0 + 0x18, "service") == 0);
	u8 h[32];
	SHA256(bin + 0xe0, len - 0xe0, h);
	CHECK(memcmp(h, bin + 0x30, 32) == 0);
}

TEST(policy_bin_canonical_and_round_trip)
{
	u32 len = build(bin), len2 = 0;
	struct pp_err err = {0, ""};
	REQUIRE(len);
	/* The same model with its records in another order: same bytes. */
	policy_fixture(&pol);
	struct pp_pol_ram r = pol.ram[0];
	pol.ram[0] = pol.ram[2];
	pol.ram[2] = r;
	struct pp_pol_cap_ent c = pol.caps[0];
	pol.caps[0] = pol.caps[3];
	pol.caps[3] = c;
	REQUIRE(pp_policy_write(&pol, bin2, sizeof(bin2), &len2, &err) == PP_OK);
	CHECK_EQ(len2, len);
	CHECK(memcmp(bin, bin2, len) == 0);
	/* read, write: same bytes */
	REQUIRE(pp_policy_read(bin, len, &back, &err) == PP_OK);
	CHECK_EQ(back.n_ram, 3);
	CHECK_EQ(back.parts[1].entry, 0x100000);
	CHECK(strcmp(back.chans[0].name, "ctl") == 0);
	REQUIRE(pp_policy_write(&back, bin2, sizeof(bin2), &len2, &err) == PP_OK);
	CHECK(len2 == len && memcmp(bin, bin2, len) == 0);
}

/* Each case: an edit, then the code and a piece of the message. */
static void refuse(u32 off, u8 val, bool fix_hash, int code, const char *msg)
{
	u32 len = build(bin);
	struct pp_err err = {0, ""};
	memset(&back, 0xa5, sizeof(back));
	bin[off] = val;
	if (fix_hash)
		rehash(bin, len);
	CHECK_EQ(pp_policy_read(bin, len, &back, &err), code);
	CHECK_MSG(&err, msg);
	CHECK_EQ(((const u8 *)&back)[0], 0xa5);
}

TEST(policy_bin_refusals)
{
	u32 len = build(bin);
	struct pp_err err = {0, ""};
	CHECK_EQ(pp_policy_read(bin, 0xdf, &back, &err), PP_ETRUNC);
	CHECK_EQ(pp_policy_read(bin, len - 1, &back, &err), PP_ETRUNC);
	CHECK_MSG(&err, "header says");
	refuse(0, 'X', false, PP_EMAGIC, "bad magic");
	refuse(0x08, 2, false, PP_EVERSION, "format 2");
	refuse(0x0c, 0xe8, false, PP_EINVAL, "header size");
	refuse(0x14, 1, false, PP_EINVAL, "reserved");
	refuse(0xd8, 1, false, PP_EINVAL, "reserved");
	refuse(0x50 + 31, 'x', false, PP_EINVAL, "after its NUL");
	len = build(bin);
	memset(bin + 0x50, 'x', 32);
	CHECK_EQ(pp_policy_read(bin, len, &back, &err), PP_EINVAL);
	CHECK_MSG(&err, "no NUL");
	refuse(0x70 + 20, 'x', false, PP_EINVAL, "after its NUL");
	refuse(0x90, 0xe8, false, PP_EINVAL, "canonical layout");
	refuse(0x94, 17, false, PP_ERANGE, "at most 16");
	refuse(0xe0 + 0x0c, 1, true, PP_EINVAL, "reserved bytes");
	refuse(0xe0 + 0x18, 0x01, true, PP_EINVAL, "not printable");
	refuse(0xe0, 3, true, PP_EINVAL, "canonical order");
	refuse(0xe0 + 0x10, 1, false, PP_ECHECKSUM, "body hash");
	refuse(0x30, 0, false, PP_ECHECKSUM, "body hash");
}
