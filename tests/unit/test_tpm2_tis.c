// SPDX-License-Identifier: GPL-2.0-only
/*
 * The TIS (FIFO) transport against a fake register model of the PTP FIFO
 * interface: localities through TPM_ACCESS, the TPM_STS state machine
 * (commandReady, Expect, tpmGo, dataAvail, burstCount, responseRetry) and
 * TPM_DATA_FIFO, with knobs for misbehaviour. Simulated time is the sum of
 * the driver's udelay calls, so timeouts are checked against the PTP values.
 */
#include <string.h>
#include "common/drivers/tpm/tis_regs.h"
#include "common/drivers/tpm/tpm_xport.h"
#include "test_tpm2_fake.h"
#include "unit.h"

#define BASE 0xFED40000ull
#define NO_LOC 0xFFu

enum tis_state { IDLE, READY, RECEPTION, EXECUTION, COMPLETION };

struct fake_tis {
	struct fake_tpm tpm;
	u8 active;	     /* active locality or NO_LOC */
	u8 refuse_mask;	     /* localities never granted */
	bool access_invalid; /* TPM_ACCESS reads 0xFF */
	bool never_ready;    /* commandReady never set */
	bool burst_zero;     /* burstCount reads 0 forever */
	bool stuck;	     /* tpmGo never completes */
	u32 glitches;	     /* response reads with one stray byte left over */
	u32 burst;	     /* burstCount value otherwise */
	enum tis_state st;
	u8 cmd[TPM2_RSP_BUF_SIZE];
	size_t cmd_len;
	u8 rsp[TPM2_RSP_BUF_SIZE + 16];
	size_t rsp_len, rsp_pos;
	u32 retries; /* responseRetry writes seen */
	u32 aborts;  /* commandReady writes seen */
	u32 gos;
};

static u64 sim_us;
static void sim_udelay(u32 us)
{
	sim_us += us;
}

static size_t cmd_expected(const struct fake_tis *f)
{
	return f->cmd_len < 10 ? 10 : ld_be32(f->cmd + 2);
}

static bool decode(u64 phys, u8 *loc, u32 *off)
{
	if (phys < BASE || phys >= BASE + 5 * 0x1000ull)
		return false;
	*loc = (u8)((phys - BASE) >> 12);
	*off = (u32)((phys - BASE) & 0xFFF);
	return true;
}

static u32 tis_rd32(u64 phys, void *ctx)
{
	struct fake_tis *f = ctx;
	u8 loc;
	u32 off, v = 0;

	if (!decode(phys, &loc, &off))
		return 0xFFFFFFFFu;
	if (off == TPM_ACCESS) {
		if (f->access_invalid)
			return 0xFF;
		return TPM_ACCESS_VALID | (f->active == loc ? TPM_ACCESS_ACTIVE_LOCALITY : 0);
	}
	if (off == TPM_STS) {
		if (f->active != loc)
			return 0xFFFFFFFFu;
		v = TPM_STS_VALID;
		if (f->st == READY && !f->never_ready)
			v |= TPM_STS_COMMAND_READY;
		if ((f->st == READY || f->st == RECEPTION) && f->cmd_len &&
		    f->cmd_len < cmd_expected(f))
			v |= TPM_STS_EXPECT;
		if (f->st == COMPLETION && f->rsp_pos < f->rsp_len)
			v |= TPM_STS_DATA_AVAIL;
		if (!f->burst_zero && f->st != EXECUTION)
			v |= f->burst << TPM_STS_BURST_SHIFT;
		return v;
	}
	if (off == TPM_DATA_FIFO) {
		if (f->active != loc || f->st != COMPLETION || f->rsp_pos >= f->rsp_len)
			return 0xFF;
		return f->rsp[f->rsp_pos++];
	}
	return 0xFFFFFFFFu;
}

static u8 tis_rd8(u64 phys, void *ctx)
{
	return (u8)tis_rd32(phys, ctx);
}

