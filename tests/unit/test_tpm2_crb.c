// SPDX-License-Identifier: GPL-2.0-only
/*
 * The CRB transport against a fake register model of the PTP CRB
 * interface: TPM_LOC_STATE/LOC_CTRL localities, CTRL_REQ cmdReady/goIdle,
 * CTRL_STS, CTRL_START/CANCEL, and command/response buffers either in the
 * locality page (0x80..) or in a separate memory region, with knobs for
 * misbehaviour. Simulated time is the sum of the driver's udelay calls.
 */
#include <string.h>
#include "common/drivers/tpm/crb_regs.h"
#include "common/drivers/tpm/tpm_xport.h"
#include "test_tpm2_fake.h"
#include "unit.h"

#define BASE 0xFED40000ull
#define EXT_BASE 0x7F000000ull /* a buffer region outside the register pages */
#define EXT_SIZE 0x2000u
#define NO_LOC 0xFFu

struct fake_crb {
	struct fake_tpm tpm;
	u8 active; /* assigned locality or NO_LOC */
	u8 refuse_mask;
	bool never_ready; /* CTRL_REQ.cmdReady never clears */
	bool stuck;	  /* CTRL_START never clears */
	bool fatal;	  /* CTRL_STS.tpmSts set */
	bool idle;
	u32 start, cancel_writes, go_idles;
	u32 cmd_size, rsp_size;
	u64 cmd_addr, rsp_addr;
	u8 page[5][0x1000];
	u8 ext[EXT_SIZE];
};

static u64 sim_us;
static void sim_udelay(u32 us)
{
	sim_us += us;
}

static u8 *mem(struct fake_crb *f, u64 phys)
{
	if (phys >= BASE && phys < BASE + 5 * 0x1000ull)
		return &f->page[(phys - BASE) >> 12][(phys - BASE) & 0xFFF];
	if (phys >= EXT_BASE && phys < EXT_BASE + EXT_SIZE)
		return &f->ext[phys - EXT_BASE];
	return NULL;
}

/* Buffers given as locality-0 page addresses repeat in every locality page
 * (each page has its own data buffer); others are shared. */
static u64 buf_addr(const struct fake_crb *f, u64 a, u8 loc)
{
	(void)f;
	return a >= BASE && a < BASE + 0x1000 ? a + 0x1000ull * loc : a;
}

static void execute(struct fake_crb *f, u8 loc)
{
	u8 cmd[TPM2_RSP_BUF_SIZE] = {0}, rsp[TPM2_RSP_BUF_SIZE];
	size_t len = PP_MIN((size_t)f->cmd_size, sizeof(cmd)), rlen;
	u64 ca = buf_addr(f, f->cmd_addr, loc), ra = buf_addr(f, f->rsp_addr, loc);

	for (size_t i = 0; i < len; i++)
		cmd[i] = *mem(f, ca + i);
	len = PP_MIN(len, (size_t)ld_be32(cmd + 2));
	rlen = fake_tpm_respond(&f->tpm, cmd, len, loc, rsp, sizeof(rsp));
	for (size_t i = 0; i < rlen && i < f->rsp_size; i++)
		*mem(f, ra + i) = rsp[i];
}

static u32 crb_rd32(u64 phys, void *ctx)
{
	struct fake_crb *f = ctx;
	u8 loc;
	u32 off;

	if (phys >= EXT_BASE && phys < EXT_BASE + EXT_SIZE)
		return f->ext[phys - EXT_BASE];
	if (phys < BASE || phys >= BASE + 5 * 0x1000ull)
		return 0xFFFFFFFFu;
	loc = (u8)((phys - BASE) >> 12);
	off = (u32)((phys - BASE) & 0xFFF);
	if (off >= TPM_CRB_DATA_BUFFER)
		return *mem(f, phys);
	switch (off) {
	case TPM_CRB_LOC_STATE:
		return TPM_CRB_LOC_STATE_VALID |
		       (f->active != NO_LOC ? TPM_CRB_LOC_STATE_ASSIGNED |
						  ((u32)f->active << TPM_CRB_LOC_STATE_ACTIVE_SHIFT)
					    : 0);
	case TPM_CRB_CTRL_REQ: return f->never_ready ? TPM_CRB_CTRL_REQ_CMD_READY : 0;
	case TPM_CRB_CTRL_STS:
		return (f->fatal ? TPM_CRB_CTRL_STS_ERROR : 0) |
		       (f->idle ? TPM_CRB_CTRL_STS_IDLE : 0);
	case TPM_CRB_CTRL_START: return f->start;
	case TPM_CRB_CTRL_CMD_SIZE: return f->cmd_size;
	case TPM_CRB_CTRL_CMD_LADDR: return (u32)buf_addr(f, f->cmd_addr, loc);
	case TPM_CRB_CTRL_CMD_HADDR: return (u32)(buf_addr(f, f->cmd_addr, loc) >> 32);
	case TPM_CRB_CTRL_RSP_SIZE: return f->rsp_size;
	case TPM_CRB_CTRL_RSP_ADDR: return (u32)buf_addr(f, f->rsp_addr, loc);
	case TPM_CRB_CTRL_RSP_ADDR + 4: return (u32)(buf_addr(f, f->rsp_addr, loc) >> 32);
	default: return 0;
	}
}

