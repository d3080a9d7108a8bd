// SPDX-License-Identifier: GPL-2.0-only
/*
 * AMD-Vi command encoders and submission (amdvi_cmd.h). The ring is the
 * unit's command buffer: the driver owns the tail (its copy in
 * u->cmd_tail, published through the tail register), the unit the head.
 * One slot always stays free, so head == tail means empty.
 */
#include <parapet/bytes.h>
#include "hypervisor/drivers/iommu/amdvi_cmd.h"
#include "hypervisor/drivers/iommu/amdvi_regs.h"

static void op(struct amdvi_cmd *c, u32 opcode)
{
	*c = (struct amdvi_cmd){{0}};
	c->w[1] = opcode << AMDVI_CMD_OP_SHIFT;
}

void amdvi_cmd_completion_wait(struct amdvi_cmd *c, u64 store_hpa, u64 data)
{
	op(c, AMDVI_CMD_COMPLETION_WAIT);
	c->w[0] = AMDVI_CW_S | ((u32)store_hpa & ~7u);
	c->w[1] |= (u32)(store_hpa >> 32) & 0xfffffu;
	c->w[2] = (u32)data;
	c->w[3] = (u32)(data >> 32);
}

void amdvi_cmd_inv_devtab(struct amdvi_cmd *c, u16 rid)
{
	op(c, AMDVI_CMD_INV_DEVTAB_ENTRY);
	c->w[0] = rid;
}

void amdvi_cmd_inv_domain(struct amdvi_cmd *c, u16 domain)
{
	op(c, AMDVI_CMD_INV_IOMMU_PAGES);
	c->w[1] |= domain;
	c->w[2] = AMDVI_INV_S | AMDVI_INV_PDE | ((u32)AMDVI_INV_ALL_PAGES & 0xfffff000u);
	c->w[3] = (u32)(AMDVI_INV_ALL_PAGES >> 32);
}

void amdvi_cmd_inv_irt(struct amdvi_cmd *c, u16 rid)
{
	op(c, AMDVI_CMD_INV_INTERRUPT_TABLE);
	c->w[0] = rid;
}

void amdvi_cmd_inv_all(struct amdvi_cmd *c)
{
	op(c, AMDVI_CMD_INV_IOMMU_ALL);
}

/* The unit's head, as an offset into the ring. Taken modulo the ring:
 * QEMU's amd-iommu was reported (QEMU issue 3338) to leave the head
 * register at the ring's size (entry 256 of 256) where it should wrap to
 * 0; read as 0, the ring-full test stays right. */
static u32 head(const struct amdvi *u)
{
	u64 h = u->env->rd64(u->env->ctx, u->base, AMDVI_MMIO_CMD_BUF_HEAD) & AMDVI_RING_PTR;
	return (u32)(h % AMDVI_CMD_BYTES);
}

int amdvi_cmd_submit(struct amdvi *u, const struct amdvi_cmd *c, struct pp_err *err)
{
	const struct iommu_env *e = u->env;
	u32 next = (u->cmd_tail + AMDVI_RING_ENTRY) % AMDVI_CMD_BYTES;
	if (head(u) == next) {
		u->st.ring_full++;
		u64 t0 = e->now_us(e->ctx);
		while (head(u) == next) {
			if (e->now_us(e->ctx) - t0 >= IOMMU_TIMEOUT_US) {
				u->st.timeouts++;
				return pp_fail(
				    err, PP_ETIMEOUT,
				    "amdvi 0x%llx: command ring full for %u us (head 0x%x, "
				    "tail 0x%x, opcode %u not queued)",
				    (unsigned long long)u->base, IOMMU_TIMEOUT_US, head(u),
				    u->cmd_tail, amdvi_cmd_opcode(c));
			}
			e->relax(e->ctx);
		}
	}
	for (u32 i = 0; i < 4; i++)
		st_le32(u->cmd + u->cmd_tail + (size_t)4 * i, c->w[i]);
	amdvi_wmb(); /* the slot before the tail that publishes it */
	u->cmd_tail = next;
	e->wr64(e->ctx, u->base, AMDVI_MMIO_CMD_BUF_TAIL, next);
	u->st.cmds++;
	return PP_OK;
}

int amdvi_cmd_wait(struct amdvi *u, struct pp_err *err)
{
	const struct iommu_env *e = u->env;
	struct amdvi_cmd c;
	u64 want = u->seq + 1;
	amdvi_cmd_completion_wait(&c, u->sem_hpa, want);
	int rc = amdvi_cmd_submit(u, &c, err);
	if (rc)
		return rc;
	u->seq = want;
	u->st.waits++;
	u64 t0 = e->now_us(e->ctx), dt;
	while (*u->sem != want) {
		dt = e->now_us(e->ctx) - t0;
		if (dt >= IOMMU_TIMEOUT_US) {
			u->st.timeouts++;
			return pp_fail(err, PP_ETIMEOUT,
				       "amdvi 0x%llx: COMPLETION_WAIT %llu not stored within %u us "
				       "(semaphore %llu, head 0x%x, tail 0x%x)",
				       (unsigned long long)u->base, (unsigned long long)want,
				       IOMMU_TIMEOUT_US, (unsigned long long)*u->sem, head(u),
				       u->cmd_tail);
		}
		e->relax(e->ctx);
	}
	dt = e->now_us(e->ctx) - t0;
	u->st.wait_us_total += dt;
	if (dt > u->st.wait_us_max)
		u->st.wait_us_max = dt;
	return PP_OK;
}
