// SPDX-License-Identifier: GPL-2.0-only
/*
 * AMD-Vi unit driver (amdvi.h): bring-up default-deny, attach/block,
 * domain flush, event log drain. Register and memory access only through
 * the injected struct iommu_env; commands through amdvi_cmd.c; entries
 * decoded by amdvi_evt.c.
 */
#include <parapet/acpi.h>
#include <parapet/string.h>
#include "hypervisor/drivers/iommu/amdvi.h"
#include "hypervisor/drivers/iommu/amdvi_cmd.h"
#include "hypervisor/drivers/iommu/amdvi_evt.h"
#include "hypervisor/drivers/iommu/amdvi_fmt.h"
#include "hypervisor/drivers/iommu/amdvi_regs.h"

static u64 rd(const struct amdvi *u, u32 off)
{
	return u->env->rd64(u->env->ctx, u->base, off);
}

static void wr(const struct amdvi *u, u32 off, u64 v)
{
	u->env->wr64(u->env->ctx, u->base, off, v);
}

/*
 * A unit already enabled (by firmware, or by an earlier stage of the
 * launch) is disabled first: the base registers may only be written with
 * the unit (device table) or the ring (command buffer, event log)
 * disabled. The command buffer and the event log stop first (their Run
 * bits clear), then IommuEn. Between this and the enable in amdvi_init
 * the unit does not translate; the window is a few register writes on
 * the boot CPU, before any partition or device is started (docs/iommu.md).
 */
static int disable(struct amdvi *u, struct pp_err *err)
{
	const struct iommu_env *e = u->env;
	u64 ctl = rd(u, AMDVI_MMIO_CONTROL);
	if (!(ctl & AMDVI_CONTROL_OWNED))
		return PP_OK;
	wr(u, AMDVI_MMIO_CONTROL,
	   ctl & ~(AMDVI_CONTROL_OWNED & ~AMDVI_CONTROL_IOMMU_EN)); /* rings and interrupts off */
	u64 t0 = e->now_us(e->ctx);
	while (rd(u, AMDVI_MMIO_STATUS) & (AMDVI_STATUS_CMD_BUF_RUN | AMDVI_STATUS_EVT_LOG_RUN)) {
		if (e->now_us(e->ctx) - t0 >= IOMMU_TIMEOUT_US)
			return pp_fail(err, PP_ETIMEOUT,
				       "amdvi 0x%llx: command buffer or event log still running %u "
				       "us after disable (status 0x%llx)",
				       (unsigned long long)u->base, IOMMU_TIMEOUT_US,
				       (unsigned long long)rd(u, AMDVI_MMIO_STATUS));
		e->relax(e->ctx);
	}
	wr(u, AMDVI_MMIO_CONTROL, ctl & ~AMDVI_CONTROL_OWNED);
	return PP_OK;
}

static void release(struct amdvi *u)
{
	const struct iommu_env *e = u->env;
	if (u->sem)
		e->free(e->ctx, (void *)(uintptr_t)u->sem, u->sem_hpa, 1);
	if (u->irt)
		e->free(e->ctx, u->irt, u->irt_hpa, 1);
	if (u->evt)
		e->free(e->ctx, u->evt, u->evt_hpa, 1);
	if (u->cmd)
		e->free(e->ctx, u->cmd, u->cmd_hpa, 1);
	if (u->dev_table && !u->adopted) /* an adopted table is the SL's, not ours */
		e->free(e->ctx, u->dev_table, u->dev_table_hpa, AMDVI_DEV_TABLE_PAGES);
	u->sem = NULL;
	u->irt = NULL;
	u->evt = u->cmd = NULL;
	u->dev_table = NULL;
}

static int alloc_all(struct amdvi *u, struct pp_err *err)
{
	const struct iommu_env *e = u->env;
	if (!u->adopted)
		u->dev_table = e->alloc(e->ctx, AMDVI_DEV_TABLE_PAGES, 1, &u->dev_table_hpa);
	u->cmd = e->alloc(e->ctx, 1, 1, &u->cmd_hpa);
	u->evt = e->alloc(e->ctx, 1, 1, &u->evt_hpa);
	u->irt = e->alloc(e->ctx, 1, 1, &u->irt_hpa);
	u->sem = e->alloc(e->ctx, 1, 1, &u->sem_hpa);
	if ((u->adopted || u->dev_table) && u->cmd && u->evt && u->irt && u->sem)
		return PP_OK;
	release(u);
	return pp_fail(err, PP_ENOMEM,
		       "amdvi 0x%llx: cannot allocate the device table (%u pages), rings and "
		       "semaphore",
		       (unsigned long long)u->base, AMDVI_DEV_TABLE_PAGES);
}