static u8 crb_rd8(u64 phys, void *ctx)
{
	return (u8)crb_rd32(phys, ctx);
}

static void crb_wr32(u64 phys, u32 v, void *ctx)
{
	struct fake_crb *f = ctx;
	u8 *m = mem(f, phys);
	u8 loc;
	u32 off;

	if (phys >= EXT_BASE && phys < EXT_BASE + EXT_SIZE) {
		*m = (u8)v;
		return;
	}
	if (!m)
		return;
	loc = (u8)((phys - BASE) >> 12);
	off = (u32)((phys - BASE) & 0xFFF);
	if (off >= TPM_CRB_DATA_BUFFER) {
		*m = (u8)v;
		return;
	}
	switch (off) {
	case TPM_CRB_LOC_CTRL:
		if ((v & TPM_CRB_LOC_CTRL_REQUEST_ACCESS) && f->active == NO_LOC &&
		    !(f->refuse_mask & (1u << loc)))
			f->active = loc;
		if ((v & TPM_CRB_LOC_CTRL_RELINQUISH) && f->active == loc)
			f->active = NO_LOC;
		break;
	case TPM_CRB_CTRL_REQ:
		if (v & TPM_CRB_CTRL_REQ_CMD_READY)
			f->idle = false;
		if (v & TPM_CRB_CTRL_REQ_GO_IDLE) {
			f->idle = true;
			f->go_idles++;
		}
		break;
	case TPM_CRB_CTRL_CANCEL:
		if (v)
			f->cancel_writes++;
		break;
	case TPM_CRB_CTRL_START:
		if ((v & TPM_CRB_CTRL_START_CMD) && f->active == loc && !f->idle) {
			f->start = 1;
			if (!f->stuck) {
				execute(f, loc);
				f->start = 0;
			}
		}
		break;
	default: break;
	}
}

static void crb_wr8(u64 phys, u8 v, void *ctx)
{
	crb_wr32(phys, v, ctx);
}

static struct fake_crb fake;
static struct tpm_mmio_ops fake_ops;
static struct tpm_mmio_dev mdev;
static struct tpm2_dev dev;

/* QEMU tpm-crb layout: one buffer at 0x80 of the page, 3968 bytes. */
static void setup(void)
{
	memset(&fake, 0, sizeof(fake));
	fake.active = NO_LOC;
	fake.idle = true;
	fake.cmd_addr = fake.rsp_addr = BASE + TPM_CRB_DATA_BUFFER;
	fake.cmd_size = fake.rsp_size = TPM_CRB_DATA_BUFFER_SIZE;
	fake_ops = (struct tpm_mmio_ops){
	    .rd8 = crb_rd8, .rd32 = crb_rd32, .wr8 = crb_wr8, .wr32 = crb_wr32, .ctx = &fake};
	tpm_mmio_dev_init(&mdev, &fake_ops, BASE, sim_udelay);
	tpm2_init(&dev, &tpm_crb_transport, &mdev);
	sim_us = 0;
}

TEST(tpm2_crb_roundtrip_get_random)
{
	struct pp_err e = {0, ""};
	u8 out[40];

	setup();
	REQUIRE(tpm2_request_locality(&dev, 0, &e) == 0);
	CHECK_EQ(fake.active, 0);
	CHECK_EQ(tpm2_startup(&dev, NULL, &e), 0);
	REQUIRE(tpm2_get_random(&dev, out, sizeof(out), &e) == 0);
	for (u32 i = 0; i < 32; i++)
		CHECK_EQ(out[i], fake_random_byte(i));
	for (u32 i = 0; i < 8; i++)
		CHECK_EQ(out[32 + i], fake_random_byte(i));
	CHECK_EQ(fake.tpm.commands, 3);
	CHECK_EQ(fake.go_idles, 3);
	CHECK(fake.idle);
	CHECK_EQ(tpm2_release_locality(&dev, &e), 0);
	CHECK_EQ(fake.active, NO_LOC);
	CHECK(sim_us < 1000);
}

