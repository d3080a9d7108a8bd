/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The AMD-Vi unit driver (docs/iommu.md, "AMD-Vi unit driver"): one
 * IOMMU unit brought up default-deny (every requester ID valid, no DMA
 * permission, interrupts blocked), devices attached to and blocked from
 * I/O page-table domains, IOTLB flushes with completion waits, and the
 * event log drained into struct iommu_fault records. Spec: AMD I/O
 * Virtualization Technology (IOMMU) Specification #48882 (registers
 * §3.4, device table §2.2.2, commands §2.4, event log §2.5).
 *
 * Everything outside the driver comes through struct iommu_env
 * (iommu_env.h), so the same code runs in the hypervisor and against the
 * host model in tests/unit/amdvi_model.c. Not called at boot yet (the
 * lead wires it, issue 11).
 *
 * Trust: the unit's registers and what it writes (command head pointer,
 * semaphore, event log) are read under masks and bounded: a unit that
 * stops answering is PP_ETIMEOUT within IOMMU_TIMEOUT_US, never a hang,
 * and the driver stays usable. Arguments come from the hypervisor and are
 * checked; a refused argument changes nothing. Not reentrant: one caller
 * per unit at a time (the caller's lock).
 */
#ifndef PARAPET_HV_AMDVI_H
#define PARAPET_HV_AMDVI_H

#include "hypervisor/drivers/iommu/amdvi_dte.h"
#include "hypervisor/drivers/iommu/amdvi_irte.h"
#include "hypervisor/drivers/iommu/iommu_env.h"

/* Table sizes: the device table covers all 65536 requester IDs of the
 * segment (32 bytes each, 2 MiB); the command buffer and the event log
 * are 4 KiB rings of 256 16-byte entries (length code 8, the minimum). */
#define AMDVI_DEV_TABLE_ENTRIES 65536u
#define AMDVI_DEV_TABLE_PAGES (AMDVI_DEV_TABLE_ENTRIES * 32u / 4096u)
#define AMDVI_CMD_LEN 8u
#define AMDVI_EVT_LEN 8u
#define AMDVI_CMD_BYTES (16u << AMDVI_CMD_LEN)
#define AMDVI_EVT_BYTES (16u << AMDVI_EVT_LEN)

/* What the lead prints and the bench measures. */
struct amdvi_stats {
	u64 cmds;	   /* commands written to the ring */
	u64 waits;	   /* COMPLETION_WAITs issued */
	u64 timeouts;	   /* waits for ring space or for a completion that gave up */
	u64 ring_full;	   /* submissions that found the ring full and waited */
	u64 wait_us_total; /* time in completed waits */
	u64 wait_us_max;
	u64 events;    /* event log entries drained */
	u64 overflows; /* event log overflows seen */
};

struct amdvi {
	const struct iommu_env *env;
	u64 base;     /* register base (MMIO) */
	u64 efr;      /* Extended Feature Register at init */
	bool inv_all; /* EFR IASup: INVALIDATE_IOMMU_ALL is available */
	bool adopted; /* dev_table is the secure loader's (amdvi_adopt): never freed */

	struct amdvi_dte *dev_table; /* AMDVI_DEV_TABLE_ENTRIES entries */
	u64 dev_table_hpa;
	u8 *cmd; /* command ring, AMDVI_CMD_BYTES */
	u64 cmd_hpa;
	u32 cmd_tail; /* byte offset of the next free slot */
	u8 *evt;      /* event log, AMDVI_EVT_BYTES */
	u64 evt_hpa;
	u32 evt_head;	   /* byte offset of the next entry to read */
	volatile u64 *sem; /* COMPLETION_WAIT store target (its own page) */
	u64 sem_hpa;
	u64 seq;   /* last value a COMPLETION_WAIT was asked to store */
	void *irt; /* zeroed interrupt remapping table of every entry */
	u64 irt_hpa;

	struct amdvi_stats st;
};

/*
 * Bring the unit at `base` up default-deny: tables allocated and every
 * DTE the deny entry (amdvi_dte_deny, domain 0); bases programmed;
 * CmdBufEn, EventLogEn and IommuEn set (interrupts off: the driver
 * polls); the unit's caches invalidated; a COMPLETION_WAIT. A unit found
 * enabled is disabled first. PP_EINVAL (base), PP_EDEVICE (the unit reads
 * all-ones), PP_ENOMEM, PP_ETIMEOUT (it did not stop, or did not
 * complete). Before the unit is enabled a failure frees everything; after
 * it, the tables stay allocated (the unit may read them) and *u usable.
 */
int amdvi_init(struct amdvi *u, const struct iommu_env *env, u64 base, struct pp_err *err);

/*
 * Take over the unit at `base` that the secure loader left enabled and
 * blocking every requester (docs/iommu.md, "Takeover"), without ever
 * clearing IommuEn: check the Device Table Base register names dt_hpa
 * (dt: its virtual address; the table is not the driver's and never
 * freed) with 2 MiB and the unit is on; write every DTE the deny entry
 * again (naming the driver's interrupt table); move the command buffer
 * and event log to the driver's own pages (CmdBufEn and EventLogEn
 * toggled); invalidate all; wait. PP_EINVAL (base, dt), PP_EDEVICE (the
 * unit is not as the handoff says: nothing changed), PP_ENOMEM,
 * PP_ETIMEOUT. A failure before any entry was rewritten frees what was
 * allocated; after it, the pages stay (the unit may read them).
 */
int amdvi_adopt(struct amdvi *u, const struct iommu_env *env, u64 base, struct amdvi_dte *dt,
		u64 dt_hpa, struct pp_err *err);

/*
 * Translate requester `rid` through the tree at root_hpa (depth 4 or 5
 * levels, amdvi_mode_for_depth) tagged with `domain` (>= 1; 0 is the deny
 * entries'), IR = IW = 1, interrupts still blocked; invalidate the DTE and
 * the domain's pages; wait. PP_EINVAL (domain 0, root, depth: the entry
 * is unchanged), PP_ETIMEOUT (the entry is written; the invalidation may
 * not have happened yet).
 */
int amdvi_attach(struct amdvi *u, u16 rid, u16 domain, u64 root_hpa, u32 depth, struct pp_err *err);

/* Back to the deny entry; invalidate it; wait. PP_ETIMEOUT as above. */
int amdvi_block(struct amdvi *u, u16 rid, struct pp_err *err);

/* INVALIDATE_IOMMU_PAGES for all of `domain` and wait: page-table memory
 * the domain no longer references may be freed only after PP_OK. */
int amdvi_flush_domain(struct amdvi *u, u16 domain, struct pp_err *err);

/*
 * Interrupt remapping (§2.2.5, amdvi_irte.h). amdvi_intr_table: requester
 * `rid`'s interrupts through its own table at table_hpa (AMDVI_IRT_ENTRIES
 * basic-format entries; the caller zeroed it, so every entry blocks):
 * word 2 of its DTE (one aligned 64-bit store: IV, IntTabLen, root,
 * IntCtl remapped), then INVALIDATE_DEVTAB_ENTRY, INVALIDATE_INTERRUPT_
 * TABLE and a wait. amdvi_block (or amdvi_attach) puts the deny word
 * back. amdvi_irte_set: entry `index` of that table (its mapping `table`)
 * to `irte` (one aligned 32-bit store), INVALIDATE_INTERRUPT_TABLE for
 * rid, wait: after PP_OK the unit uses the new entry only. PP_EINVAL
 * (table, index: nothing written), PP_ETIMEOUT (written; the
 * invalidation may not have happened yet).
 */
int amdvi_intr_table(struct amdvi *u, u16 rid, u64 table_hpa, struct pp_err *err);
/* A Linux partition's device (docs/linux-partition.md, "An assigned NIC"):
 * the direct table amdvi_irt_direct(table, first, apic_id) written through
 * its mapping `table`, then amdvi_intr_table(rid, table_hpa). PP_EINVAL:
 * first or apic_id refused (nothing written), or table_hpa refused (the
 * table written, the DTE not); PP_ETIMEOUT as amdvi_intr_table. */
int amdvi_intr_direct(struct amdvi *u, u16 rid, u32 *table, u64 table_hpa, u32 first, u32 apic_id,
		      struct pp_err *err);
int amdvi_irte_set(struct amdvi *u, u16 rid, volatile u32 *table, u32 index, u32 irte,
		   struct pp_err *err);

/*
 * Hand every event log entry between the head and the unit's tail to fn,
 * decoded (amdvi_evt_decode; an entry it refuses as a record with the raw
 * code and AMDVI_FAULT_UNDECODED), and advance the head. An overflow
 * (Status EventOverflow) is reported after the entries as a record with
 * code 0 and AMDVI_FAULT_OVERFLOW, cleared, and logging restarted.
 * Bounded: at most one ring's worth of entries per call. Returns the
 * number of records handed to fn.
 */
u32 amdvi_drain(struct amdvi *u, void (*fn)(void *ctx, const struct iommu_fault *f), void *ctx);

#endif
