// SPDX-License-Identifier: GPL-2.0-only
/* The AMD-Vi unit driver (amdvi.c, amdvi_cmd.c) against the host model
 * of the unit (amdvi_model.c): default-deny bring-up, the exact DTE words
 * and command sequences of attach/block/flush, timeouts of a unit that
 * never completes, a full ring, and the event log drain with wrap-around,
 * overflow and refused entries. */
#include <parapet/acpi.h>
#include <parapet/bytes.h>
#include "hypervisor/drivers/iommu/amdvi.h"
#include "hypervisor/drivers/iommu/amdvi_cmd.h"
#include "hypervisor/drivers/iommu/amdvi_evt.h"
#include "hypervisor/drivers/iommu/amdvi_regs.h"
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

static bool dte_is_deny(const struct amdvi *u, u32 rid)
{
	const struct amdvi_dte *d = &u->dev_table[rid];
	return d->q[0] == 0x3 && d->q[1] == 0 && d->q[2] == (u->irt_hpa | 1) && d->q[3] == 0;
}

/* Firmware left Coherent and an invalidation timeout; the driver keeps
 * them and owns the rest. */
#define FW_CONTROL (AMDVI_CONTROL_COHERENT | (2ull << 5))

TEST(amdvi_init_default_deny)
{
	struct amdvi_model m;
	struct amdvi u;
	struct pp_err err;
	amdvi_model_init(&m);
	amdvi_model_set_reg(&m, AMDVI_MMIO_CONTROL, FW_CONTROL);
	REQUIRE(amdvi_init(&u, &m.env, BASE, &err) == PP_OK);
	u32 deny = 0;
	for (u32 i = 0; i < AMDVI_DEV_TABLE_ENTRIES; i++)
		deny += dte_is_deny(&u, i) && amdvi_dte_blocks_all(&u.dev_table[i]);
	CHECK_EQ(deny, 65536);
	/* The interrupt table every entry names is zero: RemapEn clear. */
	const u8 *irt = amdvi_model_va(&m, u.irt_hpa, 4096);
	REQUIRE(irt != NULL);
	u32 nz = 0;
	for (u32 i = 0; i < 4096; i++)
		nz += irt[i] != 0;
	CHECK_EQ(nz, 0);
	/* Bases: device table 2 MiB (Size 511), rings 4 KiB (length 8). */
	CHECK(amdvi_model_va(&m, u.dev_table_hpa, 2u << 20) == u.dev_table);
	CHECK_EQ(amdvi_model_reg(&m, AMDVI_MMIO_DEV_TABLE_BASE), u.dev_table_hpa | 0x1ff);
	CHECK_EQ(amdvi_model_reg(&m, AMDVI_MMIO_CMD_BUF_BASE), u.cmd_hpa | (8ull << 56));
	CHECK_EQ(amdvi_model_reg(&m, AMDVI_MMIO_EVT_LOG_BASE), u.evt_hpa | (8ull << 56));
	CHECK_EQ(amdvi_model_reg(&m, AMDVI_MMIO_CONTROL), FW_CONTROL | AMDVI_CONTROL_IOMMU_EN |
							      AMDVI_CONTROL_CMD_BUF_EN |
							      AMDVI_CONTROL_EVT_LOG_EN);
	/* The bases first, the enable after them, then the two commands. */
	REQUIRE(m.nw >= 3);
	CHECK_EQ(m.wlog[0].off, AMDVI_MMIO_DEV_TABLE_BASE);
	CHECK_EQ(m.wlog[m.nw - 3].off, AMDVI_MMIO_CONTROL);
	CHECK_EQ(m.wlog[m.nw - 2].off, AMDVI_MMIO_CMD_BUF_TAIL);
	CHECK_EQ(m.wlog[m.nw - 1].off, AMDVI_MMIO_CMD_BUF_TAIL);
	/* EFR has IASup: INVALIDATE_IOMMU_ALL, then the wait storing 1. */
	CHECK(u.inv_all);
	REQUIRE(m.nlog == 2);
	CHECK(cmd_is(&m.log[0], 0, 8u << 28, 0, 0));
	CHECK(is_wait(&u, &m.log[1], 1));
	CHECK_EQ(*u.sem, 1);
	CHECK_EQ(u.st.cmds, 2);
	CHECK_EQ(u.st.waits, 1);
	CHECK_EQ(u.st.timeouts, 0);
	CHECK(!m.bad_store);
	CHECK_EQ(amdvi_model_live(&m), 5);
	amdvi_model_fini(&m);
}