/* A transport failure marks the device failed (tpm2.h); the next case of
 * the same test starts from a working device again. */
static void failed_then_revive(void)
{
	CHECK(dev.failed);
	dev.failed = false;
}

TEST(tpm2_crb_separate_buffers)
{
	struct pp_err e = {0, ""};
	u8 out[16];

	setup();
	fake.cmd_addr = EXT_BASE;
	fake.rsp_addr = EXT_BASE + 0x1000;
	fake.cmd_size = fake.rsp_size = 0x1000;
	REQUIRE(tpm2_request_locality(&dev, 0, &e) == 0);
	/* outside the register page and no region declared: refused */
	CHECK_EQ(tpm2_get_random(&dev, out, sizeof(out), &e), PP_EDEVICE);
	CHECK_MSG(&e, "command buffer 0x7f000000+0x1000 lies outside");
	/* and the device is not used again */
	CHECK_EQ(tpm2_get_random(&dev, out, sizeof(out), &e), PP_EDEVICE);
	CHECK_MSG(&e, "TPM not used after an earlier failure (CRB: command buffer");
	failed_then_revive();
	/* declared region: accepted */
	mdev.buf_base = EXT_BASE;
	mdev.buf_len = EXT_SIZE;
	CHECK_EQ(tpm2_get_random(&dev, out, sizeof(out), &e), 0);
	CHECK_EQ(out[15], fake_random_byte(15));
	/* response buffer running past the region */
	fake.rsp_size = 0x1001;
	CHECK_EQ(tpm2_get_random(&dev, out, sizeof(out), &e), PP_EDEVICE);
	CHECK_MSG(&e, "response buffer");
	failed_then_revive();
	/* partially overlapping buffers */
	fake.rsp_size = 0x1000;
	fake.rsp_addr = EXT_BASE + 0x800;
	CHECK_EQ(tpm2_get_random(&dev, out, sizeof(out), &e), PP_EDEVICE);
	CHECK_MSG(&e, "overlap");
	failed_then_revive();
	/* address arithmetic that wraps */
	fake.cmd_addr = 0xFFFFFFFFFFFFF000ull;
	CHECK_EQ(tpm2_get_random(&dev, out, sizeof(out), &e), PP_EDEVICE);
	/* a buffer smaller than a header */
	setup();
	fake.cmd_size = 4;
	REQUIRE(tpm2_request_locality(&dev, 0, &e) == 0);
	CHECK_EQ(tpm2_get_random(&dev, out, sizeof(out), &e), PP_EDEVICE);
	/* a data buffer that runs past the locality page */
	setup();
	fake.cmd_size = fake.rsp_size = TPM_CRB_DATA_BUFFER_SIZE + 1;
	REQUIRE(tpm2_request_locality(&dev, 0, &e) == 0);
	CHECK_EQ(tpm2_get_random(&dev, out, sizeof(out), &e), PP_EDEVICE);
}

TEST(tpm2_crb_extend_locality)
{
	struct pp_err e = {0, ""};
	struct tpm2_digests d;

	setup();
	memset(&d, 0, sizeof(d));
	dev.banks_known = true;
	dev.banks.count = 1;
	dev.banks.bank[0] = (struct tpm2_bank){
	    .alg = PP_ALG_SHA384, .digest_size = 48, .active = true, .size_of_select = 3};
	d.count = 1;
	d.d[0].alg = PP_ALG_SHA384;
	REQUIRE(tpm2_request_locality(&dev, 0, &e) == 0);
	CHECK_EQ(tpm2_pcr_extend(&dev, 18, &d, &e), PP_EDEVICE);
	CHECK_EQ(dev.last_rc, TPM2_RC_LOCALITY);
	REQUIRE(tpm2_request_locality(&dev, 2, &e) == 0);
	CHECK_EQ(fake.active, 2);
	CHECK_EQ(tpm2_pcr_extend(&dev, 18, &d, &e), 0);
	CHECK_EQ(fake.tpm.last_loc, 2);
	/* the exchange went through locality 2's page: its response is there */
	CHECK_EQ(fake.tpm.last_cmd[9], 0x82);
	CHECK_EQ(fake.page[2][TPM_CRB_DATA_BUFFER + 1], 0x02); /* TPM_ST_SESSIONS */
	CHECK_EQ(fake.page[2][TPM_CRB_DATA_BUFFER + 5], 19);
}