/* The response to the received command, with a stray byte while glitching. */
static void make_rsp(struct fake_tis *f, u8 loc)
{
	f->rsp_len =
	    fake_tpm_respond(&f->tpm, f->cmd, f->cmd_len, loc, f->rsp, sizeof(f->rsp) - 16);
	if (f->glitches) {
		f->rsp[f->rsp_len++] = 0xEE;
		f->glitches--;
	}
	f->rsp_pos = 0;
}

static void tis_wr32(u64 phys, u32 v, void *ctx)
{
	struct fake_tis *f = ctx;
	u8 loc;
	u32 off;

	if (!decode(phys, &loc, &off))
		return;
	if (off == TPM_ACCESS) {
		if ((v & TPM_ACCESS_REQUEST_USE) && f->active == NO_LOC &&
		    !(f->refuse_mask & (1u << loc)))
			f->active = loc;
		if ((v & TPM_ACCESS_ACTIVE_LOCALITY) && f->active == loc) {
			f->active = NO_LOC;
			f->st = IDLE;
		}
		return;
	}
	if (f->active != loc)
		return;
	if (off == TPM_STS) {
		if (v & TPM_STS_COMMAND_READY) {
			f->aborts++;
			f->st = READY;
			f->cmd_len = 0;
			f->rsp_len = f->rsp_pos = 0;
		}
		if ((v & TPM_STS_GO) && f->st == RECEPTION && f->cmd_len == cmd_expected(f)) {
			f->gos++;
			f->st = EXECUTION;
			if (!f->stuck) {
				make_rsp(f, loc);
				f->st = COMPLETION;
			}
		}
		if ((v & TPM_STS_RESPONSE_RETRY) && f->st == COMPLETION) {
			f->retries++;
			make_rsp(f, loc);
		}
		return;
	}
	if (off == TPM_DATA_FIFO && (f->st == READY || f->st == RECEPTION) &&
	    f->cmd_len < sizeof(f->cmd)) {
		if (f->cmd_len && f->cmd_len >= cmd_expected(f))
			return; /* overrun: dropped */
		f->cmd[f->cmd_len++] = (u8)v;
		f->st = RECEPTION;
	}
}

static void tis_wr8(u64 phys, u8 v, void *ctx)
{
	tis_wr32(phys, v, ctx);
}

static struct fake_tis fake;
static struct tpm_mmio_ops fake_ops;
static struct tpm_mmio_dev mdev;
static struct tpm2_dev dev;

static void setup(void)
{
	memset(&fake, 0, sizeof(fake));
	fake.active = NO_LOC;
	fake.burst = 7;
	fake_ops = (struct tpm_mmio_ops){
	    .rd8 = tis_rd8, .rd32 = tis_rd32, .wr8 = tis_wr8, .wr32 = tis_wr32, .ctx = &fake};
	tpm_mmio_dev_init(&mdev, &fake_ops, BASE, sim_udelay);
	tpm2_init(&dev, &tpm_tis_transport, &mdev);
	sim_us = 0;
}

TEST(tpm2_tis_roundtrip_get_random)
{
	struct pp_err e = {0, ""};
	u8 out[48];
	u8 want_cmd[] = {0x80, 0x01, 0, 0, 0, 12, 0, 0, 0x01, 0x7B, 0, 16};

	setup();
	REQUIRE(tpm2_request_locality(&dev, 0, &e) == 0);
	CHECK_EQ(fake.active, 0);
	CHECK_EQ(tpm2_startup(&dev, NULL, &e), 0);
	REQUIRE(tpm2_get_random(&dev, out, sizeof(out), &e) == 0);
	for (u32 i = 0; i < 32; i++)
		CHECK_EQ(out[i], fake_random_byte(i));
	for (u32 i = 0; i < 16; i++)
		CHECK_EQ(out[32 + i], fake_random_byte(i));
	/* The second GetRandom asked for the 16 remaining bytes. */
	CHECK_EQ(fake.tpm.last_cmd_len, sizeof(want_cmd));
	CHECK(memcmp(fake.tpm.last_cmd, want_cmd, sizeof(want_cmd)) == 0);
	CHECK_EQ(fake.tpm.commands, 3);
	CHECK_EQ(fake.st, READY); /* left in Ready after each response */
	CHECK_EQ(tpm2_release_locality(&dev, &e), 0);
	CHECK_EQ(fake.active, NO_LOC);
	CHECK(sim_us < 1000); /* no real waiting on a prompt device */
}