/* Write a device table entry so the unit, reading it at any moment, sees
 * either a deny entry or the whole new one: word 0 holds V, TV, Mode, the
 * root and IR/IW, and with Mode 0 and IR = IW = 0 the entry denies
 * whatever words 1..3 say. So: word 0 to deny (V, TV only), then words
 * 3, 2, 1, then word 0 to its new value, each a single aligned 64-bit
 * store (volatile: not split, not merged, not reordered). */
static void write_dte(struct amdvi *u, u16 rid, const struct amdvi_dte *n)
{
	volatile u64 *q = u->dev_table[rid].q;
	q[0] = AMDVI_DTE_V_MASK | AMDVI_DTE_TV_MASK;
	amdvi_wmb();
	q[3] = n->q[3];
	q[2] = n->q[2];
	q[1] = n->q[1];
	amdvi_wmb();
	q[0] = n->q[0];
	amdvi_wmb();
}

/* Empty the unit's caches after enabling it on new tables. With IASup,
 * one INVALIDATE_IOMMU_ALL. Without it, every requester ID's DTE and
 * interrupt table, and domain 0's pages: every entry now names domain 0
 * and denies, and attach flushes the domain it installs, so cached
 * translations of other domain IDs can never be reached. */
static int invalidate_everything(struct amdvi *u, struct pp_err *err)
{
	struct amdvi_cmd c;
	int rc;
	if (u->inv_all) {
		amdvi_cmd_inv_all(&c);
		return amdvi_cmd_submit(u, &c, err);
	}
	for (u32 rid = 0; rid < AMDVI_DEV_TABLE_ENTRIES; rid++) {
		amdvi_cmd_inv_devtab(&c, (u16)rid);
		if ((rc = amdvi_cmd_submit(u, &c, err)))
			return rc;
		amdvi_cmd_inv_irt(&c, (u16)rid);
		if ((rc = amdvi_cmd_submit(u, &c, err)))
			return rc;
	}
	amdvi_cmd_inv_domain(&c, 0);
	return amdvi_cmd_submit(u, &c, err);
}

/* The command buffer and event log at their bases, both empty, their
 * status bits cleared (§3.4: the base registers, head and tail, Status);
 * call with CmdBufEn and EventLogEn clear. */
static void program_rings(struct amdvi *u)
{
	wr(u, AMDVI_MMIO_CMD_BUF_BASE,
	   (u->cmd_hpa & AMDVI_RING_BASE_ADDR) | ((u64)AMDVI_CMD_LEN << AMDVI_RING_BASE_LEN_SHIFT));
	wr(u, AMDVI_MMIO_EVT_LOG_BASE,
	   (u->evt_hpa & AMDVI_RING_BASE_ADDR) | ((u64)AMDVI_EVT_LEN << AMDVI_RING_BASE_LEN_SHIFT));
	wr(u, AMDVI_MMIO_CMD_BUF_HEAD, 0);
	wr(u, AMDVI_MMIO_CMD_BUF_TAIL, 0);
	wr(u, AMDVI_MMIO_EVT_LOG_HEAD, 0);
	wr(u, AMDVI_MMIO_EVT_LOG_TAIL, 0);
	wr(u, AMDVI_MMIO_STATUS,
	   AMDVI_STATUS_EVT_OVERFLOW | AMDVI_STATUS_EVT_LOG_INT | AMDVI_STATUS_COM_WAIT_INT);
}

