// SPDX-License-Identifier: GPL-2.0-only
/*
 * A device's `on-fault log|stop` (docs/policy.md, "Resources"; issue 11,
 * item 4) through every form of the policy: the parser (optional, default
 * log, unknown values and repeats refused at their column), the binary
 * (the device record's word at 0x0c, which older binaries hold as a
 * reserved zero, so they read as log), the validator (unknown actions
 * refused by rule structure), the canonical text (always spelled; an
 * unknown action has no source form) and compile, dump, compile.
 */
#include <parapet/bytes.h>
#include <parapet/policy.h>
#include "common/policy/layout.h"
#include "policy/compiler/compiler.h"
#include "policy_fixture.h"
#include "unit.h"

#define HDR "policy t {\n version 1\n epoch 1\n min-hypervisor 1\n platform \"P\"\n}\n"
#define PART(body)                                                                                 \
	"partition a {\n id 1\n image \"a.bin\"\n entry 0x1000\n boot long64\n cache-mask none\n"  \
	" ram gpa 0x0 hpa any size 4K perm rwx dma yes\n cpu 0 exclusive\n" body "}\n"

static struct pp_policy pol, back;
static u8 bin[8192], bin2[8192];
static char text[POL_SRC_EMIT_MAX], msg[512];

static int parse(const char *src)
{
	return pol_src_parse("t.pol", src, strlen(src), &pol, msg, sizeof(msg));
}

TEST(policy_fault_action_parse)
{
	REQUIRE(parse(HDR PART(" device 0000:00:01.0 iommu 0\n")) == 0);
	REQUIRE(pol.n_devs == 1);
	CHECK_EQ(pol.devs[0].on_fault, PP_POL_FAULT_LOG); /* the default */
	REQUIRE(parse(HDR PART(" device 0000:00:01.0 iommu 0 on-fault log\n")) == 0);
	CHECK_EQ(pol.devs[0].on_fault, PP_POL_FAULT_LOG);
	REQUIRE(parse(HDR PART(" device 0000:00:01.0 on-fault stop iommu 2\n")) == 0);
	CHECK_EQ(pol.devs[0].on_fault, PP_POL_FAULT_STOP);
	CHECK_EQ(pol.devs[0].iommu, 2);
	/* an unknown action, a repeat, a missing value: refused where they are */
	CHECK(parse(HDR PART(" device 0000:00:01.0 iommu 0 on-fault halt\n")) == -1);
	CHECK(strcmp(msg, "t.pol:15:39: on-fault: expected 'log' or 'stop', found 'halt'") == 0);
	CHECK(parse(HDR PART(" device 0000:00:01.0 iommu 0 on-fault STOP\n")) == -1);
	CHECK(strstr(msg, "expected 'log' or 'stop', found 'STOP'") != NULL);
	CHECK(parse(HDR PART(" device 0000:00:01.0 on-fault log iommu 0 on-fault stop\n")) == -1);
	CHECK(strcmp(msg, "t.pol:15:43: duplicate key 'on-fault' in 'device' (first at 15:22)") ==
	      0);
	CHECK(parse(HDR PART(" device 0000:00:01.0 iommu 0 on-fault\n")) == -1);
	CHECK(strstr(msg, "t.pol:15:38: on-fault: expected 'log' or 'stop', found end of line") !=
	      NULL);
	/* iommu stays required */
	CHECK(parse(HDR PART(" device 0000:00:01.0 on-fault stop\n")) == -1);
	CHECK(strstr(msg, "'device' lacks the required key 'iommu'") != NULL);
}

