// SPDX-License-Identifier: GPL-2.0-only
/*
 * TPM FIFO (TIS) transport, TCG PC Client Platform TPM Profile (PTP)
 * specification, 6.3 ("FIFO Interface") and its command/response state
 * machine (Idle -> Ready -> Reception -> Execution -> Completion):
 *
 *  locality : TPM_ACCESS.requestUse, wait activeLocality (TIMEOUT_A);
 *             release by writing activeLocality (TIMEOUT_A until it clears).
 *  command  : TPM_STS.commandReady, wait for it (TIMEOUT_B); write the
 *             command to TPM_DATA_FIFO at most burstCount bytes at a time
 *             (burstCount waits: TIMEOUT_A); stsValid with Expect=1 before
 *             the last byte and Expect=0 after it (TIMEOUT_C); tpmGo.
 *  response : wait stsValid|dataAvail (TPM_CMD_TIMEOUT_US); read the
 *             10-byte header, then size-10 bytes, burst by burst; then
 *             stsValid with dataAvail=0. A malformed read is retried with
 *             responseRetry (TPM_TIS_RECV_ATTEMPTS reads in all).
 *  finally  : commandReady (back to Idle/Ready; also aborts on errors).
 */
#include <parapet/bytes.h>
#include "common/drivers/tpm/tis_regs.h"
#include "common/drivers/tpm/tpm_xport.h"

static int tis_request_locality(void *ctx, u8 loc, struct pp_err *err)
{
	struct tpm_mmio_dev *d = ctx;
	const u32 want = TPM_ACCESS_VALID | TPM_ACCESS_ACTIVE_LOCALITY;
	u32 acc;

	if (loc > TPM2_LOCALITY_MAX)
		return pp_fail(err, PP_EINVAL, "TIS: locality %u does not exist", loc);
	acc = tpm_rd8(d, loc, TPM_ACCESS);
	if (acc == 0xFF || !(acc & TPM_ACCESS_VALID))
		return pp_fail(err, PP_EDEVICE, "TIS: TPM_ACCESS_%u reads 0x%02x (not valid)", loc,
			       acc);
	if ((acc & want) != want) {
		tpm_wr8(d, loc, TPM_ACCESS, TPM_ACCESS_REQUEST_USE);
		if (tpm_poll(d, tpm_reg(d, loc, TPM_ACCESS), 8, want, want, true, d->to.a_us, &acc))
			return pp_fail(err, PP_ETIMEOUT,
				       "TIS: locality %u not granted within %u ms (TPM_ACCESS_%u "
				       "0x%02x)",
				       loc, d->to.a_us / 1000, loc, acc);
	}
	d->locality = loc;
	return 0;
}

static int tis_release_locality(void *ctx, u8 loc, struct pp_err *err)
{
	struct tpm_mmio_dev *d = ctx;
	u32 acc;

	if (loc > TPM2_LOCALITY_MAX)
		return pp_fail(err, PP_EINVAL, "TIS: locality %u does not exist", loc);
	if (d->locality == loc)
		d->locality = TPM2_LOCALITY_NONE;
	acc = tpm_rd8(d, loc, TPM_ACCESS);
	if (acc == 0xFF || (acc & (TPM_ACCESS_VALID | TPM_ACCESS_ACTIVE_LOCALITY)) !=
			       (TPM_ACCESS_VALID | TPM_ACCESS_ACTIVE_LOCALITY))
		return 0; /* not active (or not decoded): nothing to relinquish */
	tpm_wr8(d, loc, TPM_ACCESS, TPM_ACCESS_ACTIVE_LOCALITY);
	if (tpm_poll(d, tpm_reg(d, loc, TPM_ACCESS), 8, TPM_ACCESS_ACTIVE_LOCALITY, 0, true,
		     d->to.a_us, &acc))
		return pp_fail(err, PP_ETIMEOUT,
			       "TIS: locality %u still active %u ms after relinquish "
			       "(TPM_ACCESS_%u 0x%02x)",
			       loc, d->to.a_us / 1000, loc, acc);
	return 0;
}

/* Waits for a non-zero burstCount; returns it, or 0 on timeout. */
static u32 burst_count(struct tpm_mmio_dev *d, u8 loc)
{
	u32 sts;
	if (tpm_poll(d, tpm_reg(d, loc, TPM_STS), 32, TPM_STS_BURST_MASK, 0, false, d->to.a_us,
		     &sts))
		return 0;
	return (sts & TPM_STS_BURST_MASK) >> TPM_STS_BURST_SHIFT;
}

/* stsValid, then Expect must equal expect. */
static int check_expect(struct tpm_mmio_dev *d, u8 loc, bool expect, size_t at, struct pp_err *err)
{
	u32 sts;
	if (tpm_poll(d, tpm_reg(d, loc, TPM_STS), 32, TPM_STS_VALID, TPM_STS_VALID, true,
		     d->to.c_us, &sts))
		return pp_fail(err, PP_ETIMEOUT, "TIS: stsValid not set %u ms after byte %zu",
			       d->to.c_us / 1000, at);
	if (!!(sts & TPM_STS_EXPECT) != expect)
		return pp_fail(err, PP_EDEVICE,
			       "TIS: after %zu command bytes the TPM %s more (TPM_STS 0x%08x)", at,
			       expect ? "expects no" : "still expects", sts);
	return 0;
}