TEST(tpm2_tis_burst_of_one)
{
	struct pp_err e = {0, ""};
	u8 out[32];

	setup();
	fake.burst = 1;
	REQUIRE(tpm2_request_locality(&dev, 0, &e) == 0);
	CHECK_EQ(tpm2_get_random(&dev, out, sizeof(out), &e), 0);
	CHECK_EQ(out[31], fake_random_byte(31));
}

TEST(tpm2_tis_extend_locality)
{
	struct pp_err e = {0, ""};
	struct tpm2_digests d;

	setup();
	memset(&d, 0, sizeof(d));
	dev.banks_known = true;
	dev.banks.count = 1;
	dev.banks.bank[0] = (struct tpm2_bank){
	    .alg = PP_ALG_SHA256, .digest_size = 32, .active = true, .size_of_select = 3};
	d.count = 1;
	d.d[0].alg = PP_ALG_SHA256;
	REQUIRE(tpm2_request_locality(&dev, 0, &e) == 0);
	CHECK_EQ(tpm2_pcr_extend(&dev, 17, &d, &e), PP_EDEVICE);
	CHECK_EQ(dev.last_rc, TPM2_RC_LOCALITY);
	CHECK_MSG(&e, "0x907 TPM_RC_LOCALITY");
	REQUIRE(tpm2_request_locality(&dev, 2, &e) == 0);
	CHECK_EQ(fake.active, 2);
	CHECK_EQ(tpm2_pcr_extend(&dev, 17, &d, &e), 0);
	CHECK_EQ(fake.tpm.last_loc, 2);
	CHECK_EQ(dev.last_rc, 0);
}

TEST(tpm2_tis_locality_refused)
{
	struct pp_err e = {0, ""};

	setup();
	fake.refuse_mask = 1u << 4; /* like QEMU: locality 4 is hardware only */
	CHECK_EQ(tpm2_request_locality(&dev, 4, &e), PP_ETIMEOUT);
	CHECK_MSG(&e, "locality 4 not granted within 750 ms");
	CHECK_EQ(dev.locality, TPM2_LOCALITY_NONE);
	CHECK(sim_us >= 750000 && sim_us <= 750000 + TPM_POLL_US);
	/* and a command without a locality is refused by the command layer */
	CHECK_EQ(tpm2_startup(&dev, NULL, &e), PP_EINVAL);
	CHECK_MSG(&e, "no TPM locality held");

	setup();
	fake.access_invalid = true;
	CHECK_EQ(tpm2_request_locality(&dev, 0, &e), PP_EDEVICE);
	CHECK_MSG(&e, "TPM_ACCESS_0 reads 0xff");

	setup();
	CHECK_EQ(tpm2_request_locality(&dev, 5, &e), PP_EINVAL);
}

TEST(tpm2_tis_stuck_device_times_out)
{
	struct pp_err e = {0, ""};

	setup();
	fake.stuck = true;
	REQUIRE(tpm2_request_locality(&dev, 0, &e) == 0);
	CHECK_EQ(tpm2_startup(&dev, NULL, &e), PP_ETIMEOUT);
	CHECK_MSG(&e, "no response within 5000 ms");
	CHECK(sim_us >= TPM_CMD_TIMEOUT_US && sim_us <= TPM_CMD_TIMEOUT_US + 1000);
	CHECK_EQ(fake.st, READY); /* command aborted with commandReady */
	CHECK_EQ(dev.last_rc, TPM2_RC_NONE);

	setup();
	fake.never_ready = true;
	REQUIRE(tpm2_request_locality(&dev, 0, &e) == 0);
	CHECK_EQ(tpm2_startup(&dev, NULL, &e), PP_ETIMEOUT);
	CHECK_MSG(&e, "commandReady not set within 2000 ms");
}