int amdvi_init(struct amdvi *u, const struct iommu_env *env, u64 base, struct pp_err *err)
{
	int rc;
	memset(u, 0, sizeof(*u));
	u->env = env;
	u->base = base;
	if (base == 0 || !PP_IS_ALIGNED(base, PP_PAGE_SIZE))
		return pp_fail(err, PP_EINVAL,
			       "amdvi: register base 0x%llx is zero or not 4 KiB aligned",
			       (unsigned long long)base);
	u->efr = rd(u, AMDVI_MMIO_EFR);
	if (u->efr == ~0ull)
		return pp_fail(err, PP_EDEVICE, "amdvi 0x%llx: EFR reads all-ones (no device)",
			       (unsigned long long)base);
	u->inv_all = (u->efr & AMDVI_EFR_IA_SUP) != 0;
	if ((rc = alloc_all(u, err)))
		return rc;
	for (u32 i = 0; i < AMDVI_DEV_TABLE_ENTRIES; i++)
		if ((rc = amdvi_dte_deny(&u->dev_table[i], 0, u->irt_hpa, err)))
			goto unwind;
	if ((rc = disable(u, err)))
		goto unwind;

	u64 ctl = rd(u, AMDVI_MMIO_CONTROL);
	wr(u, AMDVI_MMIO_DEV_TABLE_BASE,
	   (u->dev_table_hpa & AMDVI_DEV_TABLE_BASE_ADDR) | (AMDVI_DEV_TABLE_PAGES - 1));
	program_rings(u);
	amdvi_wmb(); /* the tables before the enable */
	wr(u, AMDVI_MMIO_CONTROL,
	   (ctl & ~AMDVI_CONTROL_OWNED) | AMDVI_CONTROL_CMD_BUF_EN | AMDVI_CONTROL_EVT_LOG_EN |
	       AMDVI_CONTROL_IOMMU_EN);
	/* Enabled: from here on the tables stay (the unit may read them). */
	if ((rc = invalidate_everything(u, err)))
		return rc;
	return amdvi_cmd_wait(u, err);

unwind:
	release(u);
	return rc;
}

/*
 * Take over a unit the secure loader left on (docs/iommu.md, "Takeover"):
 * IommuEn is never cleared, so the unit never stops translating. Its
 * device table stays where the SL put it (launch memory, never in the
 * allocator); the command buffer and event log move to the driver's own
 * pages, which needs only CmdBufEn and EventLogEn cleared (§3.4: their
 * base registers are written with the ring disabled, the device table's
 * with the unit disabled, which is why the table is kept).
 */
int amdvi_adopt(struct amdvi *u, const struct iommu_env *env, u64 base, struct amdvi_dte *dt,
		u64 dt_hpa, struct pp_err *err)
{
	int rc;
	memset(u, 0, sizeof(*u));
	u->env = env;
	u->base = base;
	u->adopted = true;
	if (base == 0 || !PP_IS_ALIGNED(base, PP_PAGE_SIZE) || !dt)
		return pp_fail(err, PP_EINVAL, "amdvi: adopt at 0x%llx: bad base or no table",
			       (unsigned long long)base);
	u->efr = rd(u, AMDVI_MMIO_EFR);
	u64 dtb = rd(u, AMDVI_MMIO_DEV_TABLE_BASE), ctl = rd(u, AMDVI_MMIO_CONTROL);
	if (u->efr == ~0ull || !(ctl & AMDVI_CONTROL_IOMMU_EN) ||
	    (dtb & AMDVI_DEV_TABLE_BASE_ADDR) != dt_hpa ||
	    (dtb & AMDVI_DEV_TABLE_BASE_SIZE) != AMDVI_DEV_TABLE_PAGES - 1)
		return pp_fail(err, PP_EDEVICE,
			       "amdvi 0x%llx: not the unit the secure loader left: control "
			       "0x%llx, device table base 0x%llx (expected on, 0x%llx, %u pages)",
			       (unsigned long long)base, (unsigned long long)ctl,
			       (unsigned long long)dtb, (unsigned long long)dt_hpa,
			       AMDVI_DEV_TABLE_PAGES);
	u->inv_all = (u->efr & AMDVI_EFR_IA_SUP) != 0;
	if ((rc = alloc_all(u, err)))
		return rc;
	u->dev_table = dt; /* after alloc_all: never allocated, never freed */
	u->dev_table_hpa = dt_hpa;
	/* Every entry deny again, now naming the driver's interrupt table:
	 * write_dte keeps each one denying at every moment. */
	struct amdvi_dte n;
	if ((rc = amdvi_dte_deny(&n, 0, u->irt_hpa, err)))
		goto unwind;
	for (u32 i = 0; i < AMDVI_DEV_TABLE_ENTRIES; i++)
		write_dte(u, (u16)i, &n);

	/* The rings: stop them (IommuEn stays), move them, start them. */
	wr(u, AMDVI_MMIO_CONTROL, ctl & ~(AMDVI_CONTROL_CMD_BUF_EN | AMDVI_CONTROL_EVT_LOG_EN));
	const struct iommu_env *e = u->env;
	u64 t0 = e->now_us(e->ctx);
	while (rd(u, AMDVI_MMIO_STATUS) & (AMDVI_STATUS_CMD_BUF_RUN | AMDVI_STATUS_EVT_LOG_RUN)) {
		if (e->now_us(e->ctx) - t0 >= IOMMU_TIMEOUT_US) {
			rc = pp_fail(err, PP_ETIMEOUT,
				     "amdvi 0x%llx: command buffer or event log still running %u "
				     "us after stop (status 0x%llx)",
				     (unsigned long long)base, IOMMU_TIMEOUT_US,
				     (unsigned long long)rd(u, AMDVI_MMIO_STATUS));
			return rc; /* the entries name the driver's IRT: it stays */
		}
		e->relax(e->ctx);
	}
	program_rings(u);
	amdvi_wmb();
	wr(u, AMDVI_MMIO_CONTROL,
	   (ctl & ~(AMDVI_CONTROL_OWNED & ~AMDVI_CONTROL_IOMMU_EN)) | AMDVI_CONTROL_CMD_BUF_EN |
	       AMDVI_CONTROL_EVT_LOG_EN);
	/* The rings now point at the driver's pages: they stay. */
	if ((rc = invalidate_everything(u, err)))
		return rc;
	return amdvi_cmd_wait(u, err);

unwind:
	release(u);
	return rc;
}

