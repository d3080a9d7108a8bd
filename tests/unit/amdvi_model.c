// SPDX-License-Identifier: GPL-2.0-only
/* The AMD-Vi unit model (amdvi_model.h). Host test code. */
#include <stdlib.h>
#include <string.h>
#include <parapet/bytes.h>
#include "hypervisor/drivers/iommu/amdvi_regs.h"
#include "amdvi_model.h"

u64 amdvi_model_reg(const struct amdvi_model *m, u32 off)
{
	return off / 8 < AMDVI_MODEL_REGS ? m->reg[off / 8] : ~0ull;
}

void amdvi_model_set_reg(struct amdvi_model *m, u32 off, u64 v)
{
	if (off / 8 < AMDVI_MODEL_REGS)
		m->reg[off / 8] = v;
}

void *amdvi_model_va(struct amdvi_model *m, u64 hpa, u64 len)
{
	for (u32 i = 0; i < AMDVI_MODEL_ALLOCS; i++) {
		struct amdvi_model_alloc *a = &m->allocs[i];
		u64 size = (u64)a->npages * 4096;
		if (a->va && hpa >= a->hpa && len <= size && hpa - a->hpa <= size - len)
			return (u8 *)a->va + (hpa - a->hpa);
	}
	return NULL;
}

u32 amdvi_model_live(const struct amdvi_model *m)
{
	u32 n = 0;
	for (u32 i = 0; i < AMDVI_MODEL_ALLOCS; i++)
		n += m->allocs[i].va != NULL;
	return n;
}

static u32 ring_bytes(u64 base_reg)
{
	u32 len = (u32)((base_reg & AMDVI_RING_BASE_LEN) >> AMDVI_RING_BASE_LEN_SHIFT);
	return len >= AMDVI_RING_LEN_MIN ? (1u << len) * AMDVI_RING_ENTRY : 0;
}

static void execute(struct amdvi_model *m, const struct amdvi_cmd *c)
{
	u32 op = amdvi_cmd_opcode(c);
	if (m->nlog < AMDVI_MODEL_LOG)
		m->log[m->nlog++] = *c;
	m->by_op[op & 15]++;
	if (op == AMDVI_CMD_COMPLETION_WAIT && (c->w[0] & AMDVI_CW_S)) {
		u64 addr = (c->w[0] & ~7u) | ((u64)(c->w[1] & 0xfffffu) << 32);
		u8 *p = amdvi_model_va(m, addr, 8);
		if (!p)
			m->bad_store = true;
		else
			st_le64(p, c->w[2] | ((u64)c->w[3] << 32));
	}
}

static void run_commands(struct amdvi_model *m)
{
	u64 ctl = amdvi_model_reg(m, AMDVI_MMIO_CONTROL);
	if (m->stalled || m->now < m->resume_at || !(ctl & AMDVI_CONTROL_IOMMU_EN) ||
	    !(ctl & AMDVI_CONTROL_CMD_BUF_EN))
		return;
	u64 base = amdvi_model_reg(m, AMDVI_MMIO_CMD_BUF_BASE);
	u32 size = ring_bytes(base);
	u8 *ring = amdvi_model_va(m, base & AMDVI_RING_BASE_ADDR, size);
	if (!size || !ring)
		return;
	for (u32 k = 0; k < m->per_relax; k++) {
		u32 head = (u32)(amdvi_model_reg(m, AMDVI_MMIO_CMD_BUF_HEAD) & AMDVI_RING_PTR);
		u32 tail = (u32)(amdvi_model_reg(m, AMDVI_MMIO_CMD_BUF_TAIL) & AMDVI_RING_PTR);
		if (m->head_unwrapped && head == size)
			head = 0;
		if (head == tail || head >= size)
			return;
		struct amdvi_cmd c;
		for (u32 i = 0; i < 4; i++)
			c.w[i] = ld_le32(ring + head + (size_t)4 * i);
		execute(m, &c);
		u32 next = head + AMDVI_RING_ENTRY;
		amdvi_model_set_reg(m, AMDVI_MMIO_CMD_BUF_HEAD,
				    m->head_unwrapped && next == size ? next : next % size);
	}
}

void amdvi_model_run_all(struct amdvi_model *m)
{
	u32 per = m->per_relax;
	m->per_relax = 1u << 20;
	run_commands(m);
	m->per_relax = per;
}

static u64 rd64(void *ctx, u64 base, u32 off)
{
	(void)base;
	return amdvi_model_reg(ctx, off);
}

static u32 rd32(void *ctx, u64 base, u32 off)
{
	return (u32)(rd64(ctx, base, off & ~7u) >> (8 * (off & 4)));
}