TEST(amdvi_init_without_invalidate_all)
{
	struct amdvi_model m;
	struct amdvi u;
	struct pp_err err;
	amdvi_model_init(&m);
	amdvi_model_set_reg(&m, AMDVI_MMIO_EFR, 0);
	m.per_relax = 64;
	REQUIRE(amdvi_init(&u, &m.env, BASE, &err) == PP_OK);
	CHECK(!u.inv_all);
	CHECK_EQ(m.by_op[AMDVI_CMD_INV_DEVTAB_ENTRY], 65536);
	CHECK_EQ(m.by_op[AMDVI_CMD_INV_INTERRUPT_TABLE], 65536);
	CHECK_EQ(m.by_op[AMDVI_CMD_INV_IOMMU_PAGES], 1);
	CHECK_EQ(m.by_op[AMDVI_CMD_INV_IOMMU_ALL], 0);
	CHECK_EQ(m.by_op[AMDVI_CMD_COMPLETION_WAIT], 1);
	CHECK(cmd_is(&m.log[0], 0, 2u << 28, 0, 0));
	CHECK(cmd_is(&m.log[1], 0, 5u << 28, 0, 0));
	CHECK(cmd_is(&m.log[2], 1, 2u << 28, 0, 0));
	CHECK(cmd_is(&m.log[3], 1, 5u << 28, 0, 0));
	CHECK_EQ(u.st.cmds, 2 * 65536 + 2);
	CHECK(u.st.ring_full > 0); /* 131074 commands through a 256-entry ring */
	CHECK_EQ(u.st.timeouts, 0);
	CHECK_EQ(*u.sem, 1);
	amdvi_model_fini(&m);
}

TEST(amdvi_init_disables_an_enabled_unit)
{
	struct amdvi_model m;
	struct amdvi u;
	struct pp_err err;
	amdvi_model_init(&m);
	u64 on = AMDVI_CONTROL_IOMMU_EN | AMDVI_CONTROL_CMD_BUF_EN | AMDVI_CONTROL_EVT_LOG_EN |
		 AMDVI_CONTROL_EVT_INT_EN | AMDVI_CONTROL_GT_EN;
	amdvi_model_set_reg(&m, AMDVI_MMIO_CONTROL, FW_CONTROL | on);
	amdvi_model_set_reg(&m, AMDVI_MMIO_STATUS,
			    AMDVI_STATUS_CMD_BUF_RUN | AMDVI_STATUS_EVT_LOG_RUN);
	REQUIRE(amdvi_init(&u, &m.env, BASE, &err) == PP_OK);
	/* Rings and interrupts off first (IommuEn kept), then the unit. */
	REQUIRE(m.nw >= 3);
	CHECK_EQ(m.wlog[0].off, AMDVI_MMIO_CONTROL);
	CHECK_EQ(m.wlog[0].v, FW_CONTROL | AMDVI_CONTROL_IOMMU_EN);
	CHECK_EQ(m.wlog[1].off, AMDVI_MMIO_CONTROL);
	CHECK_EQ(m.wlog[1].v, FW_CONTROL);
	CHECK_EQ(m.wlog[2].off, AMDVI_MMIO_DEV_TABLE_BASE);
	CHECK_EQ(amdvi_model_reg(&m, AMDVI_MMIO_CONTROL), FW_CONTROL | AMDVI_CONTROL_IOMMU_EN |
							      AMDVI_CONTROL_CMD_BUF_EN |
							      AMDVI_CONTROL_EVT_LOG_EN);
	amdvi_model_fini(&m);

	/* A command processor that never stops: timeout, nothing left. */
	amdvi_model_init(&m);
	amdvi_model_set_reg(&m, AMDVI_MMIO_CONTROL, on);
	amdvi_model_set_reg(&m, AMDVI_MMIO_STATUS, AMDVI_STATUS_CMD_BUF_RUN);
	m.stuck_run = true;
	u64 t0 = m.now;
	CHECK_EQ(amdvi_init(&u, &m.env, BASE, &err), PP_ETIMEOUT);
	CHECK_MSG(&err, "amdvi 0xfed80000: command buffer or event log still running 100000 us");
	CHECK(m.now - t0 >= IOMMU_TIMEOUT_US && m.now - t0 <= IOMMU_TIMEOUT_US + 1);
	CHECK_EQ(amdvi_model_live(&m), 0);
	CHECK_EQ(amdvi_model_reg(&m, AMDVI_MMIO_DEV_TABLE_BASE), 0);
	amdvi_model_fini(&m);
}