/* A call after a failed amdvi_init that freed the tables. */
static int not_ready(const struct amdvi *u, struct pp_err *err)
{
	return pp_fail(err, PP_EINVAL, "amdvi 0x%llx: unit not initialised",
		       (unsigned long long)u->base);
}

int amdvi_attach(struct amdvi *u, u16 rid, u16 domain, u64 root_hpa, u32 depth, struct pp_err *err)
{
	struct amdvi_dte n;
	struct amdvi_cmd c;
	int rc;
	if (!u->dev_table)
		return not_ready(u, err);
	if (domain == 0)
		return pp_fail(err, PP_EINVAL,
			       "amdvi 0x%llx: attach of %04x: domain 0 is the deny entries'",
			       (unsigned long long)u->base, rid);
	if (depth != 4 && depth != 5)
		return pp_fail(err, PP_EINVAL,
			       "amdvi 0x%llx: attach of %04x: depth %u is not 4 or 5",
			       (unsigned long long)u->base, rid, depth);
	if ((rc = amdvi_dte_translate(&n, domain, root_hpa, amdvi_mode_for_depth(depth), u->irt_hpa,
				      err)))
		return rc;
	write_dte(u, rid, &n);
	amdvi_cmd_inv_devtab(&c, rid);
	if ((rc = amdvi_cmd_submit(u, &c, err)))
		return rc;
	amdvi_cmd_inv_domain(&c, domain);
	if ((rc = amdvi_cmd_submit(u, &c, err)))
		return rc;
	return amdvi_cmd_wait(u, err);
}

int amdvi_block(struct amdvi *u, u16 rid, struct pp_err *err)
{
	struct amdvi_dte n;
	struct amdvi_cmd c;
	if (!u->dev_table)
		return not_ready(u, err);
	int rc = amdvi_dte_deny(&n, 0, u->irt_hpa, err);
	if (rc)
		return rc;
	write_dte(u, rid, &n);
	amdvi_cmd_inv_devtab(&c, rid);
	if ((rc = amdvi_cmd_submit(u, &c, err)))
		return rc;
	return amdvi_cmd_wait(u, err);
}

int amdvi_flush_domain(struct amdvi *u, u16 domain, struct pp_err *err)
{
	struct amdvi_cmd c;
	if (!u->dev_table)
		return not_ready(u, err);
	amdvi_cmd_inv_domain(&c, domain);
	int rc = amdvi_cmd_submit(u, &c, err);
	if (rc)
		return rc;
	return amdvi_cmd_wait(u, err);
}

int amdvi_intr_table(struct amdvi *u, u16 rid, u64 table_hpa, struct pp_err *err)
{
	struct amdvi_cmd c;
	u64 w2;
	if (!u->dev_table)
		return not_ready(u, err);
	int rc = amdvi_irte_dte_word2(&w2, table_hpa, AMDVI_IRT_LEN_LOG2, err);
	if (rc)
		return rc;
	/* Word 2 alone holds every interrupt field: one store switches the
	 * entry from "abort" (the deny word) to "remap through the table". */
	u->dev_table[rid].q[AMDVI_DTE_IV_W] = w2;
	amdvi_wmb();
	amdvi_cmd_inv_devtab(&c, rid);
	if ((rc = amdvi_cmd_submit(u, &c, err)))
		return rc;
	amdvi_cmd_inv_irt(&c, rid);
	if ((rc = amdvi_cmd_submit(u, &c, err)))
		return rc;
	return amdvi_cmd_wait(u, err);
}