TEST(tpm2_tis_burst_zero_times_out)
{
	struct pp_err e = {0, ""};

	setup();
	fake.burst_zero = true;
	REQUIRE(tpm2_request_locality(&dev, 0, &e) == 0);
	CHECK_EQ(tpm2_startup(&dev, NULL, &e), PP_ETIMEOUT);
	CHECK_MSG(&e, "burstCount stayed 0");
	CHECK(sim_us >= TPM_TIMEOUT_A_US && sim_us <= TPM_TIMEOUT_A_US + 1000);
	CHECK_EQ(fake.gos, 0);
}

TEST(tpm2_tis_response_too_large)
{
	struct pp_err e = {0, ""};
	u8 small[16];
	size_t got = 99;
	static const u8 startup[] = {0x80, 0x01, 0, 0, 0, 12, 0, 0, 0x01, 0x44, 0, 0};

	setup();
	fake.tpm.oversize = TPM2_RSP_BUF_SIZE + 8;
	REQUIRE(tpm2_request_locality(&dev, 0, &e) == 0);
	CHECK_EQ(tpm2_startup(&dev, NULL, &e), PP_ERANGE);
	CHECK_MSG(&e, "response of 4104 bytes exceeds the 4096-byte buffer");
	CHECK_EQ(fake.st, READY); /* FIFO discarded */

	/* directly, with a caller buffer smaller than a normal response */
	setup();
	fake.tpm.oversize = 20;
	REQUIRE(tpm_tis_transport.request_locality(&mdev, 0, &e) == 0);
	CHECK_EQ(tpm_tis_transport.transmit(&mdev, startup, sizeof(startup), small, sizeof(small),
					    &got, &e),
		 PP_ERANGE);
	CHECK_EQ(got, 0);

	/* a size field below the header is malformed */
	setup();
	fake.tpm.oversize = 6;
	REQUIRE(tpm2_request_locality(&dev, 0, &e) == 0);
	CHECK_EQ(tpm2_startup(&dev, NULL, &e), PP_EINVAL);
	CHECK_MSG(&e, "below the header");
}

TEST(tpm2_tis_response_retry)
{
	struct pp_err e = {0, ""};
	u8 out[8];

	/* one garbled read: responseRetry, then a clean read */
	setup();
	fake.glitches = 1;
	REQUIRE(tpm2_request_locality(&dev, 0, &e) == 0);
	CHECK_EQ(tpm2_get_random(&dev, out, sizeof(out), &e), 0);
	CHECK_EQ(fake.retries, 1);

	/* always garbled: bounded attempts, then an error */
	setup();
	fake.glitches = 1000;
	REQUIRE(tpm2_request_locality(&dev, 0, &e) == 0);
	CHECK_EQ(tpm2_get_random(&dev, out, sizeof(out), &e), PP_EINVAL);
	CHECK_MSG(&e, "data left in the FIFO");
	CHECK_EQ(fake.retries, TPM_TIS_RECV_ATTEMPTS - 1);
}

TEST(tpm2_tis_expect_mismatch)
{
	struct pp_err e = {0, ""};
	u8 rsp[64];
	size_t got;
	/* header says 12 bytes, 14 are sent: the TPM stops expecting early */
	static const u8 bad[] = {0x80, 0x01, 0, 0, 0, 12, 0, 0, 0x01, 0x44, 0, 0, 0, 0};

	setup();
	REQUIRE(tpm_tis_transport.request_locality(&mdev, 0, &e) == 0);
	CHECK_EQ(tpm_tis_transport.transmit(&mdev, bad, sizeof(bad), rsp, sizeof(rsp), &got, &e),
		 PP_EDEVICE);
	CHECK_MSG(&e, "expects no more");
	CHECK_EQ(fake.gos, 0);
}
