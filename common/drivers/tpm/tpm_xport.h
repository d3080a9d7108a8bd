/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TPM MMIO transports (TIS/FIFO in tis.c, CRB in crb.c): the state shared by
 * both, the injected register accessors, and bounded polling.
 *
 * Register access goes through struct tpm_mmio_ops (like tpm_probe.h), so
 * the state machines run on the host against fake register models; the
 * hypervisor and launch pass tpm_mmio_direct (identity-mapped, uncached
 * MMIO). Every wait is a loop of at most timeout_us / poll_us + 1 register
 * reads separated by udelay(poll_us): a device that never answers yields
 * PP_ETIMEOUT, never a hang. Timeouts (docs/tpm.md): TCG PC Client PTP
 * specification, "Interface Timeouts" (TIMEOUT_A..D); command execution is
 * bounded by TPM_CMD_TIMEOUT_US, our choice for the short commands we send.
 */
#ifndef PARAPET_DRV_TPM_XPORT_H
#define PARAPET_DRV_TPM_XPORT_H

#include <parapet/err.h>
#include <parapet/tpm2.h>
#include <parapet/types.h>

#define TPM_TIMEOUT_A_US 750000u    /* locality request/relinquish, burstCount */
#define TPM_TIMEOUT_B_US 2000000u   /* TIS commandReady; CRB cmdReady/goIdle */
#define TPM_TIMEOUT_C_US 200000u    /* stsValid after a FIFO write; CRB cancel */
#define TPM_TIMEOUT_D_US 30000u	    /* (PTP value; kept for reference) */
#define TPM_CMD_TIMEOUT_US 5000000u /* dataAvail / CRB start clear: command run */
#define TPM_POLL_US 20u		    /* delay between two polls */
#define TPM_TIS_RECV_ATTEMPTS 3u    /* response reads, with responseRetry between */

struct tpm_mmio_ops {
	u8 (*rd8)(u64 phys, void *ctx);
	u32 (*rd32)(u64 phys, void *ctx);
	void (*wr8)(u64 phys, u8 v, void *ctx);
	void (*wr32)(u64 phys, u32 v, void *ctx);
	void *ctx;
};

/* Identity-mapped MMIO (freestanding callers; never called on the host). */
extern const struct tpm_mmio_ops tpm_mmio_direct;

struct tpm_timeouts {
	u32 a_us, b_us, c_us, cmd_us;
};

struct tpm_mmio_dev {
	const struct tpm_mmio_ops *ops;
	u64 base;		/* locality-0 register page (4 KiB aligned) */
	void (*udelay)(u32 us); /* caller's delay; NULL = no delay (tests) */
	u32 poll_us;
	struct tpm_timeouts to;
	u8 locality; /* held locality or TPM2_LOCALITY_NONE */
	/* CRB only: a region (besides the locality's register page) where
	 * command/response buffers may lie; 0/0 = register page only. */
	u64 buf_base, buf_len;
	u64 polls; /* register polls so far (diagnostics, tests) */
};

void tpm_mmio_dev_init(struct tpm_mmio_dev *d, const struct tpm_mmio_ops *ops, u64 base,
		       void (*udelay)(u32 us));
static inline u64 tpm_loc_page(const struct tpm_mmio_dev *d, u8 loc)
{
	return d->base + 0x1000ull * loc;
}

/* Register `off` of locality loc's page, and its accessors (both transports). */
static inline u64 tpm_reg(const struct tpm_mmio_dev *d, u8 loc, u32 off)
{
	return tpm_loc_page(d, loc) + off;
}
static inline u8 tpm_rd8(const struct tpm_mmio_dev *d, u8 loc, u32 off)
{
	return d->ops->rd8(tpm_reg(d, loc, off), d->ops->ctx);
}
static inline u32 tpm_rd32(const struct tpm_mmio_dev *d, u8 loc, u32 off)
{
	return d->ops->rd32(tpm_reg(d, loc, off), d->ops->ctx);
}
static inline void tpm_wr8(const struct tpm_mmio_dev *d, u8 loc, u32 off, u8 v)
{
	d->ops->wr8(tpm_reg(d, loc, off), v, d->ops->ctx);
}
static inline void tpm_wr32(const struct tpm_mmio_dev *d, u8 loc, u32 off, u32 v)
{
	d->ops->wr32(tpm_reg(d, loc, off), v, d->ops->ctx);
}

/*
 * Poll until ((reg & mask) == value) == equal, reading 8 or 32 bits
 * (width), at most timeout_us / poll_us + 1 times. Returns 0 or
 * PP_ETIMEOUT; *last (may be NULL) receives the last value read.
 */
int tpm_poll(struct tpm_mmio_dev *d, u64 addr, u32 width, u32 mask, u32 value, bool equal,
	     u32 timeout_us, u32 *last);

/* tpm2_transport_ops over a struct tpm_mmio_dev (ctx). */
extern const struct tpm2_transport_ops tpm_tis_transport;
extern const struct tpm2_transport_ops tpm_crb_transport;

#endif