int amdvi_intr_direct(struct amdvi *u, u16 rid, u32 *table, u64 table_hpa, u32 first, u32 apic_id,
		      struct pp_err *err)
{
	if (!u->dev_table)
		return not_ready(u, err);
	if (!table)
		return pp_fail(err, PP_EINVAL, "amdvi 0x%llx: direct table of %04x: no table",
			       (unsigned long long)u->base, rid);
	int rc = amdvi_irt_direct(table, first, apic_id, err);
	if (rc)
		return rc;
	/* the table is complete before the DTE points at it (§2.2.5) */
	amdvi_wmb();
	return amdvi_intr_table(u, rid, table_hpa, err);
}

int amdvi_irte_set(struct amdvi *u, u16 rid, volatile u32 *table, u32 index, u32 irte,
		   struct pp_err *err)
{
	struct amdvi_cmd c;
	if (!u->dev_table)
		return not_ready(u, err);
	if (!table || index >= AMDVI_IRT_ENTRIES)
		return pp_fail(err, PP_EINVAL,
			       "amdvi 0x%llx: interrupt entry %u of %04x: no table or index "
			       "not below %u",
			       (unsigned long long)u->base, index, rid, AMDVI_IRT_ENTRIES);
	table[index] = irte;
	amdvi_wmb();
	amdvi_cmd_inv_irt(&c, rid);
	int rc = amdvi_cmd_submit(u, &c, err);
	if (rc)
		return rc;
	return amdvi_cmd_wait(u, err);
}

/* After an overflow the unit has stopped logging (EventLogRun clear):
 * clear EventOverflow, and restart the log empty (head = tail = 0 may
 * only be written with EventLogEn clear). */
static void restart_log(struct amdvi *u)
{
	u64 ctl = rd(u, AMDVI_MMIO_CONTROL);
	wr(u, AMDVI_MMIO_STATUS, AMDVI_STATUS_EVT_OVERFLOW);
	wr(u, AMDVI_MMIO_CONTROL, ctl & ~AMDVI_CONTROL_EVT_LOG_EN);
	wr(u, AMDVI_MMIO_EVT_LOG_HEAD, 0);
	wr(u, AMDVI_MMIO_EVT_LOG_TAIL, 0);
	u->evt_head = 0;
	wr(u, AMDVI_MMIO_CONTROL, ctl | AMDVI_CONTROL_EVT_LOG_EN);
}

u32 amdvi_drain(struct amdvi *u, void (*fn)(void *ctx, const struct iommu_fault *f), void *ctx)
{
	if (!u->evt)
		return 0;
	/* Status before the tail: an overflow seen here stopped the log, so
	 * the tail read next is final and restart_log loses nothing. */
	bool overflow = (rd(u, AMDVI_MMIO_STATUS) & AMDVI_STATUS_EVT_OVERFLOW) != 0;
	/* Modulo the ring, as the command head (amdvi_cmd.c): nothing is read
	 * outside the log whatever the register says. */
	u32 tail = (u32)((rd(u, AMDVI_MMIO_EVT_LOG_TAIL) & AMDVI_RING_PTR) % AMDVI_EVT_BYTES);
	u32 n = 0;
	struct iommu_fault f;
	while (u->evt_head != tail && n < AMDVI_EVT_BYTES / AMDVI_EVT_SIZE) {
		const u8 *e = u->evt + u->evt_head;
		if (amdvi_evt_decode(e, &f, NULL) != PP_OK) {
			f = (struct iommu_fault){.unit_type = ACPI_IOMMU_AMDVI,
						 .code = e[7] >> 4,
						 .flags = AMDVI_FAULT_UNDECODED};
		}
		fn(ctx, &f);
		n++;
		u->evt_head = (u->evt_head + AMDVI_EVT_SIZE) % AMDVI_EVT_BYTES;
	}
	if (n)
		wr(u, AMDVI_MMIO_EVT_LOG_HEAD, u->evt_head);
	u->st.events += n;
	if (overflow) {
		restart_log(u);
		u->st.overflows++;
		f = (struct iommu_fault){
		    .unit_type = ACPI_IOMMU_AMDVI, .code = 0, .flags = AMDVI_FAULT_OVERFLOW};
		fn(ctx, &f);
		n++;
	}
	return n;
}