TEST(policy_fault_action_binary)
{
	struct pp_err err = {0, ""};
	struct pp_pol_error e;
	u32 len = 0, len2 = 0;
	const u32 dev_off = 0xe0 + 2 * 0x78 + 3 * 0x20 + 0x20 + 2 * 0x18; /* the fixture's */
	/* the fixture (log): the word is zero, as every older binary has it */
	policy_fixture(&pol);
	REQUIRE(pp_policy_write(&pol, bin, sizeof(bin), &len, &err) == PP_OK);
	REQUIRE(ld_le32(bin + 0x90 + (size_t)8 * POL_T_DEVS) == dev_off);
	CHECK_EQ(ld_le32(bin + dev_off), 2); /* app's device */
	CHECK_EQ(ld_le32(bin + dev_off + 0x0c), 0);
	REQUIRE(pp_policy_read(bin, len, &back, &err) == PP_OK);
	CHECK_EQ(back.devs[0].on_fault, PP_POL_FAULT_LOG);
	/* stop: 1 at 0x0c, same size, read back, written back the same */
	policy_fixture(&pol);
	pol.devs[0].on_fault = PP_POL_FAULT_STOP;
	REQUIRE(pp_policy_write(&pol, bin2, sizeof(bin2), &len2, &err) == PP_OK);
	CHECK_EQ(len2, len);
	CHECK_EQ(ld_le32(bin2 + dev_off + 0x0c), 1);
	CHECK(memcmp(bin, bin2, dev_off + 0x0c) != 0); /* the body hash differs */
	REQUIRE(pp_policy_read(bin2, len2, &back, &err) == PP_OK);
	CHECK_EQ(back.devs[0].on_fault, PP_POL_FAULT_STOP);
	CHECK_EQ(pp_policy_validate(&back, &e), PP_OK);
	REQUIRE(pp_policy_write(&back, bin, sizeof(bin), &len, &err) == PP_OK);
	CHECK(len == len2 && memcmp(bin, bin2, len) == 0);
	/* an unknown action reads (the reader checks layout), the validator
	 * refuses it, naming the device */
	policy_fixture(&pol);
	pol.devs[0].on_fault = 2;
	REQUIRE(pp_policy_write(&pol, bin, sizeof(bin), &len, &err) == PP_OK);
	REQUIRE(pp_policy_read(bin, len, &back, &err) == PP_OK);
	CHECK_EQ(pp_policy_validate(&back, &e), PP_EINVAL);
	CHECK_EQ(e.rule, PP_POL_STRUCTURE);
	CHECK(strcmp(e.err.msg, "partition \"app\": device 0000:00:03.0: unknown fault action 2 "
				"(0 log, 1 stop)") == 0);
	pol.devs[0].on_fault = 0x80000000u;
	CHECK_EQ(pp_policy_validate(&pol, &e), PP_EINVAL);
	CHECK(strstr(e.err.msg, "unknown fault action 2147483648") != NULL);
}

TEST(policy_fault_action_dump)
{
	size_t n = 0;
	struct pp_err err = {0, ""};
	u32 len = 0, len2 = 0;
	/* always spelled, log too */
	policy_fixture(&pol);
	REQUIRE(pol_src_emit(&pol, text, sizeof(text), &n, msg, sizeof(msg)) == 0);
	CHECK(strstr(text, "    device 0000:00:03.0 iommu 0 on-fault log\n") != NULL);
	pol.devs[0].on_fault = PP_POL_FAULT_STOP;
	REQUIRE(pol_src_emit(&pol, text, sizeof(text), &n, msg, sizeof(msg)) == 0);
	CHECK(strstr(text, "    device 0000:00:03.0 iommu 0 on-fault stop\n") != NULL);
	/* compile(dump(model)) == write(model) */
	REQUIRE(pp_policy_write(&pol, bin, sizeof(bin), &len, &err) == PP_OK);
	REQUIRE(pol_src_parse("d.pol", text, n, &back, msg, sizeof(msg)) == 0);
	REQUIRE(pp_policy_write(&back, bin2, sizeof(bin2), &len2, &err) == PP_OK);
	CHECK(len == len2 && memcmp(bin, bin2, len) == 0);
	/* an unknown action has no source form: refused, not guessed */
	pol.devs[0].on_fault = 7;
	CHECK(pol_src_emit(&pol, text, sizeof(text), &n, msg, sizeof(msg)) == -1);
	CHECK(strstr(msg, "device 0000:00:03.0: fault action 7 has no source form") != NULL);
}