static int tis_send(struct tpm_mmio_dev *d, u8 loc, const u8 *cmd, size_t len, struct pp_err *err)
{
	size_t sent = 0;
	u32 sts;
	int rc;

	tpm_wr32(d, loc, TPM_STS, TPM_STS_COMMAND_READY);
	if (tpm_poll(d, tpm_reg(d, loc, TPM_STS), 32, TPM_STS_COMMAND_READY, TPM_STS_COMMAND_READY,
		     true, d->to.b_us, &sts))
		return pp_fail(err, PP_ETIMEOUT,
			       "TIS: commandReady not set within %u ms (TPM_STS 0x%08x)",
			       d->to.b_us / 1000, sts);
	/* Every byte but the last, burst by burst; the TPM must keep Expect set. */
	while (sent < len - 1) {
		u32 burst = burst_count(d, loc);
		if (!burst)
			return pp_fail(err, PP_ETIMEOUT,
				       "TIS: burstCount stayed 0 for %u ms after %zu command bytes",
				       d->to.a_us / 1000, sent);
		for (; burst && sent < len - 1; burst--)
			tpm_wr8(d, loc, TPM_DATA_FIFO, cmd[sent++]);
		rc = check_expect(d, loc, true, sent, err);
		if (rc)
			return rc;
	}
	if (!burst_count(d, loc))
		return pp_fail(err, PP_ETIMEOUT,
			       "TIS: burstCount stayed 0 for %u ms before the last command byte",
			       d->to.a_us / 1000);
	tpm_wr8(d, loc, TPM_DATA_FIFO, cmd[sent++]);
	rc = check_expect(d, loc, false, sent, err);
	if (rc)
		return rc;
	tpm_wr32(d, loc, TPM_STS, TPM_STS_GO);
	return 0;
}

/* Reads n bytes from the FIFO into buf, burst by burst. */
static int fifo_read(struct tpm_mmio_dev *d, u8 loc, u8 *buf, size_t n, size_t at,
		     struct pp_err *err)
{
	size_t got = 0;
	while (got < n) {
		u32 burst = burst_count(d, loc);
		if (!burst)
			return pp_fail(err, PP_ETIMEOUT,
				       "TIS: burstCount stayed 0 for %u ms at response byte %zu",
				       d->to.a_us / 1000, at + got);
		for (; burst && got < n; burst--)
			buf[got++] = tpm_rd8(d, loc, TPM_DATA_FIFO);
	}
	return 0;
}

static int tis_recv(struct tpm_mmio_dev *d, u8 loc, u8 *rsp, size_t cap, size_t *rsp_len,
		    struct pp_err *err)
{
	u32 size, sts;
	int rc;

	if (tpm_poll(d, tpm_reg(d, loc, TPM_STS), 32, TPM_STS_VALID | TPM_STS_DATA_AVAIL,
		     TPM_STS_VALID | TPM_STS_DATA_AVAIL, true, d->to.cmd_us, &sts))
		return pp_fail(err, PP_ETIMEOUT, "TIS: no response within %u ms (TPM_STS 0x%08x)",
			       d->to.cmd_us / 1000, sts);
	if (cap < TPM2_HDR_SIZE)
		return pp_fail(err, PP_ERANGE, "TIS: response buffer of %zu bytes", cap);
	rc = fifo_read(d, loc, rsp, TPM2_HDR_SIZE, 0, err);
	if (rc)
		return rc;
	size = ld_be32(rsp + TPM2_HDR_SIZE_FIELD);
	if (size < TPM2_HDR_SIZE)
		return pp_fail(err, PP_EINVAL, "TIS: response size field %u is below the header",
			       size);
	if (size > cap)
		return pp_fail(err, PP_ERANGE,
			       "TIS: response of %u bytes exceeds the %zu-byte buffer", size, cap);
	rc = fifo_read(d, loc, rsp + TPM2_HDR_SIZE, size - TPM2_HDR_SIZE, TPM2_HDR_SIZE, err);
	if (rc)
		return rc;
	if (tpm_poll(d, tpm_reg(d, loc, TPM_STS), 32, TPM_STS_VALID, TPM_STS_VALID, true,
		     d->to.c_us, &sts))
		return pp_fail(err, PP_ETIMEOUT, "TIS: stsValid not set after the response");
	if (sts & TPM_STS_DATA_AVAIL)
		return pp_fail(err, PP_EINVAL,
			       "TIS: data left in the FIFO after the %u bytes the header announced",
			       size);
	*rsp_len = size;
	return 0;
}

static int tis_transmit(void *ctx, const u8 *cmd, size_t cmd_len, u8 *rsp, size_t rsp_cap,
			size_t *rsp_len, struct pp_err *err)
{
	struct tpm_mmio_dev *d = ctx;
	u8 loc = d->locality;
	int rc;

	*rsp_len = 0;
	if (loc == TPM2_LOCALITY_NONE)
		return pp_fail(err, PP_EINVAL, "TIS: no locality held");
	if (cmd_len < TPM2_HDR_SIZE)
		return pp_fail(err, PP_EINVAL, "TIS: command of %zu bytes", cmd_len);
	rc = tis_send(d, loc, cmd, cmd_len, err);
	if (!rc) {
		rc = tis_recv(d, loc, rsp, rsp_cap, rsp_len, err);
		/* A garbled read (not a timeout, not an oversize) is read again. */
		for (u32 i = 1; rc == PP_EINVAL && i < TPM_TIS_RECV_ATTEMPTS; i++) {
			tpm_wr32(d, loc, TPM_STS, TPM_STS_RESPONSE_RETRY);
			rc = tis_recv(d, loc, rsp, rsp_cap, rsp_len, err);
		}
	}
	/* Success: back to Idle. Failure: abort the command, discard the FIFO. */
	tpm_wr32(d, loc, TPM_STS, TPM_STS_COMMAND_READY);
	if (rc)
		*rsp_len = 0;
	return rc;
}

const struct tpm2_transport_ops tpm_tis_transport = {
    .request_locality = tis_request_locality,
    .release_locality = tis_release_locality,
    .transmit = tis_transmit,
};