TEST(amdvi_init_refusals)
{
	struct amdvi_model m;
	struct amdvi u;
	struct pp_err err;
	amdvi_model_init(&m);
	CHECK_EQ(amdvi_init(&u, &m.env, 0, &err), PP_EINVAL);
	CHECK_EQ(amdvi_init(&u, &m.env, BASE + 0x800, &err), PP_EINVAL);
	CHECK_MSG(&err, "register base 0xfed80800 is zero or not 4 KiB aligned");
	amdvi_model_set_reg(&m, AMDVI_MMIO_EFR, ~0ull);
	CHECK_EQ(amdvi_init(&u, &m.env, BASE, &err), PP_EDEVICE);
	CHECK_MSG(&err, "EFR reads all-ones");
	amdvi_model_set_reg(&m, AMDVI_MMIO_EFR, AMDVI_EFR_IA_SUP);
	for (u32 n = 1; n <= 5; n++) {
		m.nalloc_calls = 0;
		m.fail_alloc = n;
		CHECK_EQ(amdvi_init(&u, &m.env, BASE, &err), PP_ENOMEM);
		CHECK_EQ(amdvi_model_live(&m), 0);
	}
	CHECK_MSG(&err, "cannot allocate the device table (512 pages)");
	CHECK_EQ(m.nw, 0); /* no register was written */
	/* A unit whose init failed refuses the rest. */
	CHECK_EQ(amdvi_attach(&u, 1, 1, 0x1000, 4, &err), PP_EINVAL);
	CHECK_MSG(&err, "amdvi 0xfed80000: unit not initialised");
	CHECK_EQ(amdvi_block(&u, 1, &err), PP_EINVAL);
	CHECK_EQ(amdvi_flush_domain(&u, 1, &err), PP_EINVAL);
	CHECK_EQ(amdvi_drain(&u, NULL, NULL), 0);
	amdvi_model_fini(&m);
}