TEST(tpm2_crb_locality_refused)
{
	struct pp_err e = {0, ""};

	setup();
	fake.refuse_mask = 1u << 3;
	CHECK_EQ(tpm2_request_locality(&dev, 3, &e), PP_ETIMEOUT);
	CHECK_MSG(&e, "locality 3 not granted within 750 ms");
	CHECK(sim_us >= TPM_TIMEOUT_A_US && sim_us <= TPM_TIMEOUT_A_US + TPM_POLL_US);
	CHECK_EQ(dev.locality, TPM2_LOCALITY_NONE);

	/* no device at all */
	setup();
	mdev.base = 0x10000000ull;
	CHECK_EQ(tpm2_request_locality(&dev, 0, &e), PP_EDEVICE);
	CHECK_MSG(&e, "TPM_LOC_STATE_0 reads 0xffffffff");
}

TEST(tpm2_crb_stuck_device_times_out)
{
	struct pp_err e = {0, ""};

	setup();
	fake.stuck = true;
	REQUIRE(tpm2_request_locality(&dev, 0, &e) == 0);
	CHECK_EQ(tpm2_startup(&dev, NULL, &e), PP_ETIMEOUT);
	CHECK_MSG(&e, "not completed within 5000 ms (cancelled)");
	CHECK_EQ(fake.cancel_writes, 1);
	CHECK(sim_us >= TPM_CMD_TIMEOUT_US &&
	      sim_us <= TPM_CMD_TIMEOUT_US + TPM_TIMEOUT_C_US + TPM_POLL_US * 2);

	setup();
	fake.never_ready = true;
	REQUIRE(tpm2_request_locality(&dev, 0, &e) == 0);
	CHECK_EQ(tpm2_startup(&dev, NULL, &e), PP_ETIMEOUT);
	CHECK_MSG(&e, "cmdReady not acknowledged within 2000 ms");

	setup();
	fake.fatal = true;
	REQUIRE(tpm2_request_locality(&dev, 0, &e) == 0);
	CHECK_EQ(tpm2_startup(&dev, NULL, &e), PP_EDEVICE);
	CHECK_MSG(&e, "fatal error");
}

TEST(tpm2_crb_response_too_large)
{
	struct pp_err e = {0, ""};
	u8 small[16], big[TPM2_RSP_BUF_SIZE];
	size_t got = 99;
	static const u8 startup[] = {0x80, 0x01, 0, 0, 0, 12, 0, 0, 0x01, 0x44, 0, 0};

	/* larger than the caller's buffer */
	setup();
	fake.tpm.oversize = 20;
	REQUIRE(tpm_crb_transport.request_locality(&mdev, 0, &e) == 0);
	CHECK_EQ(tpm_crb_transport.transmit(&mdev, startup, sizeof(startup), small, sizeof(small),
					    &got, &e),
		 PP_ERANGE);
	CHECK_MSG(&e, "response of 20 bytes exceeds the 16-byte buffer");
	CHECK_EQ(got, 0);
	CHECK(fake.idle);

	/* larger than the response buffer itself */
	setup();
	fake.tpm.oversize = TPM_CRB_DATA_BUFFER_SIZE + 1;
	REQUIRE(tpm_crb_transport.request_locality(&mdev, 0, &e) == 0);
	CHECK_EQ(
	    tpm_crb_transport.transmit(&mdev, startup, sizeof(startup), big, sizeof(big), &got, &e),
	    PP_EINVAL);
	CHECK_MSG(&e, "outside [10, 3968]");

	/* a command larger than the command buffer */
	setup();
	fake.cmd_size = 11;
	REQUIRE(tpm_crb_transport.request_locality(&mdev, 0, &e) == 0);
	CHECK_EQ(
	    tpm_crb_transport.transmit(&mdev, startup, sizeof(startup), big, sizeof(big), &got, &e),
	    PP_ERANGE);
	CHECK_MSG(&e, "command of 12 bytes exceeds the 11-byte buffer");
}
