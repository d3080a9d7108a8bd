// SPDX-License-Identifier: GPL-2.0-only
/*
 * TPM Command Response Buffer (CRB) transport, TCG PC Client Platform TPM
 * Profile (PTP) specification, 6.4/6.5 ("CRB Interface"):
 *
 *  locality : TPM_LOC_CTRL.requestAccess, wait TPM_LOC_STATE valid,
 *             locAssigned and activeLocality == loc (TIMEOUT_A); release
 *             with TPM_LOC_CTRL.relinquish (TIMEOUT_A).
 *  command  : CTRL_REQ.cmdReady, wait for the TPM to clear it and tpmIdle
 *             to drop (TIMEOUT_B); command/response buffer address and size
 *             from the control area, validated (inside the locality's
 *             register page at 0x80.., or inside the caller's declared buffer
 *             region; at least a header; command and response buffers equal
 *             or disjoint); copy the command; CTRL_START = 1; wait for the
 *             TPM to clear it (TPM_CMD_TIMEOUT_US, then CTRL_CANCEL).
 *  response : tpmSts (fatal error) must be clear; header, then size bytes,
 *             size checked against the response buffer and the caller's.
 *  finally  : CTRL_REQ.goIdle (TIMEOUT_B).
 */
#include <parapet/bytes.h>
#include "common/drivers/tpm/crb_regs.h"
#include "common/drivers/tpm/tpm_xport.h"

struct crb_bufs {
	u64 cmd, rsp;
	u32 cmd_size, rsp_size;
};

static int crb_request_locality(void *ctx, u8 loc, struct pp_err *err)
{
	struct tpm_mmio_dev *d = ctx;
	const u32 mask =
	    TPM_CRB_LOC_STATE_VALID | TPM_CRB_LOC_STATE_ASSIGNED | TPM_CRB_LOC_STATE_ACTIVE_MASK;
	const u32 want = TPM_CRB_LOC_STATE_VALID | TPM_CRB_LOC_STATE_ASSIGNED |
			 ((u32)loc << TPM_CRB_LOC_STATE_ACTIVE_SHIFT);
	u32 st;

	if (loc > TPM2_LOCALITY_MAX)
		return pp_fail(err, PP_EINVAL, "CRB: locality %u does not exist", loc);
	st = tpm_rd32(d, loc, TPM_CRB_LOC_STATE);
	if (st == 0xFFFFFFFFu || !(st & TPM_CRB_LOC_STATE_VALID))
		return pp_fail(err, PP_EDEVICE, "CRB: TPM_LOC_STATE_%u reads 0x%08x (not valid)",
			       loc, st);
	if ((st & mask) != want) {
		tpm_wr32(d, loc, TPM_CRB_LOC_CTRL, TPM_CRB_LOC_CTRL_REQUEST_ACCESS);
		if (tpm_poll(d, tpm_reg(d, loc, TPM_CRB_LOC_STATE), 32, mask, want, true,
			     d->to.a_us, &st))
			return pp_fail(err, PP_ETIMEOUT,
				       "CRB: locality %u not granted within %u ms "
				       "(TPM_LOC_STATE_%u 0x%08x)",
				       loc, d->to.a_us / 1000, loc, st);
	}
	d->locality = loc;
	return 0;
}

static int crb_release_locality(void *ctx, u8 loc, struct pp_err *err)
{
	struct tpm_mmio_dev *d = ctx;
	const u32 mask = TPM_CRB_LOC_STATE_ASSIGNED | TPM_CRB_LOC_STATE_ACTIVE_MASK;
	const u32 held = TPM_CRB_LOC_STATE_ASSIGNED | ((u32)loc << TPM_CRB_LOC_STATE_ACTIVE_SHIFT);
	u32 st;

	if (loc > TPM2_LOCALITY_MAX)
		return pp_fail(err, PP_EINVAL, "CRB: locality %u does not exist", loc);
	if (d->locality == loc)
		d->locality = TPM2_LOCALITY_NONE;
	st = tpm_rd32(d, loc, TPM_CRB_LOC_STATE);
	if (st == 0xFFFFFFFFu || !(st & TPM_CRB_LOC_STATE_VALID) || (st & mask) != held)
		return 0; /* not held (or not decoded): nothing to relinquish */
	tpm_wr32(d, loc, TPM_CRB_LOC_CTRL, TPM_CRB_LOC_CTRL_RELINQUISH);
	if (tpm_poll(d, tpm_reg(d, loc, TPM_CRB_LOC_STATE), 32, mask, held, false, d->to.a_us, &st))
		return pp_fail(err, PP_ETIMEOUT,
			       "CRB: locality %u still assigned %u ms after relinquish "
			       "(TPM_LOC_STATE_%u 0x%08x)",
			       loc, d->to.a_us / 1000, loc, st);
	return 0;
}

