// SPDX-License-Identifier: GPL-2.0-only
/* AMD-Vi interrupt remapping in the driver (amdvi_intr_table,
 * amdvi_irte_set) against the unit model (amdvi_model.c): the DTE's word
 * 2 and the exact commands (INVALIDATE_DEVTAB_ENTRY, INVALIDATE_INTERRUPT_
 * TABLE, COMPLETION_WAIT), the entry written, block putting the deny word
 * back, refusals that write and queue nothing. */
#include "hypervisor/drivers/iommu/amdvi.h"
#include "hypervisor/drivers/iommu/amdvi_cmd.h"
#include "amdvi_model.h"
#include "unit.h"

#define BASE 0xfed80000ull

static bool cmd_is(const struct amdvi_cmd *c, u32 w0, u32 w1, u32 w2, u32 w3)
{
	return c->w[0] == w0 && c->w[1] == w1 && c->w[2] == w2 && c->w[3] == w3;
}

static bool is_wait(const struct amdvi *u, const struct amdvi_cmd *c, u64 seq)
{
	return cmd_is(c, (u32)u->sem_hpa | AMDVI_CW_S, (1u << 28) | (u32)(u->sem_hpa >> 32),
		      (u32)seq, (u32)(seq >> 32));
}

TEST(amdvi_intr_table_and_entry_exact)
{
	static struct amdvi_model m;
	static struct amdvi u;
	static u32 table[1024] __attribute__((aligned(4096)));
	struct pp_err err;
	amdvi_model_init(&m);
	REQUIRE(amdvi_init(&u, &m.env, BASE, &err) == PP_OK);
	REQUIRE(amdvi_attach(&u, 0x0010, 5, 0x123000, 4, &err) == PP_OK);
	const u64 q0 = u.dev_table[0x10].q[0], q1 = u.dev_table[0x10].q[1];
	const u64 seq = u.seq;
	m.nlog = 0;
	REQUIRE(amdvi_intr_table(&u, 0x0010, 0x7f000ull, &err) == PP_OK);
	/* Word 2: IV, IntTabLen 8, root 0x7f000, IntCtl 10b; the DMA words kept. */
	CHECK_EQ(u.dev_table[0x10].q[2], 0x1ull | (8ull << 1) | 0x7f000ull | (2ull << 60));
	CHECK_EQ(u.dev_table[0x10].q[0], q0);
	CHECK_EQ(u.dev_table[0x10].q[1], q1);
	CHECK_EQ(u.dev_table[0x10].q[3], 0);
	REQUIRE(m.nlog == 3);
	CHECK(cmd_is(&m.log[0], 0x10, 2u << 28, 0, 0)); /* INVALIDATE_DEVTAB_ENTRY */
	CHECK(cmd_is(&m.log[1], 0x10, 5u << 28, 0, 0)); /* INVALIDATE_INTERRUPT_TABLE */
	CHECK(is_wait(&u, &m.log[2], seq + 1));

	m.nlog = 0;
	u32 e = 0;
	REQUIRE(amdvi_irte_remapped(&e, 0x51, 3, &err) == PP_OK);
	REQUIRE(amdvi_irte_set(&u, 0x0010, table, 0, e, &err) == PP_OK);
	CHECK_EQ(table[0], 0x00510301u);
	CHECK_EQ(table[1], 0);
	REQUIRE(m.nlog == 2);
	CHECK(cmd_is(&m.log[0], 0x10, 5u << 28, 0, 0));
	CHECK(is_wait(&u, &m.log[1], seq + 2));

	/* Cleared: RemapEn 0, same invalidation. */
	m.nlog = 0;
	REQUIRE(amdvi_irte_set(&u, 0x0010, table, 0, amdvi_irte_blocked(), &err) == PP_OK);
	CHECK_EQ(table[0], 0);
	REQUIRE(m.nlog == 2);

	/* Block: the deny word 2 (the shared all-zero table, IntCtl abort). */
	REQUIRE(amdvi_block(&u, 0x0010, &err) == PP_OK);
	CHECK_EQ(u.dev_table[0x10].q[2], u.irt_hpa | 1);
	amdvi_model_fini(&m);
}