static void wr64(void *ctx, u64 base, u32 off, u64 v)
{
	struct amdvi_model *m = ctx;
	(void)base;
	if (m->nw < AMDVI_MODEL_WLOG) {
		m->wlog[m->nw].off = off;
		m->wlog[m->nw++].v = v;
	}
	if (off == AMDVI_MMIO_STATUS) {
		u64 w1c = AMDVI_STATUS_EVT_OVERFLOW | AMDVI_STATUS_EVT_LOG_INT |
			  AMDVI_STATUS_COM_WAIT_INT;
		m->reg[off / 8] &= ~(v & w1c);
		return;
	}
	if (off == AMDVI_MMIO_CONTROL) {
		u64 old = amdvi_model_reg(m, off), st = amdvi_model_reg(m, AMDVI_MMIO_STATUS);
		if (v & AMDVI_CONTROL_CMD_BUF_EN)
			st |= AMDVI_STATUS_CMD_BUF_RUN;
		else if (!m->stuck_run)
			st &= ~AMDVI_STATUS_CMD_BUF_RUN;
		if ((v & AMDVI_CONTROL_EVT_LOG_EN) && !(old & AMDVI_CONTROL_EVT_LOG_EN))
			st |= AMDVI_STATUS_EVT_LOG_RUN;
		else if (!(v & AMDVI_CONTROL_EVT_LOG_EN) && !m->stuck_run)
			st &= ~AMDVI_STATUS_EVT_LOG_RUN;
		amdvi_model_set_reg(m, AMDVI_MMIO_STATUS, st);
	}
	amdvi_model_set_reg(m, off, v);
}

static void wr32(void *ctx, u64 base, u32 off, u32 v)
{
	u64 old = rd64(ctx, base, off & ~7u);
	u32 sh = 8 * (off & 4);
	wr64(ctx, base, off & ~7u, (old & ~(0xffffffffull << sh)) | ((u64)v << sh));
}

static void *alloc(void *ctx, u32 npages, u32 align_pages, u64 *hpa)
{
	struct amdvi_model *m = ctx;
	if (++m->nalloc_calls == m->fail_alloc)
		return NULL;
	for (u32 i = 0; i < AMDVI_MODEL_ALLOCS; i++) {
		struct amdvi_model_alloc *a = &m->allocs[i];
		if (a->va)
			continue;
		a->va = aligned_alloc(4096, (size_t)npages * 4096);
		if (!a->va)
			return NULL;
		memset(a->va, 0, (size_t)npages * 4096);
		u64 al = (u64)align_pages * 4096;
		m->next_hpa = (m->next_hpa + al - 1) & ~(al - 1);
		a->hpa = m->next_hpa;
		a->npages = npages;
		m->next_hpa += (u64)npages * 4096 + 4096; /* a hole between allocations */
		*hpa = a->hpa;
		return a->va;
	}
	return NULL;
}

static void mfree(void *ctx, void *va, u64 hpa, u32 npages)
{
	struct amdvi_model *m = ctx;
	for (u32 i = 0; i < AMDVI_MODEL_ALLOCS; i++) {
		struct amdvi_model_alloc *a = &m->allocs[i];
		if (a->va == va && a->hpa == hpa && a->npages == npages) {
			free(a->va);
			a->va = NULL;
			return;
		}
	}
	abort(); /* freeing what was never allocated: a driver bug */
}

static u64 now_us(void *ctx)
{
	return ((struct amdvi_model *)ctx)->now;
}

static void relax(void *ctx)
{
	struct amdvi_model *m = ctx;
	m->now++;
	run_commands(m);
}

void amdvi_model_init(struct amdvi_model *m)
{
	memset(m, 0, sizeof(*m));
	m->env = (struct iommu_env){.ctx = m,
				    .rd32 = rd32,
				    .rd64 = rd64,
				    .wr32 = wr32,
				    .wr64 = wr64,
				    .alloc = alloc,
				    .free = mfree,
				    .now_us = now_us,
				    .relax = relax};
	m->per_relax = 1;
	m->next_hpa = 0x10000000ull;
	m->now = 1000;
	amdvi_model_set_reg(m, AMDVI_MMIO_EFR, AMDVI_EFR_IA_SUP);
}

void amdvi_model_fini(struct amdvi_model *m)
{
	for (u32 i = 0; i < AMDVI_MODEL_ALLOCS; i++) {
		free(m->allocs[i].va);
		m->allocs[i].va = NULL;
	}
}

bool amdvi_model_post_event(struct amdvi_model *m, const u8 entry[16])
{
	u64 st = amdvi_model_reg(m, AMDVI_MMIO_STATUS);
	u64 base = amdvi_model_reg(m, AMDVI_MMIO_EVT_LOG_BASE);
	u32 size = ring_bytes(base);
	u8 *log = amdvi_model_va(m, base & AMDVI_RING_BASE_ADDR, size);
	if (!(st & AMDVI_STATUS_EVT_LOG_RUN) || !size || !log)
		return false;
	u32 head = (u32)(amdvi_model_reg(m, AMDVI_MMIO_EVT_LOG_HEAD) & AMDVI_RING_PTR);
	u32 tail = (u32)(amdvi_model_reg(m, AMDVI_MMIO_EVT_LOG_TAIL) & AMDVI_RING_PTR);
	u32 next = (tail + AMDVI_RING_ENTRY) % size;
	if (next == head || tail >= size) {
		st |= AMDVI_STATUS_EVT_OVERFLOW;
		st &= ~AMDVI_STATUS_EVT_LOG_RUN;
		amdvi_model_set_reg(m, AMDVI_MMIO_STATUS, st);
		return false;
	}
	memcpy(log + tail, entry, 16);
	amdvi_model_set_reg(m, AMDVI_MMIO_EVT_LOG_TAIL, next);
	return true;
}