TEST(amdvi_attach_block_exact)
{
	struct amdvi_model m;
	struct amdvi u;
	struct pp_err err;
	amdvi_model_init(&m);
	REQUIRE(amdvi_init(&u, &m.env, BASE, &err) == PP_OK);
	m.nlog = 0;
	REQUIRE(amdvi_attach(&u, 0x0310, 7, 0x123000, 4, &err) == PP_OK);
	const struct amdvi_dte *d = &u.dev_table[0x310];
	CHECK_EQ(d->q[0], 0x6000000000123803ull); /* IW, IR, root, Mode 4, TV, V */
	CHECK_EQ(d->q[1], 7);
	CHECK_EQ(d->q[2], u.irt_hpa | 1);
	CHECK_EQ(d->q[3], 0);
	CHECK(dte_is_deny(&u, 0x30f) && dte_is_deny(&u, 0x311));
	REQUIRE(m.nlog == 3);
	CHECK(cmd_is(&m.log[0], 0x310, 2u << 28, 0, 0));
	CHECK(cmd_is(&m.log[1], 0, (3u << 28) | 7, 0xfffff003u, 0x7fffffffu));
	CHECK(is_wait(&u, &m.log[2], 2));

	/* Re-attach to another domain and depth 5. */
	m.nlog = 0;
	REQUIRE(amdvi_attach(&u, 0x0310, 0xbeef, 0x456000, 5, &err) == PP_OK);
	CHECK_EQ(d->q[0], 0x6000000000456a03ull);
	CHECK_EQ(d->q[1], 0xbeef);
	REQUIRE(m.nlog == 3);
	CHECK(cmd_is(&m.log[1], 0, (3u << 28) | 0xbeef, 0xfffff003u, 0x7fffffffu));

	m.nlog = 0;
	REQUIRE(amdvi_block(&u, 0x0310, &err) == PP_OK);
	CHECK(dte_is_deny(&u, 0x310));
	REQUIRE(m.nlog == 2);
	CHECK(cmd_is(&m.log[0], 0x310, 2u << 28, 0, 0));
	CHECK(is_wait(&u, &m.log[1], 4));

	m.nlog = 0;
	REQUIRE(amdvi_flush_domain(&u, 0xbeef, &err) == PP_OK);
	REQUIRE(m.nlog == 2);
	CHECK(cmd_is(&m.log[0], 0, (3u << 28) | 0xbeef, 0xfffff003u, 0x7fffffffu));
	CHECK(is_wait(&u, &m.log[1], 5));
	CHECK_EQ(u.st.waits, 5);
	CHECK_EQ(u.st.cmds, 12);
	CHECK(!m.bad_store);
	amdvi_model_fini(&m);
}

TEST(amdvi_attach_refusals_change_nothing)
{
	struct amdvi_model m;
	struct amdvi u;
	struct pp_err err;
	amdvi_model_init(&m);
	REQUIRE(amdvi_init(&u, &m.env, BASE, &err) == PP_OK);
	m.nlog = 0;
	u64 cmds = u.st.cmds;
	CHECK_EQ(amdvi_attach(&u, 0x10, 0, 0x123000, 4, &err), PP_EINVAL);
	CHECK_MSG(&err, "attach of 0010: domain 0 is the deny entries'");
	CHECK_EQ(amdvi_attach(&u, 0x10, 1, 0x123000, 3, &err), PP_EINVAL);
	CHECK_MSG(&err, "depth 3 is not 4 or 5");
	CHECK_EQ(amdvi_attach(&u, 0x10, 1, 0x123800, 4, &err), PP_EINVAL);
	CHECK_MSG(&err, "page table root 0x123800");
	CHECK_EQ(amdvi_attach(&u, 0x10, 1, 0, 4, &err), PP_EINVAL);
	CHECK(dte_is_deny(&u, 0x10));
	CHECK_EQ(u.st.cmds, cmds);
	amdvi_model_run_all(&m);
	CHECK_EQ(m.nlog, 0);
	amdvi_model_fini(&m);
}