TEST(amdvi_intr_refusals_change_nothing)
{
	static struct amdvi_model m;
	static struct amdvi u;
	static u32 table[1024] __attribute__((aligned(4096)));
	struct pp_err err;
	amdvi_model_init(&m);
	REQUIRE(amdvi_init(&u, &m.env, BASE, &err) == PP_OK);
	const u64 w2 = u.dev_table[0x20].q[2], cmds = u.st.cmds;
	CHECK_EQ(amdvi_intr_table(&u, 0x20, 0x7f020ull, &err), PP_EINVAL);
	CHECK_MSG(&err, "not 64-byte aligned");
	CHECK_EQ(amdvi_intr_table(&u, 0x20, 0, &err), PP_EINVAL);
	CHECK_EQ(u.dev_table[0x20].q[2], w2);
	table[0] = 0x1234;
	CHECK_EQ(amdvi_irte_set(&u, 0x20, table, 256, 0x00510301u, &err), PP_EINVAL);
	CHECK_MSG(&err, "interrupt entry 256 of 0020");
	CHECK_EQ(amdvi_irte_set(&u, 0x20, NULL, 0, 0x00510301u, &err), PP_EINVAL);
	CHECK_EQ(table[0], 0x1234);
	CHECK_EQ(u.st.cmds, cmds);
	amdvi_model_fini(&m);
}

/* amdvi_intr_direct against the model: the whole table written (blocked
 * below `first`, vector v at the APIC ID above), then the DTE's word 2 and
 * exactly INVALIDATE_DEVTAB_ENTRY, INVALIDATE_INTERRUPT_TABLE, wait; a
 * refused APIC ID writes and queues nothing. */
TEST(amdvi_intr_direct_exact)
{
	static struct amdvi_model m;
	static struct amdvi u;
	static u32 table[1024] __attribute__((aligned(4096)));
	struct pp_err err;
	amdvi_model_init(&m);
	REQUIRE(amdvi_init(&u, &m.env, BASE, &err) == PP_OK);
	REQUIRE(amdvi_attach(&u, 0x0018, 7, 0x123000, 4, &err) == PP_OK);
	const u64 q0 = u.dev_table[0x18].q[0], seq = u.seq, cmds = u.st.cmds;
	for (u32 i = 0; i < 1024; i++)
		table[i] = 0xffffffffu;
	CHECK_EQ(amdvi_intr_direct(&u, 0x0018, table, 0x7f000ull, 0x20, 300, &err), PP_EINVAL);
	CHECK_EQ(table[0x20], 0xffffffffu);
	CHECK_EQ(u.st.cmds, cmds);
	m.nlog = 0;
	REQUIRE(amdvi_intr_direct(&u, 0x0018, table, 0x7f000ull, 0x20, 5, &err) == PP_OK);
	CHECK_EQ(table[0], 0);
	CHECK_EQ(table[0x1f], 0);
	CHECK_EQ(table[0x20], 0x00200501u);
	CHECK_EQ(table[0x51], 0x00510501u);
	CHECK_EQ(table[0xff], 0x00ff0501u);
	CHECK_EQ(table[0x100], 0xffffffffu); /* beyond the 256 entries: untouched */
	CHECK_EQ(u.dev_table[0x18].q[2], 0x1ull | (8ull << 1) | 0x7f000ull | (2ull << 60));
	CHECK_EQ(u.dev_table[0x18].q[0], q0);
	REQUIRE(m.nlog == 3);
	CHECK(cmd_is(&m.log[0], 0x18, 2u << 28, 0, 0));
	CHECK(cmd_is(&m.log[1], 0x18, 5u << 28, 0, 0));
	CHECK(is_wait(&u, &m.log[2], seq + 1));
	/* block puts the deny word back (its interrupts aborted again) */
	REQUIRE(amdvi_block(&u, 0x0018, &err) == PP_OK);
	CHECK_EQ(u.dev_table[0x18].q[2], u.irt_hpa | 1);
	amdvi_model_fini(&m);
}