/* [addr, addr+size) inside the data buffer of the locality page or the
 * declared buffer region. */
static bool buf_ok(const struct tpm_mmio_dev *d, u8 loc, u64 addr, u32 size)
{
	u64 page = tpm_loc_page(d, loc), end;

	if (size < TPM2_HDR_SIZE || !pp_add_ok(addr, size, &end))
		return false;
	if (addr >= page + TPM_CRB_DATA_BUFFER && end <= page + 0x1000)
		return true;
	return d->buf_len && addr >= d->buf_base && end - d->buf_base <= d->buf_len &&
	       addr - d->buf_base <= d->buf_len;
}

static int read_bufs(struct tpm_mmio_dev *d, u8 loc, struct crb_bufs *b, struct pp_err *err)
{
	b->cmd_size = tpm_rd32(d, loc, TPM_CRB_CTRL_CMD_SIZE);
	b->cmd = tpm_rd32(d, loc, TPM_CRB_CTRL_CMD_LADDR) |
		 (u64)tpm_rd32(d, loc, TPM_CRB_CTRL_CMD_HADDR) << 32;
	b->rsp_size = tpm_rd32(d, loc, TPM_CRB_CTRL_RSP_SIZE);
	b->rsp = tpm_rd32(d, loc, TPM_CRB_CTRL_RSP_ADDR) |
		 (u64)tpm_rd32(d, loc, TPM_CRB_CTRL_RSP_ADDR + 4) << 32;
	if (!buf_ok(d, loc, b->cmd, b->cmd_size))
		return pp_fail(err, PP_EDEVICE,
			       "CRB: command buffer 0x%llx+0x%x lies outside the register page "
			       "and the allowed buffer region",
			       (unsigned long long)b->cmd, b->cmd_size);
	if (!buf_ok(d, loc, b->rsp, b->rsp_size))
		return pp_fail(err, PP_EDEVICE,
			       "CRB: response buffer 0x%llx+0x%x lies outside the register page "
			       "and the allowed buffer region",
			       (unsigned long long)b->rsp, b->rsp_size);
	if (b->cmd != b->rsp && pp_ranges_overlap(b->cmd, b->cmd_size, b->rsp, b->rsp_size))
		return pp_fail(err, PP_EDEVICE,
			       "CRB: command buffer 0x%llx+0x%x and response buffer 0x%llx+0x%x "
			       "overlap",
			       (unsigned long long)b->cmd, b->cmd_size, (unsigned long long)b->rsp,
			       b->rsp_size);
	return 0;
}

static int crb_ready(struct tpm_mmio_dev *d, u8 loc, struct pp_err *err)
{
	u32 v;

	v = tpm_rd32(d, loc, TPM_CRB_CTRL_STS);
	if (v & TPM_CRB_CTRL_STS_ERROR)
		return pp_fail(err, PP_EDEVICE,
			       "CRB: TPM_CRB_CTRL_STS 0x%08x reports a fatal error", v);
	tpm_wr32(d, loc, TPM_CRB_CTRL_REQ, TPM_CRB_CTRL_REQ_CMD_READY);
	if (tpm_poll(d, tpm_reg(d, loc, TPM_CRB_CTRL_REQ), 32, TPM_CRB_CTRL_REQ_CMD_READY, 0, true,
		     d->to.b_us, &v))
		return pp_fail(err, PP_ETIMEOUT,
			       "CRB: cmdReady not acknowledged within %u ms (CTRL_REQ 0x%08x)",
			       d->to.b_us / 1000, v);
	if (tpm_poll(d, tpm_reg(d, loc, TPM_CRB_CTRL_STS), 32, TPM_CRB_CTRL_STS_IDLE, 0, true,
		     d->to.b_us, &v))
		return pp_fail(err, PP_ETIMEOUT,
			       "CRB: TPM still idle %u ms after cmdReady "
			       "(CTRL_STS 0x%08x)",
			       d->to.b_us / 1000, v);
	return 0;
}