TEST(amdvi_wait_timeout_then_usable)
{
	struct amdvi_model m;
	struct amdvi u;
	struct pp_err err;
	amdvi_model_init(&m);
	REQUIRE(amdvi_init(&u, &m.env, BASE, &err) == PP_OK);
	m.stalled = true;
	m.nlog = 0;
	u64 t0 = m.now;
	CHECK_EQ(amdvi_attach(&u, 0x20, 3, 0x123000, 4, &err), PP_ETIMEOUT);
	CHECK_MSG(&err, "amdvi 0xfed80000: COMPLETION_WAIT 2 not stored within 100000 us "
			"(semaphore 1, head 0x20, tail 0x50)");
	CHECK(m.now - t0 >= IOMMU_TIMEOUT_US && m.now - t0 <= IOMMU_TIMEOUT_US + 1);
	CHECK_EQ(u.st.timeouts, 1);
	CHECK_EQ(m.nlog, 0);
	CHECK_EQ(u.dev_table[0x20].q[0], 0x6000000000123803ull); /* written, not yet flushed */

	/* The unit comes back: the next call completes, and the commands
	 * left in the ring ran first, in order. */
	m.stalled = false;
	REQUIRE(amdvi_flush_domain(&u, 3, &err) == PP_OK);
	REQUIRE(m.nlog == 5);
	CHECK(cmd_is(&m.log[0], 0x20, 2u << 28, 0, 0));
	CHECK(is_wait(&u, &m.log[2], 2));
	CHECK(is_wait(&u, &m.log[4], 3));
	CHECK_EQ(*u.sem, 3);
	CHECK_EQ(u.st.timeouts, 1);

	/* Block under a stalled unit times out too, with the entry denied. */
	m.stalled = true;
	CHECK_EQ(amdvi_block(&u, 0x20, &err), PP_ETIMEOUT);
	CHECK(dte_is_deny(&u, 0x20));
	CHECK_EQ(u.st.timeouts, 2);
	amdvi_model_fini(&m);
}

TEST(amdvi_full_ring)
{
	struct amdvi_model m;
	struct amdvi u;
	struct pp_err err;
	struct amdvi_cmd c;
	amdvi_model_init(&m);
	REQUIRE(amdvi_init(&u, &m.env, BASE, &err) == PP_OK);
	m.stalled = true;
	/* 255 slots of 256 take commands; the last stays free. */
	u32 ok = 0;
	for (u32 i = 0; i < 255; i++) {
		amdvi_cmd_inv_devtab(&c, (u16)i);
		ok += amdvi_cmd_submit(&u, &c, &err) == PP_OK;
	}
	CHECK_EQ(ok, 255);
	CHECK_EQ(u.st.ring_full, 0);
	u32 tail = u.cmd_tail;
	u64 t0 = m.now;
	amdvi_cmd_inv_devtab(&c, 0xffff);
	CHECK_EQ(amdvi_cmd_submit(&u, &c, &err), PP_ETIMEOUT);
	CHECK_MSG(&err,
		  "command ring full for 100000 us (head 0x20, tail 0x10, opcode 2 not queued)");
	CHECK(m.now - t0 >= IOMMU_TIMEOUT_US && m.now - t0 <= IOMMU_TIMEOUT_US + 1);
	CHECK_EQ(u.cmd_tail, tail);
	CHECK_EQ(amdvi_model_reg(&m, AMDVI_MMIO_CMD_BUF_TAIL), tail);
	CHECK_EQ(u.st.timeouts, 1);
	CHECK_EQ(u.st.ring_full, 1);

	/* A unit that resumes after 500 us: the submission waits, then goes. */
	m.stalled = false;
	m.resume_at = m.now + 500;
	t0 = m.now;
	CHECK_EQ(amdvi_cmd_submit(&u, &c, &err), PP_OK);
	CHECK(m.now - t0 >= 500 && m.now - t0 < 510);
	CHECK_EQ(u.st.ring_full, 2);
	m.nlog = 0;
	REQUIRE(amdvi_cmd_wait(&u, &err) == PP_OK);
	CHECK_EQ(m.nlog, 256 + 1 - 1); /* 255 + the 256th + the wait, one ran already */
	CHECK(cmd_is(&m.log[m.nlog - 2], 0xffff, 2u << 28, 0, 0));
	amdvi_model_fini(&m);
}

/* A head register left at the ring's size (QEMU issue 3338) means 0: a
 * ring full behind it is still full, nothing is overwritten. */
