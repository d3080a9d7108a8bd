// SPDX-License-Identifier: GPL-2.0-only
/* Shared pieces of the TIS and CRB transports: init, bounded polling, MMIO. */
#include <parapet/string.h>
#include <parapet/x86.h>
#include "common/drivers/tpm/tpm_xport.h"

static u8 direct_rd8(u64 phys, void *ctx)
{
	(void)ctx;
	return mmio_read8((volatile void *)(uintptr_t)phys);
}

static u32 direct_rd32(u64 phys, void *ctx)
{
	(void)ctx;
	return mmio_read32((volatile void *)(uintptr_t)phys);
}

static void direct_wr8(u64 phys, u8 v, void *ctx)
{
	(void)ctx;
	mmio_write8((volatile void *)(uintptr_t)phys, v);
}

static void direct_wr32(u64 phys, u32 v, void *ctx)
{
	(void)ctx;
	mmio_write32((volatile void *)(uintptr_t)phys, v);
}

const struct tpm_mmio_ops tpm_mmio_direct = {
    .rd8 = direct_rd8, .rd32 = direct_rd32, .wr8 = direct_wr8, .wr32 = direct_wr32, .ctx = NULL};

void tpm_mmio_dev_init(struct tpm_mmio_dev *d, const struct tpm_mmio_ops *ops, u64 base,
		       void (*udelay)(u32 us))
{
	memset(d, 0, sizeof(*d));
	d->ops = ops;
	d->base = base;
	d->udelay = udelay;
	d->poll_us = TPM_POLL_US;
	d->to = (struct tpm_timeouts){.a_us = TPM_TIMEOUT_A_US,
				      .b_us = TPM_TIMEOUT_B_US,
				      .c_us = TPM_TIMEOUT_C_US,
				      .cmd_us = TPM_CMD_TIMEOUT_US};
	d->locality = TPM2_LOCALITY_NONE;
}

int tpm_poll(struct tpm_mmio_dev *d, u64 addr, u32 width, u32 mask, u32 value, bool equal,
	     u32 timeout_us, u32 *last)
{
	u32 step = d->poll_us ? d->poll_us : 1;
	u32 rounds = timeout_us / step + 1;
	u32 v = 0;

	for (u32 i = 0; i < rounds; i++) {
		if (i && d->udelay)
			d->udelay(step);
		v = width == 8 ? d->ops->rd8(addr, d->ops->ctx) : d->ops->rd32(addr, d->ops->ctx);
		d->polls++;
		if (((v & mask) == value) == equal) {
			if (last)
				*last = v;
			return 0;
		}
	}
	if (last)
		*last = v;
	return PP_ETIMEOUT;
}