static int crb_run(struct tpm_mmio_dev *d, u8 loc, struct pp_err *err)
{
	u32 v;

	tpm_wr32(d, loc, TPM_CRB_CTRL_START, TPM_CRB_CTRL_START_CMD);
	if (tpm_poll(d, tpm_reg(d, loc, TPM_CRB_CTRL_START), 32, TPM_CRB_CTRL_START_CMD, 0, true,
		     d->to.cmd_us, &v)) {
		tpm_wr32(d, loc, TPM_CRB_CTRL_CANCEL, TPM_CRB_CTRL_CANCEL_CMD);
		tpm_poll(d, tpm_reg(d, loc, TPM_CRB_CTRL_START), 32, TPM_CRB_CTRL_START_CMD, 0,
			 true, d->to.c_us, &v);
		tpm_wr32(d, loc, TPM_CRB_CTRL_CANCEL, 0);
		return pp_fail(err, PP_ETIMEOUT,
			       "CRB: command not completed within %u ms (cancelled)",
			       d->to.cmd_us / 1000);
	}
	v = tpm_rd32(d, loc, TPM_CRB_CTRL_STS);
	if (v & TPM_CRB_CTRL_STS_ERROR)
		return pp_fail(
		    err, PP_EDEVICE,
		    "CRB: TPM_CRB_CTRL_STS 0x%08x reports a fatal error after the command", v);
	return 0;
}

static void copy_in(struct tpm_mmio_dev *d, u64 addr, u8 *dst, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = d->ops->rd8(addr + i, d->ops->ctx);
}

static int crb_read_rsp(struct tpm_mmio_dev *d, const struct crb_bufs *b, u8 *rsp, size_t cap,
			size_t *rsp_len, struct pp_err *err)
{
	u32 size;

	if (cap < TPM2_HDR_SIZE)
		return pp_fail(err, PP_ERANGE, "CRB: response buffer of %zu bytes", cap);
	copy_in(d, b->rsp, rsp, TPM2_HDR_SIZE);
	size = ld_be32(rsp + TPM2_HDR_SIZE_FIELD);
	if (size < TPM2_HDR_SIZE || size > b->rsp_size)
		return pp_fail(err, PP_EINVAL,
			       "CRB: response size field %u outside [10, %u] (the response buffer)",
			       size, b->rsp_size);
	if (size > cap)
		return pp_fail(err, PP_ERANGE,
			       "CRB: response of %u bytes exceeds the %zu-byte buffer", size, cap);
	copy_in(d, b->rsp + TPM2_HDR_SIZE, rsp + TPM2_HDR_SIZE, size - TPM2_HDR_SIZE);
	*rsp_len = size;
	return 0;
}

static int crb_transmit(void *ctx, const u8 *cmd, size_t cmd_len, u8 *rsp, size_t rsp_cap,
			size_t *rsp_len, struct pp_err *err)
{
	struct tpm_mmio_dev *d = ctx;
	struct crb_bufs b;
	u8 loc = d->locality;
	u32 v;
	int rc;

	*rsp_len = 0;
	if (loc == TPM2_LOCALITY_NONE)
		return pp_fail(err, PP_EINVAL, "CRB: no locality held");
	if (cmd_len < TPM2_HDR_SIZE)
		return pp_fail(err, PP_EINVAL, "CRB: command of %zu bytes", cmd_len);
	rc = crb_ready(d, loc, err);
	if (!rc)
		rc = read_bufs(d, loc, &b, err);
	if (!rc && cmd_len > b.cmd_size)
		rc = pp_fail(err, PP_ERANGE, "CRB: command of %zu bytes exceeds the %u-byte buffer",
			     cmd_len, b.cmd_size);
	if (!rc) {
		for (size_t i = 0; i < cmd_len; i++)
			d->ops->wr8(b.cmd + i, cmd[i], d->ops->ctx);
		rc = crb_run(d, loc, err);
	}
	if (!rc)
		rc = crb_read_rsp(d, &b, rsp, rsp_cap, rsp_len, err);
	tpm_wr32(d, loc, TPM_CRB_CTRL_REQ, TPM_CRB_CTRL_REQ_GO_IDLE);
	if (tpm_poll(d, tpm_reg(d, loc, TPM_CRB_CTRL_REQ), 32, TPM_CRB_CTRL_REQ_GO_IDLE, 0, true,
		     d->to.b_us, &v) &&
	    !rc)
		rc = pp_fail(err, PP_ETIMEOUT,
			     "CRB: goIdle not acknowledged within %u ms (CTRL_REQ 0x%08x)",
			     d->to.b_us / 1000, v);
	if (rc)
		*rsp_len = 0;
	return rc;
}

const struct tpm2_transport_ops tpm_crb_transport = {
    .request_locality = crb_request_locality,
    .release_locality = crb_release_locality,
    .transmit = crb_transmit,
};