TEST(amdvi_ring_head_at_ring_size)
{
	struct amdvi_model m;
	struct amdvi u;
	struct pp_err err;
	struct amdvi_cmd c;
	amdvi_model_init(&m);
	m.head_unwrapped = true;
	REQUIRE(amdvi_init(&u, &m.env, BASE, &err) == PP_OK);
	/* Run commands up to the end of the ring: tail and true head 0. */
	u32 ok = 0;
	while (u.cmd_tail != 0) {
		amdvi_cmd_inv_devtab(&c, 1);
		ok += amdvi_cmd_submit(&u, &c, &err) == PP_OK;
	}
	CHECK_EQ(ok, 254);
	amdvi_model_run_all(&m);
	CHECK_EQ(amdvi_model_reg(&m, AMDVI_MMIO_CMD_BUF_HEAD), 4096);
	m.stalled = true;
	for (ok = 0; ok < 255; ok++) {
		amdvi_cmd_inv_devtab(&c, 2);
		if (amdvi_cmd_submit(&u, &c, &err) != PP_OK)
			break;
	}
	CHECK_EQ(ok, 255);
	CHECK_EQ(u.cmd_tail, 0xff0);
	CHECK_EQ(amdvi_cmd_submit(&u, &c, &err), PP_ETIMEOUT);
	CHECK_MSG(&err, "command ring full");
	/* And it drains through the wrap. */
	m.stalled = false;
	CHECK_EQ(amdvi_cmd_wait(&u, &err), PP_OK);
	CHECK_EQ(m.by_op[AMDVI_CMD_INV_DEVTAB_ENTRY], 254 + 255);
	amdvi_model_fini(&m);
}

static u8 ev[300][16];

static void mk(u8 e[16], u64 q0, u64 q1)
{
	st_le64(e, q0);
	st_le64(e + 8, q1);
}

struct seen {
	u32 n;
	struct iommu_fault f[300];
};

static void collect(void *ctx, const struct iommu_fault *f)
{
	struct seen *s = ctx;
	if (s->n < 300)
		s->f[s->n] = *f;
	s->n++;
}

static struct seen seen;

TEST(amdvi_drain_wraps)
{
	struct amdvi_model m;
	struct amdvi u;
	struct pp_err err;
	amdvi_model_init(&m);
	REQUIRE(amdvi_init(&u, &m.env, BASE, &err) == PP_OK);
	memset(&seen, 0, sizeof(seen));
	CHECK_EQ(amdvi_drain(&u, collect, &seen), 0);
	for (u32 i = 0; i < 300; i++)
		mk(ev[i], (2ull << 60) | ((u64)AMDVI_EVT_F_RW << 48) | (5ull << 32) | i,
		   0x1000ull * i);
	u32 posted = 0;
	for (u32 i = 0; i < 200; i++)
		posted += amdvi_model_post_event(&m, ev[i]);
	CHECK_EQ(posted, 200);
	CHECK_EQ(amdvi_drain(&u, collect, &seen), 200);
	CHECK_EQ(amdvi_model_reg(&m, AMDVI_MMIO_EVT_LOG_HEAD), 200 * 16);
	for (u32 i = 200; i < 300; i++)
		posted += amdvi_model_post_event(&m, ev[i]);
	CHECK_EQ(posted, 300);
	CHECK_EQ(amdvi_drain(&u, collect, &seen), 100);
	CHECK_EQ(amdvi_model_reg(&m, AMDVI_MMIO_EVT_LOG_HEAD), (300 * 16) % 4096);
	REQUIRE(seen.n == 300);
	u32 good = 0;
	for (u32 i = 0; i < 300; i++) {
		const struct iommu_fault *f = &seen.f[i];
		good += f->rid == i && f->addr == 0x1000ull * i && f->code == 2 && f->domain == 5 &&
			f->access == IOMMU_ACC_WRITE && f->flags == AMDVI_EVT_F_RW &&
			f->unit_type == ACPI_IOMMU_AMDVI;
	}
	CHECK_EQ(good, 300);
	CHECK_EQ(u.st.events, 300);
	CHECK_EQ(u.st.overflows, 0);
	CHECK_EQ(amdvi_drain(&u, collect, &seen), 0);
	amdvi_model_fini(&m);
}

