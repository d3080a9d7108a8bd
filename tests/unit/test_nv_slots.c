// SPDX-License-Identifier: GPL-2.0-only
/*
 * The slot record's bytes (common/tpm/nv_slots.c, parapet/nv_slots.h):
 * offsets, little-endian counts, refusals, and its public area. The TPM
 * side runs against swtpm (tests/tpm/nv-floor-test.c, `make test-tpm-nv`).
 */
#include <string.h>
#include <parapet/nv_slots.h>
#include "unit.h"

TEST(nv_slots_layout)
{
	struct pp_slot_record r, p;
	struct pp_err e;
	u8 b[NVSLOTS_SIZE];
	memset(&r, 0, sizeof(r));
	for (u32 i = 0; i < PP_SLOT_DIGEST; i++)
		r.confirmed[i] = (u8)i;
	memset(r.trial[0].prefix, 0xA1, PP_SLOT_PREFIX);
	r.trial[0].count = 3;
	memset(r.trial[1].prefix, 0xB2, PP_SLOT_PREFIX);
	r.trial[1].count = 1;
	nvslots_serialize(&r, b);
	CHECK_EQ(NVSLOTS_SIZE, 64);
	CHECK_EQ(b[0x00], 0x00);
	CHECK_EQ(b[0x1f], 0x1f);
	CHECK(b[0x20] == 0xA1 && b[0x27] == 0xA1);
	CHECK(b[0x28] == 3 && b[0x29] == 0 && b[0x2a] == 0 && b[0x2b] == 0);
	CHECK(b[0x2c] == 0 && b[0x2f] == 0);
	CHECK(b[0x30] == 0xB2 && b[0x37] == 0xB2);
	CHECK(b[0x38] == 1 && b[0x3b] == 0);
	REQUIRE(nvslots_parse(b, sizeof(b), &p, &e) == PP_OK);
	CHECK(!memcmp(&p, &r, sizeof(p)));
	u8 z[NVSLOTS_SIZE] = {0};
	REQUIRE(nvslots_parse(z, sizeof(z), &p, &e) == PP_OK);
	CHECK_EQ(p.trial[0].count, 0);
	CHECK_EQ(p.confirmed[5], 0);
}

TEST(nv_slots_parse_rejects)
{
	struct pp_slot_record p;
	struct pp_err e;
	u8 b[NVSLOTS_SIZE + 1] = {0};
	memset(&p, 0x5C, sizeof(p));
	CHECK_EQ(nvslots_parse(b, NVSLOTS_SIZE - 1, &p, &e), PP_EINVAL);
	CHECK_MSG(&e, "63 bytes, expected 64");
	CHECK_EQ(nvslots_parse(b, NVSLOTS_SIZE + 1, &p, &e), PP_EINVAL);
	b[0x38] = 4; /* b.count above 3 */
	CHECK_EQ(nvslots_parse(b, NVSLOTS_SIZE, &p, &e), PP_ERANGE);
	CHECK_MSG(&e, "slot b trial count 4 above 3 (offset 0x38)");
	b[0x38] = 0;
	b[0x2b] = 1; /* a.count's high byte: 0x01000000 */
	CHECK_EQ(nvslots_parse(b, NVSLOTS_SIZE, &p, &e), PP_ERANGE);
	CHECK_MSG(&e, "slot a trial count 16777216");
	b[0x2b] = 0;
	b[0x3f] = 0x80; /* b's reserved word */
	CHECK_EQ(nvslots_parse(b, NVSLOTS_SIZE, &p, &e), PP_EINVAL);
	CHECK_MSG(&e, "reserved word 0x80000000 at offset 0x3c");
	CHECK_EQ(p.confirmed[0], 0x5C); /* untouched on failure */
}

TEST(nv_slots_public)
{
	struct tpm2_nv_public pub, base;
	nvslots_expected_public(NVSLOTS_INDEX, &pub);
	nvfloor_expected_public(&nvfloor_default_layout, false, &base);
	CHECK_EQ(pub.index, 0x01500A02u);
	/* ordinary, POLICYWRITE, POLICY_DELETE, AUTHREAD, NO_DA, PLATFORMCREATE
	 * (Part 2, 13.4): 0x42040408; no WRITEDEFINE/WRITEALL/ORDERLY */
	CHECK_EQ(pub.attributes, 0x42040408u);
	CHECK_EQ(pub.data_size, NVSLOTS_SIZE);
	CHECK_EQ(pub.policy_size, 32);
	CHECK(!memcmp(pub.policy, base.policy, 32)); /* PolicyOR(WRITE, DELETE) */
}
