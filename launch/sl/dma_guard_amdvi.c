// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DMA guard on one AMD-Vi unit (dma_guard.h; spec #48882: device table
 * §2.2.2, commands §2.4, registers §3.4), with the hypervisor driver's
 * shared definitions: registers and Control bits (amdvi_regs.h), the deny
 * entry (amdvi_dte_deny), the command encoders (amdvi_cmd.h). The ring is
 * driven synchronously and small (sl.bin must fit the SLB): a completion
 * wait after at most 129 commands, so the 256-entry ring never fills and
 * its head is never read. No event log: the hypervisor sets one up when it
 * takes the unit over.
 *
 * Trust: the tables are written in full here before the unit is pointed at
 * them; every wait on the unit is bounded (IOMMU_TIMEOUT_US turns).
 */
#include <parapet/bytes.h>
#include <parapet/string.h>
#include "hypervisor/drivers/iommu/amdvi.h"
#include "hypervisor/drivers/iommu/amdvi_cmd.h"
#include "hypervisor/drivers/iommu/amdvi_regs.h"
#include "dma_guard.h"

struct ag {
	const struct iommu_env *env;
	u64 base;
	const struct sl_dma_mem *m;
	u32 tail;
	u64 seq;
	struct pp_err *err;
};

static u64 rd(const struct ag *g, u32 off)
{
	return g->env->rd64(g->env->ctx, g->base, off);
}

static void wr(const struct ag *g, u32 off, u64 v)
{
	g->env->wr64(g->env->ctx, g->base, off, v);
}

/* Until the Status bits `mask` are clear (off != 0) or the completion
 * word holds the last sequence number (off == 0). */
static int poll(struct ag *g, u32 off, u64 mask)
{
	const struct iommu_env *e = g->env;
	u64 t0 = e->now_us(e->ctx);
	while (off ? (rd(g, off) & mask) != 0 : *g->m->sem != g->seq) {
		if (e->now_us(e->ctx) - t0 >= IOMMU_TIMEOUT_US)
			return sl_dma_fail(g->base, off, PP_ETIMEOUT, g->err);
		e->relax(e->ctx);
	}
	return PP_OK;
}

static void put(struct ag *g, const struct amdvi_cmd *c)
{
	for (u32 i = 0; i < 4; i++)
		st_le32(g->m->cmd + g->tail + (size_t)4 * i, c->w[i]);
	amdvi_wmb(); /* the slot before the tail that publishes it */
	g->tail = (g->tail + AMDVI_RING_ENTRY) % AMDVI_CMD_BYTES;
	wr(g, AMDVI_MMIO_CMD_BUF_TAIL, g->tail);
}

static int wait_done(struct ag *g)
{
	struct amdvi_cmd c;
	amdvi_cmd_completion_wait(&c, g->m->sem_pa, ++g->seq);
	put(g, &c);
	return poll(g, 0, 0);
}

/* Every cache of the unit emptied: INVALIDATE_IOMMU_ALL where the EFR has
 * IASup; else every ID's DTE and interrupt table (a wait every 64 IDs)
 * and domain 0's pages (every deny entry names domain 0). Then a wait. */
static int invalidate(struct ag *g, bool ia)
{
	struct amdvi_cmd c;
	int rc;
	for (u32 rid = 0; !ia && rid < AMDVI_DEV_TABLE_ENTRIES; rid++) {
		amdvi_cmd_inv_devtab(&c, (u16)rid);
		put(g, &c);
		amdvi_cmd_inv_irt(&c, (u16)rid);
		put(g, &c);
		if ((rid & 63) == 63 && (rc = wait_done(g)))
			return rc;
	}
	if (ia)
		amdvi_cmd_inv_all(&c);
	else
		amdvi_cmd_inv_domain(&c, 0);
	put(g, &c);
	return wait_done(g);
}

static void deny_all(const struct sl_dma_mem *m, const struct amdvi_dte *n)
{
	for (u32 i = 0; i < AMDVI_DEV_TABLE_ENTRIES; i++)
		m->devtab[i] = *n;
	amdvi_wmb();
}

int sl_dma_guard_amdvi(const struct iommu_env *env, const struct sl_dma_mem *m, u64 base,
		       bool *fw_on, struct pp_err *err)
{
	struct ag g = {env, base, m, 0, 0, err};
	struct amdvi_dte n;
	int rc;
	u64 efr = rd(&g, AMDVI_MMIO_EFR);
	if (efr == ~0ull)
		return sl_dma_fail(base, AMDVI_MMIO_EFR, PP_EDEVICE, err);
	if ((rc = amdvi_dte_deny(&n, 0, m->irt_pa, err)))
		return rc;
	deny_all(m, &n);
	memset(m->cmd, 0, SL_DMA_CMD_SIZE);
	*m->sem = 0;

	/* Found on (firmware): off first, the rings stopped before their
	 * bases change. Until the enable below this unit checks no DMA; the
	 * SL has copied and measured nothing yet (SECURITY.md). */
	u64 ctl = rd(&g, AMDVI_MMIO_CONTROL);
	*fw_on = (ctl & AMDVI_CONTROL_IOMMU_EN) != 0;
	ctl &= ~AMDVI_CONTROL_OWNED;
	wr(&g, AMDVI_MMIO_CONTROL, ctl);
	if ((rc = poll(&g, AMDVI_MMIO_STATUS, AMDVI_STATUS_CMD_BUF_RUN | AMDVI_STATUS_EVT_LOG_RUN)))
		return rc;
	wr(&g, AMDVI_MMIO_DEV_TABLE_BASE,
	   (m->devtab_pa & AMDVI_DEV_TABLE_BASE_ADDR) | (AMDVI_DEV_TABLE_PAGES - 1));
	wr(&g, AMDVI_MMIO_CMD_BUF_BASE,
	   (m->cmd_pa & AMDVI_RING_BASE_ADDR) | ((u64)AMDVI_CMD_LEN << AMDVI_RING_BASE_LEN_SHIFT));
	wr(&g, AMDVI_MMIO_CMD_BUF_HEAD, 0);
	wr(&g, AMDVI_MMIO_CMD_BUF_TAIL, 0);
	amdvi_wmb(); /* the tables before the enable */
	wr(&g, AMDVI_MMIO_CONTROL, ctl | AMDVI_CONTROL_CMD_BUF_EN | AMDVI_CONTROL_IOMMU_EN);
	bool ia = (efr & AMDVI_EFR_IA_SUP) != 0;
	if ((rc = invalidate(&g, ia)))
		return rc;
	/*
	 * Second pass. Before IommuEn was set, any device could write memory
	 * by DMA, the device table included: an entry planted there may have
	 * been read, and cached, by the unit at the enable. Every entry written
	 * again now, and every cache emptied again after that, leaves nothing
	 * of such a write: from this invalidation's completion on the unit
	 * uses deny entries only, and with every requester denied no device
	 * can write the table again.
	 */
	deny_all(m, &n);
	return invalidate(&g, ia);
}