TEST(amdvi_drain_overflow)
{
	struct amdvi_model m;
	struct amdvi u;
	struct pp_err err;
	amdvi_model_init(&m);
	REQUIRE(amdvi_init(&u, &m.env, BASE, &err) == PP_OK);
	memset(&seen, 0, sizeof(seen));
	for (u32 i = 0; i < 300; i++)
		mk(ev[i], (2ull << 60) | i, 0);
	u32 posted = 0, i = 0;
	while (i < 300 && amdvi_model_post_event(&m, ev[i]))
		posted++, i++;
	CHECK_EQ(posted, 255); /* one slot stays free */
	CHECK(amdvi_model_reg(&m, AMDVI_MMIO_STATUS) & AMDVI_STATUS_EVT_OVERFLOW);
	CHECK(!amdvi_model_post_event(&m, ev[0])); /* logging stopped */
	CHECK_EQ(amdvi_drain(&u, collect, &seen), 256);
	REQUIRE(seen.n == 256);
	CHECK_EQ(seen.f[254].rid, 254);
	CHECK_EQ(seen.f[255].code, 0);
	CHECK_EQ(seen.f[255].flags, AMDVI_FAULT_OVERFLOW);
	CHECK_EQ(seen.f[255].unit_type, ACPI_IOMMU_AMDVI);
	CHECK_EQ(u.st.overflows, 1);
	CHECK_EQ(u.st.events, 255);
	/* Cleared and restarted empty. */
	CHECK(!(amdvi_model_reg(&m, AMDVI_MMIO_STATUS) & AMDVI_STATUS_EVT_OVERFLOW));
	CHECK(amdvi_model_reg(&m, AMDVI_MMIO_CONTROL) & AMDVI_CONTROL_EVT_LOG_EN);
	CHECK_EQ(amdvi_model_reg(&m, AMDVI_MMIO_EVT_LOG_HEAD), 0);
	CHECK_EQ(amdvi_model_reg(&m, AMDVI_MMIO_EVT_LOG_TAIL), 0);
	CHECK(amdvi_model_post_event(&m, ev[7]));
	seen.n = 0;
	CHECK_EQ(amdvi_drain(&u, collect, &seen), 1);
	CHECK_EQ(seen.f[0].rid, 7);
	amdvi_model_fini(&m);
}

TEST(amdvi_drain_undecoded)
{
	struct amdvi_model m;
	struct amdvi u;
	struct pp_err err;
	amdvi_model_init(&m);
	REQUIRE(amdvi_init(&u, &m.env, BASE, &err) == PP_OK);
	memset(&seen, 0, sizeof(seen));
	mk(ev[0], (0xcull << 60) | 0x1234, 0xdead);
	mk(ev[1], (2ull << 60) | (0xfull << 20) | 0x42, 0xbeef000);
	REQUIRE(amdvi_model_post_event(&m, ev[0]) && amdvi_model_post_event(&m, ev[1]));
	CHECK_EQ(amdvi_drain(&u, collect, &seen), 2);
	CHECK_EQ(seen.f[0].code, 0xc);
	CHECK_EQ(seen.f[0].flags, AMDVI_FAULT_UNDECODED);
	CHECK_EQ(seen.f[0].rid, 0);
	CHECK_EQ(seen.f[0].addr, 0);
	CHECK_EQ(seen.f[1].rid, 0x42);
	CHECK_EQ(seen.f[1].addr, 0xbeef000);
	CHECK_EQ(seen.f[1].flags, AMDVI_FAULT_RESERVED);
	amdvi_model_fini(&m);
}
