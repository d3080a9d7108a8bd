// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest's MSI judged for the VT-d trap (hypervisor/core/linux/vmsi.h;
 * Intel SDM vol. 3 §11.11.1 address, §11.11.2 data): every accepted form
 * and every refusal reason, its fields and its explanation.
 */
#include <string.h>
#include "hypervisor/core/linux/vmsi.h"
#include "unit.h"

#define OWN 3u /* the partition's APIC ID */
#define A(dest) (0xFEE00000u | (u32)(dest) << 12)

static u32 judge(u64 addr, u32 data)
{
	struct vmsi_msg m;

	return vmsi_decide(addr, data, OWN, &m);
}

TEST(vmsi_accepts_fixed_and_lowest_priority)
{
	struct vmsi_msg m;

	/* Linux's physflat message: fixed, edge, vector 0x22 (data 0x0022) */
	CHECK_EQ(vmsi_decide(A(OWN), 0x0022, OWN, &m), VMSI_OK);
	CHECK_EQ(m.vector, 0x22);
	CHECK_EQ(m.dest, OWN);
	CHECK_EQ(m.dlm, 0);
	CHECK(!m.logical && !m.rh && !m.level);
	/* lowest priority (001b), RH set with DM 0 (physical), vectors 0x20 and 0xFF */
	CHECK_EQ(vmsi_decide(A(OWN) | 0x8u, 0x0120, OWN, &m), VMSI_OK);
	CHECK_EQ(m.dlm, 1);
	CHECK(m.rh);
	CHECK_EQ(judge(A(OWN), 0x00FF), VMSI_OK);
	/* bit 14 (level assert) is ignored for edge (§11.11.2) */
	CHECK_EQ(judge(A(OWN), 0x4061), VMSI_OK);
	/* APIC ID 0 is a valid own ID */
	CHECK_EQ(vmsi_decide(A(0), 0x0030, 0, &m), VMSI_OK);
}

TEST(vmsi_refusals)
{
	struct vmsi_msg m;

	/* address: not 0xFEE, the upper half, bit 4 (VT-d's remappable
	 * format), other reserved bits 11:5, bits 1:0 */
	CHECK_EQ(judge(0xFED00000u | OWN << 12, 0x22), VMSI_R_ADDRESS);
	CHECK_EQ(judge(0x100000000ull | A(OWN), 0x22), VMSI_R_ADDRESS);
	CHECK_EQ(judge(A(OWN) | 0x10u, 0x22), VMSI_R_ADDRESS);
	CHECK_EQ(judge(A(OWN) | 0x800u, 0x22), VMSI_R_ADDRESS);
	CHECK_EQ(judge(A(OWN) | 0x1u, 0x22), VMSI_R_ADDRESS);
	CHECK_EQ(judge(0, 0), VMSI_R_ADDRESS);
	/* logical destination (DM 1), even with the own ID */
	CHECK_EQ(vmsi_decide(A(OWN) | 0x4u, 0x22, OWN, &m), VMSI_R_LOGICAL);
	CHECK(m.logical);
	/* a foreign destination: another core, broadcast */
	CHECK_EQ(vmsi_decide(A(1), 0x61, OWN, &m), VMSI_R_FOREIGN);
	CHECK_EQ(m.dest, 1);
	CHECK_EQ(judge(A(0xFF), 0x61), VMSI_R_FOREIGN);
	/* reserved data bits 13:11 and 31:16 */
	CHECK_EQ(judge(A(OWN), 0x0822), VMSI_R_DATA);
	CHECK_EQ(judge(A(OWN), 0x10022), VMSI_R_DATA);
	/* every delivery mode but fixed and lowest priority */
	const u32 bad[] = {2, 3, 4, 5, 6, 7};
	for (u32 i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_EQ(vmsi_decide(A(OWN), bad[i] << 8 | 0x40, OWN, &m), VMSI_R_DELIVERY);
		CHECK_EQ(m.dlm, bad[i]);
	}
	/* level-triggered */
	CHECK_EQ(vmsi_decide(A(OWN), 0xC022, OWN, &m), VMSI_R_TRIGGER);
	CHECK(m.level);
	/* vectors 0..0x1F: exceptions */
	CHECK_EQ(judge(A(OWN), 0x1F), VMSI_R_VECTOR);
	CHECK_EQ(judge(A(OWN), 0x02), VMSI_R_VECTOR);
	CHECK_EQ(judge(A(OWN), 0x100), VMSI_R_VECTOR); /* lowest priority, vector 0 */
	/* the first reason in the enum's order: what before where, so an
	 * NMI or INIT at a foreign core is refused for its delivery mode, a
	 * low vector at a foreign core for its vector */
	CHECK_EQ(judge(A(0), 0x400), VMSI_R_DELIVERY);
	CHECK_EQ(judge(A(0), 0x500), VMSI_R_DELIVERY);
	CHECK_EQ(judge(A(0), 0x10), VMSI_R_VECTOR);
	CHECK_EQ(judge(A(0) | 0x4u, 0x22), VMSI_R_LOGICAL);
	CHECK_EQ(judge(A(OWN) | 0x10u, 0x400), VMSI_R_ADDRESS);
}

TEST(vmsi_explain_and_names)
{
	struct vmsi_msg m;
	char b[96];

	vmsi_decide(A(OWN), 0x400, OWN, &m);
	vmsi_explain(&m, OWN, b, sizeof(b));
	CHECK(strcmp(b, "delivery mode nmi (only fixed or lowest priority)") == 0);
	vmsi_decide(A(OWN), 0x500, OWN, &m);
	vmsi_explain(&m, OWN, b, sizeof(b));
	CHECK(strcmp(b, "delivery mode init (only fixed or lowest priority)") == 0);
	vmsi_decide(A(OWN), 0x700, OWN, &m);
	vmsi_explain(&m, OWN, b, sizeof(b));
	CHECK(strcmp(b, "delivery mode extint (only fixed or lowest priority)") == 0);
	vmsi_decide(A(1), 0x61, OWN, &m);
	vmsi_explain(&m, OWN, b, sizeof(b));
	CHECK(strcmp(b, "destination APIC ID 1 is not the partition's (3)") == 0);
	vmsi_decide(A(OWN), 0x10, OWN, &m);
	vmsi_explain(&m, OWN, b, sizeof(b));
	CHECK(strcmp(b, "vector 0x10 below 0x20") == 0);
	vmsi_decide(A(OWN), 0x22, OWN, &m);
	vmsi_explain(&m, OWN, b, sizeof(b));
	CHECK(strcmp(b, "accepted") == 0);
	vmsi_explain(&m, OWN, b, 4); /* truncated, terminated */
	CHECK(strcmp(b, "acc") == 0);
	CHECK(strcmp(vmsi_reason_name(VMSI_R_FOREIGN), "foreign") == 0);
	CHECK(strcmp(vmsi_reason_name(VMSI_R_COUNT), "?") == 0);
	for (u32 r = 0; r < VMSI_R_COUNT; r++)
		CHECK(vmsi_reason_name(r) && strcmp(vmsi_reason_name(r), "?") != 0);
	CHECK(strcmp(vmsi_dlm_name(1), "lowest-priority") == 0);
}
